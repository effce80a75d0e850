import { catalogs, type Lang } from './catalog/index.js';
import { offsetName, wallClock } from './time-zone.js';

export type { Lang };
export type Params = Record<string, string | number | boolean | null | undefined>;

/** Translate a message key. Placeholders are `{name}`; numbers are printed as given (in vi with a decimal comma). */
export type Formatter = ((key: string, params?: Params) => string) & { lang: Lang; has(key: string): boolean };

/**
 * Fill `{name}` placeholders. Numbers go through formatNumber (vi: 1.234,5). `{name:unit}` rounds
 * the number for that unit (decimalsFor) and prints the number only — the template writes the unit
 * itself; `{name:check}` prints the title of the check whose id is the value; `{name:key}` the
 * message whose key is the value, `{name:key:<prefix>}` the one at `<prefix>.<value>` (the word of
 * an id); `{name:list:<unit>}` a list (listParams), `{name:list:key}` a list of messages
 * (messageListParams). Values must arrive as numbers, never pre-formatted strings; ids that are
 * numbers (ports, years) are passed as strings.
 */
export function formatMessage(template: string, params: Params = {}, lang: Lang = 'en'): string {
  return template.replace(/\{(\w+)(?::([^}]+))?\}/g, (whole, name: string, unit?: string) => {
    // `{name:list:Hz}`: the list `name.0`, `name.1`, … (listParams), each with its unit, joined as
    // the language joins a list ("250 Hz, 1.000 Hz và 4.000 Hz"). Reports written before lists
    // were structured carry only the joined text in `name`: that is printed as it is.
    const list = unit === 'list' || unit?.startsWith('list:');
    if (list) {
      const items = listItems(params, name);
      // `{name:list:key}`: each item a message key with its own params (messageListParams)
      if (items.length && unit === 'list:key') return messageList(params, name, items, lang);
      if (items.length) return formatList(items, lang, unit!.slice(5));
    }
    const v = params[name];
    if (list) return v === undefined || v === null ? '?' : String(v);
    if (v === undefined || v === null) return unit === undefined ? whole : unit === 'detail' ? '' : '?';
    if (unit === 'check') return catalogs[lang][`check.title.${v}`] ?? catalogs.en[`check.title.${v}`] ?? String(v);
    // a device URI as people know the device (sim → "simulated", lavfi → "test pattern", a name)
    if (unit === 'device') return deviceLabel(String(v), lang);
    // a message key as the value (an explained error: src/i18n/system-errors.ts), with the same params;
    // `{name:key:<prefix>}`: the value is an id, the key is `<prefix>.<id>` (`{media:key:call.media}`)
    if (unit === 'key' || unit?.startsWith('key:')) {
      const key = unit === 'key' ? String(v) : `${unit.slice(4)}.${String(v)}`;
      return key in catalogs[lang] || key in catalogs.en
        ? formatMessage(catalogs[lang][key] ?? catalogs.en[key], params, lang)
        : String(v);
    }
    // raw text of an error, only ever as "(detail: …)"; nothing when there is none
    if (unit === 'detail')
      return v === ''
        ? ''
        : formatMessage(catalogs[lang]['err.detail'] ?? catalogs.en['err.detail'], { detail: String(v) }, lang);
    if (typeof v === 'number') return formatNumber(v, lang, unit ?? '');
    return String(v);
  });
}

/**
 * A list as message parameters: `name.0`, `name.1`, … — each item a number or an id, never
 * pre-formatted, so a report stays machine-readable (report params are scalars: the published
 * schema and older servers accept nothing else). Printed by `{name:list}` or `{name:list:<unit>}`.
 */
export function listParams(name: string, items: readonly (string | number)[]): Params {
  return Object.fromEntries(items.map((x, i) => [`${name}.${i}`, x]));
}

/**
 * A list of messages as parameters: `name.0` the first item's key, `name.0.<param>` its params, …
 * (report params are scalars). Printed by `{name:list:key}`: each item in the reader's language.
 */
export function messageListParams(name: string, items: readonly { key: string; params?: Params }[]): Params {
  const out: Params = {};
  items.forEach((m, i) => {
    out[`${name}.${i}`] = m.key;
    for (const [k, v] of Object.entries(m.params ?? {})) out[`${name}.${i}.${k}`] = v;
  });
  return out;
}

/** The items of `{name:list:key}`, each rendered with its own params, joined by "; " (items are clauses). */
function messageList(params: Params, name: string, keys: readonly (string | number)[], lang: Lang): string {
  return keys
    .map((key, i) => {
      const prefix = `${name}.${i}.`;
      const own: Params = {};
      for (const [k, v] of Object.entries(params)) if (k.startsWith(prefix)) own[k.slice(prefix.length)] = v;
      const template = catalogs[lang][String(key)] ?? catalogs.en[String(key)];
      return template === undefined ? String(key) : formatMessage(template, own, lang);
    })
    .join('; ');
}

