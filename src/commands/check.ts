// `wardkit check`: prepare the session → run the checks → render (and --submit). Exit 0 ready,
// 1 degraded, 2 not ready, 3 could not run.
import { resultName } from '../report/render/present.js';
import { explainError } from '../i18n/system-errors.js';
import { writePrivateFile } from '../report/write-file.js';
import { CHECK_EXIT, EXIT, TimeoutAbort, UsageError, WardkitError } from '../errors.js';
import type { SessionOptions } from '../app/check-session.js';
import type { Report } from '../report/model.js';
import type { CliContext, Register } from './context.js';
import { collect, list, oneOf } from './options.js';

export const CHECK_FORMATS = ['text', 'json', 'junit', 'html', 'nagios'] as const;

/** The session's own options as commander gives them, and the command's. */
export interface CheckCliOptions extends Omit<SessionOptions, 'evidenceDir' | 'ffmpegPath'> {
  out?: string;
  strict?: boolean;
  /** A folder, or true for the default one (`--evidence` alone). */
  evidence?: string | true;
  ffmpeg?: string;
  submit?: boolean;
  config?: string;
  spool?: string;
  submitTimeout?: string;
  randomDelay?: string;
  format?: string;
  json?: boolean;
  plugin?: boolean;
}

export const registerCheck: Register = (program, getCtx, run) => {
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
    .option('--json', t('cmd.check.opt.json'))
    .option('--plugin', t('cmd.check.opt.plugin'))
    .option('--out <file>', t('cmd.check.opt.out'))
    .option('--demo', t('cmd.check.opt.demo'))
    .option('--strict', t('cmd.check.opt.strict'))
    .option('--evidence [dir]', t('cmd.check.opt.evidence'))
    .option('--ffmpeg <path>', t('cmd.check.opt.ffmpeg'))
    .option('--submit', t('cmd.report.submit.opt.checkSubmit'))
    .option('--config <file>', t('cmd.report.submit.opt.config'))
    .option('--spool <dir>', t('cmd.report.submit.opt.spool'))
    .option('--submit-timeout <seconds>', t('cmd.report.submit.opt.timeout'))
    .option('--random-delay <duration>', t('cmd.schedule.opt.checkRandomDelay'))
    .addHelpText('after', t('cmd.check.help.after'))
    .action((o: CheckCliOptions) => run(() => executeCheck(o, getCtx())));
};

function exitCodeFor(report: Report, strict = false): number {
  if (report.readiness === 'READY') return CHECK_EXIT.READY;
  if (report.readiness === 'DEGRADED') return strict ? CHECK_EXIT.NOT_READY : CHECK_EXIT.DEGRADED;
  return CHECK_EXIT.NOT_READY;
}

