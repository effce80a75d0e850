// `wardkit schedule install|status|remove`: the nightly `check --room FILE --submit`.
import type { Command } from 'commander';
import type { Register } from './index.js';

export const registerSchedule: Register = (program, getCtx, run) => {
  const { t } = getCtx();
  const schedule = program.command('schedule').description(t('cmd.schedule.description'));
  const common = (c: Command) =>
    c
      .option('--backend <name>', t('cmd.schedule.opt.backend'))
      .option('--unit-dir <dir>', t('cmd.schedule.opt.unitDir'));
  common(
    schedule
      .command('install')
      .description(t('cmd.schedule.install.description'))
      .requiredOption('--at <HH:MM>', t('cmd.schedule.opt.at'))
      .option('--random-delay <duration>', t('cmd.schedule.opt.randomDelay'), '30m')
      .option('--room <file>', t('cmd.schedule.opt.room'))
      .option('--ward <id>', t('cmd.schedule.opt.ward'))
      .option('--config <file>', t('cmd.report.submit.opt.config'))
      .option('--spool <dir>', t('cmd.report.submit.opt.spool'))
      .option('--server <url>', t('cmd.report.submit.opt.server'))
      .option('--dry-run', t('cmd.schedule.opt.dryRun')),
  )
    .addHelpText('after', t('cmd.schedule.help.after'))
    .action((o) => run(async () => (await import('./schedule-run.js')).scheduleInstall(o, getCtx())));
  common(schedule.command('status').description(t('cmd.schedule.status.description'))).action((o) =>
    run(async () => (await import('./schedule-run.js')).scheduleStatusCmd(o, getCtx())),
  );
  common(schedule.command('remove').description(t('cmd.schedule.remove.description'))).action((o) =>
    run(async () => (await import('./schedule-run.js')).scheduleRemove(o, getCtx())),
  );
};
