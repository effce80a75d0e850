// Cross-correlation of a recording with a known marker, through the FFT, and the marker's
// position with sub-sample precision. Pure functions; no I/O.
import type { Samples } from './goertzel.js';

/** In-place iterative radix-2 complex FFT (inverse when `inverse`, unscaled). Length: power of two. */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (n & (n - 1)) throw new Error(`fft length ${n} is not a power of two`);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    const half = len >> 1;
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < half; k++) {
        const a = i + k;
        const b = a + half;
        const xr = re[b] * cr - im[b] * ci;
        const xi = re[b] * ci + im[b] * cr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
        const ncr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = ncr;
      }
    }
  }
}

export const nextPow2 = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(2, n)));

/**
 * c[k] = Σ_n x[n + k] · m[n] for lags k = 0 … x.length − m.length (the marker wholly inside x).
 */
export function crossCorrelate(x: Samples, marker: Samples): Float64Array {
  const lags = x.length - marker.length + 1;
  if (lags <= 0) return new Float64Array(0);
  const n = nextPow2(x.length + marker.length);
  const xr = new Float64Array(n);
  const xi = new Float64Array(n);
  const mr = new Float64Array(n);
  const mi = new Float64Array(n);
  xr.set(x);
  mr.set(marker);
  fft(xr, xi);
  fft(mr, mi);
  // X · conj(M)
  for (let i = 0; i < n; i++) {
    const r = xr[i] * mr[i] + xi[i] * mi[i];
    const im = xi[i] * mr[i] - xr[i] * mi[i];
    xr[i] = r;
    xi[i] = im;
  }
  fft(xr, xi, true);
  const out = new Float64Array(lags);
  for (let k = 0; k < lags; k++) out[k] = xr[k] / n;
  return out;
}

export interface MarkerHit {
  /** Position of the marker's first sample in x, fractional samples. */
  position: number;
  /** Peak |c| over the correlation's robust noise level σ (from the median of c²). */
  peakToNoise: number;
  /** Normalised correlation at the peak, 0…1 (1 = the marker exactly, at any level). */
  coefficient: number;
}

/**
 * Where `marker` occurs in `x`, or null when no correlation peak stands `minPeakToNoise` above
 * the noise. With reverberation the strongest peak may be a reflection: the direct path is the
 * earliest local peak reaching half the strongest.
 */
export function findMarker(
  x: Samples,
  marker: Samples,
  minPeakToNoise = 12,
  from = 0,
  to = x.length,
): MarkerHit | null {
  const s = Math.max(0, Math.floor(from));
  const e = Math.min(x.length, Math.ceil(to));
  if (e - s < marker.length) return null;
  const c = crossCorrelate(x.subarray(s, e), marker);
  if (!c.length) return null;
  const abs = new Float64Array(c.length);
  let maxI = 0;
  for (let i = 0; i < c.length; i++) {
    abs[i] = Math.abs(c[i]);
    if (abs[i] > abs[maxI]) maxI = i;
  }
  // Robust σ of the correlation: for Gaussian noise median(c²) = 0.455 σ², and the marker's own
  // peak and the tones' small correlation do not move the median much.
  const sq = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) sq[i] = c[i] * c[i];
  sq.sort();
  const noise = Math.sqrt(sq[sq.length >> 1] / 0.455) + 1e-15;
  const peak = abs[maxI];
  if (!(peak > 0) || peak / noise < minPeakToNoise) return null;
  let i = maxI;
  for (let k = 1; k < maxI; k++) {
    if (abs[k] >= 0.5 * peak && abs[k] >= abs[k - 1] && abs[k] >= abs[k + 1]) {
      i = k;
      break;
    }
  }
  // Parabolic interpolation of the peak for sub-sample precision.
  let frac = 0;
  if (i > 0 && i < abs.length - 1) {
    const a = abs[i - 1];
    const b = abs[i];
    const d = abs[i + 1];
    const den = a - 2 * b + d;
    if (den < 0) frac = Math.max(-0.5, Math.min(0.5, (0.5 * (a - d)) / den));
  }
  let em = 0;
  for (let k = 0; k < marker.length; k++) em += marker[k] * marker[k];
  let ex = 0;
  for (let k = 0; k < marker.length; k++) ex += x[s + i + k] * x[s + i + k];
  const coefficient = em > 0 && ex > 0 ? abs[i] / Math.sqrt(em * ex) : 0;
  return { position: s + i + frac, peakToNoise: abs[i] / noise, coefficient };
}
