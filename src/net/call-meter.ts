// What a test call measures from what EVERY RTP peer provides, so the verdicts hold against any WHIP
// server (an SFU or MCU that re-encodes, GStreamer, aiortc), not only wardkit's packet-for-packet echo:
// - uplink: the server's RTCP receiver reports about our streams (RFC 3550 §6.4.1): cumulative loss
//   (a SIGNED 24-bit number: duplicates make it negative) against the packets expected up to the
//   report's extended highest sequence number, interarrival jitter, and the round-trip time from
//   LSR/DLSR against the sender reports we sent;
// - downlink: the gaps in the sequence numbers of the stream(s) the server sends back, routed to
//   audio or video by SSRC (a=ssrc in the answer), by the MID header extension (RFC 8843 §15.2), or
//   by a payload type only one section uses;
// - the packet-for-packet count (sent − echoed) only as a cross-check when the server says it is a
//   wardkit echo.
// Every figure is checked for plausibility; an impossible one is reported, never judged.
import { performance } from 'node:perf_hooks';
import { createFormatter, type Params } from '../i18n/format.js';
import { parseSdp } from './sdp-offer.js';
import { JitterMeter, SeqCounter } from './webrtc-quality.js';
import { signed24 } from './werift-fixes.js';

export type Kind = 'audio' | 'video';
const SDES_MID = 'urn:ietf:params:rtp-hdrext:sdes:mid';
export const CLOCK = { video: 90000, audio: 48000 } as const;

export interface Routing {
  bySsrc: Map<number, Kind>;
  byMid: Map<string, Kind>;
  byPt: Map<number, Kind>;
  midExtIds: Set<number>;
}

/** How to tell the answerer's audio from its video: SSRCs, mids, MID extension ids, payload types. */
export function routingFromAnswer(sdp: string): Routing {
  const r: Routing = { bySsrc: new Map(), byMid: new Map(), byPt: new Map(), midExtIds: new Set() };
  const ptKinds = new Map<number, Set<Kind>>();
  for (const s of parseSdp(sdp).media) {
    if ((s.kind !== 'audio' && s.kind !== 'video') || s.port === 0) continue;
    const kind = s.kind;
    if (s.mid !== undefined) r.byMid.set(s.mid, kind);
    for (const l of s.lines) {
      const ssrc = /^a=ssrc:(\d+)/.exec(l);
      if (ssrc) r.bySsrc.set(Number(ssrc[1]), kind);
      const ext = /^a=extmap:(\d+)(?:\/\S+)? (\S+)/.exec(l);
      if (ext && ext[2] === SDES_MID) r.midExtIds.add(Number(ext[1]));
    }
    for (const f of s.formats) {
      const pt = Number(f);
      if (!ptKinds.has(pt)) ptKinds.set(pt, new Set());
      ptKinds.get(pt)!.add(kind);
    }
  }
  for (const [pt, kinds] of ptKinds) if (kinds.size === 1) r.byPt.set(pt, [...kinds][0]);
  return r;
}

export interface RtpLike {
  header: {
    ssrc: number;
    payloadType: number;
    sequenceNumber: number;
    timestamp: number;
    marker: boolean;
    extensions: Array<{ id: number; payload: Buffer }>;
  };
  payload: Buffer;
}

/** Route an incoming packet: SSRC first, then the MID extension (and learn the SSRC), then the payload type. */
export function routePacket(r: Routing, rtp: RtpLike): Kind | undefined {
  const known = r.bySsrc.get(rtp.header.ssrc);
  if (known) return known;
  for (const e of rtp.header.extensions) {
    if (!r.midExtIds.has(e.id)) continue;
    const kind = r.byMid.get(e.payload.toString('ascii'));
    if (kind) {
      r.bySsrc.set(rtp.header.ssrc, kind);
      return kind;
    }
  }
  return r.byPt.get(rtp.header.payloadType);
}

/** The middle 32 bits of a 64-bit NTP timestamp (what LSR echoes). */
export const compactOf = (ntp: bigint): number => Number((ntp >> 16n) & 0xffffffffn);

/** Seconds from the NTP era (1900) to the Unix epoch. */
const NTP_UNIX_OFFSET_S = 2_208_988_800;

