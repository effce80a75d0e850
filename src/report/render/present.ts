// What every human-facing renderer (text, html, junit messages) says the same way: titles,
// numbers in the reader's language, thresholds as "need ≥ x", findings re-translated from their
// keys, and the order in which problems deserve attention. Pure functions.
import type { Finding, Metric, Threshold } from '../../domain/result.js';
import { FIX_ORDER } from '../../domain/check-ids.js';
import { deviceLabel, formatMetricValue, formatValue, type Formatter, shownUnit } from '../../i18n/format.js';
import type { Report } from '../model.js';

export type ReportResult = Report['results'][number];
/** A finding as stored in a report: translated text alongside the key (absent in older/foreign reports). */
export type ReportFinding = Finding & { message?: string; remedy?: string };

/** Catalog title of a check, else its id. */
export const checkTitle = (t: Formatter, checkId: string): string =>
  t.has(`check.title.${checkId}`) ? t(`check.title.${checkId}`) : checkId;

/**
 * Human name of a metric: `<checkId>.metric.<metricId>` from the check's own catalog. Ids built
 * from data read through their pattern: `snr2000Hz` → "SNR 2000 Hz", `vpn.tcpConnect` → "TCP … (vpn)".
 */
export function metricName(t: Formatter, checkId: string, id: string): string {
  if (t.has(`${checkId}.metric.${id}`)) return t(`${checkId}.metric.${id}`);
  const snr = /^snr(\d+)Hz$/.exec(id);
  if (snr && t.has(`${checkId}.metric.snr`)) return t(`${checkId}.metric.snr`, { hz: snr[1] });
  const dot = id.lastIndexOf('.');
  if (dot > 0 && t.has(`${checkId}.metric.${id.slice(dot + 1)}`))
    return `${t(`${checkId}.metric.${id.slice(dot + 1)}`)} (${id.slice(0, dot)})`;
  return id;
}

/** Checks whose title is the device itself (a camera check of the room camera is "Camera phòng (…)"). */
const DEVICE_CHECKS = new Set(['camera', 'microphone', 'speaker', 'display']);

/** The name of the device behind a URI as people know it (format.ts deviceLabel). */
export const deviceName = (t: Formatter, uri: string | undefined): string => deviceLabel(uri, t.lang);

/**
 * A result's title: for a device, what people call its role in the reader's language plus the
 * device's own name (`Camera phòng (Logitech BRIO)`); otherwise the check's title and its target.
 */
export function resultName(
  t: Formatter,
  r: Pick<ReportResult, 'checkId' | 'targetId' | 'label' | 'role' | 'uri' | 'roleName'>,
): string {
  const title = checkTitle(t, r.checkId);
  const names = r.roleName;
  // Reports written before role names existed keep their label (the device or role text).
  if (r.role && names) {
    const role = names[t.lang] ?? names.en ?? r.role;
    const head = DEVICE_CHECKS.has(r.checkId) ? role : `${title} — ${role}`;
    return `${head} (${deviceName(t, r.uri)})`;
  }
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

/** A metric's value as people read it: a share (ratio 0…1) as a percent (format.ts shownUnit). */
export const metricValue = (t: Formatter, checkId: string, m: Metric): string =>
  formatMetricValue(m.value, { checkId, id: m.id, unit: m.unit }, t.lang);

/** A metric's threshold in words, in the unit its value is shown in (a share's limit as a percent). */
export function metricThreshold(t: Formatter, checkId: string, m: Metric): string {
  const th = m.threshold;
  if (!th) return '';
  const { unit, scale } = shownUnit(checkId, m.id, m.unit);
  const by = (x: number | undefined) => (x === undefined ? undefined : x * scale);
  return thresholdText(t, { better: th.better, warn: by(th.warn), fail: by(th.fail) }, unit, t.lang);
}

/** A metric worth a line: it has a value or a verdict. */
export const shownMetrics = (r: ReportResult): Metric[] =>
  Array.isArray(r.metrics) ? r.metrics.filter((m) => m && (m.value !== null || m.verdict)) : [];

/**
 * What to do first: required fail/error, then optional fail/error, then warnings; within each,
 * the room's own devices before the computer, the network and the call that depends on all of
 * them (FIX_ORDER); stable otherwise.
 */
export function byAttention(results: ReportResult[]): ReportResult[] {
  const key = (r: ReportResult) => {
    const bad = r.status === 'fail' || r.status === 'error';
    return bad ? (r.required ? 0 : 1) : r.status === 'warn' ? 2 : 3;
  };
  const order = (r: ReportResult) => {
    const i = (FIX_ORDER as readonly string[]).indexOf(r.checkId);
    return i < 0 ? FIX_ORDER.length : i;
  };
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => key(a.r) - key(b.r) || order(a.r) - order(b.r) || a.i - b.i)
    .map((x) => x.r);
}

/** Titles of the results that could not be checked because of `cause` (diagnose.blockedBy). */
export function blockedBy(t: Formatter, report: Report, cause: ReportResult): string[] {
  return report.results
    .filter(
      (r) =>
        r !== cause && r.findings?.some((f) => f.key === 'diagnose.blockedBy' && f.params?.cause === cause.checkId),
    )
    .map((r) => resultName(t, r));
}

/** Results that need someone to act: fail, error, warn. */
export const problems = (report: Report): ReportResult[] =>
  byAttention(report.results).filter((r) => r.status === 'fail' || r.status === 'error' || r.status === 'warn');

/** Findings a person should read for this result (info notes only explain skips). */
export const visibleFindings = (r: ReportResult): ReportFinding[] =>
  (Array.isArray(r.findings) ? (r.findings as ReportFinding[]) : []).filter(
    (f) => f && (f.severity !== 'info' || r.status === 'skip'),
  );

export function durationSeconds(report: Report): number {
  const ms = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms / 1000 : 0;
}
