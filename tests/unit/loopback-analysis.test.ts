// Signal functions of the loopback check against synthetic signals whose truth we set.
import { describe, expect, it } from 'vitest';
import { goertzelAmplitude, measureTone, thd } from '../../src/media/analysis/goertzel.js';
import { logSpectrum, chirp } from '../../src/media/analysis/tones.js';
import { findMarker } from '../../src/media/analysis/xcorr.js';
import { analyzeLoopback } from '../../src/media/loopback/analyze.js';
import { designProbe } from '../../src/media/loopback/probe.js';
import { roomFilterGraph, roomPath } from '../../src/media/loopback/sim-room.js';
import { parseDeviceUri } from '../../src/media/uri.js';

const FS = 48000;
/** Deterministic white noise (uniform ±a), so tests cannot flake. */
function noise(n: number, rmsDb: number, seed = 1): Float32Array {
  let s = seed >>> 0 || 1;
  const a = 10 ** (rmsDb / 20) * Math.sqrt(3);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = a * (((s >>> 0) / 4294967296) * 2 - 1);
  }
  return out;
}
const sine = (n: number, hz: number, amp: number, phase = 0.3) =>
  Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / FS + phase));

describe('goertzel', () => {
  it('measures a sine amplitude within 0.05 dB', () => {
    for (const [hz, db] of [
      [250, -12],
      [1000, -30],
      [4000, -50],
    ]) {
      const amp = 10 ** (db / 20);
      const a = goertzelAmplitude(sine(19200, hz, amp), 0, 19200, hz, FS);
      expect(20 * Math.log10(a)).toBeCloseTo(db, 1);
    }
  });
  it('gives a narrow-band SNR that follows the noise level, and ≈ 0 dB in noise alone', () => {
    const n = 19200;
    const nz = noise(n, -65);
    const x = sine(n, 1000, 0.25).map((v, i) => v + nz[i]);
    const m = measureTone(x, 0, n, 1000, FS);
    // Truth: a Hann-windowed bin of white noise σ reads amplitude σ·√(6/n); the median of the
    // neighbouring (Rayleigh) bins sits 1.6 dB below their RMS. Tone −12 dB, σ −65 dB, n 19200.
    const expected = -12 - (-65 + 20 * Math.log10(Math.sqrt(6 / n))) + 1.6;
    expect(Math.abs(m.snrDb - expected)).toBeLessThan(3);
    const quiet = measureTone(noise(n, -65, 7), 0, n, 1000, FS);
    expect(quiet.snrDb).toBeLessThan(12);
  });
  it('measures harmonic distortion', () => {
    const n = 19200;
    const h3 = sine(n, 3000, 0.05);
    const x = sine(n, 1000, 0.5).map((v, i) => v + h3[i]);
    expect(thd(x, 0, n, 1000, FS)! * 100).toBeCloseTo(10, 0);
    expect(thd(sine(n, 1000, 0.5), 0, n, 1000, FS)! * 100).toBeLessThan(0.1);
  });
});

describe('marker cross-correlation', () => {
  it('finds a chirp at the sample it was put, in noise', () => {
    const m = chirp(4800, 300, 8000, 0.05, FS);
    const x = noise(120000, -50, 3);
    for (let i = 0; i < m.length; i++) x[33333 + i] += m[i];
    const hit = findMarker(x, m)!;
    expect(hit).not.toBeNull();
    expect(Math.abs(hit.position - 33333)).toBeLessThan(0.5);
  });
  it('finds nothing in noise alone', () => {
    expect(findMarker(noise(120000, -50, 9), chirp(4800, 300, 8000, 0.25, FS))).toBeNull();
  });
});

