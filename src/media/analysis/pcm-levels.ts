// Level analysis of captured PCM (mono, float in [−1, 1]): pure functions, no I/O.

export const dbfs = (x: number): number => (x > 0 ? 20 * Math.log10(x) : -Infinity);

/** Decode signed 16-bit little-endian PCM to floats in [−1, 1). */
export function decodeS16le(buf: Buffer | Uint8Array): Float32Array {
  const n = Math.floor(buf.length / 2);
  const out = new Float32Array(n);
  const view = new DataView(buf.buffer, buf.byteOffset, n * 2);
  for (let i = 0; i < n; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  return out;
}

export function rms(x: ArrayLike<number>, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  return to > from ? Math.sqrt(s / (to - from)) : 0;
}

export function peak(x: ArrayLike<number>): number {
  let p = 0;
  for (let i = 0; i < x.length; i++) p = Math.max(p, Math.abs(x[i]));
  return p;
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return x.length ? s / x.length : 0;
}

/** RMS of consecutive blocks of `blockMs`, linear. */
export function blockRms(x: ArrayLike<number>, sampleRate: number, blockMs = 50): number[] {
  const len = Math.max(1, Math.round((sampleRate * blockMs) / 1000));
  const out: number[] = [];
  for (let i = 0; i + len <= x.length; i += len) out.push(rms(x, i, i + len));
  return out;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const idx = Math.min(s.length - 1, Math.max(0, Math.floor((p / 100) * (s.length - 1))));
  return s[idx];
}

/** A sample at or beyond this magnitude counts as full scale (s16: ≥ 32735 of 32768, 0.999). */
export const FULL_SCALE = 0.999;

/** Longest run of consecutive full-scale samples, and how many runs exceed `limit`. */
export function clippingRuns(
  x: ArrayLike<number>,
  limit: number,
  fullScale = FULL_SCALE,
): { longest: number; runsOverLimit: number; clippedSamples: number } {
  let run = 0;
  let longest = 0;
  let over = 0;
  let clipped = 0;
  const end = () => {
    if (run > limit) over++;
    longest = Math.max(longest, run);
    run = 0;
  };
  for (let i = 0; i < x.length; i++) {
    if (Math.abs(x[i]) >= fullScale) {
      run++;
      clipped++;
    } else if (run) end();
  }
  if (run) end();
  return { longest, runsOverLimit: over, clippedSamples: clipped };
}

/**
 * Dropouts: runs of digital silence (exact zeros) of at least `minMs` INSIDE the signal — after
 * the first and before the last non-zero sample. A muted or dead microphone is all zeros: that is
 * "dead", not a dropout.
 */
export function dropouts(
  x: ArrayLike<number>,
  sampleRate: number,
  minMs = 20,
): Array<{ startMs: number; durationMs: number }> {
  const min = Math.round((sampleRate * minMs) / 1000);
  let first = -1;
  let last = -1;
  for (let i = 0; i < x.length; i++)
    if (x[i] !== 0) {
      if (first < 0) first = i;
      last = i;
    }
  const out: Array<{ startMs: number; durationMs: number }> = [];
  if (first < 0) return out;
  let runStart = -1;
  for (let i = first; i <= last; i++) {
    if (x[i] === 0) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      if (i - runStart >= min)
        out.push({ startMs: (runStart / sampleRate) * 1000, durationMs: ((i - runStart) / sampleRate) * 1000 });
      runStart = -1;
    }
  }
  return out;
}

export interface LevelSummary {
  rmsDbfs: number;
  peakDbfs: number;
  /** 10th percentile of 50 ms block RMS, dBFS. */
  noiseFloorDbfs: number;
  /** Mean of the samples as a fraction of full scale (signed). */
  dcOffset: number;
  /** Standard deviation of the samples, fraction of full scale (Twilio's "level ≤ 1 %" test). */
  stdDev: number;
  clipping: { longest: number; runsOverLimit: number; clippedSamples: number };
  dropouts: Array<{ startMs: number; durationMs: number }>;
  /** Block RMS series, dBFS (for the report's level graph). */
  blocksDbfs: number[];
  blockMs: number;
  seconds: number;
}

const floorDb = (v: number) => (Number.isFinite(v) ? v : -150);

export function summarizeLevels(x: Float32Array, sampleRate: number, clippingLimit: number): LevelSummary {
  const blocks = blockRms(x, sampleRate, 50);
  const dc = mean(x);
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - dc) * (x[i] - dc);
  return {
    rmsDbfs: floorDb(dbfs(rms(x))),
    peakDbfs: floorDb(dbfs(peak(x))),
    noiseFloorDbfs: floorDb(dbfs(percentile(blocks, 10))),
    dcOffset: dc,
    stdDev: x.length ? Math.sqrt(v / x.length) : 0,
    clipping: clippingRuns(x, clippingLimit),
    dropouts: dropouts(x, sampleRate, 20),
    blocksDbfs: blocks.map((b) => Math.round(floorDb(dbfs(b)) * 10) / 10),
    blockMs: 50,
    seconds: x.length / sampleRate,
  };
}
