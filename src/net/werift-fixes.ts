// Workarounds for werift 0.22.9 bugs that standard peers run into, applied from our side (no patched
// copy of node_modules: werift ships a bundled ESM build and a CommonJS build, a source patch would
// have to change both and re-apply on every install). Each one is described upstream-ready in
// docs/call.md ("werift workarounds") and has a test that fails without it.
import {
  RtcpSenderInfo,
  RtcpSrPacket,
  StunOverTurnProtocol,
  StunProtocol,
  type RTCPeerConnection,
  type RTCRtpSender,
  type RTCRtpTransceiver,
  type RtpPacket,
} from 'werift';

/** The werift version these workarounds were written and tested against. */
export const WERIFT_VERSION = '0.22.9';

interface DtlsInternals {
  state: string;
  dtls?: {
    dtls: { version: { major: number; minor: number }; epoch: number; recordSequenceNumber: number };
    cipher: {
      encryptPacket(p: unknown): {
        recordLayerHeader: {
          contentType: number;
          protocolVersion: { major: number; minor: number };
          epoch: number;
          sequenceNumber: number;
        };
        fragment: Buffer;
      };
    };
    transport: { send(buf: Buffer): Promise<void> | void };
  };
}

/**
 * Send a DTLS close_notify alert (RFC 6347 §4.1 / RFC 5246 §7.2.1) on every connected DTLS transport.
 * werift's RTCPeerConnection.close() only closes its sockets, so the remote peer learns of the end
 * from ICE consent expiry: Chromium reported `disconnected` after ~7.6 s and `failed` after ~17.6 s,
 * sending media all the while. With the alert it closes the transport at once.
 * Returns how many alerts were sent.
 */
export async function sendCloseNotify(pc: RTCPeerConnection): Promise<number> {
  let sent = 0;
  for (const t of pc.dtlsTransports as unknown as DtlsInternals[]) {
    const sock = t.dtls;
    if (t.state !== 'connected' || !sock?.dtls || !sock.cipher || !sock.transport) continue;
    try {
      const ctx = sock.dtls;
      const alert = {
        recordLayerHeader: {
          contentType: 21,
          protocolVersion: ctx.version,
          epoch: ctx.epoch,
          sequenceNumber: ++ctx.recordSequenceNumber,
          contentLen: 2,
        },
        fragment: Buffer.from([1, 0]), // level warning(1), description close_notify(0)
      };
      const enc = sock.cipher.encryptPacket(alert);
      await sock.transport.send(serializeRecord(enc));
      sent++;
    } catch {
      /* the transport is already going away */
    }
  }
  return sent;
}

/** A DTLS record: type, version, epoch, 48-bit sequence number, length, fragment. */
export function serializeRecord(r: {
  recordLayerHeader: {
    contentType: number;
    protocolVersion: { major: number; minor: number };
    epoch: number;
    sequenceNumber: number;
  };
  fragment: Buffer;
}): Buffer {
  const h = r.recordLayerHeader;
  const b = Buffer.alloc(13 + r.fragment.length);
  b.writeUInt8(h.contentType, 0);
  b.writeUInt8(h.protocolVersion.major, 1);
  b.writeUInt8(h.protocolVersion.minor, 2);
  b.writeUInt16BE(h.epoch, 3);
  b.writeUIntBE(h.sequenceNumber, 5, 6);
  b.writeUInt16BE(r.fragment.length, 11);
  r.fragment.copy(b, 13);
  return b;
}

/**
 * werift copies the offer's rtcp-fb lines (NACK, PLI, REMB, transport-cc) into its answer whatever
 * it implements, and then also sends NACKs itself. The echo implements no feedback: clear it on every
 * negotiated codec (call after setRemoteDescription, before createAnswer).
 */
export function clearFeedback(pc: RTCPeerConnection): void {
  for (const t of pc.getTransceivers()) for (const c of t.codecs ?? []) c.rtcpFeedback = [];
}

/**
 * Send a received packet back on the transceiver's sender with the payload type it came with.
 * werift's sender stamps every packet with its first negotiated codec's payload type, which turns
 * an echoed H264 packet into "VP8" when the offer listed VP8 first.
 */
export function echoRtp(transceiver: RTCRtpTransceiver, rtp: RtpPacket): Promise<void> {
  const sender = transceiver.sender as unknown as {
    codec?: { payloadType: number };
    sendRtp(p: RtpPacket): Promise<void>;
  };
  const codec = transceiver.codecs.find((c) => c.payloadType === rtp.header.payloadType);
  if (codec) sender.codec = codec;
  return sender.sendRtp(rtp);
}

