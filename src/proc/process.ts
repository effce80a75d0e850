import { execa, type Options, type ResultPromise } from 'execa';

export interface RunOptions {
  /** Hard limit; the whole process tree is killed when it passes. */
  timeoutMs: number;
  signal?: AbortSignal;
  env?: Record<string, string | undefined>;
  /** Extra environment on top of process.env (never mutate process.env in tests). */
  input?: string | Uint8Array;
  cwd?: string;
  /** Return stdout as a Buffer (raw PCM, images) instead of text. */
  binaryStdout?: boolean;
  /** Grace period between SIGTERM and SIGKILL. */
  killGraceMs?: number;
  /** Leave processes the program left behind in its group after it exited (daemons). */
  keepDescendants?: boolean;
  /** Called with each stdout chunk as it arrives (stdout is still collected in the result). */
  onStdout?: (chunk: Buffer) => void;
  /** With onStdout: do not keep stdout in the result (a long stream of raw media frames). */
  streamStdout?: boolean;
}

export interface RunResult {
  exitCode: number | undefined;
  stdout: string;
  stdoutBuffer?: Buffer;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  /** Spawn failed (e.g. ENOENT): the program does not exist. */
  spawnError?: NodeJS.ErrnoException;
  durationMs: number;
}

const live = new Set<number>();

/**
 * Kill a process and everything it started. On POSIX the child leads its own process group
 * (spawned detached), so signalling the negative pid reaches grandchildren too; on Windows
 * `taskkill /T /F` walks the tree.
 */
export async function killTree(pid: number, graceMs = 500): Promise<void> {
  if (process.platform === 'win32') {
    await execa('taskkill', ['/pid', String(pid), '/T', '/F'], { reject: false, timeout: 5000 });
    return;
  }
  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
      return true;
    } catch {
      return false;
    }
  };
  if (!signalGroup('SIGTERM')) return;
  const until = Date.now() + graceMs;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 25));
    if (!groupAlive(pid)) return;
  }
  signalGroup('SIGKILL');
  // SIGKILL cannot be refused, but the kernel takes a moment: return once the group is gone.
  const gone = Date.now() + 500;
  while (groupAlive(pid) && Date.now() < gone) await new Promise((r) => setTimeout(r, 10));
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kill every process tree still running (Ctrl-C, fatal error; graceMs 0 on --timeout: SIGKILL at once). */
export async function killAll(graceMs = 200): Promise<void> {
  await Promise.all([...live].map((pid) => killTree(pid, graceMs)));
}

/**
 * Run a program with an argument array (never a shell string), a deadline and an AbortSignal.
 * Never throws for the program's own failure: the caller reads exitCode / timedOut / aborted.
 */
export async function runProcess(file: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const execaOpts: Options = {
    reject: false,
    detached: process.platform !== 'win32',
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: true,
    input: opts.input,
    stripFinalNewline: false,
    encoding: opts.binaryStdout ? 'buffer' : 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    ...(opts.streamStdout && opts.onStdout ? { buffer: { stdout: false } } : {}),
    windowsHide: true,
  };
  let child: ResultPromise;
  try {
    child = execa(file, args, execaOpts);
  } catch (err) {
    return {
      exitCode: undefined,
      stdout: '',
      stderr: '',
      timedOut: false,
      aborted: false,
      spawnError: err as NodeJS.ErrnoException,
      durationMs: 0,
    };
  }
  const pid = child.pid;
  if (opts.onStdout)
    child.stdout?.on('data', (c: Buffer | string) => opts.onStdout!(Buffer.isBuffer(c) ? c : Buffer.from(c)));
  if (pid !== undefined) live.add(pid);
  let timedOut = false;
  let aborted = false;
  const stop = () => (pid !== undefined ? killTree(pid, opts.killGraceMs ?? 500) : Promise.resolve());
  const timer = setTimeout(() => {
    timedOut = true;
    void stop();
  }, opts.timeoutMs);
  const onAbort = () => {
    aborted = true;
    void stop();
  };
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const r = await child;
    const spawnError =
      r.failed && r.exitCode === undefined && !r.isTerminated && !timedOut && !aborted
        ? (r.cause as NodeJS.ErrnoException)
        : undefined;
    const out = r.stdout as unknown;
    return {
      exitCode: r.exitCode,
      stdout: Buffer.isBuffer(out) || out instanceof Uint8Array ? '' : String(out ?? ''),
      stdoutBuffer: out instanceof Uint8Array ? Buffer.from(out) : undefined,
      // With encoding 'buffer' execa returns stderr as bytes too: decode it, do not join numbers.
      stderr: r.stderr instanceof Uint8Array ? Buffer.from(r.stderr).toString('utf8') : String(r.stderr ?? ''),
      timedOut,
      aborted,
      spawnError,
      durationMs: Date.now() - started,
    };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    // The leader may have exited while a grandchild lives on in its group: clean that up too.
    if (pid !== undefined) {
      if (process.platform !== 'win32' && !opts.keepDescendants && groupAlive(pid)) await killTree(pid, 200);
      live.delete(pid);
    }
  }
}
