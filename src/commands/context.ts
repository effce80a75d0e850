import type { Command } from 'commander';
import type { Formatter } from '../i18n/format.js';

/** What every command gets: the formatter, output streams and global flags. */
export interface CliContext {
  t: Formatter;
  debug: boolean;
  color: boolean;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Aborted on Ctrl-C / SIGTERM and when --timeout expires (reason: TimeoutAbort): long work must stop and clean up. */
  signal: AbortSignal;
  /** Monitoring-plugin run (`check --plugin`, `--format nagios` or WARDKIT_PLUGIN=1): stderr is silent unless --debug, errors are UNKNOWN on stdout. */
  plugin?: boolean;
  /** Prints to stderr; debug only with --debug. */
  log: { debug(m: string): void; info(m: string): void; warn(m: string): void };
}

/** Adds a command to `parent` (the program, or a command group). */
export type Register = (parent: Command, ctx: () => CliContext, run: Runner) => void;
/** Wraps an action: sets the exit code from its result; errors go to cli.ts. */
export type Runner = (fn: () => Promise<number | void>) => Promise<void>;
