import type { Command } from 'commander';
import type { Register } from './index.js';
import { UsageError } from '../errors.js';
import { collect, list, oneOf } from './options.js';

export const CHECK_FORMATS = ['text', 'json', 'junit', 'html', 'nagios'] as const;

export const registerCheck: Register = (program: Command, getCtx, run) => {
  const { t } = getCtx();
  program
    .command('check')
    .description(t('cmd.check.description'))
    .option('--profile <id|file>', t('cmd.check.opt.profile'))
    .option('--room <file>', t('cmd.check.opt.room'))
    .option('--ward <id>', t('cmd.check.opt.ward'))
    .option('--device <ROLE=URI>', t('cmd.check.opt.device'), collect)
    .option('--server <url>', t('cmd.check.opt.server'))
    .option('--only <ids>', t('cmd.check.opt.only'), list)
    .option('--skip <ids>', t('cmd.check.opt.skip'), list)
    .option('--format <format>', t('cmd.check.opt.format'))
    .option('--plugin', t('cmd.check.opt.plugin'))
    .option('--out <file>', t('cmd.check.opt.out'))
    .option('--demo', t('cmd.check.opt.demo'))
    .option('--strict', t('cmd.check.opt.strict'))
    .option('--evidence <dir>', t('cmd.check.opt.evidence'))
    .option('--ffmpeg <path>', t('cmd.check.opt.ffmpeg'))
    .option('--submit', t('cmd.report.submit.opt.checkSubmit'))
    .option('--config <file>', t('cmd.report.submit.opt.config'))
    .option('--spool <dir>', t('cmd.report.submit.opt.spool'))
    .option('--submit-timeout <seconds>', t('cmd.report.submit.opt.timeout'))
    .option('--random-delay <duration>', t('cmd.schedule.opt.checkRandomDelay'))
    .addHelpText('after', t('cmd.check.help.after'))
    .action((o) =>
      run(async () => {
        const ctx = getCtx();
        if (ctx.plugin && o.format !== undefined && o.format !== 'nagios') throw new UsageError('cmd.check.pluginFormat', { format: o.format });
        const format = ctx.plugin ? 'nagios' : oneOf(o.format, CHECK_FORMATS, 'text');
        const { executeCheck } = await import('./check-run.js');
        return executeCheck(o, format, ctx);
      }),
    );
};
