// What the microphone heard of the probe: where the markers are (latency), each tone's level,
// SNR and distortion, the spectrum. Pure: samples in, numbers out.
import { measureTone, thd, type ToneMeasure } from '../analysis/goertzel.js';
import { logSpectrum, type Spectrum } from '../analysis/tones.js';
import { findMarker, type MarkerHit } from '../analysis/xcorr.js';
import type { Probe } from './probe.js';

export interface ToneResult extends ToneMeasure {
  detected: boolean;
  /** Total harmonic distortion, percent; null when the tone was not detected. */
  thdPercent: number | null;
}

export interface LoopbackAnalysis {
  markerA: MarkerHit | null;
  markerB: MarkerHit | null;
  /** Where the played signal starts in the recording, samples (fractional); null = not located. */
  offsetSamples: number | null;
  /** Marker B's distance from marker A minus the played distance, ms; null unless both found. */
  markerSpacingErrorMs: number | null;
  tones: ToneResult[];
  /** Mean level of the detected tones, dBFS; null when none was detected. */
  levelDb: number | null;
  /** Worst THD among the detected tones, percent. */
  thdPercent: number | null;
  /** RMS of the recording before the probe arrived (ambient noise), dBFS; null if too short. */
  ambientDb: number | null;
  spectrum: Spectrum;
}

/** Marker correlation peak over the correlation's own noise needed to call it found. */
export const MARKER_MIN_PEAK_TO_NOISE = 10;

function rmsDb(x: Float32Array, s: number, e: number): number | null {
  if (e - s < 480) return null;
  let sum = 0;
  for (let i = s; i < e; i++) sum += x[i] * x[i];
  const rms = Math.sqrt(sum / (e - s));
  // RMS re a full-scale sine (AES17): +3 dB so a sine's RMS and peak readings agree.
  return rms > 0 ? Math.round((20 * Math.log10(rms) + 3.01) * 10) / 10 : -Infinity;
}

export function analyzeLoopback(rec: Float32Array, probe: Probe, minSnrDb: number): LoopbackAnalysis {
  const fs = probe.sampleRate;
  const markerA = findMarker(rec, probe.markerA.samples, MARKER_MIN_PEAK_TO_NOISE);
  const markerB = findMarker(rec, probe.markerB.samples, MARKER_MIN_PEAK_TO_NOISE);
  const spacing = probe.markerB.start - probe.markerA.start;
  let markerSpacingErrorMs: number | null = null;
  let offset: number | null = null;
  if (markerA && markerB) {
    markerSpacingErrorMs = ((markerB.position - markerA.position - spacing) / fs) * 1000;
    // Two peaks that disagree by more than 5 ms are not the same playback: trust the stronger.
    offset =
      Math.abs(markerSpacingErrorMs) <= 5 || markerA.peakToNoise >= markerB.peakToNoise
        ? markerA.position - probe.markerA.start
        : markerB.position - probe.markerB.start;
  } else if (markerA) offset = markerA.position - probe.markerA.start;
  else if (markerB) offset = markerB.position - probe.markerB.start;

  const guard = probe.ramp + Math.round(0.02 * fs);
  const tones: ToneResult[] = probe.tones.map((t) => {
    const n = t.length - 2 * guard;
    let m: ToneMeasure;
    let start: number;
    if (offset !== null) {
      start = Math.round(offset) + t.start + guard;
      m = measureTone(rec, start, n, t.hz, fs);
    } else {
      // Not located: slide a tone-long window over the whole recording and keep the best.
      start = 0;
      m = measureTone(rec, 0, n, t.hz, fs);
      for (let s = n >> 1; s + n <= rec.length; s += n >> 1) {
        const c = measureTone(rec, s, n, t.hz, fs);
        if (c.snrDb > m.snrDb) {
          m = c;
          start = s;
        }
      }
    }
    const detected = m.snrDb >= minSnrDb;
    const d = detected ? thd(rec, start, n, t.hz, fs) : null;
    return { ...m, detected, thdPercent: d === null ? null : Math.round(d * 1000) / 10 };
  });
  const heard = tones.filter((t) => t.detected);
  const levelDb = heard.length ? heard.reduce((a, t) => a + t.levelDb, 0) / heard.length : null;
  const thds = heard.map((t) => t.thdPercent).filter((x): x is number => x !== null);
  const first = probe.tones[0];
  const last = probe.tones[probe.tones.length - 1];
  const spectrum =
    offset !== null
      ? logSpectrum(rec, Math.round(offset) + first.start, Math.round(offset) + last.start + last.length, fs)
      : logSpectrum(rec, 0, rec.length, fs);
  const ambientEnd = offset !== null ? Math.floor(offset + probe.markerA.start) - Math.round(0.005 * fs) : 0;
  return {
    markerA,
    markerB,
    offsetSamples: offset,
    markerSpacingErrorMs: markerSpacingErrorMs === null ? null : Math.round(markerSpacingErrorMs * 100) / 100,
    tones,
    levelDb: levelDb === null ? null : Math.round(levelDb * 10) / 10,
    thdPercent: thds.length ? Math.max(...thds) : null,
    ambientDb: rmsDb(rec, 0, Math.max(0, ambientEnd)),
    spectrum,
  };
}
