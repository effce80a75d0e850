// Probe endpoints of `wardkit serve`: HTTP download and upload for the bandwidth check, a UDP
// reflector for the latency check (and a STUN responder on the same port for the ice check).
// Concurrent HTTP probe streams are capped (429 + Retry-After when full), so is each stream's size.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ReadClock } from '../../net/rate-series.js';
import { parseNumberOption } from '../../number-option.js';
import { HttpError, sendJson } from '../http.js';
import { holdFor, SourceSlots } from '../limits.js';
import type { Counter } from '../metrics.js';
import type { ServerContext, ServerModule } from '../types.js';
import { startReflector, type Reflector } from './reflector.js';

export interface ProbeOptions {
  /** Concurrent HTTP probe streams (a bandwidth check opens 2 per direction by default). */
  maxProbes: number;
  /** Concurrent streams one source address may hold, so one address cannot take every slot. */
  maxPerSource: number;
  /** Bytes one download or upload stream may carry. */
  maxBytes: number;
  /** Seconds one stream may last. */
  maxSeconds: number;
  /** UDP port of the reflector; undefined = the HTTP port number (UDP), or any free port if taken. */
  udpPort?: number;
}

export const PROBE_DEFAULTS: ProbeOptions = {
  maxProbes: 32,
  maxPerSource: 8,
  maxBytes: 1024 * 1024 * 1024,
  maxSeconds: 15,
};
/** A stream still open this long after its own time limit is cut off, read or not. */
const GRACE_MS = 2000;

const num = (v: unknown, name: string, min: number, max: number) => parseNumberOption(`--${name}`, v, { min, max });

export function probeOptions(o: Record<string, unknown>): ProbeOptions {
  return {
    maxProbes: num(o.maxProbes, 'max-probes', 1, 10_000) ?? PROBE_DEFAULTS.maxProbes,
    maxPerSource: num(o.maxProbesPerSource, 'max-probes-per-source', 1, 10_000) ?? PROBE_DEFAULTS.maxPerSource,
    maxBytes: (num(o.maxProbeMb, 'max-probe-mb', 1, 1_000_000) ?? PROBE_DEFAULTS.maxBytes / 1048576) * 1048576,
    maxSeconds: num(o.maxProbeSeconds, 'max-probe-seconds', 1, 600) ?? PROBE_DEFAULTS.maxSeconds,
    udpPort: num(o.probeUdpPort, 'probe-udp-port', 0, 65535),
  };
}

const CHUNK = 64 * 1024;
/** The server's monotonic clock, ms, 0.1 ms resolution: every upload stream's progress shares it. */
const now = () => Math.round(performance.now() * 10) / 10;
/** 1 MiB of random bytes, generated once: incompressible, so no proxy can inflate the rate. */
let RANDOM: Buffer | undefined;
const randomPool = () => (RANDOM ??= randomBytes(1024 * 1024));

