// Deliver a report now or spool it; flush the spool. Used by `check --submit`, `report submit`
// and `report flush`. Returns what happened; the commands turn that into messages.
//
// Spool entries are independent: a report the server refuses for good (400, 403, 409, 413, 422)
// goes to rejected/ at once and the flush goes on with the next one. Only a failure that every
// entry would meet stops a flush: the server unreachable or failing (5xx, timeouts), the token
// refused (401), a redirect (the address changed). The server configured now wins over the one
// recorded when an entry was queued. Disk problems (full, read-only) never lose a report: a
// delivered entry that cannot be removed is delivered again next time (the server dedupes), one
// that cannot be written is handed back to the caller to print.
import type { Report } from '../model.js';
import { validateReport } from '../validate.js';
import { submitReport, type SubmitOptions } from './client.js';
import { redact } from './redact.js';
import { diskProblem, listSpoolForPeople } from './spool-admin.js';
import { lockSpool } from './spool-lock.js';
import { listSpool, readSpoolEntry, rejectReport, removeSpooled, spoolFileName, spoolReport } from './spool.js';

export interface DeliverOptions extends Omit<SubmitOptions, 'server'> {
  server: string;
  spool: string;
}

/** Why a report could not be written to the spool: a catalog key for plain words, and the errno code. */
export interface DiskFault {
  problem: 'io.full' | 'io.readOnly' | 'io.denied' | undefined;
  code: string;
}

export type DeliverOutcome =
  | { kind: 'delivered'; duplicate: boolean; attempts: number; notRemoved?: DiskFault }
  | { kind: 'spooled'; file: string; reason: string; tokenRefused?: boolean; location?: string }
  | { kind: 'rejected'; file: string; reason: string }
  /** Neither sent nor saved in the spool: the caller must keep the report (stdout, --out). */
  | { kind: 'unsaved'; reason: string; fault: DiskFault; tokenRefused?: boolean; location?: string };

const fault = (err: unknown): DiskFault => ({
  problem: diskProblem(err),
  code: (err as NodeJS.ErrnoException)?.code ?? String(err),
});
const isDisk = (err: unknown) => typeof (err as NodeJS.ErrnoException)?.code === 'string';

export async function deliverReport(report: Report, o: DeliverOptions): Promise<DeliverOutcome> {
  const body = JSON.stringify(report);
  const r = await submitReport(body, report.id, o);
  if (r.ok) {
    try {
      // A copy may sit in the spool from an earlier attempt: it is delivered now.
      await removeSpooled(`${o.spool}/${spoolFileName(report.id)}`);
    } catch (err) {
      if (!isDisk(err)) throw err;
      return { kind: 'delivered', duplicate: r.outcome === 'duplicate', attempts: r.attempts, notRemoved: fault(err) };
    }
    return { kind: 'delivered', duplicate: r.outcome === 'duplicate', attempts: r.attempts };
  }
  const extra = { ...(r.tokenRefused ? { tokenRefused: true } : {}), ...(r.location ? { location: r.location } : {}) };
  try {
    if (r.rejected)
      return {
        kind: 'rejected',
        file: await rejectReport(o.spool, report, body, spoolFileName(report.id), r.reason),
        reason: r.reason,
      };
    return {
      kind: 'spooled',
      file: await spoolReport(o.spool, report, o.server, r.reason),
      reason: r.reason,
      ...extra,
    };
  } catch (err) {
    if (!isDisk(err)) throw err;
    return { kind: 'unsaved', reason: r.reason, fault: fault(err), ...extra };
  }
}

export interface FlushOptions extends Omit<SubmitOptions, 'server'> {
  spool: string;
  /** --server: overrides everything. */
  server?: string;
  /** The server configured now (WARDKIT_SERVER, the config file, the room file): wins over the one recorded with an entry. */
  fallbackServer?: string;
  /** Called once when another flush holds the spool and this one waits for it. */
  onWait?: (pid: number) => void;
  /** How long to wait for another flush, ms (default: the budget). */
  lockWaitMs?: number;
}

