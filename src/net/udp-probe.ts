// A call-like UDP probe stream to the reflector of `wardkit serve` (TWAMP-light, RFC 5357 style):
// 50 packets/s of 160 bytes. RTT net of the reflector's hold time, one-way jitter per direction
// (RFC 3550 estimator on each side's own clock), loss per direction from the reflector's counters,
// reordering. Wire format: probe-wire.ts.
import dgram from 'node:dgram';
import { randomInt } from 'node:crypto';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  decodeReply,
  encodeRequest,
  PACKET_SIZE,
  T_PROBE,
  T_PROBE_REPLY,
  T_STATS,
  T_STATS_REPLY,
  type ProbeReply,
} from './probe-wire.js';
import { median, percentile, rfc3550Jitter } from './stats.js';

export interface UdpProbeOptions {
  host: string;
  port: number;
  seconds: number;
  pps?: number;
  signal: AbortSignal;
  /** Stop early, as "blocked", when no reply at all has come back after this long, ms. */
  giveUpMs?: number;
  /**
   * Stop before `seconds` once the figures have converged: asked every 10 packets after
   * `minSeconds`, with what is known so far (replies, and packets lost for sure: sent longer ago
   * than the reply wait of 3 × the slowest RTT seen, at least 200 ms, and never answered).
   */
  settled?: (so_far: ProbeSoFar) => boolean;
  minSeconds?: number;
}

/** The probe's figures while it runs (for an early stop). */
export interface ProbeSoFar {
  /** Packets whose reply had time to come back. */
  due: number;
  /** Of those, never answered (lost either way). */
  lost: number;
  rttMs: number[];
  jitterUpMs: number | undefined;
  jitterDownMs: number | undefined;
}

export interface ReplySample {
  seq: number;
  rttMs: number;
  /** Client send → reflector receive, ms (includes the clock offset; only differences mean anything). */
  upTransit: number;
  /** Reflector send → client receive, ms (same caveat). */
  downTransit: number;
  reflRecvAt: number;
  clientRecvAt: number;
}

export interface UdpProbeResult {
  sent: number;
  received: number;
  /** No reply at all: UDP to the reflector is blocked (or the reflector is down). */
  blocked: boolean;
  /** Send errors (e.g. a local firewall: EPERM). */
  sendErrors: number;
  /** The reflector's final counters were obtained (else estimated from the last replies). */
  statsKnown: boolean;
  reflectorReceived: number;
  reflectorSent: number;
  uplinkLossPct: number | null;
  downlinkLossPct: number | null;
  roundTripLossPct: number | null;
  rttMinMs: number | null;
  rttMedianMs: number | null;
  rttP95Ms: number | null;
  jitterUpMs: number | null;
  jitterDownMs: number | null;
  /** Packets that arrived after a later-sent one, reflector side (uplink) and here (downlink). */
  reorderedUp: number;
  reorderedDown: number;
  durationMs: number;
  /** Stopped before `seconds` because `settled` said the figures had converged. */
  converged: boolean;
  samples: ReplySample[];
}

const round = (v: number | undefined, d = 2) => (v === undefined ? null : Math.round(v * 10 ** d) / 10 ** d);

