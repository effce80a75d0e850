// `wardkit report …`: a command group. Each subcommand is one registrar in REPORT_SUBCOMMANDS,
// registered with the `report` command as its parent, in this order.
import type { Register } from './context.js';
import { registerReportFlush } from './report-flush.js';
import { registerReportRequeue } from './report-requeue.js';
import { registerReportShow } from './report-show.js';
import { registerReportSubmit } from './report-submit.js';

export const REPORT_SUBCOMMANDS: Register[] = [
  registerReportShow,
  registerReportSubmit,
  registerReportFlush,
  registerReportRequeue,
];

export const registerReport: Register = (program, getCtx, run) => {
  const { t } = getCtx();
  const group = program.command('report').description(t('cmd.report.show.group'));
  for (const register of REPORT_SUBCOMMANDS) register(group, getCtx, run);
};
