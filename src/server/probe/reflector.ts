// The UDP reflector: echoes each probe with its own receive/send times and per-session counters,
// so the client knows loss per direction (TWAMP-light, RFC 5357 style; wire format in
// src/net/probe-wire.ts). It also answers STUN Binding requests (RFC 8489) on the same port, so the
// Department's server doubles as a STUN server for the `ice` check.
import dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';
import {
  decodeRequest,
  encodeReply,
  PACKET_SIZE,
  T_PROBE,
  T_PROBE_REPLY,
  T_STATS_REPLY,
} from '../../net/probe-wire.js';
import { ATTR, CLASS, decode, encode, encodeXorAddress, isStun, METHOD } from '../../net/stun.js';
import { RateLimiter, sourceKey } from '../limits.js';

interface Session {
  source: string;
  createdAt: number;
  recv: number;
  sent: number;
  maxSeq: number;
  outOfOrder: number;
  lastSeen: number;
}

export interface Reflector {
  port: number;
  close(): Promise<void>;
  sessions(): number;
}

/** A session idle this long is dropped (a latency check sends 50 packets/s). */
const SESSION_IDLE_MS = 15_000;
/** Hard wall-clock limit of a session, whatever its traffic (a latency check lasts ≤ 30 s). */
const SESSION_MAX_MS = 120_000;
const MAX_SESSIONS = 10_000;
/** Sessions one source address may hold; a new one beyond it replaces that source's oldest. */
const SESSIONS_PER_SOURCE = 16;
/** Packets per second one source address is answered (a latency check sends 50). */
const PPS_PER_SOURCE = 200;

/**
 * A well-formed probe request: exactly PACKET_SIZE bytes, reserved bytes and padding zero. The
 * reply is PACKET_SIZE bytes too, so the reflector never sends more than it received.
 */
export function wellFormedProbe(msg: Buffer): boolean {
  if (msg.length !== PACKET_SIZE || msg[5] !== 0 || msg[6] !== 0 || msg[7] !== 0) return false;
  for (let i = 24; i < PACKET_SIZE; i++) if (msg[i] !== 0) return false;
  return true;
}

export async function startReflector(host: string, port: number, log: (m: string) => void): Promise<Reflector> {
  const sock = dgram.createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false });
  const sessions = new Map<string, Session>();
  /** Per source address: its session keys, oldest first. */
  const bySource = new Map<string, string[]>();
  const rate = new RateLimiter({ perSecond: PPS_PER_SOURCE, burst: PPS_PER_SOURCE / 2 });
  const drop = (key: string) => {
    const s = sessions.get(key);
    if (!s) return;
    sessions.delete(key);
    const list = bySource.get(s.source);
    if (!list) return;
    const i = list.indexOf(key);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) bySource.delete(s.source);
  };
  sock.on('message', (msg, rinfo) => {
    const source = sourceKey(rinfo.address);
    // Per-source budget first: a flood costs one map lookup per packet, and never a reply.
    if (!rate.allow(source)) return;
    if (isStun(msg)) return answerStun(sock, msg, rinfo);
    if (!wellFormedProbe(msg)) return;
    const req = decodeRequest(msg);
    if (!req) return;
    const recvAt = performance.now();
    // A session is the client's random id and its address: another host cannot read or skew it.
    const key = `${rinfo.address}|${rinfo.port}|${req.session}`;
    let s = sessions.get(key);
    if (!s) {
      // Fresh ids from one address replace that address's own oldest sessions, never another's.
      const mine = bySource.get(source) ?? [];
      while (mine.length >= SESSIONS_PER_SOURCE) drop(mine[0]);
      if (sessions.size >= MAX_SESSIONS) drop(sessions.keys().next().value as string);
      s = { source, createdAt: recvAt, recv: 0, sent: 0, maxSeq: -1, outOfOrder: 0, lastSeen: recvAt };
      sessions.set(key, s);
      mine.push(key);
      bySource.set(source, mine);
    }
    s.lastSeen = recvAt;
    let type: 2 | 4 = T_STATS_REPLY;
    let reflSeq = s.sent;
    if (req.type === T_PROBE) {
      s.recv++;
      if (req.seq < s.maxSeq) s.outOfOrder++;
      else s.maxSeq = req.seq;
      type = T_PROBE_REPLY;
      reflSeq = s.sent++;
    }
    const reply = encodeReply({
      type,
      session: req.session,
      seq: req.seq,
      sentAt: req.sentAt,
      reflRecvCount: s.recv,
      reflSeq,
      reflRecvAt: recvAt,
      reflSendAt: performance.now(),
      reflOutOfOrder: s.outOfOrder,
    });
    sock.send(reply, rinfo.port, rinfo.address);
  });
  sock.on('error', (err) => log(`probe reflector: ${err.message}`));
  await new Promise<void>((resolve, reject) => {
    sock.once('error', reject);
    sock.bind(port, host, () => {
      sock.off('error', reject);
      resolve();
    });
  });
  // The timer, not the traffic, ends a session: idle ones and any older than the hard limit.
  const sweep = setInterval(() => {
    const now = performance.now();
    for (const [k, s] of sessions)
      if (now - s.lastSeen > SESSION_IDLE_MS || now - s.createdAt > SESSION_MAX_MS) drop(k);
  }, 5_000);
  sweep.unref();
  return {
    port: sock.address().port,
    sessions: () => sessions.size,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        try {
          sock.close(() => resolve());
        } catch {
          resolve();
        }
      }),
  };
}

/**
 * STUN Binding success with XOR-MAPPED-ADDRESS only (plus FINGERPRINT when the request had one),
 * and only when it is no larger than the request: the reflector must not amplify. wardkit's own
 * STUN client pads its requests (SOFTWARE attribute) to be answered; bare 20-byte requests are not.
 */
function answerStun(sock: dgram.Socket, msg: Buffer, rinfo: dgram.RemoteInfo): void {
  const m = decode(msg);
  if (!m || m.method !== METHOD.binding || m.cls !== CLASS.request) return;
  const family = rinfo.family === 'IPv6' ? 6 : 4;
  const fingerprint = m.attrs.some((a) => a.type === ATTR.FINGERPRINT);
  const reply = encode(
    {
      method: METHOD.binding,
      cls: CLASS.success,
      transactionId: m.transactionId,
      attrs: [
        {
          type: ATTR.XOR_MAPPED_ADDRESS,
          value: encodeXorAddress({ family, address: rinfo.address, port: rinfo.port }, m.transactionId),
        },
      ],
    },
    { fingerprint },
  );
  if (reply.length > msg.length) return;
  sock.send(reply, rinfo.port, rinfo.address);
}
