import { setMaxListeners } from 'node:events';
import { roleNames } from '../profiles/role-names.js';
import type { Formatter } from '../i18n/format.js';
import type { Check, CheckContext, Logger, ResourceClaim, RoomContext, Target } from './types.js';
import type { CheckOutcome, CheckResult, Status } from '../domain/result.js';

export interface RunnerOptions {
  t: Formatter;
  log: Logger;
  signal?: AbortSignal;
  /** Called as each result arrives (progress display). */
  onResult?: (r: CheckResult, done: number, total: number) => void;
  onStart?: (check: Check, target: Target) => void;
  /** Grace after a deadline for run() to return before the runner gives up waiting. */
  graceMs?: number;
}

interface Job {
  index: number;
  check: Check;
  target?: Target;
  claims: Claim[];
  required: boolean;
  skipKey?: string;
}

interface Claim {
  id: string;
  shared: boolean;
}

const claimOf = (c: ResourceClaim): Claim =>
  typeof c === 'string' ? { id: c, shared: false } : { id: c.id, shared: true };

/**
 * Who holds which resource: a readers-writer lock per resource id. Exclusive claims exclude
 * everyone; shared claims exclude only exclusive ones. THE place where checks are kept apart.
 */
class ResourceLocks {
  private held = new Map<string, { shared: boolean; count: number }>();
  free(claims: Claim[]): boolean {
    return claims.every((c) => {
      const h = this.held.get(c.id);
      return !h || (c.shared && h.shared);
    });
  }
  take(claims: Claim[]): void {
    for (const c of claims) {
      const h = this.held.get(c.id);
      if (h) h.count++;
      else this.held.set(c.id, { shared: c.shared, count: 1 });
    }
  }
  release(claims: Claim[]): void {
    for (const c of claims) {
      const h = this.held.get(c.id);
      if (h && --h.count === 0) this.held.delete(c.id);
    }
  }
}

/** Claims of one target, one per id: an exclusive claim wins over a shared one of the same id. */
function normalise(claims: ResourceClaim[]): Claim[] {
  const byId = new Map<string, Claim>();
  for (const c of claims.map(claimOf)) {
    const had = byId.get(c.id);
    byId.set(c.id, { id: c.id, shared: (had?.shared ?? true) && c.shared });
  }
  return [...byId.values()];
}

const timeoutOf = (c: Check, room: RoomContext) =>
  typeof c.timeoutMs === 'function' ? c.timeoutMs(room) : c.timeoutMs;

/** Is this check required by the profile (fail → NOT_READY) or optional (fail → DEGRADED)? */
function requiredFor(check: Check, target: Target | undefined, room: RoomContext): boolean {
  const policy = room.profile.checks[check.id];
  if (policy && !policy.required) return false;
  return target?.role?.required ?? true;
}

/**
 * Run checks concurrently unless they claim the same resource (see `ResourceClaim`: two exclusive
 * claims, or an exclusive and a shared one, never overlap); each target gets a deadline and an
 * AbortSignal; a throw or a timeout becomes an `error` result. Results come back in the stable
 * order of (check order, target order), whatever order they finished in.
 */
export async function runChecks(checks: Check[], room: RoomContext, opts: RunnerOptions): Promise<CheckResult[]> {
  const jobs: Job[] = [];
  for (const check of checks) {
    const policy = room.profile.checks[check.id];
    if (policy && !policy.enabled) {
      jobs.push({ index: jobs.length, check, claims: [], required: false, skipKey: 'runner.disabled' });
      continue;
    }
    // A policy may limit a check to some roles (`checks: { camera: { roles: [main-camera] } }`).
    const targets = check.targets(room).filter((t) => !policy?.roles || !t.role || policy.roles.includes(t.role.id));
    if (targets.length === 0) {
      jobs.push({
        index: jobs.length,
        check,
        claims: [],
        required: requiredFor(check, undefined, room),
        skipKey: 'runner.notApplicable',
      });
      continue;
    }
    for (const target of targets) {
      jobs.push({
        index: jobs.length,
        check,
        target,
        claims: normalise(check.resources(target, room)),
        required: requiredFor(check, target, room),
      });
    }
  }
  // Every running job listens to the outer signal (Ctrl-C) until it ends: as many listeners as jobs
  // running at once, which is no leak (Node warns, in English, past 10).
  if (opts.signal) setMaxListeners(Math.max(10, jobs.length + 2), opts.signal);
  const results: CheckResult[] = new Array(jobs.length);
  const locks = new ResourceLocks();
  const pending = [...jobs];
  let done = 0;
  const finish = (job: Job, r: CheckResult) => {
    results[job.index] = r;
    done++;
    opts.onResult?.(r, done, jobs.length);
  };

  await new Promise<void>((resolveAll) => {
    if (pending.length === 0) return resolveAll();
    const pump = () => {
      // Start, in order, every pending job whose resources are all free.
      for (let i = 0; i < pending.length; ) {
        const job = pending[i];
        if (!locks.free(job.claims)) {
          i++;
          continue;
        }
        pending.splice(i, 1);
        locks.take(job.claims);
        void runJob(job, room, opts).then((r) => {
          locks.release(job.claims);
          finish(job, r);
          if (done === jobs.length) resolveAll();
          else pump();
        });
      }
    };
    pump();
  });
  return results;
}