function listItems(params: Params, name: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (let i = 0; ; i++) {
    const v = params[`${name}.${i}`];
    if (typeof v !== 'string' && typeof v !== 'number') return out;
    out.push(v);
  }
}

const LIST_FORMATS = new Map<string, Intl.ListFormat>();

/** Items joined as the language joins a list: vi "a, b và c", en "a, b, and c"; numbers with `unit`. */
export function formatList(items: readonly (string | number)[], lang: Lang, unit = ''): string {
  let lf = LIST_FORMATS.get(lang);
  if (!lf) {
    lf = new Intl.ListFormat(lang === 'vi' ? 'vi' : 'en', { style: 'long', type: 'conjunction' });
    LIST_FORMATS.set(lang, lf);
  }
  return lf.format(items.map((x) => (typeof x === 'number' ? formatValue(x, unit, lang) : x)));
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
  return [...new Set([...template.matchAll(/\{(\w+)(?::[^}]+)?\}/g)].map((m) => m[1]))].sort();
}

// ---- numbers, values and dates: the one formatter every human-facing output uses ----------------

/** `plain` is for machine-readable places (JUnit attributes): full precision, dot decimal, no grouping. */
export type NumberLang = Lang | 'plain' | (string & {});

/**
 * Decimal places for a value of `unit` whose magnitude is `abs`: what the measurement resolves and
 * a reader needs (a bitrate in kbit/s has no useful fraction; a sub-millisecond RTT has two places).
 */
export function decimalsFor(unit: string, abs: number): number {
  switch (unit) {
    case 'kbit/s':
    case 'Hz':
    case 'MiB':
    case 'KiB':
    case 'GiB':
    case 'px':
    case 'B':
    case 'count':
    case 'frames':
    case 'packets':
    case 'samples':
    case 'bool':
    case 'luma':
      return 0;
    case 'ms':
    case '%':
      return abs < 1 ? 2 : abs < 10 ? 1 : 0;
    case 's':
    case 'dB':
    case 'dBFS':
    case 'fps':
      return abs < 100 ? 1 : 0;
    case 'Mbit/s':
    case 'Gbit/s':
      return abs < 10 ? 2 : abs < 100 ? 1 : 0;
    case 'MOS':
      return 2;
    default:
      return abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  }
}

// Building an Intl.NumberFormat costs ~20 µs; a report formats hundreds of numbers.
const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

/**
 * A number for people: vi-VN writes 1.234,5 (dot groups from 1 000, decimal comma), en 1,234.5;
 * rounded for its unit (decimalsFor). `plain`: machine-readable, full precision.
 */
export function formatNumber(v: number, lang: NumberLang, unit = ''): string {
  if (lang === 'plain') return String(Number(v.toPrecision(6)));
  if (!Number.isFinite(v)) return '—';
  const digits = Number.isInteger(v) ? 0 : decimalsFor(unit, Math.abs(v));
  const key = `${lang}|${digits}`;
  let nf = NUMBER_FORMATS.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: digits, useGrouping: true });
    NUMBER_FORMATS.set(key, nf);
  }
  // -0 after rounding reads as a sign error
  const s = nf.format(v);
  return /^-0(?:[.,]0*)?$/.test(s) ? s.slice(1) : s;
}

/** Units printed without a unit word: counts and ratios. `bool` is printed as yes/no by the caller. */
const UNITLESS = new Set(['', 'count', 'ratio', 'bool']);

/**
 * A value with its unit, as people write it: `4,84 Mbit/s`, `48.000 Hz`, `12 %`. Units that are
 * words (frames, packets, samples) come from the catalog (`unit.<unit>`) in the reader's language;
 * `bool` reads as yes/no. `plain` (machine-readable places) keeps the unit id.
 */
export function formatValue(v: number | null | undefined, unit: string, lang: NumberLang): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const words = lang === 'vi' || lang === 'en' ? catalogs[lang as Lang] : undefined;
  if (unit === 'bool' && words) return words[v ? 'unit.bool.yes' : 'unit.bool.no'] ?? String(v);
  const n = formatNumber(v, lang, unit);
  if (UNITLESS.has(unit)) return n;
  const word = words?.[`unit.${unit}`] ?? unit;
  // a scale written as a fraction (luma `/255`) follows the number: 16/255
  return word.startsWith('/') ? `${n}${word}` : `${n} ${word}`;
}