/** A Unix time in ms as a 64-bit NTP timestamp (RFC 3550 §4: seconds since 1900, 32-bit binary fraction). */
export function ntpFromUnixMs(ms: number): bigint {
  const sec = Math.floor(ms / 1000);
  const frac = Math.min(0xffffffff, Math.round(((ms - sec * 1000) / 1000) * 2 ** 32));
  return (BigInt((sec + NTP_UNIX_OFFSET_S) % 2 ** 32) << 32n) | BigInt(frac);
}

/**
 * What a sender report says (RFC 3550 §6.4.1): the wallclock time it is sent, and the RTP time that
 * corresponds to it — the last packet's RTP time advanced by the time since that packet left.
 * werift stamps its SRs with the time of the last packet, in a broken NTP format: its `ntpTime()`
 * writes the DECIMAL digits of the fractional second as the binary fraction (…​.25 s → 25/2³² s), so
 * the compact NTP time a receiver report echoes (LSR) takes only ~16 values per second and two SRs
 * in one second often share it — and once media stops, every SR repeats the last packet's time.
 */
export function senderReportTimes(
  lastRtpTimestamp: number,
  lastPacketUnixMs: number,
  nowUnixMs: number,
  clock: number,
): { ntpTimestamp: bigint; rtpTimestamp: number } {
  const elapsed = Math.max(0, nowUnixMs - lastPacketUnixMs);
  return {
    ntpTimestamp: ntpFromUnixMs(nowUnixMs),
    rtpTimestamp: (lastRtpTimestamp + Math.round((elapsed * clock) / 1000)) >>> 0,
  };
}

/** When the last RTP packet of one of our streams left (Unix ms) and its RTP clock rate. */
export type LastPacketOf = (ssrc: number) => { unixMs: number; clock: number } | undefined;

interface SenderReportLike {
  type: number;
  ssrc: number;
  senderInfo?: { ntpTimestamp: bigint; rtpTimestamp: number };
}

/**
 * Re-stamp every sender report a werift DTLS transport sends (werift's own stamps: see
 * senderReportTimes) with the time it leaves, for each of our streams that has sent a packet;
 * `onSent` sees each SR's NTP time as it leaves (an SR about a stream we know nothing of is left as is).
 * Both ends use it: the call client and `serve`'s echo peer.
 */
export function restampSenderReports(
  transport: { sendRtcp(packets: never[]): Promise<unknown> },
  lastPacketOf: LastPacketOf,
  onSent?: (ntpTimestamp: bigint) => void,
): void {
  const t = transport as unknown as { sendRtcp(packets: unknown[]): Promise<unknown> };
  const send = t.sendRtcp.bind(t);
  t.sendRtcp = (packets: unknown[]) => {
    for (const p of packets) {
      const sr = p as SenderReportLike;
      if (sr.type !== 200 || !sr.senderInfo) continue;
      const last = lastPacketOf(sr.ssrc);
      if (last)
        Object.assign(
          sr.senderInfo,
          senderReportTimes(
            sr.senderInfo.rtpTimestamp,
            last.unixMs,
            performance.timeOrigin + performance.now(),
            last.clock,
          ),
        );
      onSent?.(sr.senderInfo.ntpTimestamp);
    }
    return send(packets);
  };
}

/** RTT from LSR/DLSR: remembers when each of our sender reports left. */
export class SrClock {
  private readonly sent = new Map<number, number>();
  /**
   * Two SRs with the same compact NTP time (werift's own stamps, see senderReportTimes; the client
   * re-stamps them): a receiver report then cannot say which one it answers (taking the last one sent
   * gave −334 ms on a quiet machine), so such a time is marked ambiguous (NaN).
   */
  note(ntp: bigint, atMs: number): void {
    const key = compactOf(ntp);
    this.sent.set(key, this.sent.has(key) ? Number.NaN : atMs);
    if (this.sent.size > 64) this.sent.delete(this.sent.keys().next().value!);
  }
  /** ms, or undefined without one matching SR (LSR 0 = no SR received yet). */
  rtt(lsr: number, dlsr: number, nowMs: number): number | undefined {
    if (!lsr) return undefined;
    const at = this.sent.get(lsr);
    if (at === undefined || Number.isNaN(at)) return undefined;
    return nowMs - at - (dlsr / 65536) * 1000;
  }
}

export interface ReportBlock {
  ssrc: number;
  fractionLost: number;
  packetsLost: number;
  highestSequence: number;
  jitter: number;
  lsr: number;
  dlsr: number;
}

