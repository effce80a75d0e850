// The `details` shapes the renderers draw. Checks put them in CheckOutcome.details; a renderer
// reads them through these functions, which accept only well-formed data and drop the rest, so
// a missing, partial or hostile `details` never breaks a report — the figure is simply left out.
// docs/report-formats.md documents the same shapes for the people who write checks.

/** details.spectrum — a magnitude spectrum, e.g. of the microphone capture. */
export interface Spectrum {
  /** Bin centre frequencies, Hz, ascending. */
  freqHz: number[];
  /** Level of each bin, dB (dBFS or relative; `unit` says which). Same length as freqHz. */
  db: number[];
  /** Unit label for the y axis, default "dB". */
  unit?: string;
}

/** details.tones — one entry per test tone of the speaker→microphone loopback. */
export interface Tone {
  hz: number;
  /** Signal-to-noise ratio of the tone in the capture, dB; null when it was not measurable. */
  snrDb: number | null;
  detected: boolean;
  /** Optional: the SNR the tone needed, dB (drawn as a line on the bar). */
  minSnrDb?: number;
}

/** details.throughput — goodput over time, one series per direction. */
export interface ThroughputSeries {
  /** Seconds from the start of the measurement, ascending. */
  t: number[];
  /** Goodput in each interval, Mbit/s. Same length as t. */
  mbps: number[];
  /** `upload` or `download` (or any short label). */
  direction?: string;
  /** Optional: the rate the profile requires, Mbit/s (drawn as a dashed line). */
  requiredMbps?: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const shortText = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= 40 ? v : undefined);

/** Pairs of finite numbers from two parallel arrays (a mismatch in length keeps the common prefix). */
function pairs(xs: unknown, ys: unknown): Array<[number, number]> {
  if (!Array.isArray(xs) || !Array.isArray(ys)) return [];
  const out: Array<[number, number]> = [];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) if (finite(xs[i]) && finite(ys[i])) out.push([xs[i], ys[i]]);
  return out;
}

export function readSpectrum(details: unknown): Spectrum | undefined {
  if (!isObj(details) || !isObj(details.spectrum)) return undefined;
  const s = details.spectrum;
  const p = pairs(s.freqHz, s.db).filter(([f]) => f > 0);
  if (p.length < 2) return undefined;
  p.sort((a, b) => a[0] - b[0]);
  return {
    freqHz: p.map((x) => x[0]),
    db: p.map((x) => x[1]),
    ...(shortText(s.unit) ? { unit: shortText(s.unit) } : {}),
  };
}

export function readTones(details: unknown): Tone[] {
  if (!isObj(details) || !Array.isArray(details.tones)) return [];
  const out: Tone[] = [];
  for (const x of details.tones) {
    if (!isObj(x) || !finite(x.hz) || x.hz <= 0) continue;
    out.push({
      hz: x.hz,
      snrDb: finite(x.snrDb) ? x.snrDb : null,
      detected: x.detected === true,
      ...(finite(x.minSnrDb) ? { minSnrDb: x.minSnrDb } : {}),
    });
  }
  return out.slice(0, 64);
}

/**
 * details.throughput: one series, an array of series, or series keyed by direction
 * (`{ download: {t, mbps}, upload: {t, mbps} }`, what the bandwidth check stores; the key becomes
 * the series' direction).
 */
export function readThroughput(details: unknown): ThroughputSeries[] {
  if (!isObj(details)) return [];
  const tp = details.throughput;
  let raw: unknown[];
  if (Array.isArray(tp)) raw = tp;
  else if (isObj(tp) && !('t' in tp) && !('mbps' in tp))
    raw = Object.entries(tp).map(([k, v]) => (isObj(v) && v.direction === undefined ? { ...v, direction: k } : v));
  else raw = tp !== undefined ? [tp] : [];
  const out: ThroughputSeries[] = [];
  for (const s of raw.slice(0, 8)) {
    if (!isObj(s)) continue;
    const p = pairs(s.t, s.mbps).filter(([, y]) => y >= 0);
    if (p.length < 1) continue;
    out.push({
      t: p.map((x) => x[0]),
      mbps: p.map((x) => x[1]),
      ...(shortText(s.direction) ? { direction: shortText(s.direction) } : {}),
      ...(finite(s.requiredMbps) && s.requiredMbps >= 0 ? { requiredMbps: s.requiredMbps } : {}),
    });
  }
  return out;
}
