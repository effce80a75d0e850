// The loopback test signal: what the speaker plays, and where each part sits in it.
//
//   | lead | marker A (up-chirp) | gap | tone 1 | tone 2 | … | gap | marker B (down-chirp) | tail … |
//
// Marker A locates the signal in the recording (the latency); marker B, at a known spacing after
// A, confirms the recording is ours and was not cut or stretched between the two. The tones are
// played one after the other so each tone's harmonics can be measured (played together, 250 Hz's
// 4th harmonic would land on 1000 Hz). The tail is recording time left for the path's latency.
import { chirp, writeTone } from '../analysis/tones.js';
import { dbToAmp } from '../analysis/goertzel.js';

export const SAMPLE_RATE = 48000;

export interface ProbeOptions {
  tonesHz: number[];
  /** Peak level of each tone and marker, dBFS. */
  levelDbfs: number;
  /** Recording length, seconds (thresholds.speaker.probeSeconds). */
  probeSeconds: number;
  sampleRate?: number;
}

export interface ProbeTone {
  hz: number;
  /** First sample of the tone in the played signal. */
  start: number;
  length: number;
}

export interface Probe {
  sampleRate: number;
  /** What the speaker plays, mono, peak ≤ 10^(levelDbfs/20). */
  signal: Float32Array;
  markerA: { start: number; samples: Float32Array };
  markerB: { start: number; samples: Float32Array };
  tones: ProbeTone[];
  /** Edge ramp of each tone, samples; analysis windows stay clear of it. */
  ramp: number;
  /** How long to record, samples: the signal plus the tail left for latency. */
  recordSamples: number;
  /** Longest path latency the recording can hold with the whole signal in it, seconds. */
  maxLatencySeconds: number;
}

const LEAD = 0.05;
const MARKER = 0.1;
const GAP = 0.05;
/** Recording time after the signal: the longest latency the probe can measure (≥ the 300 ms fail level, plus process start-up on real devices). */
export const TAIL_SECONDS = 0.6;
const TONE_MAX = 0.4;
const TONE_MIN = 0.12;

export function designProbe(o: ProbeOptions): Probe {
  const fs = o.sampleRate ?? SAMPLE_RATE;
  const amp = dbToAmp(o.levelDbfs);
  const fixed = LEAD + MARKER + GAP + GAP + MARKER + GAP;
  const toneSec = Math.max(TONE_MIN, Math.min(TONE_MAX, (o.probeSeconds - fixed - TAIL_SECONDS) / o.tonesHz.length));
  const S = (sec: number) => Math.round(sec * fs);
  const markerLen = S(MARKER);
  const toneLen = S(toneSec);
  const aStart = S(LEAD);
  const toneStart0 = aStart + markerLen + S(GAP);
  const tones = o.tonesHz.map((hz, i) => ({ hz, start: toneStart0 + i * toneLen, length: toneLen }));
  const bStart = toneStart0 + tones.length * toneLen + S(GAP);
  const total = bStart + markerLen + S(GAP);
  const signal = new Float32Array(total);
  const a = chirp(markerLen, 300, 8000, amp, fs);
  const b = chirp(markerLen, 8000, 300, amp, fs);
  signal.set(a, aStart);
  signal.set(b, bStart);
  const ramp = S(0.01);
  for (const t of tones) writeTone(signal, t.start, t.length, t.hz, amp, fs, ramp);
  const recordSamples = Math.max(S(o.probeSeconds), total + S(TAIL_SECONDS));
  return {
    sampleRate: fs,
    signal,
    markerA: { start: aStart, samples: a },
    markerB: { start: bStart, samples: b },
    tones,
    ramp,
    recordSamples,
    maxLatencySeconds: (recordSamples - total) / fs,
  };
}

/** Float32 samples → little-endian f32 PCM bytes (what ffmpeg reads with `-f f32le`). */
export function toF32le(x: Float32Array): Buffer {
  const b = Buffer.alloc(x.length * 4);
  for (let i = 0; i < x.length; i++) b.writeFloatLE(x[i], i * 4);
  return b;
}

/** Little-endian f32 PCM bytes → samples (an odd trailing byte count is cut off). */
export function fromF32le(b: Buffer): Float32Array {
  const n = Math.floor(b.length / 4);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = b.readFloatLE(i * 4);
  return out;
}
