// `wardkit report flush`: deliver every report waiting in the spool. Attach to the `report`
// group with addReportFlush(reportCommand, getCtx, run) — or register `registerReportDelivery`
// after the `report` group in COMMANDS: it finds the group (or creates it) and adds both.
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import type { Register, Runner } from './index.js';
import { addReportRequeue } from './report-requeue.js';
import { addReportSubmit } from './report-submit.js';

export function addReportFlush(report: Command, getCtx: () => CliContext, run: Runner): void {
  const { t } = getCtx();
  report
    .command('flush')
    .description(t('cmd.report.flush.description'))
    .option('--server <url>', t('cmd.report.flush.opt.server'))
    .option('--config <file>', t('cmd.report.submit.opt.config'))
    .option('--spool <dir>', t('cmd.report.submit.opt.spool'))
    .option('--submit-timeout <seconds>', t('cmd.report.submit.opt.timeout'))
    .action((o) =>
      run(async () => {
        const { executeReportFlush } = await import('./report-flush-run.js');
        return executeReportFlush(o, getCtx());
      }),
    );
}

/** `report submit` and `report flush` on the existing `report` group (created when absent). */
export const registerReportDelivery: Register = (program, getCtx, run) => {
  const report =
    program.commands.find((c) => c.name() === 'report') ?? program.command('report').description(getCtx().t('cmd.report.submit.group'));
  addReportSubmit(report, getCtx, run);
  addReportFlush(report, getCtx, run);
  addReportRequeue(report, getCtx, run);
};
