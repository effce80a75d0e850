import type { ApplyOptions } from '../apply/run.js';
import { UsageError } from '../errors.js';
import type { CliContext } from './context.js';
import { makeStyle } from '../ui/style.js';

export interface ApplyCliOptions extends ApplyOptions {
  json?: boolean;
  discovery: 'auto' | 'pactl';
}

/** `wardkit apply`: parse → runApply → render. */
export async function executeApply(o: ApplyCliOptions, ctx: CliContext): Promise<number> {
  const { runApply } = await import('../apply/run.js');
  const { renderOutcome, manualLines } = await import('../apply/render.js');
  const { t } = ctx;
  if (o.undo && (o.plan || o.answers)) throw new UsageError('apply.undoAlone');
  if (!o.undo && !o.profile) throw new UsageError('apply.needProfile');
  const interactive = Boolean(process.stdin.isTTY) && Boolean(ctx.stderr.isTTY);
  const { inquirerPrompter } = await import('../apply/prompt.js');
  let source;
  if (o.discovery === 'pactl') source = (await import('../platform/linux-pulse.js')).pactlInventory;
  const outcome = await runApply(
    { profile: o.profile, ward: o.ward, wardName: o.wardName, roomFile: o.roomFile, plan: o.plan, yes: o.yes, answers: o.answers, undo: o.undo },
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
    const manual = 'manual' in outcome ? outcome.manual.map((m) => ({ ...m, text: manualLines(t, [m]).map((l) => l.trim()).join(' ') })) : undefined;
    ctx.stdout.write(JSON.stringify(manual ? { ...outcome, manual } : outcome, null, 2) + '\n');
  } else ctx.stdout.write(renderOutcome(t, outcome, makeStyle(ctx.color)));
  return 0;
}
