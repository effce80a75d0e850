// One WebRTC test call over WHIP: offer → answer → ICE/DTLS → send VP8+Opus for N seconds →
// measure what comes back (echo) and what the server's RTCP receiver reports say → hang up.
import { performance } from 'node:perf_hooks';
import { RtpPacket, type RTCRtpTransceiver, type RtcpPacket } from 'werift';
import {
  CLOCK,
  DownlinkView,
  Implausible,
  SrClock,
  applyReport,
  applyNack,
  lossFigures,
  ReportReader,
  routePacket,
  senderReportTimes,
  routingFromAnswer,
  shown,
  type ImplausibleFigure,
  type Kind,
  type ReportBlock,
  type Routing,
  type UplinkView,
} from './call-meter.js';
import type { MediaFeed } from './webrtc-media.js';
import {
  createPeer,
  pairKind,
  selectedPair,
  waitConnected,
  type IceServerConfig,
  type SelectedPair,
} from './webrtc-peer.js';
import { median, mosFromNetwork } from './webrtc-quality.js';
import { sendSenderReport } from './werift-fixes.js';
import { WhipError, whipDelete, whipEndpoint, whipIceServers, whipOffer } from './whip-client.js';

/** Packets of a stream after which the first sender report goes out (a peer validates a new source first). */
const EARLY_SR_AFTER = 3;

export interface CallOptions {
  server: string;
  token?: string;
  durationS: number;
  feed: MediaFeed;
  iceServers?: IceServerConfig[];
  iceTransport?: 'all' | 'relay';
  signal: AbortSignal;
  /** Epoch ms by which runCall must have returned (the check's deadline). */
  deadline: number;
  /** Longest wait for ICE+DTLS after the answer, ms. */
  connectTimeoutMs?: number;
  /** Longest wait for the WHIP HTTP answer, ms. */
  httpTimeoutMs?: number;
  log?: (m: string) => void;
}

export interface StreamStats {
  packetsSent: number;
  bytesSent: number;
  packetsEchoed: number;
  bytesEchoed: number;
  /** Expected per the echoed sequence numbers (for the echo-path loss). */
  echoExpected: number;
  /** From the server's last RTCP receiver report about our stream (cumulative loss: signed). */
  rtcpLost?: number;
  /** Packets the server expected up to that report (its extended highest sequence number). */
  rtcpExpected?: number;
  rtcpReports?: number;
  rtcpJitterMs?: number;
  rtcpFractionLost?: number;
  echoJitterMs?: number;
}

export interface CallResult {
  endpoint: string;
  location?: string;
  /** POST sent → peer connected, ms. */
  connectMs?: number;
  /** Connected per ICE+DTLS; false when it never got there. */
  connected: boolean;
  pair?: SelectedPair;
  candidateType?: 'host' | 'srflx' | 'relay';
  echo: boolean;
  durationS: number;
  video: StreamStats;
  audio: StreamStats;
  framesSent: number;
  framesEchoed: number;
  rttDataChannelMs?: number;
  rttRtcpMs?: number;
  rttMs?: number;
  jitterMs?: number;
  /**
   * Loss on the way to the server (its RTCP receiver reports), on the way back (sequence-number gaps
   * of the stream it sends), in the echo round trip (packets sent − echoed: only when the server
   * declares a packet-for-packet echo), and the one judged and used by the MOS (the worse direction), %.
   */
  lossUpPercent?: number;
  lossDownPercent?: number;
  lossRoundTripPercent?: number;
  lossPercent?: number;
  sendKbps: number;
  videoSendKbps: number;
  receiveKbps?: number;
  videoReceiveKbps?: number;
  mos?: number;
  iceServersFromServer: number;
  /** The server's receiver reports covered too few packets: lossUpPercent is shown, not judged. */
  uplinkReportsTooFew?: boolean;
  /** The server declared a packet-for-packet echo (X-Wardkit-Echo). */
  packetEcho?: boolean;
  /**
   * Figures that cannot be true (a broken or lying peer): an error finding, never a verdict.
   * `implausibleFigures`: each a catalog key and params (printed in the reader's language);
   * `implausible`: the same in English text, kept for scripts that read the JSON.
   */
  implausible?: string[];
  implausibleFigures?: ImplausibleFigure[];
  deleteStatus?: number;
  error?: { reason: string; message: string; status?: number; retryAfter?: string };
}

/** Counters of one stream before anything was sent (both engines). */
export const emptyStats = (): StreamStats => ({
  packetsSent: 0,
  bytesSent: 0,
  packetsEchoed: 0,
  bytesEchoed: 0,
  echoExpected: 0,
});

