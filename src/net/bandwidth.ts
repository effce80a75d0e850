// Upload and download goodput with parallel HTTP streams against `wardkit serve`'s probe endpoints
// (like ndt7 and speedtest: several TCP flows for a bounded time). Goodput = application bytes over
// the measured window, which excludes the TCP slow-start ramp (see rate-series.ts measuredStart).
// Download is counted by this client as bytes arrive; upload by the server, which streams back
// its own byte counts — bytes still queued in our socket buffer never count.
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import { classify, NetFailure } from './errors.js';
import { startRequest } from './http-client.js';
import {
  clearPassFrom,
  ReadClock,
  DEFAULT_STABILITY,
  isStable,
  measuredStart,
  mbpsBetween,
  sumSeries,
  throughputSeries,
  type Point,
  type StabilityRule,
} from './rate-series.js';
import type { ServerTarget } from './server-info.js';

export type Direction = 'download' | 'upload';

export interface DirectionResult {
  direction: Direction;
  /** Goodput over the measured window, Mbit/s; null when nothing could be measured. */
  mbps: number | null;
  bytes: number;
  /** Measured window (after the ramp), ms. */
  windowMs: number;
  /** From the first request to the stop, ms. */
  elapsedMs: number;
  /** Stopped before the time limit because the rate was stable. */
  stable: boolean;
  /** Stopped before the time limit because the rate was a clear pass (rate-series.ts clearPassFrom). */
  clearPass: boolean;
  streams: number;
  series: { t: number[]; mbps: number[] };
  /** Why the measurement failed or was cut short. */
  failure?: NetFailure;
}

export interface BandwidthOptions {
  streams?: number;
  /** Upper bound per direction, seconds. */
  maxSeconds: number;
  signal: AbortSignal;
  stability?: StabilityRule;
  /** The rate the room needs (the profile's recommended): far above it, stop early (clearPassFrom). */
  enoughMbps?: number;
  ca?: string | Buffer;
}

const TICK_MS = 100;
let POOL: Buffer | undefined;
const pool = () => (POOL ??= randomBytes(256 * 1024));

