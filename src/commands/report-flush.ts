// `wardkit report flush`: deliver every report waiting in the spool.
import { WardkitError } from '../errors.js';
import type { CliContext, Register } from './context.js';
import {
  loadSettings,
  parseSeconds,
  printFlush,
  redactingLog,
  SUBMIT_EXIT,
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
  const cfg = await loadSettings(o);
  if (!(await listSpool(cfg.spool)).length) {
    printFlush(ctx, { delivered: 0, duplicates: 0, rejected: 0, remaining: 0 }, false);
    return SUBMIT_EXIT.SENT;
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
  });
  printFlush(ctx, r, false);
  return r.remaining === 0 ? SUBMIT_EXIT.SENT : SUBMIT_EXIT.NOT_SENT;
}
