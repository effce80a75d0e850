// Which ffmpeg wardkit uses, and running it. Order: explicit path (--ffmpeg / WARDKIT_FFMPEG),
// a system ffmpeg on PATH (Debian's has `pulse`), the npm-bundled static build (no `pulse`).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { runProcess, type RunOptions, type RunResult } from '../proc/process.js';

export interface FfmpegBinary {
  path: string;
  source: 'explicit' | 'system' | 'bundled';
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const p = join(dir, name + ext);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

function bundled(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const p = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    return existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

/** Every ffmpeg wardkit could use, in the order it would pick them (doctor shows them all). */
export function ffmpegCandidates(explicit?: string, env: NodeJS.ProcessEnv = process.env): FfmpegBinary[] {
  const out: FfmpegBinary[] = [];
  const chosen = explicit ?? env.WARDKIT_FFMPEG;
  if (chosen) out.push({ path: chosen, source: 'explicit' });
  const sys = onPath('ffmpeg', env);
  if (sys) out.push({ path: sys, source: 'system' });
  const b = bundled();
  if (b) out.push({ path: b, source: 'bundled' });
  return out;
}

/** Resolve the ffmpeg binary; throws when none exists at all. */
export function resolveFfmpeg(explicit?: string, env: NodeJS.ProcessEnv = process.env): FfmpegBinary {
  const chosen = explicit ?? env.WARDKIT_FFMPEG;
  if (chosen) return { path: chosen, source: 'explicit' };
  const sys = onPath('ffmpeg', env);
  if (sys) return { path: sys, source: 'system' };
  const b = bundled();
  if (b) return { path: b, source: 'bundled' };
  throw new Error('no ffmpeg found');
}

/** Run ffmpeg with `-hide_banner -nostdin` and the caller's arguments (an array, never a string). */
export function runFfmpeg(bin: FfmpegBinary, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  const pre = opts.input === undefined ? ['-hide_banner', '-nostdin'] : ['-hide_banner'];
  return runProcess(bin.path, [...pre, ...args], opts);
}

/** Time left before `deadline` (epoch ms), minus a margin for cleanup; never below 1 s. */
export function timeLeft(deadline: number, marginMs = 750): number {
  return Math.max(1000, deadline - Date.now() - marginMs);
}

export type FfmpegFailureKind = 'notFound' | 'busy' | 'permission' | 'noBackend' | 'ioError' | 'other';

export interface FfmpegFailure {
  kind: FfmpegFailureKind;
  /** The most telling line of ffmpeg's stderr (capped), for the finding's parameters. */
  detail: string;
}

/** Classify why ffmpeg could not open or read a device, from its stderr. */
export function describeFfmpegFailure(stderr: string, exitCode?: number): FfmpegFailure {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('frame=') && !/^(Input|Output|Stream|Duration|Metadata|encoder)\b/.test(l));
  const pick = (re: RegExp) => lines.find((l) => re.test(l));
  const cap = (s: string | undefined) => (s ?? `ffmpeg exited with code ${exitCode ?? '?'}`).slice(0, 300);
  let l: string | undefined;
  if ((l = pick(/Unknown input format|Unknown output format|Requested output format .* is not a suitable/i)))
    return { kind: 'noBackend', detail: cap(l) };
  if (
    (l = pick(
      /No such file or directory|No such device|Cannot open video device|cannot open audio device|not found|No such process|Connection refused/i,
    ))
  )
    return { kind: 'notFound', detail: cap(l) };
  if ((l = pick(/Device or resource busy|busy/i))) return { kind: 'busy', detail: cap(l) };
  if ((l = pick(/Permission denied|Operation not permitted/i))) return { kind: 'permission', detail: cap(l) };
  if ((l = pick(/Input\/output error|I\/O error/i))) return { kind: 'ioError', detail: cap(l) };
  return { kind: 'other', detail: cap(lines.at(-1)) };
}

export interface InputStreamInfo {
  video?: { codec: string; width: number; height: number; nominalFps?: number };
  audio?: { codec: string; sampleRate: number; channels?: string };
}

/** What ffmpeg negotiated with the device: the `Stream #0:…` lines of `Input #0`. */
export function parseInputStreams(stderr: string): InputStreamInfo {
  const out: InputStreamInfo = {};
  const start = stderr.indexOf('Input #0');
  if (start < 0) return out;
  const end = stderr.indexOf('Output #0', start);
  const block = stderr.slice(start, end < 0 ? undefined : end);
  for (const line of block.split(/\r?\n/)) {
    const v = /Stream #0:\d+.*?: Video: ([^,\s]+).*?, (\d{2,5})x(\d{2,5})/.exec(line);
    if (v && !out.video) {
      const fps = /, ([\d.]+) (?:fps|tbr)/.exec(line);
      out.video = {
        codec: v[1],
        width: Number(v[2]),
        height: Number(v[3]),
        nominalFps: fps ? Number(fps[1]) : undefined,
      };
    }
    const a = /Stream #0:\d+.*?: Audio: ([^,\s]+).*?, (\d+) Hz(?:, ([^,]+))?/.exec(line);
    if (a && !out.audio) out.audio = { codec: a[1], sampleRate: Number(a[2]), channels: a[3]?.trim() };
  }
  return out;
}
