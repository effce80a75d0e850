// `wardkit report requeue ID|--all`: queue refused reports (spool/rejected) again once the cause is
// fixed — a new token, a server limit raised. Exit 0 queued, 1 nothing matched, 74 the spool
// folder cannot be written, 64 neither an id nor --all.
import { EXIT, UsageError, WardkitError } from '../errors.js';
import type { CliContext, Register } from './context.js';
import { diskWords, loadSettings, type SubmitCliOptions } from './submit-common.js';

interface RequeueOptions extends SubmitCliOptions {
  all?: boolean;
}

export async function executeRequeue(id: string | undefined, o: RequeueOptions, ctx: CliContext): Promise<number> {
  if (Boolean(id) === Boolean(o.all)) throw new UsageError('spool.requeueWhich');
  const { requeue, diskProblem } = await import('../report/submit/spool-admin.js');
  const cfg = await loadSettings(o);
  let moved: string[];
  try {
    moved = await requeue(cfg.spool, id ? { id } : { all: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!code) throw err;
    throw new WardkitError(
      'spool.cannotWrite',
      { id: id ?? '*', dir: cfg.spool, reason: diskWords(ctx, { problem: diskProblem(err), code }) },
      EXIT.IO,
      { cause: err },
    );
  }
  if (!moved.length) {
    if (id) throw new WardkitError('spool.requeueNone', { id, dir: cfg.spool });
    ctx.stderr.write(ctx.t('spool.requeued', { n: 0 }) + '\n');
    return EXIT.OK;
  }
  ctx.stderr.write(ctx.t('spool.requeued', { n: moved.length }) + '\n');
  return EXIT.OK;
}

export const registerReportRequeue: Register = (report, getCtx, run) => {
  const { t } = getCtx();
  report
    .command('requeue')
    .description(t('cmd.report.requeue.description'))
    .argument('[id]', t('cmd.report.requeue.arg.id'))
    .option('--all', t('cmd.report.requeue.opt.all'))
    .option('--config <file>', t('cmd.report.submit.opt.config'))
    .option('--spool <dir>', t('cmd.report.submit.opt.spool'))
    .addHelpText('after', t('cmd.report.requeue.help.after'))
    .action((id: string | undefined, o: RequeueOptions) => run(() => executeRequeue(id, o, getCtx())));
};
