// A coarse magnitude spectrum of captured PCM for the report: Welch average of Hann-windowed
// 4096-point FFT frames (50 % overlap), folded into ~64 log-spaced bands. Pure function.

function fftInPlace(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const ar = re[i + k + len / 2] * cr - im[i + k + len / 2] * ci;
        const ai = re[i + k + len / 2] * ci + im[i + k + len / 2] * cr;
        re[i + k + len / 2] = re[i + k] - ar;
        im[i + k + len / 2] = im[i + k] - ai;
        re[i + k] += ar;
        im[i + k] += ai;
        const t = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = t;
      }
    }
  }
}

/** Power spectrum (one-sided, Welch average). Returns power per FFT bin (bin width sampleRate/size). */
export function welchPower(x: ArrayLike<number>, size = 4096): Float64Array {
  const power = new Float64Array(size / 2 + 1);
  const win = new Float64Array(size);
  let wsum = 0;
  for (let i = 0; i < size; i++) {
    win[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (size - 1));
    wsum += win[i];
  }
  let frames = 0;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let start = 0; start + size <= x.length; start += size / 2) {
    for (let i = 0; i < size; i++) {
      re[i] = x[start + i] * win[i];
      im[i] = 0;
    }
    fftInPlace(re, im);
    for (let k = 0; k <= size / 2; k++) power[k] += (re[k] * re[k] + im[k] * im[k]) / (wsum * wsum);
    frames++;
  }
  if (frames) for (let k = 0; k < power.length; k++) power[k] = ((k === 0 || k === size / 2 ? 1 : 2) * power[k]) / frames;
  return power;
}

/**
 * Coarse spectrum: `bands` log-spaced bands from `loHz` to min(`hiHz`, Nyquist); each band's value
 * is the sum of the power in its bins, dBFS (a full-scale sine ≈ −3 dB in its band).
 */
export function coarseSpectrum(x: ArrayLike<number>, sampleRate: number, bands = 64, loHz = 50, hiHz = 20000): { freqHz: number[]; db: number[] } {
  const size = 4096;
  if (x.length < size) return { freqHz: [], db: [] };
  const p = welchPower(x, size);
  const binHz = sampleRate / size;
  const top = Math.min(hiHz, sampleRate / 2);
  const edges = Array.from({ length: bands + 1 }, (_, i) => loHz * Math.pow(top / loHz, i / bands));
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
