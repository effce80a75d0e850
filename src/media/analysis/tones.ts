// Test-signal synthesis (tones with soft edges, chirp markers) and a log-band spectrum for
// reports (on the Welch average of pcm-spectrum.ts). Pure functions; no I/O.
import { ampToDb, type Samples } from './goertzel.js';
import { welch } from './pcm-spectrum.js';

/** Write a sine of `hz` at peak `amplitude` into out[start, start+n), with raised-cosine ramps. */
export function writeTone(
  out: Float32Array,
  start: number,
  n: number,
  hz: number,
  amplitude: number,
  sampleRate: number,
  rampSamples: number,
): void {
  const w = (2 * Math.PI * hz) / sampleRate;
  const r = Math.min(rampSamples, n >> 1);
  for (let i = 0; i < n && start + i < out.length; i++) {
    let g = 1;
    if (i < r) g = 0.5 - 0.5 * Math.cos((Math.PI * i) / r);
    else if (i >= n - r) g = 0.5 - 0.5 * Math.cos((Math.PI * (n - 1 - i)) / r);
    out[start + i] += amplitude * g * Math.sin(w * i);
  }
}

/**
 * A linear chirp from `f0` to `f1` Hz over n samples, Tukey-tapered (10 % each end) so it
 * starts and stops without a click. Its autocorrelation is a sharp peak: a good timing marker.
 */
export function chirp(n: number, f0: number, f1: number, amplitude: number, sampleRate: number): Float32Array {
  const out = new Float32Array(n);
  const T = n / sampleRate;
  const k = (f1 - f0) / T;
  const taper = Math.max(1, Math.floor(n * 0.1));
  for (let i = 0; i < n; i++) {
    const t = i / sampleRate;
    let g = 1;
    if (i < taper) g = 0.5 - 0.5 * Math.cos((Math.PI * i) / taper);
    else if (i >= n - taper) g = 0.5 - 0.5 * Math.cos((Math.PI * (n - 1 - i)) / taper);
    out[i] = amplitude * g * Math.sin(2 * Math.PI * (f0 * t + 0.5 * k * t * t));
  }
  return out;
}

export interface Spectrum {
  freqHz: number[];
  /** Level per band, dBFS (a full-scale sine = 0 dB), the strongest bin within each band. */
  db: number[];
}

/**
 * Welch power spectrum of x[start, end) (Hann frames of `frame` samples, 50 % overlap), reduced to
 * `bands` log-spaced bands between `fMin` and `fMax` (the strongest bin of each band), for plots.
 */
export function logSpectrum(
  x: Samples,
  start: number,
  end: number,
  sampleRate: number,
  opts: { frame?: number; bands?: number; fMin?: number; fMax?: number } = {},
): Spectrum {
  const frame = opts.frame ?? 4096;
  const bands = opts.bands ?? 96;
  const fMin = opts.fMin ?? 50;
  const fMax = Math.min(opts.fMax ?? 20000, sampleRate / 2);
  const { meanPower, windowSum: wsum, frames } = welch(x, frame, start, end);
  const freqHz: number[] = [];
  const db: number[] = [];
  if (!frames) return { freqHz, db };
  const ratio = (fMax / fMin) ** (1 / bands);
  for (let b = 0; b < bands; b++) {
    const lo = fMin * ratio ** b;
    const hi = lo * ratio;
    let best = 0;
    const k0 = Math.max(1, Math.floor((lo * frame) / sampleRate));
    const k1 = Math.min(frame / 2, Math.max(k0, Math.ceil((hi * frame) / sampleRate)));
    for (let k = k0; k <= k1; k++) best = Math.max(best, meanPower[k]);
    // |X| of a windowed sine of amplitude A is A·Σw/2 → A = 2|X|/Σw.
    const amp = (2 * Math.sqrt(best)) / wsum;
    freqHz.push(Math.round(Math.sqrt(lo * hi)));
    db.push(Math.round(Math.max(-140, ampToDb(amp)) * 10) / 10);
  }
  return { freqHz, db };
}
