// Which ffmpeg wardkit uses, and running it. Order: explicit path (--ffmpeg / WARDKIT_FFMPEG),
// a system ffmpeg on PATH (Debian's has `pulse`), the npm-bundled static build (no `pulse`).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { runProcess, type RunOptions, type RunResult } from '../platform/process.js';

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
