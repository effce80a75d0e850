// A coarse magnitude spectrum of captured PCM for the report: Welch average of Hann-windowed
// 4096-point FFT frames (50 % overlap), folded into ~64 log-spaced bands. Pure functions; the one
// Welch average of the project (tones.ts builds the loopback plot's spectrum on it too).
import { fft } from './xcorr.js';

/** Welch average over x[start, end): what both spectra of this folder are built from. */
export interface Welch {
  /** Mean |X[k]|² of the Hann-windowed frames, bins 0 … size/2 (bin width sampleRate/size). */
  meanPower: Float64Array;
  /** Σ of the Hann window: |X| of a windowed sine of amplitude A is A·Σw/2. */
  windowSum: number;
  /** Frames averaged (0 when the range is shorter than one frame). */
  frames: number;
}

/** Welch's method: Hann-windowed `size`-point FFT frames with 50 % overlap over x[start, end). */
export function welch(x: ArrayLike<number>, size = 4096, start = 0, end = x.length): Welch {
  const meanPower = new Float64Array(size / 2 + 1);
  const win = new Float64Array(size);
  let windowSum = 0;
  for (let i = 0; i < size; i++) {
    win[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (size - 1));
    windowSum += win[i];
  }
  const s = Math.max(0, Math.floor(start));
  const e = Math.min(x.length, Math.floor(end));
  let frames = 0;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let p = s; p + size <= e; p += size >> 1) {
    for (let i = 0; i < size; i++) {
      re[i] = x[p + i] * win[i];
      im[i] = 0;
    }
    fft(re, im);
    for (let k = 0; k <= size / 2; k++) meanPower[k] += re[k] * re[k] + im[k] * im[k];
    frames++;
  }
  if (frames) for (let k = 0; k < meanPower.length; k++) meanPower[k] /= frames;
  return { meanPower, windowSum, frames };
}

/** Power spectrum (one-sided, Welch average). Returns power per FFT bin (bin width sampleRate/size). */
export function welchPower(x: ArrayLike<number>, size = 4096): Float64Array {
  const { meanPower, windowSum } = welch(x, size);
  const w2 = windowSum * windowSum;
  return meanPower.map((p, k) => ((k === 0 || k === size / 2 ? 1 : 2) * p) / w2);
}

/**
 * Coarse spectrum: `bands` log-spaced bands from `loHz` to min(`hiHz`, Nyquist); each band's value
 * is the sum of the power in its bins, dBFS (a full-scale sine ≈ −3 dB in its band).
 */
export function coarseSpectrum(
  x: ArrayLike<number>,
  sampleRate: number,
  bands = 64,
  loHz = 50,
  hiHz = 20000,
): { freqHz: number[]; db: number[] } {
  const size = 4096;
  if (x.length < size) return { freqHz: [], db: [] };
  const p = welchPower(x, size);
  const binHz = sampleRate / size;
  const top = Math.min(hiHz, sampleRate / 2);
  const edges = Array.from({ length: bands + 1 }, (_, i) => loHz * (top / loHz) ** (i / bands));
  const freqHz: number[] = [];
  const db: number[] = [];
  for (let b = 0; b < bands; b++) {
    const k0 = Math.ceil(edges[b] / binHz);
    const k1 = Math.max(k0, Math.floor(edges[b + 1] / binHz));
    let s = 0;
    for (let k = k0; k <= k1 && k < p.length; k++) s += p[k];
    freqHz.push(Math.round(Math.sqrt(edges[b] * edges[b + 1])));
    db.push(Math.round((s > 0 ? 10 * Math.log10(s) : -150) * 10) / 10);
  }
  return { freqHz, db };
}
