// `wardkit report flush`: deliver every report waiting in the spool.
import { WardkitError } from '../errors.js';
import type { CliContext, Register } from './context.js';
import {
  flushExitCode,
  loadSettings,
  parseSeconds,
  printFlush,
  redactingLog,
  type SubmitCliOptions,
} from './submit-common.js';

export const registerReportFlush: Register = (report, getCtx, run) => {
  const { t } = getCtx();
  report
    .command('flush')
    .description(t('cmd.report.flush.description'))
    .option('--server <url>', t('cmd.report.flush.opt.server'))
    .option('--config <file>', t('cmd.report.submit.opt.config'))
    .option('--spool <dir>', t('cmd.report.submit.opt.spool'))
    .option('--submit-timeout <seconds>', t('cmd.report.submit.opt.timeout'))
    .action((o: SubmitCliOptions) => run(() => executeReportFlush(o, getCtx())));
};

async function executeReportFlush(o: SubmitCliOptions, ctx: CliContext): Promise<number> {
  const { flushSpool } = await import('../report/submit/deliver.js');
  const { listSpool } = await import('../report/submit/spool.js');
  const { listSpoolForPeople } = await import('../report/submit/spool-admin.js');
  const cfg = await loadSettings(o);
  if (!(await listSpool(cfg.spool)).length) {
    const empty = { delivered: 0, duplicates: 0, rejected: 0, damaged: 0, remaining: 0 };
    printFlush(
      ctx,
      { ...empty, rejectedKept: (await listSpoolForPeople(cfg.spool)).rejected.length },
      false,
      cfg.spool,
    );
    return flushExitCode(empty);
  }
  if (!cfg.token)
    throw new WardkitError('submit.noToken', {
      file: cfg.configFile ?? (await import('../report/submit/config.js')).defaultConfigFile(),
    });
  const log = await redactingLog(ctx, cfg.token);
  const r = await flushSpool({
    spool: cfg.spool,
    server: o.server,
    fallbackServer: cfg.server,
    token: cfg.token,
    signal: ctx.signal,
    log,
    budgetMs: parseSeconds(o.submitTimeout, 120),
    onWait: (pid) => ctx.stderr.write(`${ctx.t('spool.waitingForLock', { pid })}\n`),
  });
  printFlush(ctx, r, false, cfg.spool);
  return flushExitCode(r);
}
