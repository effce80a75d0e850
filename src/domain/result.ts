// The domain vocabulary every layer shares: what a check measured (metrics judged against
// thresholds), what it found (findings with message and remedy keys), what it kept (evidence) and
// the result the runner records. Nothing here imports anything above i18n's types.
import type { Params } from '../i18n/format.js';

export type Status = 'pass' | 'warn' | 'fail' | 'skip' | 'error';

/** A threshold a metric was judged against. `better` says which direction is good. */
export interface Threshold {
  better: 'higher' | 'lower';
  /** At or beyond this value (in the bad direction) the metric is a warning. */
  warn?: number;
  /** At or beyond this value (in the bad direction) the metric fails. */
  fail?: number;
}

export interface Metric {
  /** Stable id, e.g. `frameRate`, `rttMedian`. */
  id: string;
  value: number | null;
  unit: string;
  threshold?: Threshold;
  verdict?: Status;
}

export interface Finding {
  severity: 'info' | 'warn' | 'fail' | 'error';
  /** Message-catalog key and its parameters; renderers translate. */
  key: string;
  params?: Params;
  remedyKey?: string;
  remedyParams?: Params;
}

export interface Evidence {
  kind: 'image' | 'audio' | 'data' | 'svg';
  /** Path of a file written under the evidence dir, or omitted when inline. */
  path?: string;
  /** Small inline payloads (e.g. an SVG spectrum) for self-contained reports. */
  inline?: string;
  mime: string;
  label: string;
}

/** What a check's run() returns; the runner adds identity, timing and required-ness. */
export interface CheckOutcome {
  status: Status;
  metrics?: Metric[];
  findings?: Finding[];
  evidence?: Evidence[];
  /** Free-form extra data for renderers (e.g. spectrum samples, throughput series). */
  details?: Record<string, unknown>;
  /**
   * Set when the check could not look at the device at all (no device bound, no way to see it),
   * as opposed to looking and finding it faulty. The runner uses it for optional roles only:
   * an optional device nobody could look at is skipped, not held against the room.
   */
  unobserved?: 'no-device' | 'cannot-observe';
}

export interface CheckResult extends Required<Omit<CheckOutcome, 'details' | 'unobserved'>> {
  checkId: string;
  targetId: string;
  label: string;
  role?: string;
  /** What people call the role, per interface language (reports are re-rendered in any language). */
  roleName?: Record<string, string>;
  uri?: string;
  required: boolean;
  startedAt: string;
  durationMs: number;
  details?: Record<string, unknown>;
}

/**
 * The outcome of a check that failed for one reason: one fail finding (its message key and
 * parameters, and the remedy's key), plus what else the check has to say (`unobserved`, metrics,
 * details).
 */
export function failed(
  key: string,
  params?: Params,
  remedyKey?: string,
  rest: Omit<CheckOutcome, 'status' | 'findings'> = {},
): CheckOutcome {
  const finding: Finding = {
    severity: 'fail',
    key,
    ...(params ? { params } : {}),
    ...(remedyKey ? { remedyKey } : {}),
  };
  return { status: 'fail', ...rest, findings: [finding] };
}