/**
 * `ratio` metrics that are not a share of a whole: a load of 1,5 per CPU is not "150 %". Every
 * other `ratio` (black / frozen share of a capture, DC offset of full scale) is a share, 0…1.
 */
const NOT_A_SHARE = new Set(['host.loadPerCpu']);

/**
 * The unit a metric is shown in, and the factor from its measured unit: a share (`ratio`, 0…1)
 * reads as a percent (`0,03` → `3 %`), everything else as measured. Only for people: JSON,
 * JUnit properties and Nagios perfdata keep the measured value and unit.
 */
export function shownUnit(checkId: string, metricId: string, unit: string): { unit: string; scale: number } {
  return unit === 'ratio' && !NOT_A_SHARE.has(`${checkId}.${metricId}`)
    ? { unit: '%', scale: 100 }
    : { unit, scale: 1 };
}

/** A metric's value for people: {@link shownUnit}, then {@link formatValue}. */
export function formatMetricValue(
  v: number | null | undefined,
  metric: { checkId: string; id: string; unit: string },
  lang: NumberLang,
): string {
  const shown = shownUnit(metric.checkId, metric.id, metric.unit);
  return formatValue(v === null || v === undefined ? v : v * shown.scale, shown.unit, lang);
}

export interface DateOptions {
  /** Add :ss (report headers). */
  seconds?: boolean;
  /** The zone to show the time in (the Department's: Asia/Ho_Chi_Minh); default this computer's. */
  timeZone?: string;
  /** `false`: leave out the offset, where the page states its time zone once (the Department console). */
  zone?: boolean;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A point in time for people, in local time with its zone: vi `01/12/2026 08:05 (GMT+7)`,
 * en `2026-12-01 08:05 (GMT+7)`. No time at all (null) reads `—`; text that is no time, as it is.
 */
export function formatDate(
  when: string | number | Date | null | undefined,
  lang: Lang,
  opts: DateOptions = {},
): string {
  if (when === null || when === undefined) return '—';
  const ms = when instanceof Date ? when.getTime() : typeof when === 'number' ? when : Date.parse(when);
  if (!Number.isFinite(ms)) return String(when);
  const zone = opts.timeZone ?? localTimeZone();
  const w = wallClock(ms, zone);
  const time = `${pad2(w.h)}:${pad2(w.mi)}${opts.seconds ? `:${pad2(w.s)}` : ''}`;
  const at = `${formatDay(`${String(w.y).padStart(4, '0')}-${pad2(w.mo)}-${pad2(w.d)}`, lang)} ${time}`;
  return opts.zone === false ? at : `${at} (${offsetName(ms, zone)})`;
}

/** A calendar day `yyyy-mm-dd` for people: vi `01/12/2026`, en `2026-12-01`; `short` without the year. */
export function formatDay(day: string, lang: Lang, opts: { short?: boolean } = {}): string {
  const [y, m, d] = [day.slice(0, 4), day.slice(5, 7), day.slice(8, 10)];
  if (lang === 'vi') return opts.short ? `${d}/${m}` : `${d}/${m}/${y}`;
  return opts.short ? `${m}-${d}` : `${y}-${m}-${d}`;
}

let LOCAL_ZONE: string | undefined;
/** This computer's time zone (resolving it costs as much as a formatter: once). */
function localTimeZone(): string {
  LOCAL_ZONE ??= Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  return LOCAL_ZONE;
}

/**
 * The name of the device behind a URI as people know it: the name in a DirectShow or PulseAudio
 * URI, a display's name; simulated sources and test patterns say so in the reader's language.
 */
export function deviceLabel(uri: string | undefined, lang: Lang): string {
  const word = (key: string) => catalogs[lang][key] ?? catalogs.en[key] ?? key;
  if (!uri) return word('device.unbound');
  const colon = uri.indexOf(':');
  const scheme = colon > 0 ? uri.slice(0, colon) : '';
  const rest = colon > 0 ? uri.slice(colon + 1) : uri;
  if (scheme === 'lavfi') return word('device.testPattern');
  if (scheme === 'sim') {
    const name = /[?&]name=([^&]*)/.exec(rest)?.[1];
    return name ? safeDecode(name) : word('device.simulated');
  }
  if (scheme === 'dshow') return rest.replace(/^(?:video|audio)=/, '');
  if (scheme === 'file') return rest.split(/[\\/]/).pop() || rest;
  return rest || uri;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** A profile's per-language text (`name: { vi: …, en: … }` or one string) in `lang`, else the other language. */
export function localize(v: string | { vi?: string; en?: string } | undefined | null, lang: Lang): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  return v[lang] ?? v.en ?? v.vi;
}
