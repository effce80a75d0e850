// Wire format of the UDP probe stream (TWAMP-light, RFC 5357 style). Shared by the client
// (src/net/udp-probe.ts) and the reflector (src/server/probe/reflector.ts).
//
// Every packet is PACKET_SIZE bytes (≈ an Opus/RTP audio packet with headers) so the stream
// looks like a call. Times are milliseconds of each side's own monotonic clock (never compared
// across hosts: only differences on one host are used).
//
//   off size  request (client → reflector)      reply (reflector → client)
//   0   4     magic 'WKP1'                       magic 'WKR1'
//   4   1     type 1 = probe, 3 = stats          type 2 = probe reply, 4 = stats reply
//   5   3     reserved                           reserved
//   8   4     session id (random per run)        session id
//   12  4     sender seq                         sender seq (echoed)
//   16  8     sender send time (f64 ms)          sender send time (echoed)
//   24  4     —                                  reflector receive count (this session, incl. this one)
//   28  4     —                                  reflector seq (replies sent in this session, from 0)
//   32  8     —                                  reflector receive time (f64 ms)
//   40  8     —                                  reflector send time (f64 ms)
//   48  4     —                                  uplink out-of-order count (stats reply)
// A stats request asks for the session's totals without counting itself as a probe.

export const PACKET_SIZE = 160;
export const MAGIC_REQ = 0x574b5031; // 'WKP1'
export const MAGIC_REP = 0x574b5231; // 'WKR1'
export const T_PROBE = 1;
export const T_PROBE_REPLY = 2;
export const T_STATS = 3;
export const T_STATS_REPLY = 4;

export interface ProbeRequest {
  type: typeof T_PROBE | typeof T_STATS;
  session: number;
  seq: number;
  sentAt: number;
}

export interface ProbeReply {
  type: typeof T_PROBE_REPLY | typeof T_STATS_REPLY;
  session: number;
  seq: number;
  sentAt: number;
  reflRecvCount: number;
  reflSeq: number;
  reflRecvAt: number;
  reflSendAt: number;
  reflOutOfOrder: number;
}

export function encodeRequest(r: ProbeRequest, buf: Buffer = Buffer.alloc(PACKET_SIZE)): Buffer {
  buf.fill(0);
  buf.writeUInt32BE(MAGIC_REQ, 0);
  buf.writeUInt8(r.type, 4);
  buf.writeUInt32BE(r.session >>> 0, 8);
  buf.writeUInt32BE(r.seq >>> 0, 12);
  buf.writeDoubleBE(r.sentAt, 16);
  return buf;
}

export function decodeRequest(b: Buffer): ProbeRequest | undefined {
  if (b.length < 24 || b.readUInt32BE(0) !== MAGIC_REQ) return undefined;
  const type = b.readUInt8(4);
  if (type !== T_PROBE && type !== T_STATS) return undefined;
  return { type, session: b.readUInt32BE(8), seq: b.readUInt32BE(12), sentAt: b.readDoubleBE(16) };
}

export function encodeReply(r: ProbeReply): Buffer {
  const buf = Buffer.alloc(PACKET_SIZE);
  buf.writeUInt32BE(MAGIC_REP, 0);
  buf.writeUInt8(r.type, 4);
  buf.writeUInt32BE(r.session >>> 0, 8);
  buf.writeUInt32BE(r.seq >>> 0, 12);
  buf.writeDoubleBE(r.sentAt, 16);
  buf.writeUInt32BE(r.reflRecvCount >>> 0, 24);
  buf.writeUInt32BE(r.reflSeq >>> 0, 28);
  buf.writeDoubleBE(r.reflRecvAt, 32);
  buf.writeDoubleBE(r.reflSendAt, 40);
  buf.writeUInt32BE(r.reflOutOfOrder >>> 0, 48);
  return buf;
}

export function decodeReply(b: Buffer): ProbeReply | undefined {
  if (b.length < 52 || b.readUInt32BE(0) !== MAGIC_REP) return undefined;
  const type = b.readUInt8(4);
  if (type !== T_PROBE_REPLY && type !== T_STATS_REPLY) return undefined;
  return {
    type,
    session: b.readUInt32BE(8),
    seq: b.readUInt32BE(12),
    sentAt: b.readDoubleBE(16),
    reflRecvCount: b.readUInt32BE(24),
    reflSeq: b.readUInt32BE(28),
    reflRecvAt: b.readDoubleBE(32),
    reflSendAt: b.readDoubleBE(40),
    reflOutOfOrder: b.readUInt32BE(48),
  };
}
