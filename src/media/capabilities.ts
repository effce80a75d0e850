// What an ffmpeg binary can do: version, input/output device backends, filters, encoders.
// This is the ONE adapter for capability discovery (doctor, devices, checks ask here).
//
// Why not fluent-ffmpeg here (no longer a dependency: nothing used it):
// it was archived upstream in 2025; its getAvailable*() spawn ffmpeg with no timeout, no
// AbortSignal and no process-group kill, and cache the answer per Node process whatever binary
// is set — wrong when `wardkit doctor` compares the system and the bundled ffmpeg. Parsing the
// four listings ourselves through runFfmpeg (runProcess: argument array, deadline, group kill) is
// a few lines, and the listing formats have been stable since ffmpeg 4.
import type { FfmpegBinary } from './ffmpeg.js';
import { runFfmpeg } from './ffmpeg.js';

export interface DeviceBackend {
  /** All names ffmpeg accepts for it, e.g. ['video4linux2', 'v4l2']. */
  names: string[];
  input: boolean;
  output: boolean;
  description: string;
}

export interface Capabilities {
  binary: FfmpegBinary;
  /** e.g. `5.1.9-0+deb12u1`; undefined when ffmpeg did not answer. */
  version?: string;
  devices: DeviceBackend[];
  filters: string[];
  encoders: string[];
  /** Listings that failed, and why. */
  errors: string[];
}

export function parseVersion(text: string): string | undefined {
  return /ffmpeg version (\S+)/.exec(text)?.[1];
}

export function parseDevices(text: string): DeviceBackend[] {
  const out: DeviceBackend[] = [];
  const body = text.split(/\r?\n/);
  const start = body.findIndex((l) => l.trim() === '--');
  for (const line of body.slice(start + 1)) {
    const m = /^ ([D ])([E ]) (\S+)\s*(.*)$/.exec(line);
    if (m) out.push({ input: m[1] === 'D', output: m[2] === 'E', names: m[3].split(','), description: m[4].trim() });
  }
  return out;
}

/** `-filters` / `-encoders`: lines ` FLAGS name  description` after the `--`/`------` separator. */
export function parseListing(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^\s*-{2,}\s*$/.test(l));
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^ [A-Z.|]{2,6} (\S+)/.exec(line);
    if (m && m[1] !== '=') out.push(m[1]);
  }
  return out;
}

export async function probeCapabilities(
  binary: FfmpegBinary,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<Capabilities> {
  const timeoutMs = opts.timeoutMs ?? 8000;
  const run = (flag: string) => runFfmpeg(binary, [flag], { timeoutMs, signal: opts.signal });
  const [v, d, f, e] = await Promise.all([run('-version'), run('-devices'), run('-filters'), run('-encoders')]);
  const errors: string[] = [];
  const ok = (r: typeof v, what: string) => {
    if (r.spawnError)
      errors.push(`${what}: cannot start ${binary.path} (${r.spawnError.code ?? r.spawnError.message})`);
    else if (r.timedOut) errors.push(`${what}: no answer within ${timeoutMs} ms`);
    else if (r.exitCode !== 0) errors.push(`${what}: exit code ${r.exitCode}`);
    else return r.stdout + r.stderr;
    return '';
  };
  const vt = ok(v, '-version');
  return {
    binary,
    version: parseVersion(vt),
    devices: parseDevices(ok(d, '-devices')),
    filters: parseListing(ok(f, '-filters')),
    encoders: parseListing(ok(e, '-encoders')),
    errors: [...new Set(errors)],
  };
}

export const hasInput = (c: Capabilities, name: string): boolean =>
  c.devices.some((d) => d.input && d.names.includes(name));
export const hasOutput = (c: Capabilities, name: string): boolean =>
  c.devices.some((d) => d.output && d.names.includes(name));

/** Capture backends wardkit knows, by platform. */
export const CAPTURE_BACKENDS: Record<string, string[]> = {
  linux: ['v4l2', 'alsa', 'pulse', 'lavfi', 'x11grab'],
  win32: ['dshow', 'lavfi', 'gdigrab'],
  darwin: ['avfoundation', 'lavfi'],
};

/** Filters the camera and microphone checks (and the loopback checks) rely on. */
export const ANALYSIS_FILTERS = [
  'blackdetect',
  'freezedetect',
  'signalstats',
  'metadata',
  'astats',
  'aevalsrc',
  'anoisesrc',
  'testsrc2',
  'silencedetect',
  'ebur128',
  'volumedetect',
];
