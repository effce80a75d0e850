// Shared by `check --submit`, `report submit` and `report flush`: settings, a redacting debug
// log, and the messages for what delivery did. The token never reaches a message.
import { CHECK_EXIT, EXIT, WardkitError } from '../errors.js';
import { parseNumberOption } from '../number-option.js';
import type { SubmitConfig } from '../report/submit/config.js';
import type { DeliverOutcome, FlushResult } from '../report/submit/deliver.js';
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

export function printDelivery(ctx: CliContext, out: DeliverOutcome, id: string, server: string): void {
  const { t } = ctx;
  if (out.kind === 'delivered')
    ctx.stderr.write(t(out.duplicate ? 'submit.duplicate' : 'submit.delivered', { id, server }) + '\n');
  else if (out.kind === 'spooled')
    ctx.stderr.write(t('submit.spooled', { id, reason: out.reason, file: out.file }) + '\n');
  else ctx.stderr.write(t('submit.rejected', { id, reason: out.reason, file: out.file }) + '\n');
}

export function printFlush(ctx: CliContext, r: FlushResult, quietWhenEmpty: boolean): void {
  const { t } = ctx;
  if (r.delivered === 0 && r.remaining === 0 && r.rejected === 0) {
    if (!quietWhenEmpty) ctx.stderr.write(t('spool.empty') + '\n');
    return;
  }
  ctx.stderr.write(t('spool.flushed', { delivered: r.delivered, remaining: r.remaining, rejected: r.rejected }) + '\n');
  if (r.remaining > 0 && r.lastError)
    ctx.stderr.write(t('spool.stillWaiting', { remaining: r.remaining, reason: r.lastError }) + '\n');
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
