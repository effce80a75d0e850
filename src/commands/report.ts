// `wardkit report …`: a command group. Each subcommand is one registrar in REPORT_SUBCOMMANDS —
// adding `report submit` or `report flush` is one import and one list entry.
import type { Register } from './index.js';
import { registerReportShow } from './report-show.js';

/** Subcommand registrars; each receives the `report` command as its parent. */
export const REPORT_SUBCOMMANDS: Register[] = [registerReportShow];

export const registerReport: Register = (program, getCtx, run) => {
  const { t } = getCtx();
  const group = program.command('report').description(t('cmd.report.show.group'));
  for (const register of REPORT_SUBCOMMANDS) register(group, getCtx, run);
};