export async function createProbeModule(raw: Record<string, unknown>): Promise<ServerModule> {
  const opts = probeOptions(raw);
  const slots = new SourceSlots({ total: opts.maxProbes, perSource: Math.min(opts.maxPerSource, opts.maxProbes) });
  let probeBytes: Counter | undefined;
  let reflector: Reflector | undefined;

  /** A slot for this request's source, held at most `seconds` + grace: a timer frees it, read or not. */
  const acquire = (req: IncomingMessage, res: ServerResponse, seconds: number) => {
    const got = slots.acquire(req.socket.remoteAddress ?? 'unknown');
    if ('refused' in got) {
      const why = got.refused === 'source' ? 'too many probes from this address' : 'too many probes running';
      throw new HttpError(429, `${why}, retry later`, { 'retry-after': '5' });
    }
    const cancel = holdFor(seconds * 1000 + GRACE_MS, () => {
      got.release();
      res.destroy(); // a client that never reads (or never stops sending) loses its connection
    });
    return () => {
      cancel();
      got.release();
    };
  };

  const limits = (url: URL) => {
    const bytes = url.searchParams.get('bytes');
    const seconds = url.searchParams.get('seconds');
    const b = bytes === null ? undefined : Number(bytes);
    const s = seconds === null ? undefined : Number(seconds);
    if ((b !== undefined && !(b > 0 && Number.isFinite(b))) || (s !== undefined && !(s > 0 && Number.isFinite(s))))
      throw new HttpError(400, 'bytes and seconds must be positive numbers');
    return {
      bytes: Math.min(b ?? opts.maxBytes, opts.maxBytes),
      seconds: Math.min(s ?? opts.maxSeconds, opts.maxSeconds),
      explicitBytes: b !== undefined && b <= opts.maxBytes,
    };
  };

  async function download(req: IncomingMessage, res: ServerResponse) {
    const lim = limits(new URL(req.url ?? '/', 'http://x'));
    const release = acquire(req, res, lim.seconds);
    const pool = randomPool();
    const started = performance.now();
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'cache-control': 'no-store',
      'content-encoding': 'identity',
      ...(lim.explicitBytes ? { 'content-length': String(lim.bytes) } : {}),
    });
    if (req.method === 'HEAD') {
      release();
      return res.end();
    }
    let sent = 0;
    let off = 0;
    let closed = false;
    res.on('close', () => {
      closed = true;
      release();
      probeBytes?.inc({ direction: 'download' }, sent);
    });
    await new Promise<void>((resolve) => {
      const pump = () => {
        while (!closed) {
          const left = lim.bytes - sent;
          if (left <= 0 || performance.now() - started >= lim.seconds * 1000) {
            res.end();
            return resolve();
          }
          const n = Math.min(CHUNK, left, pool.length - off);
          const ok = res.write(pool.subarray(off, off + n));
          sent += n;
          off = (off + n) % pool.length;
          if (!ok) return void res.once('drain', pump);
        }
        resolve();
      };
      res.once('close', () => resolve());
      pump();
    });
  }

  /**
   * Upload sink: counts the body's bytes and answers at once with a streamed body of progress
   * lines `{"t":ms,"bytes":n}` every 100 ms (t: the server's monotonic clock, shared by all streams), then a final summary line
   * `{"done":true,"bytes":n,"durationMs":ms}`. The client measures upload goodput from these
   * server-side counts — bytes still sitting in its own socket buffer never count.
   */
  async function upload(req: IncomingMessage, res: ServerResponse) {
    const lim = limits(new URL(req.url ?? '/', 'http://x'));
    // The upload's own timer stops counting at `seconds`; then up to 5 s of draining (below).
    const release = acquire(req, res, lim.seconds + 5);
    const started = performance.now();
    const read = new ReadClock(now);
    let over = false;
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
    const line = (o: unknown) => !res.writableEnded && res.write(JSON.stringify(o) + '\n');
    line({ t: now(), bytes: 0 });
    // Sampled after the poll phase, at the time of the last read (ReadClock).
    const tick = setInterval(() => setImmediate(() => line(read.sample())), 100);
    try {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(stopAt);
          resolve();
        };
        const stopAt = setTimeout(() => {
          over = true;
          done();
        }, lim.seconds * 1000);
        req.on('data', (c: Buffer) => {
          read.add(c.length);
          if (read.bytes >= lim.bytes && !over) {
            over = true;
            done();
          }
        });
        req.on('end', done);
        req.on('close', done);
        req.on('error', done);
        res.on('close', done);
      });
    } finally {
      clearInterval(tick);
      release();
    }
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    probeBytes?.inc({ direction: 'upload' }, read.bytes);
    line(read.sample());
    line({ done: true, bytes: read.bytes, durationMs, limited: over });
    // A client still sending after the limit: keep draining and leave the response open until it
    // stops (ending it now makes Node close the socket with unread data → a reset, and the client's
    // kernel would drop the summary line unread). Drop it if it goes on sending for 5 s more.
    if (over && !req.complete && !req.destroyed) {
      req.resume();
      const finish = () => {
        clearTimeout(t);
        if (!res.writableEnded) res.end();
      };
      const t = setTimeout(() => (finish(), req.destroy()), 5000);
      t.unref();
      req.once('end', finish);
      req.once('close', finish);
    } else res.end();
  }

  return {
    name: 'probe',
    routes: [
      { method: 'GET', path: '/api/v1/probe/download', handler: download },
      { method: 'POST', path: '/api/v1/probe/upload', handler: upload },
      {
        method: 'GET',
        path: '/api/v1/probe/status',
        handler: (_q, res) =>
          sendJson(res, 200, {
            active: slots.active,
            maxProbes: opts.maxProbes,
            maxPerSource: opts.maxPerSource,
            udpSessions: reflector?.sessions() ?? 0,
          }),
      },
    ],
    async start(ctx: ServerContext) {
      probeBytes = ctx.metrics.counter(
        'wardkit_probe_bytes_total',
        'Bytes the bandwidth probes sent (download) and received (upload).',
        [{ direction: 'download' }, { direction: 'upload' }],
      );
      const wanted = opts.udpPort ?? ctx.port;
      try {
        reflector = await startReflector(ctx.host, wanted, ctx.log);
      } catch (err) {
        if (opts.udpPort !== undefined) throw err;
        reflector = await startReflector(ctx.host, 0, ctx.log);
      }
      ctx.log(`probe: UDP reflector and STUN on ${ctx.host}:${reflector.port}`);
    },
    async stop() {
      await reflector?.close();
    },
    info: () => ({
      download: '/api/v1/probe/download',
      upload: '/api/v1/probe/upload',
      udpPort: reflector?.port,
      stunPort: reflector?.port,
      maxProbes: opts.maxProbes,
      maxPerSource: opts.maxPerSource,
      maxBytes: opts.maxBytes,
      maxSeconds: opts.maxSeconds,
    }),
  };
}