/**
 * The report blocks about our own streams in any RTCP packet. RFC 3550 §6.4 puts them in receiver
 * reports AND in sender reports: a peer that sends media too (GStreamer, any SFU) reports in its SRs,
 * which werift 0.22.9 hands only to the receiver of the SR's own SSRC — never to our sender. A peer
 * may repeat the same blocks in each packet of a compound (GStreamer: an SR per stream it sends, and an
 * RR): identical blocks count once.
 */
export class ReportReader {
  private readonly seen = new Set<string>();
  constructor(private readonly ours: ReadonlyMap<number, Kind>) {}
  read(p: { type: number; reports?: ReportBlock[] }): Array<{ kind: Kind; block: ReportBlock }> {
    if (p.type !== 200 && p.type !== 201) return [];
    const out: Array<{ kind: Kind; block: ReportBlock }> = [];
    for (const b of p.reports ?? []) {
      const kind = this.ours.get(b.ssrc);
      if (!kind) continue;
      const key = [b.ssrc, b.highestSequence, b.packetsLost, b.fractionLost, b.jitter, b.lsr, b.dlsr].join(':');
      if (this.seen.has(key)) continue;
      if (this.seen.size >= 256) this.seen.clear();
      this.seen.add(key);
      out.push({ kind, block: b });
    }
    return out;
  }
}

/** The server's view of one of our streams, from its last receiver report. */
export interface UplinkView {
  firstSeq?: number;
  sent: number;
  reports: number;
  lost?: number;
  expected?: number;
  fractionLost?: number;
  jitterMs?: number;
  /**
   * Sequence numbers of ours the server asked to be sent again (RTCP NACK). A packet repaired by a
   * retransmission is not in the receiver report's loss, yet the link lost it once: video is repaired
   * this way, audio never is.
   */
  nacked?: Set<number>;
  /** Packets a packet echo had not returned yet when the call stopped counting (EchoLedger): not lost. */
  echoPending?: number;
}

/**
 * Which of our packets a packet-for-packet echo (wardkit's: it keeps our sequence numbers) could have
 * returned by the time the call stops counting. The echo's delay is measured on the last echo that
 * came back (its receipt − our send, the client's own processing included); a packet sent later
 * than "stop − that delay − ECHO_MARGIN_MS" that has not come back is still on its way (`pending`),
 * not lost — on a computer too busy to read its echoes, several seconds of them. Every earlier packet
 * that did not come back is lost, however the call ends: if the echo stops for good, its last delay
 * is small and every packet after it counts.
 */
export class EchoLedger {
  private readonly sentAt: number[] = [];
  private readonly back = new Set<number>();
  private lastSeq = 0;
  /** The echo's delay on the last packet that came back, ms. */
  lastDelayMs?: number;
  sent(seq: number, atMs: number): void {
    this.sentAt.push(atMs);
    this.lastSeq = seq & 0xffff;
  }
  echoed(seq: number, atMs: number): void {
    // Our sequence numbers are contiguous: count back from the last one sent (wraps included).
    const i = this.sentAt.length - 1 - ((this.lastSeq - seq) & 0xffff);
    if (i < 0 || this.back.has(i)) return;
    this.back.add(i);
    this.lastDelayMs = atMs - this.sentAt[i];
  }
  /** Packets not back that were sent too late to be back by `stopMs`. */
  pending(stopMs: number): number {
    if (this.lastDelayMs === undefined) return 0; // nothing ever came back: all of it is lost
    const cutoff = stopMs - this.lastDelayMs - ECHO_MARGIN_MS;
    let n = 0;
    for (let i = this.sentAt.length - 1; i >= 0 && this.sentAt[i] > cutoff; i--) if (!this.back.has(i)) n++;
    return n;
  }
}

/** Spread of the echo's delay from one packet to the next (a keyframe burst, a busy event loop), ms. */
export const ECHO_MARGIN_MS = 100;

/** Record a NACK's sequence numbers that fall among the packets we sent. */
export function applyNack(v: UplinkView, lost: readonly number[]): void {
  if (v.firstSeq === undefined) return;
  v.nacked ??= new Set();
  for (const seq of lost) if (((seq - v.firstSeq) & 0xffff) < v.sent) v.nacked.add(seq & 0xffff);
}

