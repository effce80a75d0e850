// `wardkit apply`: parse → runApply → render.
import type { ApplyOptions } from '../apply/run.js';
import { UsageError } from '../errors.js';
import type { CliContext, Register } from './context.js';
import { oneOf } from './options.js';

export const DISCOVERY = ['auto', 'pactl'] as const;

export interface ApplyCliOptions extends ApplyOptions {
  json?: boolean;
  discovery?: string;
}

export const registerApply: Register = (program, getCtx, run) => {
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
    .action((o: ApplyCliOptions) => run(() => executeApply(o, getCtx())));
};

async function executeApply(o: ApplyCliOptions, ctx: CliContext): Promise<number> {
  const discovery = oneOf(o.discovery, DISCOVERY, 'auto');
  if (o.undo && (o.plan || o.answers)) throw new UsageError('apply.undoAlone');
  if (!o.undo && !o.profile) throw new UsageError('apply.needProfile');
  const { runApply } = await import('../apply/run.js');
  const { renderOutcome, manualLines } = await import('../apply/render.js');
  const { inquirerPrompter } = await import('../apply/prompt.js');
  const { makeStyle } = await import('../ui/style.js');
  const { t } = ctx;
  const interactive = Boolean(process.stdin.isTTY) && Boolean(ctx.stderr.isTTY);
  const source = discovery === 'pactl' ? (await import('../platform/linux-pulse.js')).pactlInventory : undefined;
  const outcome = await runApply(
    {
      profile: o.profile,
      ward: o.ward,
      wardName: o.wardName,
      roomFile: o.roomFile,
      plan: o.plan,
      yes: o.yes,
      answers: o.answers,
      undo: o.undo,
    },
    {
      t,
      interactive,
      prompter: interactive ? inquirerPrompter(t, { signal: ctx.signal }) : undefined,
      source,
      signal: ctx.signal,
      log: (line) => ctx.log.info(line),
    },
  );
  if (o.json) {
    const manual =
      'manual' in outcome
        ? outcome.manual.map((m) => ({
            ...m,
            text: manualLines(t, [m])
              .map((l) => l.trim())
              .join(' '),
          }))
        : undefined;
    ctx.stdout.write(JSON.stringify(manual ? { ...outcome, manual } : outcome, null, 2) + '\n');
  } else ctx.stdout.write(renderOutcome(t, outcome, makeStyle(ctx.color)));
  // A required role without a device: the room does not match the profile (documented: exit 1).
  return outcome.mode !== 'undo' && outcome.missingRequired.length ? 1 : 0;
}
