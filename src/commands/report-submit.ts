// `wardkit report submit FILE`: send a saved report (check --format json --out FILE) to the
// Department; queued in the spool when the server cannot be reached.
import { EXIT, WardkitError } from '../errors.js';
import type { CliContext, Register } from './context.js';
import {
  loadSettings,
  parseSeconds,
  printDelivery,
  printFlush,
  redactingLog,
  SUBMIT_EXIT,
  warnIfInsecure,
  type SubmitCliOptions,
} from './submit-common.js';

export const registerReportSubmit: Register = (report, getCtx, run) => {
  const { t } = getCtx();
  report
    .command('submit')
    .description(t('cmd.report.submit.description'))
    .argument('<file>', t('cmd.report.submit.arg.file'))
    .option('--server <url>', t('cmd.report.submit.opt.server'))
    .option('--config <file>', t('cmd.report.submit.opt.config'))
    .option('--spool <dir>', t('cmd.report.submit.opt.spool'))
    .option('--submit-timeout <seconds>', t('cmd.report.submit.opt.timeout'))
    .addHelpText('after', t('cmd.report.submit.help.after'))
    .action((file: string, o: SubmitCliOptions) => run(() => executeReportSubmit(file, o, getCtx())));
};

async function executeReportSubmit(file: string, o: SubmitCliOptions, ctx: CliContext): Promise<number> {
  const { MAX_REPORT_FILE_BYTES, readInput } = await import('../input-file.js');
  const { parseReportJson } = await import('../report/validate.js');
  const { deliverReport, flushSpool } = await import('../report/submit/deliver.js');
  const text = await readInput(file, 'report', MAX_REPORT_FILE_BYTES, {
    notFound: () => new WardkitError('submit.readFailed', { file }),
  });
  const v = parseReportJson(text);
  if (!v.ok) throw new WardkitError('submit.notReport', { file, detail: v.errors.slice(0, 5).join('; ') });
  const cfg = await loadSettings(o);
  if (!cfg.token)
    throw new WardkitError('submit.noToken', {
      file: cfg.configFile ?? (await import('../report/submit/config.js')).defaultConfigFile(),
    });
  if (!cfg.server)
    throw new WardkitError('submit.noServer', {
      file: cfg.configFile ?? (await import('../report/submit/config.js')).defaultConfigFile(),
    });
  const budgetMs = parseSeconds(o.submitTimeout, 60);
  warnIfInsecure(ctx, cfg.server);
  const log = await redactingLog(ctx, cfg.token);
  const flushed = await flushSpool({
    spool: cfg.spool,
    server: o.server,
    fallbackServer: cfg.server,
    token: cfg.token,
    signal: ctx.signal,
    log,
    budgetMs: Math.min(budgetMs, 15_000),
    lockWaitMs: 5000,
  });
  printFlush(ctx, flushed, true, cfg.spool);
  const out = await deliverReport(v.report, {
    server: cfg.server,
    token: cfg.token,
    spool: cfg.spool,
    signal: ctx.signal,
    log,
    budgetMs,
  });
  printDelivery(ctx, out, v.report.id, cfg.server, cfg.spool);
  if (out.kind === 'delivered') return SUBMIT_EXIT.SENT;
  if (out.kind === 'rejected') return EXIT.INVALID;
  if (out.kind === 'unsaved') {
    // The report is still in the file it was read from: nothing is lost; say where.
    ctx.stderr.write(`${ctx.t('spool.reportKept', { file })}\n`);
    return out.tokenRefused ? EXIT.TOKEN_REFUSED : EXIT.IO;
  }
  return out.tokenRefused ? EXIT.TOKEN_REFUSED : SUBMIT_EXIT.NOT_SENT;
}