export function applyReport(v: UplinkView, rep: ReportBlock, clock: number): void {
  v.reports++;
  v.lost = signed24(rep.packetsLost);
  v.fractionLost = rep.fractionLost / 256;
  v.jitterMs = (rep.jitter / clock) * 1000;
  if (v.firstSeq !== undefined) v.expected = ((rep.highestSequence - v.firstSeq) >>> 0) + 1;
}

/** The echoed streams of one kind (one SSRC each; a re-encoding server may switch SSRC). */
export class DownlinkView {
  readonly seq = new Map<number, SeqCounter>();
  packets = 0;
  bytes = 0;
  frames = 0;
  readonly jitter: JitterMeter;
  private jitterSsrc?: number;
  constructor(clock: number) {
    this.jitter = new JitterMeter(clock);
  }
  /** false for a duplicate. */
  add(rtp: RtpLike, nowMs: number, kind: Kind): boolean {
    let c = this.seq.get(rtp.header.ssrc);
    if (!c) this.seq.set(rtp.header.ssrc, (c = new SeqCounter()));
    if (!c.add(rtp.header.sequenceNumber)) return false;
    this.packets++;
    this.bytes += rtp.payload.length + 12;
    if (kind === 'video' && rtp.header.marker) this.frames++;
    this.jitterSsrc ??= rtp.header.ssrc;
    if (rtp.header.ssrc === this.jitterSsrc) this.jitter.add(nowMs, rtp.header.timestamp);
    return true;
  }
  get expected(): number {
    let n = 0;
    for (const c of this.seq.values()) n += c.expected;
    return n;
  }
  get received(): number {
    let n = 0;
    for (const c of this.seq.values()) n += c.received;
    return n;
  }
}

/**
 * A figure that cannot be true (a broken or lying peer): the catalog key `call.implausible.<what>`
 * and its params — numbers and ids, never text — so each report prints it in its reader's language.
 */
export interface ImplausibleFigure {
  key: string;
  params: Params;
}

/** A figure as a param: rounded to `digits` places; NaN and ±Infinity as text (JSON has no such number). */
export const shown = (v: number, digits = 0): number | string =>
  Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : String(v);

const EN = createFormatter('en');

/** The implausible figures of one call, each once; both engines collect them here. */
export class Implausible {
  readonly figures: ImplausibleFigure[] = [];
  private readonly seen = new Set<string>();

  get length(): number {
    return this.figures.length;
  }

  add(what: string, params: Params): void {
    this.addAll([{ key: `call.implausible.${what}`, params }]);
  }

  addAll(figures: readonly ImplausibleFigure[]): void {
    for (const f of figures) {
      const id = JSON.stringify(f);
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      this.figures.push(f);
    }
  }

  /** Loss percentages outside 0–100. */
  lossRange(f: { lossUpPercent?: number; lossDownPercent?: number; lossRoundTripPercent?: number }): void {
    for (const [id, v] of [
      ['lossUp', f.lossUpPercent],
      ['lossDown', f.lossDownPercent],
      ['lossRoundTrip', f.lossRoundTripPercent],
    ] as const)
      if (v !== undefined && !(v >= 0 && v <= 100)) this.add('percent', { figure: id, value: shown(v, 3) });
  }

  /** Figures that must be finite and not negative: bitrates (kbit/s) and times (ms); `call.metric.<id>` names them. */
  nonNegative(r: {
    sendKbps?: number;
    receiveKbps?: number;
    videoReceiveKbps?: number;
    availableOutgoingKbps?: number;
    jitterMs?: number;
    rttMs?: number;
  }): void {
    for (const [id, unit, v] of [
      ['sendBitrate', 'kbps', r.sendKbps],
      ['receiveBitrate', 'kbps', r.receiveKbps],
      ['videoBitrate', 'kbps', r.videoReceiveKbps],
      ['availableOutgoingBitrate', 'kbps', r.availableOutgoingKbps],
      ['jitter', 'ms', r.jitterMs],
      ['rtt', 'ms', r.rttMs],
    ] as const)
      if (v !== undefined && !(Number.isFinite(v) && v >= 0)) this.add(unit, { figure: id, value: shown(v, 3) });
  }

  /**
   * The result's fields: `implausibleFigures` (key + params), and `implausible`, the same in English
   * text as before, for scripts that read the JSON (a public format: the field stays).
   */
  fields(): { implausible: string[]; implausibleFigures: ImplausibleFigure[] } {
    return { implausible: this.figures.map((f) => EN(f.key, f.params)), implausibleFigures: [...this.figures] };
  }
}

