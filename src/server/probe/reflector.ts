// The UDP reflector: echoes each probe with its own receive/send times and per-session counters,
// so the client knows loss per direction (TWAMP-light, RFC 5357 style; wire format in
// src/net/probe-wire.ts). It also answers STUN Binding requests (RFC 8489) on the same port, so the
// Department's server doubles as a STUN server for the `ice` check.
import dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { decodeRequest, encodeReply, T_PROBE, T_PROBE_REPLY, T_STATS_REPLY } from '../../net/probe-wire.js';
import { ATTR, CLASS, decode, encode, encodeXorAddress, isStun, METHOD } from '../../net/stun.js';

interface Session {
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

const SESSION_IDLE_MS = 60_000;
const MAX_SESSIONS = 10_000;

export async function startReflector(host: string, port: number, log: (m: string) => void): Promise<Reflector> {
  const sock = dgram.createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false });
  const sessions = new Map<string, Session>();
  sock.on('message', (msg, rinfo) => {
    if (isStun(msg)) return answerStun(sock, msg, rinfo);
    const req = decodeRequest(msg);
    if (!req) return;
    const recvAt = performance.now();
    // A session is the client's random id and its address: another host cannot read or skew it.
    const key = `${rinfo.address}|${rinfo.port}|${req.session}`;
    let s = sessions.get(key);
    if (!s) {
      if (sessions.size >= MAX_SESSIONS) return;
      s = { recv: 0, sent: 0, maxSeq: -1, outOfOrder: 0, lastSeen: recvAt };
      sessions.set(key, s);
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
  const sweep = setInterval(() => {
    const now = performance.now();
    for (const [k, s] of sessions) if (now - s.lastSeen > SESSION_IDLE_MS) sessions.delete(k);
  }, 10_000);
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

function answerStun(sock: dgram.Socket, msg: Buffer, rinfo: dgram.RemoteInfo): void {
  const m = decode(msg);
  if (!m || m.method !== METHOD.binding || m.cls !== CLASS.request) return;
  const family = rinfo.family === 'IPv6' ? 6 : 4;
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
        { type: ATTR.SOFTWARE, value: Buffer.from('wardkit') },
      ],
    },
    { fingerprint: true },
  );
  sock.send(reply, rinfo.port, rinfo.address);
}
