import type { Command } from 'commander';
import type { Register } from './index.js';
import { oneOf } from './options.js';

export const DISCOVERY = ['auto', 'pactl'] as const;

export const registerApply: Register = (program: Command, getCtx, run) => {
  const { t } = getCtx();
  program
    .command('apply')
    .description(t('cmd.apply.description'))
    .option('--profile <id|file>', t('cmd.apply.opt.profile'))
    .requiredOption('--ward <id>', t('cmd.apply.opt.ward'))
    .option('--ward-name <name>', t('cmd.apply.opt.wardName'))
    .option('--room-file <path>', t('cmd.apply.opt.roomFile'))
    .option('--plan', t('cmd.apply.opt.plan'))
    .option('--yes', t('cmd.apply.opt.yes'))
    .option('--answers <file>', t('cmd.apply.opt.answers'))
    .option('--undo', t('cmd.apply.opt.undo'))
    .option('--json', t('cmd.apply.opt.json'))
    .option('--discovery <source>', t('cmd.apply.opt.discovery'))
    .addHelpText('after', t('cmd.apply.help.after'))
    .action((o) =>
      run(async () => {
        const discovery = oneOf(o.discovery, DISCOVERY, 'auto');
        const { executeApply } = await import('./apply-run.js');
        return executeApply({ ...o, discovery }, getCtx());
      }),
    );
};
