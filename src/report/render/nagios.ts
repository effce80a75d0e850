// Monitoring-plugin output (Nagios, Icinga 2, NRPE, Naemon, Centreon): the status line first,
// all performance data after " | " on that same line (Nagios and Icinga 2 both read it there;
// Icinga 2 does not read perfdata continued on later lines), then one long-text line per check.
// Format and ranges follow the Monitoring Plugins development guidelines; numbers are always in
// the C locale. The exit code (0 READY, 1 DEGRADED, 2 NOT_READY, 3 UNKNOWN) is the command's.
import type { Formatter } from '../../i18n/format.js';
import type { Metric } from '../../domain/result.js';
import type { Report } from '../model.js';
import { byAttention, findingMessage, resultName, visibleFindings, type ReportResult } from './present.js';

/** One line, no '|' (it would start perfdata), no control characters. */
const oneLine = (s: string) =>
  String(s)
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\|/g, '/')
    .replace(/ {2,}/g, ' ')
    .trim();

/** A number in the class [-0-9.] the guidelines allow: no exponent, no locale, at most 6 decimals. */
export function perfNumber(v: number): string {
  if (!Number.isFinite(v)) return '';
  const clamped = Math.max(Math.min(v, 1e15), -1e15);
  const s = Number.isInteger(clamped) ? String(clamped) : clamped.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

interface PerfUnit {
  /** UOM the guidelines define ('' = a plain number). */
  uom: string;
  scale: number;
  min?: number;
  max?: number;
}

/** wardkit units → perfdata UOM (only s, ms, us, %, B, KB, MB, TB, c are defined; others go unitless). */
export function perfUnit(unit: string): PerfUnit {
  switch (unit) {
    case 'ms':
      return { uom: 'ms', scale: 1, min: 0 };
    case 's':
      return { uom: 's', scale: 1, min: 0 };
    case '%':
      return { uom: '%', scale: 1, min: 0, max: 100 };
    case 'MiB':
      return { uom: 'B', scale: 1024 * 1024, min: 0 };
    case 'MOS':
      return { uom: '', scale: 1, min: 1, max: 5 };
    case 'dBFS':
      return { uom: '', scale: 1, max: 0 };
    case 'Mbit/s':
    case 'kbit/s':
    case 'fps':
    case 'Hz':
    case 'px':
    case 'count':
    case 'frames':
    case 'packets':
    case 'samples':
    case 'ratio':
      return { uom: '', scale: 1, min: 0 };
    default:
      return { uom: '', scale: 1 };
  }
}

/**
 * The warn / crit range that alerts exactly when judge() says warn / fail:
 * better=higher fails below the limit → "limit:" (alert outside [limit, ∞));
 * better=lower fails at or above it → "@limit:" (alert inside [limit, ∞)).
 */
export function perfRange(limit: number | undefined, better: 'higher' | 'lower', scale: number): string {
  if (limit === undefined || !Number.isFinite(limit)) return '';
  const n = perfNumber(limit * scale);
  return better === 'higher' ? `${n}:` : `@${n}:`;
}

/** Labels: ASCII letters, digits, '_', '.', '-' only, so they need no quotes anywhere. */
const labelPart = (s: string) => String(s).replace(/[^A-Za-z0-9_.-]+/g, '_');

export function perfLabel(r: ReportResult, m: Metric): string {
  const parts = [r.checkId, ...(r.targetId && r.targetId !== 'default' ? [r.targetId] : []), m.id];
  return parts.map(labelPart).join('_');
}

/** `label=value[UOM];warn;crit;min;max` for every metric that has a threshold. */
export function perfdata(report: Report): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of report.results) {
    for (const m of Array.isArray(r.metrics) ? r.metrics : []) {
      const th = m?.threshold;
      if (!th || (th.warn === undefined && th.fail === undefined)) continue;
      const u = perfUnit(m.unit);
      let label = perfLabel(r, m);
      for (let i = 2; seen.has(label); i++) label = `${perfLabel(r, m)}_${i}`;
      seen.add(label);
      const value =
        typeof m.value === 'number' && Number.isFinite(m.value) ? perfNumber(m.value * u.scale) + u.uom : 'U';
      const fields = [
        value,
        perfRange(th.warn, th.better, u.scale),
        perfRange(th.fail, th.better, u.scale),
        u.min === undefined ? '' : perfNumber(u.min),
        u.max === undefined ? '' : perfNumber(u.max),
      ];
      out.push(`${label}=${fields.join(';').replace(/;+$/, '')}`);
    }
  }
  return out;
}

const STATUS_WORD: Record<string, string> = {
  pass: 'OK',
  warn: 'WARNING',
  fail: 'CRITICAL',
  error: 'UNKNOWN',
  skip: 'SKIPPED',
};

/** The most serious problem in one line: "camera: Black picture …". */
function headline(t: Formatter, report: Report): string {
  const s = report.summary;
  const counts = t('render.counts', { pass: s.pass, warn: s.warn, fail: s.fail, error: s.error, skip: s.skip });
  const todo = byAttention(report.results).filter(
    (r) => r.status === 'fail' || r.status === 'error' || r.status === 'warn',
  );
  if (report.readiness === 'READY' || !todo.length) return counts;
  const first = todo[0];
  const f = visibleFindings(first).find((x) => x.severity !== 'info') ?? visibleFindings(first)[0];
  const what = `${first.checkId}${first.targetId && first.targetId !== 'default' ? `[${first.targetId}]` : ''}: ${f ? findingMessage(t, f) : t(`status.${first.status}`)}`;
  const more = todo.length > 1 ? ` ${t('render.nagios.more', { count: todo.length - 1 })}` : '';
  return `${what}${more} (${counts})`;
}

export function renderNagios(report: Report, t: Formatter): string {
  const perf = perfdata(report);
  const lines = [
    `WARDKIT ${report.readiness} - ${oneLine(headline(t, report))}${perf.length ? ` | ${perf.join(' ')}` : ''}`,
  ];
  for (const r of byAttention(report.results)) {
    const f = visibleFindings(r).find((x) => x.severity !== 'info') ?? visibleFindings(r)[0];
    const msg = f ? `: ${findingMessage(t, f)}` : '';
    lines.push(oneLine(`[${STATUS_WORD[r.status] ?? r.status}] ${resultName(t, r)}${msg}`));
  }
  return lines.join('\n') + '\n';
}

/** UNKNOWN (exit 3): the check could not run or did not finish. One line, no perfdata. */
export function renderNagiosUnknown(message: string): string {
  return `WARDKIT UNKNOWN - ${oneLine(message)}\n`;
}