export interface FlushResult {
  delivered: number;
  duplicates: number;
  /** Refused by the server for good (moved to rejected/). */
  rejected: number;
  /** Local files that are not a complete report (moved to rejected/, never sent). */
  damaged: number;
  remaining: number;
  /** Redacted reason of the last failure, if any. */
  lastError?: string;
  /** 401: nothing can be sent until the ward has a new token. */
  tokenRefused?: boolean;
  /** The server redirected (its address changed?): where to. */
  location?: string;
  /** Delivered entries that could not be removed from the spool (read-only or full disk). */
  notRemoved?: number;
  /** The disk problem met while moving or removing spool files. */
  fault?: DiskFault;
  /** Another flush kept the spool locked longer than this one could wait (its pid). */
  lockedBy?: number;
  /** Refused entries kept in rejected/ (after this flush). */
  rejectedKept?: number;
  /** Names of the damaged files found. */
  damagedFiles?: string[];
}

/**
 * Send every spooled report, oldest first, each with a short retry. One flush at a time per spool
 * (a lock file); a second one waits, then sees what is really left.
 */
export async function flushSpool(o: FlushOptions): Promise<FlushResult> {
  const res: FlushResult = { delivered: 0, duplicates: 0, rejected: 0, damaged: 0, remaining: 0 };
  const budgetEnd = Date.now() + (o.budgetMs ?? 60_000);
  let lock;
  try {
    lock = await lockSpool(o.spool, {
      waitMs: o.lockWaitMs ?? o.budgetMs ?? 60_000,
      signal: o.signal,
      onWait: o.onWait,
    });
  } catch (err) {
    const e = err as { code?: string; pid?: number };
    if (e.code !== 'ELOCKED') throw err;
    res.lockedBy = e.pid ?? 0;
    res.remaining = (await listSpool(o.spool)).length;
    return res;
  }
  try {
    const files = await listSpool(o.spool);
    res.remaining = files.length;
    const moveAside = async (fn: () => Promise<unknown>): Promise<boolean> => {
      try {
        await fn();
        return true;
      } catch (err) {
        if (!isDisk(err)) throw err;
        res.fault ??= fault(err);
        return false;
      }
    };
    for (const f of files) {
      if (o.signal?.aborted) break;
      let read;
      try {
        read = await readSpoolEntry(f.file);
      } catch {
        res.remaining--; // delivered and removed by a flush that held the lock before us
        continue;
      }
      const { entry, raw } = read;
      const check = entry ? validateReport(entry.report) : undefined;
      if (!entry || !check?.ok) {
        if (
          (await moveAside(() =>
            rejectReport(o.spool, undefined, raw, f.name, 'damaged local file (not a complete report)'),
          )) &&
          (await moveAside(() => removeSpooled(f.file)))
        )
          res.remaining--;
        res.damaged++;
        (res.damagedFiles ??= []).push(f.name);
        continue;
      }
      // The configuration of today wins; the recorded URL is only a last resort (kept for the record).
      const server = o.server ?? o.fallbackServer ?? entry.server;
      if (!server) {
        res.lastError = 'no server';
        break;
      }
      const left = budgetEnd - Date.now();
      if (left <= 0) break;
      const r = await submitReport(JSON.stringify(entry.report), entry.report.id, {
        ...o,
        server,
        attempts: o.attempts ?? 3,
        budgetMs: Math.min(left, 20_000),
      });
      if (r.ok) {
        res.delivered++;
        if (r.outcome === 'duplicate') res.duplicates++;
        if (await moveAside(() => removeSpooled(f.file))) res.remaining--;
        else res.notRemoved = (res.notRemoved ?? 0) + 1;
      } else if (r.rejected) {
        res.rejected++;
        res.lastError = r.reason;
        if (
          (await moveAside(() => rejectReport(o.spool, entry.report, raw, f.name, r.reason))) &&
          (await moveAside(() => removeSpooled(f.file)))
        )
          res.remaining--;
      } else {
        res.lastError = redact(r.reason, [o.token]);
        if (r.tokenRefused) res.tokenRefused = true;
        if (r.location) res.location = r.location;
        break; // the server, the network or the token: every later entry would meet the same
      }
    }
    res.rejectedKept = (await listSpoolForPeople(o.spool).catch(() => ({ rejected: [] }))).rejected.length;
    return res;
  } finally {
    await lock.release();
  }
}
