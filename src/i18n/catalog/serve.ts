// Messages of the serve area. Keys are prefixed by area or check id; see GLOSSARY.md for Vietnamese terms.
export const en: Record<string, string> = {};

export const vi: Record<string, string> = {};
