// `wardkit report submit FILE`: send a saved report (check --format json --out FILE) to the
// Department; queued in the spool when the server cannot be reached. Attach to the `report` group
// with addReportSubmit(reportCommand, getCtx, run).
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import type { Runner } from './index.js';

export function addReportSubmit(report: Command, getCtx: () => CliContext, run: Runner): void {
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
    .action((file: string, o) =>
      run(async () => {
        const { executeReportSubmit } = await import('./report-submit-run.js');
        return executeReportSubmit(file, o, getCtx());
      }),
    );
}
