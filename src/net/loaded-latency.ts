// Latency under load ("bufferbloat"): the call-like UDP probe stream (udp-probe.ts) keeps running
// while the bandwidth test fills the line. The RTT while a direction is loaded minus the idle RTT
// is the delay the router's queue adds when the line is busy (DSLReports/Waveform "bloat", Ookla
// "loaded latency", RFC 9541-style responsiveness). One-way transit times (each side's own clock;
// the constant offset cancels in a difference) say in which direction the queue was built.
import { performance } from 'node:perf_hooks';
import { median, percentile } from './stats.js';
import { runUdpProbe, type ReplySample } from './udp-probe.js';

export interface LatencyWindow {
  /** Replies whose probe was sent in the window. */
  samples: number;
  rttMedianMs: number | null;
  rttP95Ms: number | null;
  /** Median one-way transit times (include the clock offset: only differences mean anything). */
  upTransitMs: number | null;
  downTransitMs: number | null;
}

export interface LoadedLatency extends LatencyWindow {
  /** Loaded RTT median − idle RTT median, ms. */
  increaseMs: number | null;
  /** Loaded RTT p95 − idle RTT median, ms. */
  p95IncreaseMs: number | null;
  /** Queue delay the load built in its own direction: median one-way transit increase, ms. */
  queueMs: number | null;
}

const r2 = (v: number | undefined | null) =>
  v === undefined || v === null || !Number.isFinite(v) ? null : Math.round(v * 100) / 100;

/** Send time of a reply's probe on this client's clock. */
const sentAt = (s: ReplySample) => s.clientRecvAt - s.rttMs;

export function windowOf(samples: ReplySample[], from: number, to: number): LatencyWindow {
  const w = samples.filter((s) => sentAt(s) >= from && sentAt(s) < to);
  const rtt = w.map((s) => s.rttMs);
  return {
    samples: w.length,
    rttMedianMs: r2(median(rtt)),
    rttP95Ms: r2(percentile(rtt, 95)),
    upTransitMs: r2(median(w.map((s) => s.upTransit))),
    downTransitMs: r2(median(w.map((s) => s.downTransit))),
  };
}

export function loadedAgainst(
  idle: LatencyWindow,
  loaded: LatencyWindow,
  direction: 'download' | 'upload',
): LoadedLatency {
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : r2(a - b));
  const oneWay =
    direction === 'upload'
      ? diff(loaded.upTransitMs, idle.upTransitMs)
      : diff(loaded.downTransitMs, idle.downTransitMs);
  return {
    ...loaded,
    increaseMs: diff(loaded.rttMedianMs, idle.rttMedianMs),
    p95IncreaseMs: diff(loaded.rttP95Ms, idle.rttMedianMs),
    queueMs: oneWay,
  };
}

/** A probe stream that runs until stopped; windows are cut from its replies by send time. */
export function startProbeStream(o: {
  host: string;
  port: number;
  pps: number;
  maxSeconds: number;
  signal: AbortSignal;
}) {
  const stop = new AbortController();
  const t0 = performance.now();
  const running = runUdpProbe({
    host: o.host,
    port: o.port,
    seconds: o.maxSeconds,
    pps: o.pps,
    signal: AbortSignal.any([o.signal, stop.signal]),
    giveUpMs: 2500,
  });
  return {
    startedAt: t0,
    now: () => performance.now(),
    async stop() {
      stop.abort();
      return running;
    },
  };
}
