import { catalogs, type Lang } from './catalog/index.js';

export type { Lang };
export type Params = Record<string, string | number | boolean | null | undefined>;

/** Translate a message key. Placeholders are `{name}`; numbers are printed as given (in vi with a decimal comma). */
export type Formatter = ((key: string, params?: Params) => string) & { lang: Lang; has(key: string): boolean };

export function formatMessage(template: string, params: Params = {}, lang: Lang = 'en'): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined || v === null) return whole;
    // Vietnamese writes the decimal separator as a comma and groups thousands with a dot, so
    // "≥ 1.875 Mbit/s" reads as 1875 to a Vietnamese technician: write fractions with a comma.
    // Integers stay as given (no grouping: ports, years and counts must print unchanged).
    if (lang === 'vi' && typeof v === 'number' && !Number.isInteger(v)) return String(v).replace('.', ',');
    return String(v);
  });
}

export function createFormatter(lang: Lang): Formatter {
  const primary = catalogs[lang];
  const fallback = catalogs.en;
  const t = ((key: string, params?: Params) => {
    const template = primary[key] ?? fallback[key];
    // A missing key is a bug, but the user must still see something useful: the key itself.
    return template === undefined ? key : formatMessage(template, params, lang);
  }) as Formatter;
  t.lang = lang;
  t.has = (key: string) => key in primary || key in fallback;
  return t;
}

/** Language from --lang, else LC_ALL / LC_MESSAGES / LANG: Vietnamese when it starts with `vi`. */
export function detectLang(explicit?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  if (explicit === 'vi' || explicit === 'en') return explicit;
  const loc = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return loc.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

/** Placeholder names used in a template, sorted — the catalog test compares these across languages. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}
