// What every human-facing renderer (text, html, junit messages) says the same way: titles,
// numbers in the reader's language, thresholds as "need ≥ x", findings re-translated from their
// keys, and the order in which problems deserve attention. Pure functions.
import type { Finding, Metric, Threshold } from '../../domain/result.js';
import type { Formatter } from '../../i18n/format.js';
import type { Report } from '../model.js';

export type ReportResult = Report['results'][number];
/** A finding as stored in a report: translated text alongside the key (absent in older/foreign reports). */
export type ReportFinding = Finding & { message?: string; remedy?: string };

const UNITLESS = new Set(['', 'count', 'ratio', 'bool']);

/** A number for people: locale separators, 3 significant figures-ish. `plain`: machine-readable (JUnit). */
export function formatNumber(v: number, lang: string): string {
  if (lang === 'plain') return String(Number(v.toPrecision(6)));
  const abs = Math.abs(v);
  const digits = Number.isInteger(v) ? 0 : abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const key = `${lang}|${digits}|${abs >= 10000}`;
  let nf = NUMBER_FORMATS.get(key);
  if (!nf)
    NUMBER_FORMATS.set(
      key,
      (nf = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', {
        maximumFractionDigits: digits,
        useGrouping: abs >= 10000,
      })),
    );
  return nf.format(v);
}

// Building an Intl.NumberFormat costs ~20 µs; a report formats hundreds of numbers.
const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

export function formatValue(v: number | null, unit: string, lang: string): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const n = formatNumber(v, lang);
  if (UNITLESS.has(unit)) return n;
  return unit === '%' ? `${n} %` : `${n} ${unit}`;
}

/** Catalog title of a check, else its id. */
export const checkTitle = (t: Formatter, checkId: string): string =>
  t.has(`check.title.${checkId}`) ? t(`check.title.${checkId}`) : checkId;

/** Human name of a metric: `<checkId>.metric.<metricId>` from the check's own catalog, else the id. */
export const metricName = (t: Formatter, checkId: string, id: string): string =>
  t.has(`${checkId}.metric.${id}`) ? t(`${checkId}.metric.${id}`) : id;

/** "check (label)" unless the check has one default target. */
export function resultName(t: Formatter, r: ReportResult): string {
  const title = checkTitle(t, r.checkId);
  return r.targetId === 'default' || !r.label || r.label === r.checkId ? title : `${title} (${r.label})`;
}

/** A finding in the reader's language: re-translated from its key when this build knows it. */
export function findingMessage(t: Formatter, f: ReportFinding): string {
  return typeof f.key === 'string' && t.has(f.key) ? t(f.key, f.params) : String(f.message ?? f.key ?? '');
}

export function findingRemedy(t: Formatter, f: ReportFinding): string | undefined {
  if (typeof f.remedyKey === 'string' && t.has(f.remedyKey)) return t(f.remedyKey, f.remedyParams ?? f.params);
  return typeof f.remedy === 'string' && f.remedy ? f.remedy : undefined;
}

/**
 * What the metric needed, in words: "need ≥ 25 fps · recommended ≥ 28 fps". Empty when no
 * threshold. Mirrors judge(): better=higher fails below `fail`; better=lower fails at or above it.
 */
export function thresholdText(t: Formatter, th: Threshold | undefined, unit: string, lang: string): string {
  if (!th) return '';
  const v = (x: number) => formatValue(x, unit, lang);
  const parts: string[] = [];
  const dir = th.better === 'higher' ? 'higher' : 'lower';
  if (th.fail !== undefined && Number.isFinite(th.fail))
    parts.push(t(`render.threshold.need.${dir}`, { value: v(th.fail) }));
  if (th.warn !== undefined && Number.isFinite(th.warn))
    parts.push(t(`render.threshold.recommended.${dir}`, { value: v(th.warn) }));
  return parts.join(' · ');
}

/** A metric worth a line: it has a value or a verdict. */
export const shownMetrics = (r: ReportResult): Metric[] =>
  Array.isArray(r.metrics) ? r.metrics.filter((m) => m && (m.value !== null || m.verdict)) : [];

/** Problems first: required fail/error, then optional fail/error, then warnings; stable otherwise. */
export function byAttention(results: ReportResult[]): ReportResult[] {
  const key = (r: ReportResult) => {
    const bad = r.status === 'fail' || r.status === 'error';
    return bad ? (r.required ? 0 : 1) : r.status === 'warn' ? 2 : 3;
  };
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => key(a.r) - key(b.r) || a.i - b.i)
    .map((x) => x.r);
}

/** Results that need someone to act: fail, error, warn. */
export const problems = (report: Report): ReportResult[] =>
  byAttention(report.results).filter((r) => r.status === 'fail' || r.status === 'error' || r.status === 'warn');

/** Findings a person should read for this result (info notes only explain skips). */
export const visibleFindings = (r: ReportResult): ReportFinding[] =>
  (Array.isArray(r.findings) ? (r.findings as ReportFinding[]) : []).filter(
    (f) => f && (f.severity !== 'info' || r.status === 'skip'),
  );

/** "2026-11-29 01:00:05 GMT+7": local wall time with its offset, in the reader's language order. */
export function formatTime(iso: string, lang: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset',
  }).formatToParts(d);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  const date = lang === 'vi' ? `${p.day}/${p.month}/${p.year}` : `${p.year}-${p.month}-${p.day}`;
  return `${date} ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName}`;
}

export function durationSeconds(report: Report): number {
  const ms = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : 0;
}