export async function measureDirection(
  target: ServerTarget,
  direction: Direction,
  o: BandwidthOptions,
): Promise<DirectionResult> {
  const n = o.streams ?? 4;
  const rule = o.stability ?? DEFAULT_STABILITY;
  const stop = new AbortController();
  const signal = AbortSignal.any([o.signal, stop.signal]);
  const serverSeconds = Math.min(o.maxSeconds + 3, target.probe.maxSeconds ?? o.maxSeconds + 3);
  const started = performance.now();
  let failure: NetFailure | undefined;
  let stopped = false;
  const fail = (f: NetFailure) => {
    if (!stopped && !capped && !failure) failure = f;
  };
  const host = target.base.host;

  // Download: one series on this client's clock. Upload: one series per stream on the server's clock.
  const read = new ReadClock(() => performance.now());
  // Download samples: taken after the poll phase, at the time of the last read (ReadClock).
  const clientPoints: Point[] = [];
  const streamPoints: Point[][] = Array.from({ length: n }, () => []);
  let live = n;
  let capped = false;
  const ended = () => {
    live--;
  };

  const reqs: http.ClientRequest[] = [];
  for (let i = 0; i < n; i++) {
    const path = direction === 'download' ? target.probe.download : target.probe.upload;
    const url = new URL(`${path}?seconds=${serverSeconds}`, target.base);
    const { req, response } = startRequest(url, {
      method: direction === 'download' ? 'GET' : 'POST',
      headers: direction === 'upload' ? { 'content-type': 'application/octet-stream' } : {},
      signal,
      headersTimeoutMs: 5000,
      ca: o.ca,
    });
    reqs.push(req);
    req.on('error', () => undefined);
    if (direction === 'upload') void pumpBody(req, signal);
    else req.end();
    response.then(
      (res) => {
        if (res.statusCode === 429) {
          fail(new NetFailure('busy', { target: host, retryAfter: String(res.headers['retry-after'] ?? '?') }));
          res.resume();
          return ended();
        }
        if ((res.statusCode ?? 0) >= 400) {
          fail(new NetFailure('http', { target: host, status: res.statusCode ?? 0, path: url.pathname }));
          res.resume();
          return ended();
        }
        let buf = '';
        res.on('data', (c: Buffer) => {
          if (direction === 'download') {
            if (read.bytes === 0) clientPoints.push({ t: performance.now(), bytes: 0 });
            read.add(c.length);
            return;
          }
          buf += c.toString('utf8');
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            try {
              const p = JSON.parse(line) as { t?: number; bytes?: number; done?: boolean };
              if (p.done && !stopped) capped = true; // the server's cap was reached: measure what arrived
              if (typeof p.t === 'number' && typeof p.bytes === 'number')
                streamPoints[i].push({ t: p.t, bytes: p.bytes });
            } catch {
              /* ignore a torn line */
            }
          }
        });
        res.on('error', (err) => fail(classify(err, host)));
        res.on('close', () => {
          if (!stopped && !res.complete) fail(new NetFailure('reset', { target: host, detail: 'closed mid-transfer' }));
          // A stream the server ended normally reached its byte/time cap: measure what arrived.
          else if (!stopped) capped = true;
          ended();
        });
      },
      (err) => {
        if (!stopped)
          fail(signal.aborted && !o.signal.aborted ? new NetFailure('timeout', { target: host }) : classify(err, host));
        ended();
      },
    );
  }

  const series = (): { points: Point[]; now: number } => {
    if (direction === 'download') {
      const last = clientPoints[clientPoints.length - 1];
      return { points: clientPoints, now: last?.t ?? 0 };
    }
    // The sum is known up to the time every stream has reported: past the earliest of the streams'
    // last reports, the others would count as stopped (their timers are not in step; under load they
    // drift apart by tens of ms, which read a 1.3 s window several % low).
    const reported = streamPoints.filter((s) => s.length);
    const points = sumSeries(reported);
    return { points, now: reported.length ? Math.min(...reported.map((s) => s[s.length - 1].t)) : 0 };
  };

  let stable = false;
  let clearFrom: number | undefined;
  await new Promise<void>((resolve) => {
    let finished = false;
    // Judge after the poll phase (setImmediate), not in the timers phase: after the event loop was
    // held up, the bytes waiting in the kernel are read before the newest sample is taken.
    const tick = setInterval(() => setImmediate(evaluate), TICK_MS);
    function evaluate() {
      if (finished) return;
      if (direction === 'download' && read.bytes > 0) clientPoints.push(read.sample());
      const elapsed = performance.now() - started;
      const { points, now } = series();
      const t0 = firstByte(points);
      if (failure || capped || o.signal.aborted || live === 0) return done();
      if (t0 !== undefined && isStable(points, t0, now, rule)) {
        stable = true;
        return done();
      }
      if (t0 !== undefined && o.enoughMbps !== undefined) {
        clearFrom = clearPassFrom(points, t0, now, o.enoughMbps);
        if (clearFrom !== undefined) return done();
      }
      if (elapsed >= o.maxSeconds * 1000) return done();
    }
    function done() {
      finished = true;
      clearInterval(tick);
      resolve();
    }
  });
  stopped = true;
  stop.abort();
  for (const r of reqs) r.destroy();

  const elapsedMs = performance.now() - started;
  const { points, now } = series();
  const t0 = firstByte(points);
  if (t0 === undefined || now - t0 < 500) {
    return {
      direction,
      mbps: null,
      bytes: points.length ? points[points.length - 1].bytes : 0,
      windowMs: 0,
      elapsedMs,
      stable,
      clearPass: false,
      streams: n,
      series: { t: [], mbps: [] },
      failure:
        failure ?? (o.signal.aborted ? undefined : new NetFailure('noAnswer', { target: host, detail: 'no data' })),
    };
  }
  // A clear pass is judged on its own window: the points after the stop are the same bytes.
  const from = clearFrom ?? measuredStart(points, t0, now, rule.rampMs);
  return {
    direction,
    mbps: failure ? null : Math.round(mbpsBetween(points, from, now) * 1000) / 1000,
    bytes: points[points.length - 1].bytes,
    windowMs: now - from,
    elapsedMs,
    stable,
    clearPass: clearFrom !== undefined,
    streams: n,
    series: throughputSeries(points, t0, now),
    failure,
  };
}

/** Time of the first byte: the first point after which the count grows. */
function firstByte(points: Point[]): number | undefined {
  for (let i = 0; i < points.length; i++) if (points[i].bytes > 0) return i > 0 ? points[i - 1].t : points[i].t;
  return undefined;
}

async function pumpBody(req: http.ClientRequest, signal: AbortSignal): Promise<void> {
  const buf = pool();
  const chunk = 64 * 1024;
  let off = 0;
  try {
    while (!signal.aborted && !req.destroyed) {
      const ok = req.write(buf.subarray(off, off + chunk));
      off = (off + chunk) % buf.length;
      if (!ok) {
        await new Promise<void>((resolve) => {
          const go = () => {
            req.off('drain', go);
            req.off('close', go);
            resolve();
          };
          req.once('drain', go);
          req.once('close', go);
        });
      }
    }
  } catch {
    /* the request was destroyed */
  }
}
