// Shared by `check --submit`, `report submit` and `report flush`: settings, a redacting debug
// log, and the messages for what delivery did. The token never reaches a message.
import { CHECK_EXIT, EXIT, WardkitError } from '../errors.js';
import { parseNumberOption } from '../number-option.js';
import { explainError } from '../i18n/system-errors.js';
import type { SubmitConfig } from '../report/submit/config.js';
import { join } from 'node:path';
import type { DeliverOutcome, DiskFault, FlushResult } from '../report/submit/deliver.js';
import { REJECTED_DIR } from '../report/submit/spool.js';
import type { CliContext } from './context.js';

export interface SubmitCliOptions {
  server?: string;
  config?: string;
  spool?: string;
  submitTimeout?: string;
}

/** --submit-timeout in ms: seconds from 1 to 3600, `fallback` seconds when absent. */
export function parseSeconds(v: string | undefined, fallback: number): number {
  return (parseNumberOption('--submit-timeout', v, { min: 1, max: 3600 }) ?? fallback) * 1000;
}

export async function loadSettings(o: SubmitCliOptions, forCheck = false): Promise<SubmitConfig> {
  const { loadSubmitConfig } = await import('../report/submit/config.js');
  try {
    return loadSubmitConfig({ configFile: o.config, server: o.server, spool: o.spool });
  } catch (err) {
    if (forCheck && err instanceof WardkitError) throw new WardkitError(err.key, err.params, CHECK_EXIT.COULD_NOT_RUN);
    throw err;
  }
}

export async function redactingLog(ctx: CliContext, token: string | undefined): Promise<(m: string) => void> {
  const { redact } = await import('../report/submit/redact.js');
  return (m) => ctx.log.debug(redact(m, [token]));
}

export function printDelivery(ctx: CliContext, out: DeliverOutcome, id: string, server: string, spool?: string): void {
  const { t } = ctx;
  if (out.kind === 'delivered') {
    ctx.stderr.write(t(out.duplicate ? 'submit.duplicate' : 'submit.delivered', { id, server }) + '\n');
    if (out.notRemoved)
      ctx.stderr.write(
        t('spool.notRemoved', { n: 1, dir: spool ?? '', reason: diskWords(ctx, out.notRemoved) }) + '\n',
      );
  } else if (out.kind === 'spooled')
    ctx.stderr.write(
      t('submit.spooled', { id, reason: out.reason, why: submitWhy(out.reason), file: out.file }) + '\n',
    );
  else if (out.kind === 'rejected')
    ctx.stderr.write(
      t('submit.rejected', { id, reason: out.reason, why: submitWhy(out.reason), file: out.file }) + '\n',
    );
  else {
    const key =
      out.fault.problem === 'io.full'
        ? 'spool.diskFull'
        : out.fault.problem === 'io.readOnly'
          ? 'spool.readOnlyWrite'
          : 'spool.cannotWrite';
    ctx.stderr.write(
      t('cli.error', { message: t(key, { id, dir: spool ?? '', reason: diskWords(ctx, out.fault) }) }) + '\n',
    );
  }
  if (out.kind === 'spooled' || out.kind === 'unsaved') {
    if (out.tokenRefused) ctx.stderr.write(t('spool.tokenRefused', { n: 1 }) + '\n');
    if (out.location) ctx.stderr.write(t('spool.redirect', { location: out.location }) + '\n');
  }
}

/** A disk problem in plain words ("the disk is full"), else its errno code. */
export function diskWords(ctx: CliContext, f: DiskFault): string {
  return f.problem ? ctx.t(f.problem) : f.code;
}

export function printFlush(ctx: CliContext, r: FlushResult, quietWhenEmpty: boolean, spool = ''): void {
  const { t } = ctx;
  const rejectedDir = join(spool, REJECTED_DIR);
  if (r.lockedBy !== undefined) {
    ctx.stderr.write(t('cli.error', { message: t('spool.locked', { pid: r.lockedBy }) }) + '\n');
    return;
  }
  for (const file of r.damagedFiles ?? []) ctx.stderr.write(t('spool.damaged', { file, dir: rejectedDir }) + '\n');
  if (r.delivered === 0 && r.remaining === 0 && r.rejected === 0) {
    if (!quietWhenEmpty) ctx.stderr.write(t('spool.empty') + '\n');
  } else
    ctx.stderr.write(
      t('spool.flushed', { delivered: r.delivered, remaining: r.remaining, rejected: r.rejected }) + '\n',
    );
  if (r.remaining > 0) {
    if (r.tokenRefused) ctx.stderr.write(t('spool.tokenRefused', { n: r.remaining }) + '\n');
    else if (r.location) ctx.stderr.write(t('spool.redirect', { location: r.location }) + '\n');
    else if (r.lastError)
      ctx.stderr.write(t('spool.stillWaiting', { remaining: r.remaining, reason: r.lastError }) + '\n');
  }
  if (r.fault)
    ctx.stderr.write(
      t('spool.notRemoved', { n: r.notRemoved ?? 0, dir: spool, reason: diskWords(ctx, r.fault) }) + '\n',
    );
  if (r.rejectedKept && (!quietWhenEmpty || r.rejected > 0))
    ctx.stderr.write(t('spool.rejectedKept', { n: r.rejectedKept, dir: rejectedDir }) + '\n');
}

/** `report flush`'s exit code: 0 nothing left, 77 token refused, 74 a disk problem, 1 anything else left. */
export function flushExitCode(r: FlushResult): number {
  if (r.lockedBy !== undefined) return SUBMIT_EXIT.NOT_SENT;
  if (r.tokenRefused) return EXIT.TOKEN_REFUSED;
  if (r.fault) return EXIT.IO;
  return r.remaining === 0 ? SUBMIT_EXIT.SENT : SUBMIT_EXIT.NOT_SENT;
}

export const SUBMIT_EXIT = { SENT: EXIT.OK, NOT_SENT: EXIT.INVALID } as const;

/** A ward token sent over plain HTTP to another machine can be read on the way: say so. */
export function warnIfInsecure(ctx: CliContext, server: string): void {
  let u: URL;
  try {
    u = new URL(server);
  } catch {
    return;
  }
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
  if (u.protocol === 'http:' && !loopback) ctx.stderr.write(ctx.t('submit.insecure', { server: u.origin }) + '\n');
}

/** Why a submission failed, as a message key: the server's HTTP answer, or the network error. */
export function submitWhy(reason: string): string {
  const status = /^HTTP (\d{3})/.exec(reason)?.[1];
  if (status)
    return ['401', '403', '404', '409', '413', '422', '429'].includes(status)
      ? `submit.why.${status}`
      : status.startsWith('5')
        ? 'submit.why.5xx'
        : 'submit.why.http';
  return reason === 'cancelled' ? 'err.aborted' : explainError(reason, 'network').key;
}