/** Anything that stops the checks from running is exit 3. */
async function executeCheck(o: CheckCliOptions, ctx: CliContext): Promise<number> {
  // --json is --format json, as in the other commands.
  if (o.json) {
    if (o.format !== undefined && o.format !== 'json')
      throw new UsageError('cmd.check.jsonFormat', { format: o.format });
    o = { ...o, format: 'json' };
  }
  // Plugin mode (--plugin, --format nagios, WARDKIT_PLUGIN=1; src/commands/run-mode.ts) prints nagios.
  if (ctx.plugin && o.format !== undefined && o.format !== 'nagios')
    throw new UsageError('cmd.check.pluginFormat', { format: o.format });
  const format = ctx.plugin ? 'nagios' : oneOf(o.format, CHECK_FORMATS, 'text');
  const { prepareSession, runSession } = await import('../app/check-session.js');
  const { RENDERERS, embedEvidence } = await import('../report/render/index.js');
  const { ProfileError } = await import('../profiles/diagnostics.js');
  const { makeStyle } = await import('../ui/style.js');
  const { t } = ctx;
  if (o.randomDelay !== undefined) {
    const { randomDelay } = await import('./check-submit.js');
    if (!(await randomDelay(o.randomDelay, ctx))) return CHECK_EXIT.COULD_NOT_RUN;
  }
  // --submit: settings first, so a missing token or an unsafe config stops before measuring.
  const submit = o.submit ? await (await import('./check-submit.js')).prepareSubmit(o, ctx) : undefined;
  let session;
  try {
    session = await prepareSession(
      {
        profile: o.profile,
        room: o.room,
        ward: o.ward,
        device: o.device,
        server: o.server ?? (o.demo ? undefined : submit?.cfg.server),
        only: o.only,
        skip: o.skip,
        demo: o.demo,
        evidenceDir: o.evidence === true ? await privateEvidenceDir() : o.evidence,
        ffmpegPath: o.ffmpeg ?? process.env.WARDKIT_FFMPEG,
      },
      ctx.log,
    );
  } catch (err) {
    if (err instanceof WardkitError && err.exitCode === EXIT.USAGE) throw err;
    if (err instanceof ProfileError) {
      for (const d of err.diagnostics) ctx.stderr.write(`${d.file}:${d.line}:${d.col}: ${t(d.key, d.params)}\n`);
      throw new WardkitError('profile.invalid', {}, CHECK_EXIT.COULD_NOT_RUN);
    }
    if (err instanceof WardkitError)
      throw new WardkitError(err.key, err.params, CHECK_EXIT.COULD_NOT_RUN, { cause: err });
    throw new WardkitError('check.couldNotRun', { message: (err as Error).message }, CHECK_EXIT.COULD_NOT_RUN, {
      cause: err,
    });
  }
  try {
    const { wardIdValid } = await import('../report/report.schema.js');
    if (!wardIdValid(session.ward))
      throw new WardkitError('submit.badWard', { ward: session.ward }, CHECK_EXIT.COULD_NOT_RUN);
    const delivery = submit ? await submit.start(session) : undefined;
    const tty = Boolean(ctx.stderr.isTTY);
    ctx.stderr.write(t('check.starting', { ward: session.ward, profile: session.room.profile.id }) + '\n');
    if (o.demo && session.room.serverUrl) ctx.log.debug(t('check.demoServer', { url: session.room.serverUrl }));
    let finished = 0;
    let jobs = 0;
    // On a terminal, one status line under the results: every check running right now (several
    // run at once when they share no resource), cut to the terminal's width.
    const inProgress = new Map<string, string>();
    const showRunning = () => {
      if (!tty) return;
      const names = [...new Set(inProgress.values())];
      const text = names.length ? t('check.running', { checks: names.join(', ') }) : '';
      const width = (ctx.stderr as { columns?: number }).columns || 80;
      ctx.stderr.write(`\r\x1b[K${text && text.length >= width ? `${text.slice(0, width - 2)}…` : text}`);
    };
    const running = runSession(session, t, {
      log: ctx.log,
      signal: ctx.signal,
      onStart: (check, target) => {
        inProgress.set(
          `${check.id}/${target.id}`,
          t.has(`check.title.${check.id}`) ? t(`check.title.${check.id}`) : check.id,
        );
        showRunning();
      },
      onResult: (r, done, total) => {
        finished = done;
        jobs = total;
        inProgress.delete(`${r.checkId}/${r.targetId}`);
        // The same title as the report: the role's name in the user's language and the device's name.
        const line = t('check.progress', {
          done,
          total,
          check: resultName(t, r),
          status: t(`status.${r.status}`),
        });
        ctx.stderr.write(tty ? `\r\x1b[K${line}\n` : `${line}\n`);
        showRunning();
      },
    });
    // --timeout: stop waiting at once, kill every process the checks started, say UNKNOWN.
    const expired = new Promise<TimeoutAbort>((resolve) => {
      const on = () => ctx.signal.reason instanceof TimeoutAbort && resolve(ctx.signal.reason);
      if (ctx.signal.aborted) on();
      else ctx.signal.addEventListener('abort', on, { once: true });
    });
    const report = await Promise.race([running, expired]);
    if (report instanceof TimeoutAbort) {
      const { killAll } = await import('../proc/process.js');
      await killAll(0);
      // Said once, where every outcome becomes an exit code (cli.ts): UNKNOWN on stdout in plugin mode.
      throw new WardkitError(
        'check.timedOut',
        { seconds: report.seconds, done: finished, total: jobs || session.checkIds.length },
        CHECK_EXIT.COULD_NOT_RUN,
      );
    }
    // Interrupted (Ctrl-C; SIGTERM from a monitoring system at its own timeout): a plugin still says UNKNOWN.
    if (ctx.signal.aborted) {
      if (format === 'nagios') throw new WardkitError('cli.interrupted', {}, CHECK_EXIT.COULD_NOT_RUN);
      return CHECK_EXIT.COULD_NOT_RUN;
    }
    const style = makeStyle(ctx.color && !o.out && format === 'text');
    const rendered = RENDERERS[format](format === 'html' ? await embedEvidence(report) : report, t, style);
    let wroteOut = true;
    if (o.out) {
      try {
        await writePrivateFile(o.out, rendered);
        ctx.stderr.write(t('check.wroteReport', { file: o.out }) + '\n');
        if (format !== 'text') ctx.stderr.write(RENDERERS.text(report, t, makeStyle(ctx.color)));
      } catch (err) {
        // The measurements must not be lost to a bad path: the report goes to stdout instead, is
        // still submitted, and the exit code says the job was not done as asked.
        const e = err as NodeJS.ErrnoException;
        ctx.stderr.write(
          t('cli.error', {
            message: t('check.cannotWriteReport', {
              file: o.out,
              reason: e.code ?? e.message,
              why: explainError(e, 'file').key,
            }),
          }) + '\n',
        );
        ctx.stdout.write(rendered);
        wroteOut = false;
      }
    } else {
      ctx.stdout.write(rendered);
    }
    const sent = await delivery?.send(report);
    if (sent === 'unsaved') {
      // Neither sent nor queued (full or read-only disk): the report must not be lost. It is in
      // --out when that was written as JSON, on stdout already with --format json; else print it.
      if (format === 'json' && o.out && wroteOut) ctx.stderr.write(`${t('spool.reportKept', { file: o.out })}\n`);
      else if (format !== 'json') {
        ctx.stderr.write(`${t('spool.reportOnStdout')}\n`);
        ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      }
      return CHECK_EXIT.COULD_NOT_RUN;
    }
    return wroteOut ? exitCodeFor(report, o.strict) : CHECK_EXIT.COULD_NOT_RUN;
  } finally {
    // After a timeout the demo server may still hold connections: do not wait for them.
    const close = session.close();
    await (ctx.signal.reason instanceof TimeoutAbort
      ? Promise.race([close, new Promise((r) => setTimeout(r, 100))])
      : close);
  }
}

/** The default evidence folder of this run, created private (snapshots may show citizens). */
async function privateEvidenceDir(): Promise<string> {
  const { defaultEvidenceDir } = await import('../report/submit/config.js');
  const { mkdir } = await import('node:fs/promises');
  const dir = defaultEvidenceDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}