export interface Figures {
  lossUpPercent?: number;
  lossDownPercent?: number;
  lossRoundTripPercent?: number;
  lossPercent?: number;
  /** Figures that cannot be true (a broken or lying peer): reported, never judged. */
  implausible: ImplausibleFigure[];
  /** The receiver reports covered too few packets to judge the uplink by (reported, not judged). */
  upTooFew?: boolean;
}

/**
 * Fewest packets a receiver report must cover for the uplink loss to be judged: GStreamer reports
 * about every 5 s, so a 10 s call may get one report covering the first second (≈ 80 packets, where
 * 3 % loss reads anywhere from 0 to 7 %).
 */
export const MIN_REPORTED = 300;

/**
 * Loss figures with sanity checks. `packetEcho`: the server declared a packet-for-packet echo, so
 * the echoed sequence numbers carry the uplink's gaps too (round trip) and sent − echoed is a
 * valid cross-check.
 */
export function lossFigures(
  up: Record<Kind, UplinkView>,
  down: Record<Kind, DownlinkView>,
  packetEcho: boolean,
): Figures {
  const sentAll = up.audio.sent + up.video.sent;
  const implausible = new Implausible();
  const f: Figures = { implausible: implausible.figures };
  let lost = 0;
  let expected = 0;
  let known = false;
  for (const kind of ['audio', 'video'] as const) {
    const v = up[kind];
    if (v.lost === undefined || v.expected === undefined) continue;
    known = true;
    if (v.expected > v.sent + 64 || v.expected <= 0)
      implausible.add('rtcpExpected', { media: kind, expected: v.expected, sent: v.sent });
    if (v.lost > v.expected) implausible.add('rtcpLostExpected', { media: kind, lost: v.lost, expected: v.expected });
    if (v.lost < -Math.max(16, v.expected * 0.05)) implausible.add('rtcpCumulative', { media: kind, lost: v.lost });
    if (v.jitterMs !== undefined && (v.jitterMs < 0 || v.jitterMs > 10_000))
      implausible.add('rtcpJitter', { media: kind, ms: shown(v.jitterMs, 3) });
    // A small negative count = duplicates, no loss. Packets repaired by retransmission were lost
    // once on the link: the larger of the two counts is the link's loss before repair.
    lost += Math.max(0, v.lost, Math.min(v.nacked?.size ?? 0, v.expected));
    expected += v.expected;
  }
  if (known && expected > 0) f.lossUpPercent = (100 * lost) / expected;
  if (known && expected < Math.min(MIN_REPORTED, sentAll / 2)) f.upTooFew = true;
  const dExp = down.audio.expected + down.video.expected;
  const dRecv = down.audio.received + down.video.received;
  const pending = (up.audio.echoPending ?? 0) + (up.video.echoPending ?? 0);
  if (dExp > 0) {
    const gap = (100 * Math.max(0, dExp - dRecv)) / dExp;
    if (packetEcho) {
      // The echo keeps the uplink's gaps: gap loss is the round trip; the downlink is what is left.
      const up = (f.lossUpPercent ?? 0) / 100;
      f.lossDownPercent = up < 1 ? Math.max(0, 100 * (1 - (1 - gap / 100) / (1 - up))) : 0;
      // Cross-check: packets sent − packets echoed (each sequence number once), of those the echo could
      // have returned by the end (EchoLedger: still on their way is not lost).
      const echoable = sentAll - pending;
      if (echoable > 0) {
        f.lossRoundTripPercent = (100 * Math.max(0, echoable - dRecv)) / echoable;
        if (dRecv > sentAll) implausible.add('echoed', { echoed: dRecv, sent: sentAll });
        else if (Math.abs(f.lossRoundTripPercent - gap) > 2)
          implausible.add('echoMismatch', { count: shown(f.lossRoundTripPercent, 1), gap: shown(gap, 1) });
      }
    } else f.lossDownPercent = gap;
  }
  implausible.lossRange(f);
  const upJudged = f.upTooFew ? undefined : f.lossUpPercent;
  if (!implausible.length && (upJudged !== undefined || f.lossDownPercent !== undefined))
    f.lossPercent = Math.max(upJudged ?? 0, f.lossDownPercent ?? 0);
  return f;
}
