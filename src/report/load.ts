// Read a saved JSON report back (`wardkit report show`). Checks the shape the renderers rely on,
// not every field: a report written by this or an older wardkit renders; a file that is not a
// report, or is from a newer schema, is a clear error (exit 1), never a crash.
import { MAX_REPORT_FILE_BYTES, readInput } from '../input-file.js';
import type { Status } from '../domain/result.js';
import { EXIT, WardkitError } from '../errors.js';
import { REPORT_SCHEMA_VERSION, type Report } from './model.js';

const STATUSES: Status[] = ['pass', 'warn', 'fail', 'skip', 'error'];
const READINESS = ['READY', 'DEGRADED', 'NOT_READY'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first thing that keeps `data` from being a report, or undefined. */
export function reportProblem(data: unknown): string | undefined {
  if (!isObj(data)) return 'not a JSON object';
  if (typeof data.schemaVersion !== 'number') return 'schemaVersion missing';
  if (typeof data.ward !== 'string') return 'ward missing';
  if (typeof data.readiness !== 'string' || !READINESS.includes(data.readiness))
    return `readiness must be one of ${READINESS.join(', ')}`;
  if (typeof data.startedAt !== 'string') return 'startedAt missing';
  if (!Array.isArray(data.results)) return 'results missing';
  for (const [i, r] of data.results.entries()) {
    if (!isObj(r)) return `results[${i}] is not an object`;
    if (typeof r.checkId !== 'string') return `results[${i}].checkId missing`;
    if (typeof r.status !== 'string' || !STATUSES.includes(r.status as Status))
      return `results[${i}].status must be one of ${STATUSES.join(', ')}`;
    for (const k of ['metrics', 'findings', 'evidence'])
      if (r[k] !== undefined && !Array.isArray(r[k])) return `results[${i}].${k} must be a list`;
  }
  return undefined;
}

/** Fill what older or hand-made reports may leave out, so renderers see the full shape. */
function normalise(d: Record<string, unknown>): Report {
  const results = (d.results as Array<Record<string, unknown>>).map((r) => ({
    targetId: 'default',
    label: r.checkId,
    required: true,
    startedAt: d.startedAt,
    durationMs: 0,
    ...r,
    metrics: ((r.metrics as unknown[]) ?? []).filter(isObj),
    findings: ((r.findings as unknown[]) ?? []).filter(isObj),
    evidence: ((r.evidence as unknown[]) ?? []).filter(isObj),
  })) as unknown as Report['results'];
  const summary = { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 };
  for (const r of results) summary[r.status]++;
  return {
    ...(d as unknown as Report),
    host: isObj(d.host) ? (d.host as Report['host']) : { name: '', os: '', arch: '' },
    tool: isObj(d.tool) ? (d.tool as Report['tool']) : { name: 'wardkit', version: '' },
    profile: isObj(d.profile) ? (d.profile as Report['profile']) : { id: '', hash: '' },
    finishedAt: typeof d.finishedAt === 'string' ? d.finishedAt : (d.startedAt as string),
    summary,
    results,
  };
}

export async function readReportFile(file: string): Promise<Report> {
  const text = await readInput(file, 'report', MAX_REPORT_FILE_BYTES, {
    notFound: () => new WardkitError('cmd.report.show.notFound', { file }, EXIT.INVALID),
    exitCode: EXIT.INVALID,
  });
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new WardkitError('cmd.report.show.badJson', { file, reason: (err as Error).message }, EXIT.INVALID, {
      cause: err,
    });
  }
  const problem = reportProblem(data);
  if (problem) throw new WardkitError('cmd.report.show.notReport', { file, detail: problem }, EXIT.INVALID);
  const d = data as Record<string, unknown>;
  if ((d.schemaVersion as number) > REPORT_SCHEMA_VERSION) {
    throw new WardkitError(
      'cmd.report.show.newerSchema',
      { file, version: d.schemaVersion as number, supported: REPORT_SCHEMA_VERSION },
      EXIT.INVALID,
    );
  }
  return normalise(d);
}
