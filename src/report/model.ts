import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { CheckResult } from '../domain/result.js';
import type { Formatter } from '../i18n/format.js';
import type { ResolvedProfile } from '../profiles/types.js';
import { VERSION } from '../version.js';

export type Readiness = 'READY' | 'DEGRADED' | 'NOT_READY';
export const REPORT_SCHEMA_VERSION = 1;

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  id: string;
  ward: string;
  room?: string;
  host: { name: string; os: string; arch: string };
  tool: { name: 'wardkit'; version: string };
  profile: { id: string; hash: string };
  lang: string;
  startedAt: string;
  finishedAt: string;
  readiness: Readiness;
  summary: Record<'pass' | 'warn' | 'fail' | 'skip' | 'error', number>;
  /** Every result, with each finding's message and remedy also rendered in `lang`. */
  results: Array<
    CheckResult & { findings: Array<CheckResult['findings'][number] & { message: string; remedy?: string }> }
  >;
}

/**
 * READY: every check passed (or was skipped); DEGRADED: warnings, or an optional check failed;
 * NOT_READY: a required check failed or could not run, or nothing at all was measured.
 */
export function readinessOf(results: CheckResult[]): Readiness {
  // Nothing measured is not "ready": a run whose every check was skipped (or that ran none)
  // cannot vouch for the room.
  if (!results.some((r) => r.status !== 'skip')) return 'NOT_READY';
  let degraded = false;
  for (const r of results) {
    if (r.status === 'fail' || r.status === 'error') {
      if (r.required) return 'NOT_READY';
      degraded = true;
    } else if (r.status === 'warn') degraded = true;
  }
  return degraded ? 'DEGRADED' : 'READY';
}

export interface ReportMeta {
  ward: string;
  room?: string;
  profile: ResolvedProfile;
  startedAt: Date;
  finishedAt: Date;
  t: Formatter;
}

export function buildReport(results: CheckResult[], meta: ReportMeta): Report {
  const summary = { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 };
  for (const r of results) summary[r.status]++;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    id: randomUUID(),
    ward: meta.ward,
    ...(meta.room ? { room: meta.room } : {}),
    host: { name: os.hostname(), os: `${os.type()} ${os.release()}`, arch: os.arch() },
    tool: { name: 'wardkit', version: VERSION },
    profile: { id: meta.profile.id, hash: meta.profile.source.hash },
    lang: meta.t.lang,
    startedAt: meta.startedAt.toISOString(),
    finishedAt: meta.finishedAt.toISOString(),
    readiness: readinessOf(results),
    summary,
    results: results.map((r) => ({
      ...r,
      findings: r.findings.map((f) => ({
        ...f,
        message: meta.t(f.key, f.params),
        ...(f.remedyKey ? { remedy: meta.t(f.remedyKey, f.remedyParams ?? f.params) } : {}),
      })),
    })),
  };
}
