import type { Params } from './i18n/format.js';

/** Exit codes of every command but `check` (docs/cli.md). */
export const EXIT = {
  OK: 0,
  INVALID: 1,
  USAGE: 64,
  INTERNAL: 70,
  /** A disk or output problem: the spool's disk is full or read-only, stdout cannot be written (sysexits EX_IOERR). */
  IO: 74,
  /** The server refused the ward's access token (401): ask the Department for a new one (sysexits EX_NOPERM). */
  TOKEN_REFUSED: 77,
  /** --timeout expired before the command finished (as GNU timeout). */
  TIMEOUT: 124,
} as const;
/** Exit codes of `wardkit check` (monitoring-plugin convention). */
export const CHECK_EXIT = { READY: 0, DEGRADED: 1, NOT_READY: 2, COULD_NOT_RUN: 3 } as const;

/**
 * An error the user can act on: carries a message key (translated when printed) and the exit code.
 * Thrown anywhere; turned into a printed message and process.exitCode in exactly one place (cli.ts).
 */
export class WardkitError extends Error {
  constructor(
    readonly key: string,
    readonly params: Params = {},
    readonly exitCode: number = EXIT.INVALID,
    options?: { cause?: unknown },
  ) {
    super(key, options);
    this.name = 'WardkitError';
  }
}

export class UsageError extends WardkitError {
  constructor(key: string, params: Params = {}) {
    super(key, params, EXIT.USAGE);
    this.name = 'UsageError';
  }
}

/** A command finished and wants a specific exit code without printing an error (e.g. check → 2). */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = 'ExitCode';
  }
}

/** The reason of the abort when --timeout expires (an AbortSignal's reason). */
export class TimeoutAbort extends Error {
  constructor(readonly seconds: number) {
    super(`timed out after ${seconds} s`);
    this.name = 'TimeoutAbort';
  }
}