describe('probe and analysis', () => {
  it('fits three tones and both markers in 2.5 s with room for ≥ 300 ms latency', () => {
    const p = designProbe({ tonesHz: [250, 1000, 4000], levelDbfs: -12, probeSeconds: 2.5 });
    expect(p.recordSamples).toBe(2.5 * FS);
    expect(p.maxLatencySeconds).toBeGreaterThanOrEqual(0.6);
    expect(Math.max(...p.signal.map(Math.abs))).toBeLessThanOrEqual(10 ** (-12 / 20) + 1e-6);
  });
  it('recovers a delay, a level and a missing tone from a synthetic recording', () => {
    const p = designProbe({ tonesHz: [250, 1000, 4000], levelDbfs: -12, probeSeconds: 2.5 });
    const delay = 0.0731 * FS; // 3508.8 samples: fractional on purpose
    const rec = noise(p.recordSamples, -70, 5);
    const g = 10 ** (-20 / 20);
    const d = Math.floor(delay);
    for (let i = 0; i < p.signal.length && i + d < rec.length; i++) {
      // drop the 4 kHz tone from the path
      const inTone3 = i >= p.tones[2].start && i < p.tones[2].start + p.tones[2].length;
      rec[i + d] += inTone3 ? 0 : g * p.signal[i];
    }
    const a = analyzeLoopback(rec, p, 26);
    expect(Math.abs(a.offsetSamples! - d)).toBeLessThan(0.5);
    expect(a.tones.map((t) => t.detected)).toEqual([true, true, false]);
    expect(a.levelDb!).toBeCloseTo(-32, 0);
  });
  it('spectrum shows the tones', () => {
    const x = sine(48000, 1000, 0.25);
    const s = logSpectrum(x, 0, x.length, FS);
    const peak = s.db.indexOf(Math.max(...s.db));
    expect(s.freqHz[peak]).toBeGreaterThan(900);
    expect(s.freqHz[peak]).toBeLessThan(1100);
    // Hann scalloping: a tone between FFT bins reads up to 1.4 dB low (a plot, not a measurement).
    expect(Math.abs(s.db[peak] + 12)).toBeLessThan(1.5);
  });
});

describe('sim:room path', () => {
  it('merges faults of both ends and builds the ffmpeg graph', () => {
    const p = roomPath(
      parseDeviceUri('sim:room?mute=1&drop=4000'),
      parseDeviceUri('sim:room?delay=40&gain=-20&noise=-65&drop=250'),
    );
    expect(p).toMatchObject({ mute: true, delayMs: 40, gainDb: -20, noiseDbfs: -65, dropHz: [4000, 250] });
    const g = roomFilterGraph(p, FS);
    expect(g).toContain('volume=0');
    expect(g).toContain('adelay=delays=40');
    expect(g).toContain('bandreject=f=4000');
    expect(g).toContain('anoisesrc');
  });
  it('rejects a bad parameter', () => {
    expect(() => roomPath(parseDeviceUri('sim:room?delay=abc'), parseDeviceUri('sim:room'))).toThrow(/delay/);
  });
});

describe('marker spacing (dropouts)', () => {
  it('a 24 ms gap inserted between the markers shows as a +24 ms spacing error', () => {
    const p = designProbe({ tonesHz: [250, 1000, 4000], levelDbfs: -12, probeSeconds: 2.5 });
    const gap = Math.round(0.024 * FS);
    const cut = p.tones[1].start + 1000; // inside the second tone
    const rec = new Float32Array(p.recordSamples);
    const d = 2000;
    for (let i = 0; i < p.signal.length; i++) {
      const j = i + d + (i >= cut ? gap : 0);
      if (j < rec.length) rec[j] = 0.1 * p.signal[i];
    }
    const a = analyzeLoopback(rec, p, 26);
    expect(a.markerSpacingErrorMs!).toBeCloseTo(24, 1);
    expect(Math.abs(a.offsetSamples! - d)).toBeLessThan(0.5);
  });
  it('tones without markers (another sound) are measured but not located', () => {
    const p = designProbe({ tonesHz: [250, 1000, 4000], levelDbfs: -12, probeSeconds: 2.5 });
    const rec = noise(p.recordSamples, -70, 11);
    const s250 = sine(p.recordSamples, 250, 0.05);
    for (let i = 0; i < rec.length; i++) rec[i] += s250[i];
    const a = analyzeLoopback(rec, p, 26);
    expect(a.offsetSamples).toBeNull();
    expect(a.tones[0].detected).toBe(true);
  });
});
