// Builds the commander program and maps errors to exit codes — nothing else. Exit codes are set
// here and only here (no process.exit deep in the code, so piped stdout is never cut off).
import { Command, CommanderError, Help, Option } from 'commander';
import { COMMANDS } from './commands/index.js';
import type { CliContext } from './commands/context.js';
import { CHECK_EXIT, EXIT, ExitCode, TimeoutAbort, UsageError, WardkitError } from './errors.js';
import { discard, isPluginRun, optionValue, parseTimeout } from './commands/run-mode.js';
import { createFormatter, detectLang, type Formatter } from './i18n/format.js';
import { VERSION } from './version.js';

export interface MainIo {
  stdout?: CliContext['stdout'];
  stderr?: CliContext['stderr'];
  env?: NodeJS.ProcessEnv;
}

/** Pre-scan argv for --lang so that --help itself is translated. */
function langFromArgv(argv: string[], env: NodeJS.ProcessEnv): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lang') return argv[i + 1];
    if (a.startsWith('--lang=')) return a.slice(7);
  }
  return env.WARDKIT_LANG;
}

export async function main(argv: string[], io: MainIo = {}): Promise<number> {
  if (process.platform === 'win32') (await import('./platform/keepalive.js')).keepAliveAfterConnect();
  const env = io.env ?? process.env;
  const stdout = io.stdout ?? process.stdout;
  const requested = langFromArgv(argv.slice(2), env);
  const t: Formatter = createFormatter(detectLang(requested, env));
  const debug = argv.includes('--debug');
  // A monitoring plugin writes nothing to stderr (Icinga merges it into the output) unless --debug.
  const plugin = isPluginRun(argv.slice(2), env);
  const stderr = plugin && !debug ? discard() : (io.stderr ?? process.stderr);
  // Colour on a terminal; FORCE_COLOR (as chalk and most CLIs read it) also forces it into a pipe;
  // --no-color and NO_COLOR (https://no-color.org) always win.
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const color =
    !argv.includes('--no-color') && !env.NO_COLOR && (forced || Boolean((stdout as { isTTY?: boolean }).isTTY));
  const controller = new AbortController();
  const onSignal = () => {
    stderr.write(t('cli.interrupted') + '\n');
    controller.abort(new Error('interrupted'));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const ctx: CliContext = {
    t,
    debug,
    color,
    stdout,
    stderr,
    signal: controller.signal,
    plugin,
    log: {
      debug: (m) => debug && stderr.write(`[debug] ${m}\n`),
      info: (m) => stderr.write(m + '\n'),
      warn: (m) => stderr.write(m + '\n'),
    },
  };
  const output = {
    writeOut: (s: string) => stdout.write(s),
    writeErr: (s: string) => stderr.write(s),
    // commander's own parse errors, translated (the original text when no pattern matches).
    outputError: (s: string, write: (s: string) => void) => write(translateCommanderError(s, t)),
  };
  let exitCode = EXIT.OK as number;
  const run = async (fn: () => Promise<number | void>) => {
    const code = await fn();
    if (typeof code === 'number') exitCode = code;
  };

  // A reader that goes away (`wardkit --help | head`) is not an error. Any other write error on
  // stdout (a full disk: `> /dev/full`) is one line on stderr and exit 74 (`check`: 3), never a
  // stack trace — and never "DEGRADED" (exit 1) for a check whose report was not written.
  let stdoutError: NodeJS.ErrnoException | undefined;
  const onStdoutError = (e: NodeJS.ErrnoException) => {
    if (e?.code !== 'EPIPE') stdoutError ??= e;
  };
  stdout.on?.('error', onStdoutError);
  let commandName = '';

  const program = new Command('wardkit')
    .description(t('cli.description'))
    .configureHelp({
      styleTitle: (title: string) => (t.has(`cli.help.${title}`) ? t(`cli.help.${title}`) : title),
      // commander appends "(default: …, choices: …)" in English: translate those words.
      optionDescription(option) {
        return translateExtras(Help.prototype.optionDescription.call(this, option), t);
      },
      argumentDescription(argument) {
        return translateExtras(Help.prototype.argumentDescription.call(this, argument), t);
      },
      commandUsage(cmd) {
        return Help.prototype.commandUsage
          .call(this, cmd)
          .replace(/\[(options|command)\]/g, (_m, w: string) => `[${t(`cli.help.${w}`)}]`);
      },
      subcommandTerm(cmd) {
        return Help.prototype.subcommandTerm
          .call(this, cmd)
          .replace(/\[(options|command)\]/g, (_m, w: string) => `[${t(`cli.help.${w}`)}]`);
      },
    })
    .helpOption('-h, --help', t('cli.opt.help'))
    .helpCommand('help [command]', t('cli.helpCommand'))
    .version(VERSION, '-V, --version', t('cli.opt.version'))
    .addOption(new Option('--lang <lang>', t('cli.opt.lang')))
    .addOption(new Option('--timeout <seconds>', t('cli.opt.timeout')))
    .option('--debug', t('cli.opt.debug'))
    .option('--no-color', t('cli.opt.noColor'))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput(output)
    .hook('preAction', (_this, action) => {
      commandName = action.name();
    });
  for (const register of COMMANDS) register(program, () => ctx, run);
  program.commands.forEach(function inherit(c: Command) {
    c.exitOverride();
    c.configureOutput(output);
    c.helpOption('-h, --help', t('cli.opt.help'));
    if (c.commands.length) c.helpCommand('help [command]', t('cli.helpCommand'));
    c.commands.forEach(inherit);
  });

  let timer: NodeJS.Timeout | undefined;
  try {
    if (requested && requested !== 'vi' && requested !== 'en') throw new UsageError('cli.badLang', { lang: requested });
    const limit = optionValue(argv.slice(2), '--timeout');
    const seconds = limit === undefined ? undefined : parseTimeout(limit);
    let expired: Promise<'expired'> = new Promise(() => {});
    if (seconds !== undefined) {
      // The whole run, start-up included, ends by the deadline: the work is stopped up to 2 s early
      // so that killing its processes, printing the result and exiting fit in on a busy computer.
      const left = seconds * 1000 - process.uptime() * 1000;
      const margin = Math.min(2000, left / 2);
      expired = new Promise((resolve) => {
        timer = setTimeout(
          () => {
            controller.abort(new TimeoutAbort(seconds));
            // A command that does not stop on its own by the deadline is stopped here.
            timer = setTimeout(() => resolve('expired'), Math.max(0, Math.min(1500, left - margin - 500)));
          },
          Math.max(0, left - margin),
        );
      });
    }
    const outcome = await Promise.race([program.parseAsync(argv), expired]);
    if (outcome === 'expired') {
      const { killAll } = await import('./proc/process.js');
      await killAll(0);
      throw new TimeoutAbort(seconds!);
    }
    // A command that stopped because its time was up did not finish its job (`serve` included).
    if (controller.signal.reason instanceof TimeoutAbort) throw controller.signal.reason;
  } catch (err) {
    exitCode = toExitCode(err, ctx);
  } finally {
    clearTimeout(timer);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  // A file stdout reports its write error on the next tick.
  await new Promise((r) => setImmediate(r));
  if (stdoutError) {
    const code = stdoutError.code;
    const reason =
      code === 'ENOSPC' || code === 'EDQUOT'
        ? t('io.full')
        : code === 'EROFS'
          ? t('io.readOnly')
          : code === 'EACCES' || code === 'EPERM'
            ? t('io.denied')
            : (code ?? stdoutError.message);
    stderr.write(t('cli.error', { message: t('cli.stdoutFailed', { reason }) }) + '\n');
    exitCode = commandName === 'check' ? CHECK_EXIT.COULD_NOT_RUN : EXIT.IO;
  }
  return exitCode;
}

/** "(default: x, choices: a, b)" at the end of a help line, with the words translated. */
function translateExtras(description: string, t: Formatter): string {
  return description.replace(
    /\(([^()]*)\)$/,
    (_whole, inner: string) =>
      '(' +
      inner.replace(/\b(default|choices|preset|env): /g, (_m, word: string) => `${t(`cli.help.${word}`)}: `) +
      ')',
  );
}

/** commander's English parse errors → catalog messages. */
const COMMANDER_ERRORS: Array<[RegExp, string]> = [
  [/^error: unknown option '([^']*)'/, 'cli.commander.unknownOption'],
  [/^error: unknown command '([^']*)'/, 'cli.commander.unknownCommand'],
  [/^error: missing required argument '([^']*)'/, 'cli.commander.missingArgument'],
  [/^error: required option '([^']*)' not specified/, 'cli.commander.missingOption'],
  [/^error: option '([^']*)' argument missing/, 'cli.commander.optionMissingArgument'],
  [/^error: option '([^']*)' argument '([^']*)' is invalid/, 'cli.commander.invalidChoice'],
  [/^error: too many arguments(?: for '([^']*)')?/, 'cli.commander.excessArguments'],
];

