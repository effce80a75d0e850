import { WardkitError } from '../errors.js';
import type { CliContext } from './context.js';
import { loadSettings, parseSeconds, printFlush, redactingLog, SUBMIT_EXIT, type SubmitCliOptions } from './submit-common.js';

export async function executeReportFlush(o: SubmitCliOptions, ctx: CliContext): Promise<number> {
  const { flushSpool } = await import('../report/submit/deliver.js');
  const { listSpool } = await import('../report/submit/spool.js');
  const cfg = await loadSettings(o);
  if (!(await listSpool(cfg.spool)).length) {
    printFlush(ctx, { delivered: 0, duplicates: 0, rejected: 0, remaining: 0 }, false);
    return SUBMIT_EXIT.SENT;
  }
  if (!cfg.token) throw new WardkitError('submit.noToken', { file: cfg.configFile ?? (await import('../report/submit/config.js')).defaultConfigFile() });
  const log = await redactingLog(ctx, cfg.token);
  const r = await flushSpool({ spool: cfg.spool, server: o.server, fallbackServer: cfg.server, token: cfg.token, signal: ctx.signal, log, budgetMs: parseSeconds(o.submitTimeout, 120) });
  printFlush(ctx, r, false);
  return r.remaining === 0 ? SUBMIT_EXIT.SENT : SUBMIT_EXIT.NOT_SENT;
}
