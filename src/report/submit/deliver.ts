// Deliver a report now or spool it; flush the spool. Used by `check --submit`, `report submit`
// and `report flush`. Returns what happened; the commands turn that into messages.
import type { Report } from '../model.js';
import { validateReport } from '../validate.js';
import { submitReport, type SubmitOptions } from './client.js';
import { redact } from './redact.js';
import { listSpool, readSpoolEntry, rejectReport, removeSpooled, spoolFileName, spoolReport } from './spool.js';

export interface DeliverOptions extends Omit<SubmitOptions, 'server'> {
  server: string;
  spool: string;
}

export type DeliverOutcome =
  | { kind: 'delivered'; duplicate: boolean; attempts: number }
  | { kind: 'spooled'; file: string; reason: string }
  | { kind: 'rejected'; file: string; reason: string };

export async function deliverReport(report: Report, o: DeliverOptions): Promise<DeliverOutcome> {
  const body = JSON.stringify(report);
  const r = await submitReport(body, report.id, o);
  if (r.ok) {
    // A copy may sit in the spool from an earlier attempt: it is delivered now.
    await removeSpooled(`${o.spool}/${spoolFileName(report.id)}`);
    return { kind: 'delivered', duplicate: r.outcome === 'duplicate', attempts: r.attempts };
  }
  if (r.rejected)
    return {
      kind: 'rejected',
      file: await rejectReport(o.spool, report, body, spoolFileName(report.id), r.reason),
      reason: r.reason,
    };
  return { kind: 'spooled', file: await spoolReport(o.spool, report, o.server, r.reason), reason: r.reason };
}

export interface FlushOptions extends Omit<SubmitOptions, 'server'> {
  spool: string;
  /** --server: overrides the server recorded with each entry. */
  server?: string;
  /** Used when neither --server nor the entry names one. */
  fallbackServer?: string;
}

export interface FlushResult {
  delivered: number;
  duplicates: number;
  rejected: number;
  remaining: number;
  /** Redacted reason of the last failure, if any. */
  lastError?: string;
}

/**
 * Send every spooled report, oldest first, each with a short retry. A failure that is not the
 * report's fault (server down, network) stops the flush: the rest would fail the same way.
 */
export async function flushSpool(o: FlushOptions): Promise<FlushResult> {
  const files = await listSpool(o.spool);
  const res: FlushResult = { delivered: 0, duplicates: 0, rejected: 0, remaining: files.length };
  const budgetEnd = Date.now() + (o.budgetMs ?? 60_000);
  for (const f of files) {
    if (o.signal?.aborted) break;
    let read;
    try {
      read = await readSpoolEntry(f.file);
    } catch {
      continue; // delivered and removed by a concurrent flush
    }
    const { entry, raw } = read;
    const check = entry ? validateReport(entry.report) : undefined;
    if (!entry || !check?.ok) {
      await rejectReport(o.spool, undefined, raw, f.name, 'unreadable spool file');
      await removeSpooled(f.file);
      res.rejected++;
      res.remaining--;
      continue;
    }
    const server = o.server ?? entry.server ?? o.fallbackServer;
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
      await removeSpooled(f.file);
      res.delivered++;
      if (r.outcome === 'duplicate') res.duplicates++;
      res.remaining--;
    } else if (r.rejected) {
      await rejectReport(o.spool, entry.report, raw, f.name, r.reason);
      await removeSpooled(f.file);
      res.rejected++;
      res.remaining--;
      res.lastError = r.reason;
    } else {
      res.lastError = redact(r.reason, [o.token]);
      break;
    }
  }
  return res;
}
