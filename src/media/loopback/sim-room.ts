// The simulated room (`sim:room?…`) as an acoustic path, run through the real ffmpeg so the
// recording reaches the same analysis as a real microphone's:
//
//   our signal (raw f32 on stdin) → [clip at distort] → [band-reject each drop] → volume gain|0
//     → adelay delay → + anoisesrc at noise dBFS → raw f32 on stdout
//
// The truth is exact: sample 0 of the recording is sample 0 of the playback, so the latency the
// analysis finds must equal `delay`.
import type { FfmpegBinary } from '../ffmpeg.js';
import { runFfmpeg } from '../ffmpeg.js';
import { UriError, type DeviceUri } from '../uri.js';

export interface RoomPath {
  delayMs: number;
  gainDb: number;
  /** Noise the microphone hears, RMS dBFS (re a full-scale sine), or null for none. */
  noiseDbfs: number | null;
  mute: boolean;
  /** Bands removed from the path (a blown tweeter), Hz. */
  dropHz: number[];
  /** The speaker clips its input at this peak level, dBFS (an overdriven amplifier), or null. */
  distortDbfs: number | null;
}

function num(uri: DeviceUri, key: string, lo: number, hi: number): number | undefined {
  const raw = uri.sim?.params[key];
  if (raw === undefined || raw === '') return undefined;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < lo || v > hi)
    throw new UriError(`sim:${uri.target}`, `${key}=${raw} is not a number in [${lo}, ${hi}]`);
  return v;
}

function drops(uri: DeviceUri): number[] {
  const raw = uri.sim?.params.drop;
  if (!raw) return [];
  return raw.split(',').map((s) => {
    const v = Number(s);
    if (!Number.isFinite(v) || v < 20 || v > 20000)
      throw new UriError(`sim:${uri.target}`, `drop=${raw}: each band must be 20–20000 Hz`);
    return v;
  });
}

const muted = (u: DeviceUri) => ['1', 'true', 'yes'].includes((u.sim?.params.mute ?? '').toLowerCase());

/**
 * The path from a simulated speaker to a simulated microphone. Both URIs describe the same room;
 * a fault on either side counts: muted if either is muted, every dropped band of either; for
 * delay, gain, noise and distort the speaker URI's value wins and the microphone's fills in.
 * (`talker` is ignored: the room is quiet while the speaker is tested.)
 */
export function roomPath(speaker: DeviceUri, microphone: DeviceUri): RoomPath {
  const pick = (key: string, lo: number, hi: number) => num(speaker, key, lo, hi) ?? num(microphone, key, lo, hi);
  return {
    delayMs: pick('delay', 0, 5000) ?? 0,
    gainDb: pick('gain', -150, 40) ?? 0,
    noiseDbfs: pick('noise', -150, 0) ?? null,
    mute: muted(speaker) || muted(microphone),
    dropHz: [...new Set([...drops(speaker), ...drops(microphone)])],
    distortDbfs: pick('distort', -60, 0) ?? null,
  };
}

/** The ffmpeg filtergraph of the path (input [0:a], output [out]). */
export function roomFilterGraph(p: RoomPath, sampleRate: number): string {
  const chain: string[] = ['apad'];
  if (p.distortDbfs !== null) {
    const c = (10 ** (p.distortDbfs / 20)).toPrecision(6);
    chain.push(`aeval=exprs=max(-${c}\\,min(${c}\\,val(0))):c=same`);
  }
  // Two cascaded one-octave band-rejects: the band around each frequency is gone (> 60 dB at the centre).
  for (const hz of p.dropHz)
    chain.push(`bandreject=f=${hz}:width_type=o:width=1`, `bandreject=f=${hz}:width_type=o:width=1`);
  if (p.mute) chain.push('volume=0');
  else if (p.gainDb !== 0) chain.push(`volume=${p.gainDb}dB`);
  if (p.delayMs > 0) chain.push(`adelay=delays=${p.delayMs}`);
  if (p.noiseDbfs === null) return `[0:a]${chain.join(',')}[out]`;
  // anoisesrc white noise is uniform in ±amplitude: RMS = amplitude/√3. Level re a full-scale
  // sine (RMS 1/√2): amplitude = 10^(dB/20) · √3/√2.
  const amp = Math.min(1, 10 ** (p.noiseDbfs / 20) * Math.sqrt(1.5));
  return `[0:a]${chain.join(',')}[s];anoisesrc=color=white:amplitude=${amp.toPrecision(6)}:sample_rate=${sampleRate}:seed=20260101,aformat=sample_fmts=flt:channel_layouts=mono[n];[s]aformat=sample_fmts=flt:channel_layouts=mono[s1];[s1][n]amerge=inputs=2,pan=mono|c0=c0+c1[out]`;
}

export interface RecordOptions {
  ffmpeg: FfmpegBinary;
  signal: AbortSignal;
  timeoutMs: number;
}

/** Play `signal` into the simulated room and return what its microphone records (f32le bytes). */
export async function recordSimRoom(
  path: RoomPath,
  signal: Buffer,
  sampleRate: number,
  recordSamples: number,
  o: RecordOptions,
): Promise<{ pcm: Buffer; stderr: string; exitCode?: number; timedOut: boolean; aborted: boolean }> {
  const args = [
    '-loglevel',
    'error',
    '-f',
    'f32le',
    '-ar',
    String(sampleRate),
    '-ac',
    '1',
    '-i',
    'pipe:0',
    '-filter_complex',
    roomFilterGraph(path, sampleRate),
    '-map',
    '[out]',
    '-t',
    (recordSamples / sampleRate).toFixed(6),
    '-ac',
    '1',
    '-ar',
    String(sampleRate),
    '-f',
    'f32le',
    'pipe:1',
  ];
  const r = await runFfmpeg(o.ffmpeg, args, {
    input: signal,
    binaryStdout: true,
    signal: o.signal,
    timeoutMs: o.timeoutMs,
  });
  return {
    pcm: r.stdoutBuffer ?? Buffer.alloc(0),
    stderr: r.stderr,
    exitCode: r.exitCode,
    timedOut: r.timedOut,
    aborted: r.aborted,
  };
}
