// `wardkit serve token create|list|revoke`: the access tokens of the Department's server.
// A token is shown once, at creation; the store keeps only its sha256. `serve` has a --data option
// too, and commander gives it whichever comes first: optsWithGlobals() merges both.
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import type { Runner } from './index.js';

export function addServeToken(serve: Command, getCtx: () => CliContext, run: Runner): void {
  const { t } = getCtx();
  const token = serve.command('token').description(t('cmd.serve.token.description'));
  token
    .command('create')
    .description(t('cmd.serve.token.create.description'))
    .option('--ward <id>', t('cmd.serve.token.opt.ward'))
    .option('--admin', t('cmd.serve.token.opt.admin'))
    .option('--viewer', t('cmd.serve.token.opt.viewer'))
    .option('--label <text>', t('cmd.serve.token.opt.label'))
    .option('--data <dir>', t('cmd.serve.opt.data'))
    .addHelpText('after', t('cmd.serve.token.help.after'))
    .action((_o, cmd: Command) => run(async () => (await import('./serve-token-run.js')).tokenCreate(cmd.optsWithGlobals(), getCtx())));
  token
    .command('list')
    .description(t('cmd.serve.token.list.description'))
    .option('--ward <id>', t('cmd.serve.token.opt.wardFilter'))
    .option('--data <dir>', t('cmd.serve.opt.data'))
    .action((_o, cmd: Command) => run(async () => (await import('./serve-token-run.js')).tokenList(cmd.optsWithGlobals(), getCtx())));
  token
    .command('revoke')
    .description(t('cmd.serve.token.revoke.description'))
    .argument('[id]', t('cmd.serve.token.arg.id'))
    .option('--ward <id>', t('cmd.serve.token.opt.wardRevoke'))
    .option('--data <dir>', t('cmd.serve.opt.data'))
    .action((id: string | undefined, _o, cmd: Command) => run(async () => (await import('./serve-token-run.js')).tokenRevoke(id, cmd.optsWithGlobals(), getCtx())));
}