export async function runUdpProbe(o: UdpProbeOptions): Promise<UdpProbeResult> {
  const pps = o.pps ?? 50;
  const interval = 1000 / pps;
  const total = Math.max(1, Math.round(o.seconds * pps));
  const session = randomInt(1, 2 ** 32 - 1);
  const family = isIP(o.host) === 6 ? 'udp6' : 'udp4';
  const sock = dgram.createSocket(family);
  const started = performance.now();
  const samples: ReplySample[] = [];
  const seen = new Set<number>();
  let sent = 0;
  let sendErrors = 0;
  let maxReflSeq = -1;
  let reorderedDown = 0;
  let maxRecvCount = 0;
  let stats: ProbeReply | undefined;
  let onStats: (() => void) | undefined;

  sock.on('message', (msg) => {
    const now = performance.now();
    const r = decodeReply(msg);
    if (!r || r.session !== session) return;
    if (r.type === T_STATS_REPLY) {
      stats = r;
      onStats?.();
      return;
    }
    if (r.type !== T_PROBE_REPLY || seen.has(r.seq) || r.seq >= sent) return;
    seen.add(r.seq);
    if (r.reflSeq < maxReflSeq) reorderedDown++;
    else maxReflSeq = r.reflSeq;
    maxRecvCount = Math.max(maxRecvCount, r.reflRecvCount);
    samples.push({
      seq: r.seq,
      rttMs: now - r.sentAt - (r.reflSendAt - r.reflRecvAt),
      upTransit: r.reflRecvAt - r.sentAt,
      downTransit: now - r.reflSendAt,
      reflRecvAt: r.reflRecvAt,
      clientRecvAt: now,
    });
  });
  sock.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    sock.once('error', reject);
    sock.bind(0, () => (sock.off('error', reject), resolve()));
  });

  const sendOne = (type: typeof T_PROBE | typeof T_STATS, seq: number) =>
    new Promise<void>((resolve) => {
      const pkt = encodeRequest({ type, session, seq, sentAt: performance.now() }, Buffer.alloc(PACKET_SIZE));
      sock.send(pkt, o.port, o.host, (err) => {
        if (err) sendErrors++;
        resolve();
      });
    });
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (o.signal.aborted) return resolve();
      const t = setTimeout(done, Math.max(0, ms));
      o.signal.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(t);
        o.signal.removeEventListener('abort', done);
        resolve();
      }
    });

  let blocked = false;
  let converged = false;
  const soFar = (): ProbeSoFar => {
    const rttMs = samples.map((x) => x.rttMs);
    // Lost for sure: no reply after 3 × the slowest round trip seen (≥ 100 ms).
    const wait = Math.max(100, 3 * (percentile(rttMs, 100) ?? 0));
    const due = Math.min(sent, Math.floor((performance.now() - wait - started) / interval) + 1);
    let answered = 0;
    for (const x of samples) if (x.seq < due) answered++;
    return {
      due: Math.max(0, due),
      lost: Math.max(0, due - answered),
      rttMs,
      jitterUpMs: rfc3550Jitter([...samples].sort((a, b) => a.reflRecvAt - b.reflRecvAt).map((x) => x.upTransit)),
      jitterDownMs: rfc3550Jitter(samples.map((x) => x.downTransit)),
    };
  };
  try {
    // Paced sending: packet i leaves at start + i·interval; a late timer sends what is due at once.
    while (sent < total && !o.signal.aborted) {
      const due = started + sent * interval;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const seq = sent++;
      void sendOne(T_PROBE, seq);
      if (samples.length === 0 && performance.now() - started > (o.giveUpMs ?? 2500)) {
        blocked = true;
        break;
      }
      if (o.settled && sent % 5 === 0 && performance.now() - started >= (o.minSeconds ?? o.seconds) * 1000) {
        if (o.settled(soFar())) {
          converged = true;
          break;
        }
      }
    }
    // Let the last replies come back (up to 1 s, or 3 × the slowest RTT seen).
    const lastRtt =
      percentile(
        samples.map((s) => s.rttMs),
        100,
      ) ?? 0;
    const until = performance.now() + Math.min(1000, Math.max(200, 3 * lastRtt));
    while (!blocked && samples.length < sent && performance.now() < until && !o.signal.aborted) await sleep(20);
    // Ask the reflector for its totals (a few tries: the request or its answer may be lost too).
    if (!blocked) {
      for (let i = 0; i < 10 && !stats && !o.signal.aborted; i++) {
        void sendOne(T_STATS, i);
        await Promise.race([sleep(Math.max(100, 2 * lastRtt)), new Promise<void>((r) => (onStats = r))]);
      }
    }
  } finally {
    onStats = undefined;
    sock.close();
  }

  const received = samples.length;
  blocked ||= received === 0;
  const reflectorReceived = stats ? stats.reflRecvCount : maxRecvCount;
  const reflectorSent = stats ? stats.reflSeq : maxReflSeq + 1;
  const pct = (lost: number, of: number) => (of > 0 ? Math.round((Math.max(0, lost) / of) * 10000) / 100 : null);
  const rtts = samples.map((s) => s.rttMs);
  const upOrder = [...samples].sort((a, b) => a.reflRecvAt - b.reflRecvAt).map((s) => s.upTransit);
  const downOrder = samples.map((s) => s.downTransit); // already in arrival order
  return {
    sent,
    received,
    blocked,
    sendErrors,
    statsKnown: Boolean(stats),
    reflectorReceived,
    reflectorSent,
    uplinkLossPct: blocked ? null : pct(sent - reflectorReceived, sent),
    downlinkLossPct: blocked ? null : pct(reflectorSent - received, reflectorSent),
    roundTripLossPct: blocked ? null : pct(sent - received, sent),
    rttMinMs: round(percentile(rtts, 0)),
    rttMedianMs: round(median(rtts)),
    rttP95Ms: round(percentile(rtts, 95)),
    jitterUpMs: round(rfc3550Jitter(upOrder)),
    jitterDownMs: round(rfc3550Jitter(downOrder)),
    reorderedUp: stats?.reflOutOfOrder ?? 0,
    reorderedDown,
    durationMs: performance.now() - started,
    converged,
    samples,
  };
}