export async function runCall(o: CallOptions): Promise<CallResult> {
  const log = o.log ?? (() => {});
  const endpoint = whipEndpoint(o.server);
  const left = () => o.deadline - Date.now();
  const result: CallResult = {
    endpoint,
    connected: false,
    echo: false,
    durationS: 0,
    video: emptyStats(),
    audio: emptyStats(),
    framesSent: 0,
    framesEchoed: 0,
    sendKbps: 0,
    videoSendKbps: 0,
    iceServersFromServer: 0,
  };
  const httpTimeout = () => Math.max(1, Math.min(o.httpTimeoutMs ?? 10_000, left() - 500));
  const ac = new AbortController();
  const signal = AbortSignal.any([o.signal, ac.signal]);
  let pc: ReturnType<typeof createPeer> | undefined;
  try {
    const linked = await whipIceServers(endpoint, o.token, Math.min(3000, httpTimeout()), signal);
    result.iceServersFromServer = linked.length;
    const iceServers = [...(o.iceServers ?? []), ...linked];
    pc = createPeer({
      iceServers,
      iceTransport: o.iceTransport,
      gatherTimeoutMs: Math.min(2000, Math.max(300, left() / 10)),
    });
    const video = pc.addTransceiver('video', { direction: 'sendrecv' });
    const audio = pc.addTransceiver('audio', { direction: 'sendrecv' });
    const dc = pc.createDataChannel('wardkit-rtt', { ordered: false, maxRetransmits: 0 });
    const meter = attach(video, audio, dc, result);
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    let sdp = pc.localDescription!.sdp;
    if (o.iceTransport === 'relay') sdp = relayOnly(sdp);
    log(`POST ${endpoint}`);
    const t0 = performance.now();
    const answer = await whipOffer(endpoint, sdp, o.token, httpTimeout(), signal);
    result.location = answer.location;
    result.iceServersFromServer = Math.max(result.iceServersFromServer, answer.iceServers.length);
    result.packetEcho = answer.packetEcho;
    await pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    meter.listen(pc, routingFromAnswer(answer.sdp));
    const connectBudget = Math.min(o.connectTimeoutMs ?? 10_000, left() - 1000);
    const connectSignal = AbortSignal.any([signal, AbortSignal.timeout(Math.max(1, connectBudget))]);
    try {
      await waitConnected(pc, connectSignal);
    } catch (err) {
      if (signal.aborted) throw err;
      throw new WhipError(
        'timeout',
        `ICE/DTLS did not connect within ${Math.round(connectBudget / 1000)} s (${(err as Error).message})`,
      );
    }
    result.connectMs = performance.now() - t0;
    result.connected = true;
    result.pair = selectedPair(pc);
    if (result.pair) result.candidateType = pairKind(result.pair);
    log(`connected in ${Math.round(result.connectMs)} ms via ${result.candidateType}`);

    await meter.run(o, left, signal);
  } catch (err) {
    if (o.signal.aborted) throw err;
    const e = err as Error;
    result.error =
      err instanceof WhipError
        ? { reason: err.reason, message: e.message, status: err.status, retryAfter: err.retryAfter }
        : { reason: 'failed', message: e.message };
  } finally {
    ac.abort();
    if (result.location) result.deleteStatus = await whipDelete(result.location, o.token, 2000);
    await pc?.close().catch(() => undefined);
  }
  return result;
}

/** Keep only relay candidates in our offer (werift gathers host candidates even with policy relay). */
export function relayOnly(sdp: string): string {
  return sdp
    .split('\r\n')
    .filter((l) => !l.startsWith('a=candidate:') || / typ relay( |$)/.test(l))
    .join('\r\n');
}

