// Cumulative byte counts over time, and the rates derived from them (pure; unit-tested).

export interface Point {
  t: number;
  bytes: number;
}

/**
 * Bytes read so far, sampled after the event loop's poll phase (so the bytes that waited in the kernel
 * while the program was held up are read first). A sample carries the time of the last read when bytes
 * came in since the previous sample — the program may be held up again between reading and sampling —
 * else the time it is taken: a line that stops delivering still advances the clock, and its gap counts
 * against the rate. Used by the download (this client) and the upload (the server's progress lines).
 */
export class ReadClock {
  bytes = 0;
  private lastRead = 0;
  private sampled = 0;
  constructor(private readonly now: () => number) {}
  add(n: number): void {
    this.bytes += n;
    this.lastRead = this.now();
  }
  sample(): Point {
    const t = this.bytes > this.sampled ? this.lastRead : this.now();
    this.sampled = this.bytes;
    return { t, bytes: this.bytes };
  }
}

/** Bytes at time t by linear interpolation (clamped to the ends). */
export function bytesAt(points: Point[], t: number): number {
  if (!points.length) return 0;
  if (t <= points[0].t) return points[0].bytes;
  const last = points[points.length - 1];
  if (t >= last.t) return last.bytes;
  let lo = 0;
  let hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid].t <= t) lo = mid;
    else hi = mid;
  }
  const a = points[lo];
  const b = points[hi];
  return b.t === a.t ? b.bytes : a.bytes + ((b.bytes - a.bytes) * (t - a.t)) / (b.t - a.t);
}

/** Mbit/s between t1 and t2 (ms). */
export function mbpsBetween(points: Point[], t1: number, t2: number): number {
  return t2 > t1 ? ((bytesAt(points, t2) - bytesAt(points, t1)) * 8) / ((t2 - t1) * 1000) : 0;
}

/** Sum several streams' series on the grid of all their time points (all on one clock). */
export function sumSeries(streams: Point[][]): Point[] {
  const ts = [...new Set(streams.flatMap((s) => s.map((p) => p.t)))].sort((a, b) => a - b);
  return ts.map((t) => ({
    t,
    bytes: streams.reduce((acc, s) => acc + (s.length && t >= s[0].t ? bytesAt(s, t) : 0), 0),
  }));
}

export interface StabilityRule {
  /** Ramp excluded before any judgement, ms (TCP slow start; ndt7/speedtest exclude it too). */
  rampMs: number;
  /** Window length compared, ms. */
  windowMs: number;
  /** Relative agreement of the last two windows. */
  tolerance: number;
  /** Shortest measured window (after the ramp) before stopping early, ms. */
  minMeasuredMs: number;
}

// minMeasuredMs: a token-bucket shaper lets a burst through at line rate (32 kB on a 2 Mbit/s tbf
// link is 6 % of a 2 s window); over ≥ 3 s it stays under the tolerance. Measured: a 2 s early stop
// read 2.147 Mbit/s on a 2 Mbit/s link (iperf3 1.945).
export const DEFAULT_STABILITY: StabilityRule = { rampMs: 1000, windowMs: 1000, tolerance: 0.03, minMeasuredMs: 3000 };

/**
 * A clear pass: the rate is so far above what the room needs that no longer measurement could change
 * the verdict, and the window already carries enough bytes that a shaper's burst no longer moves the
 * figure. Speed tests stop like this too (ndt7 and Ookla end early on fast lines).
 */
export interface ClearPassRule {
  /** Shortest ramp excluded (the measured window starts where the rate first reaches 70 % of its median). */
  rampMs: number;
  /** Shortest measured window, ms. */
  minMeasuredMs: number;
  /**
   * Fewest bytes in the measured window: a token-bucket burst (32 kB on a 2 Mbit/s tbf link, ≤ 1/100 s
   * of traffic at fibre rates) and two TCP flows' sawtooth then move the figure by < 1 %. Measured on a
   * 10 Mbit/s tbf link: windows of 2 MB and of 4 MB (3.3 s) read 6 % above and 7 % below iperf3; at
   * 50–300 Mbit/s, 1 s windows (6–36 MB) were within 0.3 % on an idle machine. On a busy one, the
   * kernel itself may hold received packets back (its receive work waits for the CPU too), and a
   * 1.3 s window on a 50 Mbit/s link read up to 4 % high; 12 MB (≈ 2 s there) halves that. Below
   * ≈ 40 Mbit/s the stability rule decides, as before.
   */
  minBytes: number;
  /** The running rate and both halves of the last second must be at least this many times `enoughMbps`. */
  factor: number;
}

