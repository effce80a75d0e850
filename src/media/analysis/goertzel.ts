// Tone measurement with a Hann-windowed Goertzel filter: the amplitude of one frequency in a
// stretch of samples, the local noise floor around it, the SNR, and the harmonic distortion.
// Pure functions on Float32Array/Float64Array samples in [-1, 1]; no I/O.

export type Samples = Float32Array | Float64Array;

/**
 * Amplitude (peak, linear; a full-scale sine = 1) of the component at `hz` in
 * x[start, start+n), Hann-windowed so that nearby strong components leak little.
 */
export function goertzelAmplitude(x: Samples, start: number, n: number, hz: number, sampleRate: number): number {
  const s0 = Math.max(0, Math.floor(start));
  const len = Math.min(n, x.length - s0);
  if (len < 8) return 0;
  const w = (2 * Math.PI * hz) / sampleRate;
  const coeff = 2 * Math.cos(w);
  let sPrev = 0;
  let sPrev2 = 0;
  let wsum = 0;
  const k = (2 * Math.PI) / (len - 1);
  for (let i = 0; i < len; i++) {
    const win = 0.5 - 0.5 * Math.cos(k * i);
    wsum += win;
    const s = x[s0 + i] * win + coeff * sPrev - sPrev2;
    sPrev2 = sPrev;
    sPrev = s;
  }
  const re = sPrev - sPrev2 * Math.cos(w);
  const im = sPrev2 * Math.sin(w);
  return (2 * Math.sqrt(re * re + im * im)) / wsum;
}

/** Peak amplitude → dBFS (AES17: a full-scale sine is 0 dBFS); −Infinity for silence. */
export const ampToDb = (a: number): number => (a > 0 ? 20 * Math.log10(a) : -Infinity);
export const dbToAmp = (db: number): number => 10 ** (db / 20);

export interface ToneMeasure {
  hz: number;
  /** Amplitude of the tone, linear peak. */
  amplitude: number;
  /** Level of the tone, dBFS. */
  levelDb: number;
  /** Noise amplitude in one analysis bin around the tone (median of neighbouring bins). */
  noiseAmplitude: number;
  /** Tone over local noise floor, dB (narrow-band: same window, same bin width). */
  snrDb: number;
}

const SNR_CAP_DB = 150;

/**
 * Noise floor near `hz`: the median amplitude at ±12, ±16, ±20, ±24 bins (bin = sampleRate/n).
 * Far enough from the tone that the Hann window's leakage is below −80 dB for windows of
 * 0.1 s and longer, near enough that the floor is the one the tone sits on.
 */
export function noiseNear(x: Samples, start: number, n: number, hz: number, sampleRate: number): number {
  const bin = sampleRate / n;
  const amps: number[] = [];
  for (const k of [12, 16, 20, 24]) {
    for (const sign of [-1, 1]) {
      const f = hz + sign * k * bin;
      if (f > 20 && f < sampleRate / 2 - bin) amps.push(goertzelAmplitude(x, start, n, f, sampleRate));
    }
  }
  if (!amps.length) return 0;
  amps.sort((a, b) => a - b);
  const m = amps.length >> 1;
  return amps.length % 2 ? amps[m] : (amps[m - 1] + amps[m]) / 2;
}

export function snrDb(amplitude: number, noise: number): number {
  if (!(amplitude > 1e-9)) return 0;
  if (!(noise > 0)) return SNR_CAP_DB;
  return Math.min(SNR_CAP_DB, 20 * Math.log10(amplitude / noise));
}

/** Level and narrow-band SNR of the tone `hz` in x[start, start+n). */
export function measureTone(x: Samples, start: number, n: number, hz: number, sampleRate: number): ToneMeasure {
  const amplitude = goertzelAmplitude(x, start, n, hz, sampleRate);
  const noiseAmplitude = noiseNear(x, start, n, hz, sampleRate);
  return { hz, amplitude, levelDb: ampToDb(amplitude), noiseAmplitude, snrDb: snrDb(amplitude, noiseAmplitude) };
}

/**
 * Total harmonic distortion of the tone `hz`: √(Σ h_k²) / a_1 for harmonics 2…`maxOrder` below
 * `maxHz`, each harmonic's noise floor subtracted in power (so a clean tone in noise reads ≈ 0).
 * Returns a fraction (0.1 = 10 %), or null when the fundamental is not there.
 */
export function thd(
  x: Samples,
  start: number,
  n: number,
  hz: number,
  sampleRate: number,
  maxOrder = 5,
  maxHz = 20000,
): number | null {
  const a1 = goertzelAmplitude(x, start, n, hz, sampleRate);
  if (!(a1 > 1e-9)) return null;
  let sum = 0;
  for (let k = 2; k <= maxOrder; k++) {
    const f = k * hz;
    if (f >= Math.min(maxHz, sampleRate / 2 - sampleRate / n)) break;
    const h = goertzelAmplitude(x, start, n, f, sampleRate);
    const floor = noiseNear(x, start, n, f, sampleRate);
    sum += Math.max(0, h * h - floor * floor);
  }
  return Math.sqrt(sum) / a1;
}