export function translateCommanderError(s: string, t: Formatter): string {
  for (const [re, key] of COMMANDER_ERRORS) {
    const m = re.exec(s);
    if (m) {
      const hint = /\(Did you mean ([^?]*)\?\)/.exec(s);
      const msg = t('cli.usage', { message: t(key, { name: m[1] ?? '', value: m[2] ?? '' }) });
      return (
        msg + (hint ? ' ' + t('cli.commander.didYouMean', { hint: hint[1] }) : '') + '\n' + t('cli.seeHelp') + '\n'
      );
    }
  }
  return s;
}

/** The one place where an outcome becomes an exit code (exported for tests). */
export function toExitCode(err: unknown, ctx: CliContext): number {
  const { t, stderr } = ctx;
  if (err instanceof ExitCode) return err.code;
  if (ctx.plugin) return pluginExitCode(err, ctx);
  if (err instanceof TimeoutAbort) {
    stderr.write(t('cli.error', { message: t('cli.timedOut', { seconds: err.seconds }) }) + '\n');
    return EXIT.TIMEOUT;
  }
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
      return EXIT.OK;
    // commander already printed its message.
    return EXIT.USAGE;
  }
  if (err instanceof WardkitError) {
    const key = err.exitCode === EXIT.USAGE ? 'cli.usage' : 'cli.error';
    stderr.write(t(key, { message: t(err.key, err.params) }) + '\n');
    if (ctx.debug && err.stack) stderr.write(err.stack + '\n');
    return err.exitCode;
  }
  const e = err as Error;
  stderr.write(t('cli.internal', { message: e?.message ?? String(err) }) + '\n');
  if (ctx.debug && e?.stack) stderr.write(e.stack + '\n');
  return EXIT.INTERNAL;
}

/** Plugin mode: every way the check did not give a verdict is UNKNOWN (exit 3), said on stdout. */
function pluginExitCode(err: unknown, ctx: CliContext): number {
  const { t } = ctx;
  if (
    err instanceof CommanderError &&
    (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
  )
    return EXIT.OK;
  let message: string;
  if (err instanceof TimeoutAbort) message = t('cli.timedOut', { seconds: err.seconds });
  else if (err instanceof CommanderError) message = translateCommanderError(err.message, t).split('\n')[0];
  else if (err instanceof WardkitError) message = t(err.key, err.params);
  else message = t('cli.internal', { message: (err as Error)?.message ?? String(err) });
  ctx.stdout.write(`WARDKIT UNKNOWN - ${message.replace(/[\r\n|]+/g, ' ')}\n`);
  if (ctx.debug && err instanceof Error && err.stack) ctx.stderr.write(err.stack + '\n');
  return CHECK_EXIT.COULD_NOT_RUN;
}
