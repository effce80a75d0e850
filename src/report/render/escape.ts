// Escaping for the markup renderers (HTML, SVG, JUnit XML). One place, so every value goes
// through the same rules: characters XML 1.0 forbids are removed, markup characters become entities.

/** Characters XML 1.0 does not allow anywhere (C0 controls but TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const stripForbidden = (s: string): string => s.replace(FORBIDDEN, '');

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape for text content and for quoted attribute values alike. */
export function escapeText(value: unknown): string {
  return stripForbidden(String(value ?? '')).replace(/[&<>"']/g, (c) => ENTITY[c]);
}

/** Attribute values additionally keep their newlines and tabs (parsers would fold them to spaces). */
export function escapeAttr(value: unknown): string {
  return escapeText(value).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** Markup that is already safe: produced by `markup` below or by a chart builder. */
export class Safe {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export const raw = (s: string): Safe => new Safe(s);

type Piece = Safe | string | number | boolean | null | undefined | Piece[];

function piece(v: Piece): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Safe) return v.value;
  if (Array.isArray(v)) return v.map(piece).join('');
  return escapeText(v);
}

/**
 * Tagged template for HTML/SVG/XML: every interpolated value is escaped unless it is `Safe`
 * (the result of another `markup` template). Arrays are joined; null/undefined/false vanish.
 * So an unescaped value can only enter through an explicit `raw()`.
 */
export function markup(strings: TemplateStringsArray, ...values: Piece[]): Safe {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1];
  return new Safe(out);
}
