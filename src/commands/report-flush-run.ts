import { WardkitError } from '../errors.js';
import type { CliContext } from './context.js';
import { flushExitCode, loadSettings, parseSeconds, printFlush, redactingLog, type SubmitCliOptions } from './submit-common.js';

export async function executeReportFlush(o: SubmitCliOptions, ctx: CliContext): Promise<number> {
  const { flushSpool } = await import('../report/submit/deliver.js');
  const { listSpool } = await import('../report/submit/spool.js');
  const { listSpoolForPeople } = await import('../report/submit/spool-admin.js');
  const cfg = await loadSettings(o);
  if (!(await listSpool(cfg.spool)).length) {
    const kept = (await listSpoolForPeople(cfg.spool)).rejected.length;
    printFlush(ctx, { delivered: 0, duplicates: 0, rejected: 0, damaged: 0, remaining: 0, rejectedKept: kept }, false, cfg.spool);
    return flushExitCode({ delivered: 0, duplicates: 0, rejected: 0, damaged: 0, remaining: 0 });
  }
  if (!cfg.token) throw new WardkitError('submit.noToken', { file: cfg.configFile ?? (await import('../report/submit/config.js')).defaultConfigFile() });
  const log = await redactingLog(ctx, cfg.token);
  const r = await flushSpool({
    spool: cfg.spool,
    server: o.server,
    fallbackServer: cfg.server,
    token: cfg.token,
    signal: ctx.signal,
    log,
    budgetMs: parseSeconds(o.submitTimeout, 120),
    onWait: (pid) => ctx.stderr.write(ctx.t('spool.waitingForLock', { pid }) + '\n'),
  });
  printFlush(ctx, r, false, cfg.spool);
  return flushExitCode(r);
}