/** RFC 3550 §6.4.1: the cumulative number of packets lost is a signed 24-bit integer (werift reads it unsigned). */
export function signed24(n: number): number {
  return n & 0x800000 ? n - 0x1000000 : n;
}

interface SenderInternals {
  ssrc: number;
  ntpTimestamp: bigint;
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
  dtlsTransport?: { state: string; sendRtcp(packets: RtcpSrPacket[]): Promise<unknown> };
}

/**
 * Send a sender report for `sender` now, with werift's own figures (NTP and RTP time of the last
 * packet sent, packet and octet counts). werift sends its first SR only 0.5–1.5 s after the first RTP
 * packet, so a peer's first receiver report (GStreamer: about 1 s into the media) often has no LSR to
 * answer and gives no round-trip time. Returns false when there is nothing to report yet.
 */
export async function sendSenderReport(sender: RTCRtpSender): Promise<boolean> {
  const s = sender as unknown as SenderInternals;
  if (!s.packetCount || !s.ntpTimestamp || s.dtlsTransport?.state !== 'connected') return false;
  const sr = new RtcpSrPacket({
    ssrc: s.ssrc,
    senderInfo: new RtcpSenderInfo({
      ntpTimestamp: s.ntpTimestamp,
      rtpTimestamp: s.rtpTimestamp,
      packetCount: s.packetCount,
      octetCount: s.octetCount,
    }),
  });
  try {
    await s.dtlsTransport.sendRtcp([sr]);
    return true;
  } catch {
    return false;
  }
}

/**
 * RFC 7983 §7: of a datagram on a WebRTC 5-tuple only one whose first byte is 0–3 can be STUN (20–63
 * DTLS, 64–79 TURN channel data, 128–191 RTP/RTCP); a STUN message is at least its 20-byte header.
 */
export const mayBeStun = (data: Buffer): boolean => data.length >= 20 && data[0] <= 3;

interface StunDemux {
  localCandidate?: unknown;
  onDataReceived: { execute(data: Buffer): void };
}

const DEMUX_FIXED = Symbol.for('wardkit.weriftStunDemux');

/**
 * werift's ICE layer takes every datagram for STUN first: `parseMessage` checks only that the length
 * equals 20 + bytes 2–3, never the first byte or the magic cookie. For an SRTP packet bytes 2–3 are the
 * RTP sequence number, so a packet exactly 20 bytes longer than its sequence number is parsed as a STUN
 * message and silently dropped (or handed to the ICE agent as a request): real loss on the wire that
 * no network caused. A stream passes through that zone (sequence numbers 30–1,250, the packet sizes)
 * after each wrap of its 16-bit sequence number and at its start when it starts low (ffmpeg's RTP muxer
 * starts below 4,096; a replayed call at 0: one lost audio packet per call in the call bench).
 * Expected: demultiplex by the first byte (RFC 7983 §7) before parsing STUN. Workaround: a datagram
 * that cannot be STUN goes straight to `onDataReceived`, as werift does for one it cannot parse —
 * for host and server-reflexive candidates (`StunProtocol`, patched once on its prototype) and for
 * data relayed by TURN (`StunOverTurnProtocol`, whose handler is an instance field: `fixTurnDemux`).
 * Returns false when werift no longer has the method this patches.
 */
export function fixStunDemux(): boolean {
  const proto = StunProtocol.prototype as unknown as Record<symbol, boolean> & {
    datagramReceived?: (this: StunDemux, data: Buffer, addr: unknown) => void;
  };
  if (proto[DEMUX_FIXED]) return true;
  const original = proto.datagramReceived;
  if (typeof original !== 'function') return false;
  proto.datagramReceived = function (this: StunDemux, data: Buffer, addr: unknown) {
    if (mayBeStun(data)) return original.call(this, data, addr);
    if (this.localCandidate) this.onDataReceived.execute(data);
  };
  proto[DEMUX_FIXED] = true;
  return true;
}

/** The same demultiplexing for one ICE agent's TURN-relayed data (see fixStunDemux). */
export function fixTurnDemux(protocols: readonly unknown[]): void {
  for (const p of protocols) {
    if (!(p instanceof StunOverTurnProtocol)) continue;
    const t = p as unknown as Record<symbol, boolean> &
      StunDemux & { handleStunMessage?: (data: Buffer, addr: unknown) => void };
    const original = t.handleStunMessage;
    if (t[DEMUX_FIXED] || typeof original !== 'function') continue;
    t.handleStunMessage = (data: Buffer, addr: unknown) => {
      if (mayBeStun(data)) return original(data, addr);
      t.onDataReceived.execute(data);
    };
    t[DEMUX_FIXED] = true;
  }
}