/** Counters on both media streams, RTCP and the data channel; attached before the answer is applied. */
function attach(
  video: RTCRtpTransceiver,
  audio: RTCRtpTransceiver,
  dc: ReturnType<ReturnType<typeof createPeer>['createDataChannel']>,
  r: CallResult,
) {
  const stats = { video: r.video, audio: r.audio };
  const up: Record<Kind, UplinkView> = { video: { sent: 0, reports: 0 }, audio: { sent: 0, reports: 0 } };
  const down: Record<Kind, DownlinkView> = {
    video: new DownlinkView(CLOCK.video),
    audio: new DownlinkView(CLOCK.audio),
  };
  const srClock = new SrClock();
  const rtcpRtts: number[] = [];
  const implausible = new Implausible();
  const dcRtts: number[] = [];
  let firstEcho: number | undefined;
  let lastEcho = 0;

  for (const kind of ['video', 'audio'] as const) {
    const tr = kind === 'video' ? video : audio;
    tr.sender.onGenericNack.subscribe((fb: { lost: number[] }) => applyNack(up[kind], fb.lost));
  }
  const ours = new Map<number, Kind>([
    [video.sender.ssrc, 'video'],
    [audio.sender.ssrc, 'audio'],
  ]);
  // Report blocks are read off the transport: werift gives an SR's blocks to no sender (ReportReader).
  const reports = new ReportReader(ours);
  /** When the last packet of each stream went to werift (performance.now() ms). */
  const lastPacketAt: Partial<Record<Kind, number>> = {};
  const onReport = (kind: Kind, rep: ReportBlock) => {
    applyReport(up[kind], rep, CLOCK[kind]);
    const rtt = srClock.rtt(rep.lsr, rep.dlsr, performance.now());
    if (rtt === undefined) return;
    // DLSR has a resolution of 1/65536 s: a few ms below zero is rounding, more is a broken peer.
    if (rtt < -5 || rtt > 10_000) implausible.add('rtcpRtt', { media: kind, ms: shown(rtt) });
    else rtcpRtts.push(Math.max(0, rtt));
  };

  return { run, listen };

  /** After the answer: count what comes back on the wire, whatever SSRC it has; note our sender reports. */
  function listen(pc: ReturnType<typeof createPeer>, routing: Routing): void {
    for (const t of pc.dtlsTransports) {
      t.onRtp.subscribe((rtp: RtpPacket) => {
        const kind = routePacket(routing, rtp);
        if (!kind) return;
        const now = performance.now();
        firstEcho ??= now;
        lastEcho = now;
        down[kind].add(rtp, now, kind);
      });
      t.onRtcp.subscribe((p: RtcpPacket) => {
        for (const { kind, block } of reports.read(p as unknown as { type: number; reports?: ReportBlock[] }))
          onReport(kind, block);
      });
      const send = t.sendRtcp.bind(t);
      t.sendRtcp = (packets: RtcpPacket[]) => {
        for (const p of packets) {
          const sr = p as unknown as {
            type: number;
            ssrc: number;
            senderInfo?: { ntpTimestamp: bigint; rtpTimestamp: number };
          };
          if (sr.type !== 200 || !sr.senderInfo) continue;
          const now = performance.now();
          // Our SRs say when they are sent, in a correct NTP format (senderReportTimes).
          const kind = ours.get(sr.ssrc);
          const last = kind && lastPacketAt[kind];
          if (kind && last !== undefined)
            Object.assign(
              sr.senderInfo,
              senderReportTimes(
                sr.senderInfo.rtpTimestamp,
                performance.timeOrigin + last,
                performance.timeOrigin + now,
                CLOCK[kind],
              ),
            );
          srClock.note(sr.senderInfo.ntpTimestamp, now);
        }
        return send(packets);
      };
    }
  }

  async function run(o: CallOptions, left: () => number, signal: AbortSignal): Promise<void> {
    // RTT probes over the data channel; an echo server sends each message back unchanged.
    let probeSeq = 0;
    const sentAt = new Map<number, number>();
    dc.onMessage.subscribe((msg) => {
      try {
        const m = JSON.parse(String(msg)) as { probe?: number };
        const t = m.probe !== undefined ? sentAt.get(m.probe) : undefined;
        if (t !== undefined) {
          dcRtts.push(performance.now() - t);
          sentAt.delete(m.probe!);
          firstEcho0();
        }
      } catch {
        /* not ours */
      }
    });
    const dcOpen = new Promise<void>((resolve) => {
      if (dc.readyState === 'open') return resolve();
      dc.stateChanged.subscribe((s) => s === 'open' && resolve());
    });
    let firstEcho0: () => void = () => {};
    const firstProbeBack = new Promise<void>((resolve) => (firstEcho0 = resolve));
    const probe = () => {
      if (dc.readyState !== 'open') return;
      const id = probeSeq++;
      sentAt.set(id, performance.now());
      try {
        dc.send(JSON.stringify({ probe: id, pad: 'x'.repeat(64) }));
      } catch {
        /* closed */
      }
    };
    const probeTimer = setInterval(probe, 200);

    const durationS = Math.max(1, Math.min(o.durationS, (left() - 3000) / 1000));
    let firstSend: number | undefined;
    let lastSend = 0;
    let videoBytes = 0;
    try {
      // Media starts once the path is confirmed both ways: the first data-channel probe came back (the
      // server's DTLS/SRTP is up — a packet sent earlier can be dropped by a server still finishing the
      // handshake, which is not network loss). A server without echo gets 1 s.
      await Promise.race([dcOpen, new Promise((res) => setTimeout(res, 1000))]);
      probe();
      await Promise.race([firstProbeBack, new Promise((res) => setTimeout(res, 1000))]);
      await o.feed.run(
        (kind, packet) => {
          const now = performance.now();
          firstSend ??= now;
          lastSend = now;
          const s = stats[kind];
          s.packetsSent++;
          s.bytesSent += packet.length;
          // Our own contiguous sequence numbers: a datagram the local encoder's UDP lost before it
          // reached us (a busy computer) must not reach the server as a gap it reports as link loss.
          const u = up[kind];
          u.firstSeq ??= packet.readUInt16BE(2);
          packet.writeUInt16BE((u.firstSeq + u.sent) & 0xffff, 2);
          u.sent++;
          if (kind === 'video') {
            videoBytes += packet.length;
            if (packet[1] & 0x80) r.framesSent++;
          }
          const tr = kind === 'video' ? video : audio;
          const sent = tr.sender.sendRtp(RtpPacket.deSerialize(packet)).catch(() => undefined);
          lastPacketAt[kind] = now;
          // A sender report right after the first packets, so the server's first receiver report
          // can answer it (werift's own SRs start 0.5–1.5 s later and then follow every 0.5–1.5 s).
          if (u.sent === EARLY_SR_AFTER) void sent.then(() => sendSenderReport(tr.sender));
        },
        durationS,
        signal,
      );
      // Let the echo of the last packets come back: an echoing server is done when nothing has come
      // back for 3 round trips (≥ 200 ms); a server that sends nothing back gets one more round of
      // receiver reports (1.5 s). The loss figures count what the last report and echo cover.
      const cap = performance.now() + Math.min(1500, Math.max(0, left() - 1500));
      const quietMs = Math.max(200, 3 * (median(dcRtts) ?? median(rtcpRtts) ?? 500));
      while (performance.now() < cap && !signal.aborted) {
        const now = performance.now();
        if (firstEcho !== undefined && now - lastEcho >= quietMs && now - lastSend >= quietMs) break;
        await new Promise((res) => setTimeout(res, 50));
      }
    } finally {
      clearInterval(probeTimer);
    }

    const sendSpan = firstSend !== undefined ? Math.max(0.001, (lastSend - firstSend) / 1000) : 0;
    r.durationS = sendSpan;
    const totalSent = r.video.bytesSent + r.audio.bytesSent;
    r.sendKbps = sendSpan ? (totalSent * 8) / sendSpan / 1000 : 0;
    r.videoSendKbps = sendSpan ? (videoBytes * 8) / sendSpan / 1000 : 0;
    for (const kind of ['video', 'audio'] as const) {
      const s = stats[kind];
      s.packetsEchoed = down[kind].received;
      s.bytesEchoed = down[kind].bytes;
      s.echoExpected = down[kind].expected;
      s.echoJitterMs = down[kind].jitter.ms;
      const u = up[kind];
      if (u.reports) {
        s.rtcpLost = u.lost;
        s.rtcpExpected = u.expected;
        s.rtcpFractionLost = u.fractionLost;
        s.rtcpJitterMs = u.jitterMs;
        s.rtcpReports = u.reports;
      }
    }
    r.framesEchoed = down.video.frames;
    r.echo = r.video.packetsEchoed + r.audio.packetsEchoed > 0 || dcRtts.length > 0;
    r.rttDataChannelMs = median(dcRtts);
    r.rttRtcpMs = median(rtcpRtts);
    r.rttMs = r.rttDataChannelMs ?? r.rttRtcpMs;

    const f = lossFigures(up, down, r.packetEcho === true);
    implausible.addAll(f.implausible);
    r.lossUpPercent = f.lossUpPercent;
    r.lossDownPercent = f.lossDownPercent;
    r.lossRoundTripPercent = f.lossRoundTripPercent;
    if (f.upTooFew) r.uplinkReportsTooFew = true;
    if (r.video.packetsEchoed + r.audio.packetsEchoed > 0) {
      const echoSpan = Math.max(0.001, (lastEcho - (firstEcho ?? lastEcho)) / 1000);
      r.receiveKbps = ((r.video.bytesEchoed + r.audio.bytesEchoed) * 8) / Math.max(echoSpan, sendSpan) / 1000;
      r.videoReceiveKbps = (down.video.bytes * 8) / Math.max(echoSpan, sendSpan) / 1000;
    }
    r.jitterMs = r.audio.rtcpJitterMs ?? (r.audio.packetsEchoed ? r.audio.echoJitterMs : undefined);
    implausible.nonNegative(r);
    if (implausible.length) {
      // Nothing judged on figures that cannot be true.
      Object.assign(r, implausible.fields());
      r.lossPercent = undefined;
      r.mos = undefined;
      return;
    }
    r.lossPercent = f.lossPercent;
    if (r.rttMs !== undefined && r.lossPercent !== undefined)
      r.mos = mosFromNetwork(r.rttMs, r.jitterMs ?? 0, r.lossPercent);
  }
}