export const DEFAULT_CLEAR_PASS: ClearPassRule = { rampMs: 500, minMeasuredMs: 1000, minBytes: 12_000_000, factor: 4 };

/**
 * Start of the measured window when the figure so far is a clear pass against `enoughMbps` (the
 * profile's recommended rate), else undefined.
 */
export function clearPassFrom(
  points: Point[],
  t0: number,
  now: number,
  enoughMbps: number,
  r: ClearPassRule = DEFAULT_CLEAR_PASS,
): number | undefined {
  if (!(enoughMbps > 0) || now - t0 < r.rampMs + r.minMeasuredMs) return undefined;
  const from = measuredStart(points, t0, now, r.rampMs);
  if (now - from < r.minMeasuredMs) return undefined;
  if (bytesAt(points, now) - bytesAt(points, from) < r.minBytes) return undefined;
  const floor = r.factor * enoughMbps;
  if (mbpsBetween(points, from, now) < floor) return undefined;
  if (mbpsBetween(points, now - 1000, now - 500) < floor || mbpsBetween(points, now - 500, now) < floor)
    return undefined;
  return from;
}

/**
 * True when, after the ramp and at least minMeasuredMs of measuring, the last two windows agree within the tolerance AND the running
 * goodput (ramp end → now) moved by less than a third of the tolerance during the last window.
 * The second condition keeps a bursty link (a few slow TCP flows on a small queue) measuring until
 * its average has settled, instead of stopping on two windows that agree by chance.
 */
export function isStable(points: Point[], t0: number, now: number, r: StabilityRule = DEFAULT_STABILITY): boolean {
  if (now - t0 < r.rampMs + Math.max(2 * r.windowMs, r.minMeasuredMs)) return false;
  const a = mbpsBetween(points, now - 2 * r.windowMs, now - r.windowMs);
  const b = mbpsBetween(points, now - r.windowMs, now);
  const hi = Math.max(a, b);
  if (!(hi > 0 && Math.abs(a - b) <= r.tolerance * hi)) return false;
  const from = t0 + r.rampMs;
  const before = mbpsBetween(points, from, now - r.windowMs);
  const after = mbpsBetween(points, from, now);
  return Math.abs(after - before) <= (r.tolerance / 3) * after;
}

/**
 * Start of the measured window: after the fixed ramp, and after the first 250 ms slice that reaches
 * 70 % of the median slice rate of the run (a slow ramp on a long-RTT path), but never later than
 * half the run.
 */
export function measuredStart(points: Point[], t0: number, tEnd: number, rampMs = DEFAULT_STABILITY.rampMs): number {
  const slice = 250;
  const rates: Array<{ t: number; r: number }> = [];
  for (let t = t0; t + slice <= tEnd; t += slice) rates.push({ t, r: mbpsBetween(points, t, t + slice) });
  const sorted = rates.map((x) => x.r).sort((a, b) => a - b);
  const median = sorted.length ? sorted[sorted.length >> 1] : 0;
  const reached = rates.find((x) => x.r >= 0.7 * median)?.t ?? t0;
  const start = Math.min(Math.max(t0 + rampMs, reached), t0 + (tEnd - t0) / 2);
  // Start on a sample, not between two: a count is exact where it was taken, while between two
  // samples either side of a stall the bytes did not arrive evenly (the kernel buffer filled, then
  // the sender waited) and interpolating there put up to 0.1 s of bytes in the wrong place.
  return points.find((p) => p.t >= start && p.t < tEnd)?.t ?? start;
}

/** Throughput series for the report: Mbit/s per `stepMs` slice, t in seconds from t0. */
export function throughputSeries(
  points: Point[],
  t0: number,
  tEnd: number,
  stepMs = 250,
): { t: number[]; mbps: number[] } {
  const t: number[] = [];
  const mbps: number[] = [];
  for (let a = t0; a + stepMs <= tEnd + 1e-6; a += stepMs) {
    t.push(Math.round(a + stepMs - t0) / 1000);
    mbps.push(Math.round(mbpsBetween(points, a, a + stepMs) * 1000) / 1000);
  }
  return { t, mbps };
}
