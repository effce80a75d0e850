// `wardkit doctor`: what this computer gives wardkit — versions, which ffmpeg is used and why,
// and what that ffmpeg can capture and analyse. Pure data; the command renders it.
import { setMaxListeners } from 'node:events';
import os from 'node:os';
import { VERSION } from '../version.js';
import { ANALYSIS_FILTERS, CAPTURE_BACKENDS, hasInput, hasOutput, probeCapabilities } from './capabilities.js';
import { ffmpegCandidates, type FfmpegBinary } from './ffmpeg.js';

export interface DoctorAdvice {
  key: string;
  params?: Record<string, string | number>;
}

export interface FfmpegReport {
  path: string;
  source: FfmpegBinary['source'];
  version?: string;
  usable: boolean;
  inputs: Array<{ name: string; present: boolean }>;
  pulseOutput: boolean;
  filters: Array<{ name: string; present: boolean }>;
  errors: string[];
}

export interface DoctorReport {
  wardkit: string;
  node: string;
  platform: string;
  /** The ffmpeg the checks will use (the first usable candidate), or null. */
  ffmpeg: FfmpegReport | null;
  candidates: FfmpegReport[];
  advice: DoctorAdvice[];
}

export async function runDoctor(
  o: { ffmpegPath?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {},
): Promise<DoctorReport> {
  const env = o.env ?? process.env;
  if (o.signal) setMaxListeners(64, o.signal);
  const platform = process.platform;
  const wanted = CAPTURE_BACKENDS[platform] ?? ['lavfi'];
  const candidates: FfmpegReport[] = await Promise.all(
    ffmpegCandidates(o.ffmpegPath, env).map(async (bin) => {
      const c = await probeCapabilities(bin, { signal: o.signal });
      return {
        path: bin.path,
        source: bin.source,
        version: c.version,
        usable: c.version !== undefined,
        inputs: wanted.map((name) => ({ name, present: hasInput(c, name) })),
        pulseOutput: hasOutput(c, 'pulse'),
        filters: ANALYSIS_FILTERS.map((name) => ({ name, present: c.filters.includes(name) })),
        errors: c.errors,
      };
    }),
  );
  // resolveFfmpeg takes the first candidate; an explicit path that does not work is reported as such.
  const used = candidates[0] ?? null;
  const advice: DoctorAdvice[] = [];
  if (!used) advice.push({ key: 'doctor.advice.noFfmpeg' });
  else {
    if (!used.usable) advice.push({ key: 'doctor.advice.unusable', params: { path: used.path } });
    if (platform === 'linux' && used.usable && !used.inputs.find((i) => i.name === 'pulse')?.present) {
      advice.push({ key: 'doctor.advice.noPulse', params: { path: used.path } });
    }
    const missing = used.filters.filter((f) => !f.present).map((f) => f.name);
    if (used.usable && missing.length)
      advice.push({ key: 'doctor.advice.missingFilters', params: { filters: missing.join(', ') } });
    if (used.source === 'bundled' && used.usable) advice.push({ key: 'doctor.advice.bundled' });
  }
  return {
    wardkit: VERSION,
    node: process.versions.node,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    ffmpeg: used,
    candidates,
    advice,
  };
}