async function runJob(job: Job, room: RoomContext, opts: RunnerOptions): Promise<CheckResult> {
  const { check, target } = job;
  const startedAt = new Date();
  const base = {
    checkId: check.id,
    targetId: target?.id ?? 'default',
    label: target?.label ?? check.id,
    role: target?.role?.id,
    ...(target?.role ? { roleName: roleNames(target.role) } : {}),
    uri: target?.uri,
    required: job.required,
    startedAt: startedAt.toISOString(),
  };
  const outcomeToResult = (o: CheckOutcome): CheckResult => ({
    ...base,
    status: o.status,
    metrics: o.metrics ?? [],
    findings: o.findings ?? [],
    evidence: o.evidence ?? [],
    ...(o.details ? { details: o.details } : {}),
    durationMs: Date.now() - startedAt.getTime(),
  });
  if (job.skipKey || !target) {
    return outcomeToResult({
      status: 'skip',
      findings: [{ severity: 'info', key: job.skipKey ?? 'runner.notApplicable' }],
    });
  }
  if (opts.signal?.aborted)
    return outcomeToResult({ status: 'error', findings: [{ severity: 'error', key: 'runner.aborted' }] });

  const timeoutMs = timeoutOf(check, room);
  const controller = new AbortController();
  let onOuterAbort: () => void = () => {};
  // Ctrl-C: stop waiting for the check as soon as the grace period is over, even if it ignores
  // its signal (otherwise the user would wait out the check's whole deadline).
  const outerAborted = new Promise<'aborted'>((resolve) => {
    onOuterAbort = () => {
      controller.abort(new Error('aborted'));
      resolve('aborted');
    };
  });
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const ctx: CheckContext = {
    signal: controller.signal,
    deadline: Date.now() + timeoutMs,
    log: opts.log,
    t: opts.t,
    room,
  };
  opts.onStart?.(check, target);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const aborted = () => outcomeToResult({ status: 'error', findings: [{ severity: 'error', key: 'runner.aborted' }] });
  // Give the check a moment to kill its processes, then stop waiting for it regardless.
  const settle = (work: Promise<unknown>) =>
    Promise.race([work.catch(() => undefined), new Promise((r) => setTimeout(r, opts.graceMs ?? 2000))]);
  try {
    const work = Promise.resolve().then(() => check.run(target, ctx));
    const first = await Promise.race([work, timeout, outerAborted]);
    if (first === 'aborted') {
      await settle(work);
      return aborted();
    }
    if (first === 'timeout') {
      controller.abort(new Error('timeout'));
      await settle(work);
      return outcomeToResult({
        status: 'error',
        findings: [
          {
            severity: 'error',
            key: 'runner.timeout',
            params: { seconds: Math.round(timeoutMs / 100) / 10 },
            remedyKey: 'runner.timeout.remedy',
            remedyParams: { check: check.id },
          },
        ],
      });
    }
    // A verdict reached while the run was being cancelled is not trustworthy.
    if (opts.signal?.aborted) return aborted();
    return outcomeToResult(optionality(validStatus(first), job.required));
  } catch (err) {
    if (opts.signal?.aborted) return aborted();
    opts.log.debug(`check ${check.id}/${target.id} threw: ${(err as Error)?.stack ?? String(err)}`);
    return outcomeToResult({
      status: 'error',
      findings: [
        {
          severity: 'error',
          key: 'runner.crashed',
          params: { message: (err as Error)?.message ?? String(err) },
          remedyKey: 'runner.crashed.remedy',
        },
      ],
    });
  } finally {
    clearTimeout(timer);
    // Whatever happened, the check's processes must not outlive it.
    if (!controller.signal.aborted) controller.abort(new Error('finished'));
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
}

const STATUSES: Status[] = ['pass', 'warn', 'fail', 'skip', 'error'];
function validStatus(o: CheckOutcome): CheckOutcome {
  if (!o || !STATUSES.includes(o.status))
    throw new Error(`check returned an invalid status: ${JSON.stringify(o?.status)}`);
  return o;
}

/**
 * THE optionality rule, applied here only (checks report what they saw, whatever the role):
 * for an optional role, a device nobody could look at (none bound, no way to see it) is skipped,
 * and a fault it shows is a warning — it degrades the room, it does not stop it. A check that
 * could not run stays an error.
 */
export function optionality(o: CheckOutcome, required: boolean): CheckOutcome {
  if (required || (o.status !== 'fail' && o.status !== 'warn')) return o;
  const to = o.unobserved ? ('info' as const) : ('warn' as const);
  return {
    ...o,
    status: o.unobserved ? 'skip' : 'warn',
    findings: (o.findings ?? []).map((f) =>
      f.severity === 'fail' || f.severity === 'warn' ? { ...f, severity: to } : f,
    ),
  };
}
