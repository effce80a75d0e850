import type { Finding, Metric, Status, Threshold } from './result.js';

/** Verdict of one value against a threshold; a missing value can never pass. */
export function judge(value: number | null | undefined, t: Threshold): Status {
  if (value === null || value === undefined || Number.isNaN(value)) return 'fail';
  const bad = (limit: number | undefined) =>
    limit !== undefined && (t.better === 'higher' ? value < limit : value >= limit);
  if (bad(t.fail)) return 'fail';
  if (bad(t.warn)) return 'warn';
  return 'pass';
}

const RANK: Record<Status, number> = { skip: 0, pass: 1, warn: 2, fail: 3, error: 4 };

/** The worst of several statuses (error > fail > warn > pass > skip). */
export function worst(statuses: Status[]): Status {
  return statuses.reduce<Status>((a, b) => (RANK[b] > RANK[a] ? b : a), statuses.length ? 'skip' : 'pass');
}

/** A metric with its verdict filled in from its threshold. */
export function metric(id: string, value: number | null, unit: string, threshold?: Threshold): Metric {
  // Judge what is stored: a non-finite value (a division by zero, not a measurement) is stored as
  // null, and a null metric must never carry a pass (it was: Infinity judged "higher is better").
  const stored = value === null || Number.isFinite(value) ? value : null;
  return { id, value: stored, unit, ...(threshold ? { threshold, verdict: judge(stored, threshold) } : {}) };
}

/**
 * THE status rule of a check result: the worst of its metric verdicts and finding severities
 * (an `info` finding and a metric without a threshold do not count; nothing judged is a pass).
 * Every check derives its status here; whether a failure is optional is the runner's business.
 */
export function statusOf(metrics: Metric[], findings: Finding[]): Status {
  const fromFindings: Status[] = findings.map((f) =>
    f.severity === 'fail' ? 'fail' : f.severity === 'error' ? 'error' : f.severity === 'warn' ? 'warn' : 'pass',
  );
  return worst([...metrics.filter((m) => m.verdict).map((m) => m.verdict!), ...fromFindings, 'pass']);
}
