// `wardkit profiles validate|list|show`: declares the options; the work is imported lazily.
import { UsageError } from '../errors.js';
import type { Register } from './index.js';
import { oneOf } from './options.js';

export const VALIDATE_FORMATS = ['text', 'json', 'github', 'junit'] as const;

export const registerProfiles: Register = (program, getCtx, run) => {
  const { t } = getCtx();
  const profiles = program.command('profiles').description(t('cmd.profiles.description'));
  profiles
    .command('validate')
    .description(t('cmd.profiles.validate.description'))
    .argument('[paths...]', t('cmd.profiles.validate.arg'))
    .option('--format <format>', t('cmd.profiles.validate.opt.format'))
    .addHelpText('after', t('cmd.profiles.validate.help.after'))
    .action((paths: string[], o: { format?: string }) =>
      run(async () => {
        const format = oneOf(o.format, VALIDATE_FORMATS, 'text');
        if (!paths.length) throw new UsageError('profile.validate.noArgs');
        const { executeValidate } = await import('./profiles-run.js');
        return executeValidate(paths, format, getCtx());
      }),
    );
  profiles
    .command('list')
    .description(t('cmd.profiles.list.description'))
    .option('--json', t('cmd.profiles.opt.json'))
    .action((o: { json?: boolean }) =>
      run(async () => {
        const { executeList } = await import('./profiles-run.js');
        return executeList(Boolean(o.json), getCtx());
      }),
    );
  profiles
    .command('schema')
    .description(t('cmd.profiles.schema.description'))
    .action(() =>
      run(async () => {
        const { profileSchema } = await import('../profiles/schema/index.js');
        getCtx().stdout.write(JSON.stringify(profileSchema, null, 2) + '\n');
      }),
    );
  profiles
    .command('show')
    .description(t('cmd.profiles.show.description'))
    .argument('<profile>', t('cmd.profiles.show.arg'))
    .option('--resolved', t('cmd.profiles.show.opt.resolved'))
    .option('--json', t('cmd.profiles.opt.json'))
    .action((ref: string, o: { resolved?: boolean; json?: boolean }) =>
      run(async () => {
        const { executeShow } = await import('./profiles-run.js');
        return executeShow(ref, { resolved: Boolean(o.resolved), json: Boolean(o.json) }, getCtx());
      }),
    );
};
