// One WebRTC test call over WHIP: offer → answer → ICE/DTLS → send VP8+Opus for N seconds →
// measure what comes back (echo) and what the server's RTCP receiver reports say → hang up.
// The werift engine: the exchange and its time limits are both engines' (whip-call.ts); this file
// builds the werift peer and counts RTP/RTCP itself (call-meter.ts).
import { performance } from 'node:perf_hooks';
import { RtpPacket, type RTCRtpTransceiver, type RtcpPacket } from 'werift';
import {
  CLOCK,
  DownlinkView,
  EchoLedger,
  Implausible,
  SrClock,
  applyReport,
  applyNack,
  lossFigures,
  ReportReader,
  restampSenderReports,
  routePacket,
  routingFromAnswer,
  shown,
  type Kind,
  type ReportBlock,
  type Routing,
  type UplinkView,
} from './call-meter.js';
import { type CallResult, emptyCallResult, settleVerdictFigures } from './call-result.js';
import type { MediaFeed } from './webrtc-media.js';
import { createPeer, pairKind, selectedPair, waitConnected } from './webrtc-peer.js';
import { median } from './webrtc-quality.js';
import { sendSenderReport } from './werift-fixes.js';
import { RttProbes } from './rtt-probes.js';
import { notConnected, runWhipCall, type WhipCallOptions } from './whip-call.js';
import { whipEndpoint } from './whip-client.js';

/** Packets of a stream after which the first sender report goes out (a peer validates a new source first). */
const EARLY_SR_AFTER = 3;

export interface CallOptions extends WhipCallOptions {
  feed: MediaFeed;
}

export async function runCall(o: CallOptions): Promise<CallResult> {
  const result = emptyCallResult(whipEndpoint(o.server));
  let pc: ReturnType<typeof createPeer> | undefined;
  let meter: ReturnType<typeof attach> | undefined;
  return runWhipCall(o, result, {
    async offer(iceServers, gatherTimeoutMs) {
      pc = createPeer({ iceServers, iceTransport: o.iceTransport, gatherTimeoutMs: gatherTimeoutMs() });
      const video = pc.addTransceiver('video', { direction: 'sendrecv' });
      const audio = pc.addTransceiver('audio', { direction: 'sendrecv' });
      const dc = pc.createDataChannel('wardkit-rtt', { ordered: false, maxRetransmits: 0 });
      meter = attach(video, audio, dc, result);
      await pc.setLocalDescription(await pc.createOffer());
      const sdp = pc.localDescription!.sdp;
      return o.iceTransport === 'relay' ? relayOnly(sdp) : sdp;
    },
    async answer(sdp) {
      await pc!.setRemoteDescription({ type: 'answer', sdp });
      meter!.listen(pc!, routingFromAnswer(sdp));
    },
    async connect(budgetMs, signal) {
      try {
        await waitConnected(pc!, AbortSignal.any([signal, AbortSignal.timeout(Math.max(1, budgetMs))]));
      } catch (err) {
        if (signal.aborted) throw err;
        throw notConnected(budgetMs, (err as Error).message);
      }
    },
    describe() {
      result.pair = selectedPair(pc!);
      if (result.pair) result.candidateType = pairKind(result.pair);
    },
    measure: (left, signal) => meter!.run(o, left, signal),
    close: async () => void (await pc?.close().catch(() => undefined)),
  });
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
  const ledger: Record<Kind, EchoLedger> = { video: new EchoLedger(), audio: new EchoLedger() };
  const rtcpRtts: number[] = [];
  const implausible = new Implausible();
  const probes = new RttProbes(dc);
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
        ledger[kind].echoed(rtp.header.sequenceNumber, now);
      });
      t.onRtcp.subscribe((p: RtcpPacket) => {
        for (const { kind, block } of reports.read(p as unknown as { type: number; reports?: ReportBlock[] }))
          onReport(kind, block);
      });
      // Our SRs say when they are sent, in a correct NTP format (restampSenderReports).
      restampSenderReports(
        t,
        (ssrc) => {
          const kind = ours.get(ssrc);
          const last = kind && lastPacketAt[kind];
          return kind && last !== undefined ? { unixMs: performance.timeOrigin + last, clock: CLOCK[kind] } : undefined;
        },
        (ntp) => srClock.note(ntp, performance.now()),
      );
    }
  }

  async function run(o: CallOptions, left: () => number, signal: AbortSignal): Promise<void> {
    // RTT probes over the data channel; an echo server sends each message back unchanged.
    dc.onMessage.subscribe((msg) => probes.received(msg));
    const dcOpen = new Promise<void>((resolve) => {
      if (dc.readyState === 'open') return resolve();
      dc.stateChanged.subscribe((s) => s === 'open' && resolve());
    });
    const probeTimer = setInterval(() => probes.send(), 200);

    const durationS = Math.max(1, Math.min(o.durationS, (left() - 3000) / 1000));
    let firstSend: number | undefined;
    let lastSend = 0;
    let videoBytes = 0;
    try {
      await probes.pathConfirmed(dcOpen);
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
          ledger[kind].sent(u.firstSeq + u.sent, now);
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
      const quietMs = Math.max(200, 3 * (median(probes.rtts) ?? median(rtcpRtts) ?? 500));
      const quiet = () => {
        const now = performance.now();
        return firstEcho !== undefined && now - lastEcho >= quietMs && now - lastSend >= quietMs;
      };
      while (performance.now() < cap && !signal.aborted) {
        // A timer runs before the socket reads that waited behind it: on a busy computer "nothing came
        // back for 200 ms" may only mean "not read yet". Quiet only if still so after one round of I/O.
        if (quiet()) {
          await new Promise((res) => setImmediate(res));
          if (quiet()) break;
        }
        await new Promise((res) => setTimeout(res, 50));
      }
    } finally {
      clearInterval(probeTimer);
    }
    const stoppedCounting = performance.now();

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
      if (r.packetEcho) s.echoPending = u.echoPending = ledger[kind].pending(stoppedCounting);
      if (u.reports) {
        s.rtcpLost = u.lost;
        s.rtcpExpected = u.expected;
        s.rtcpFractionLost = u.fractionLost;
        s.rtcpJitterMs = u.jitterMs;
        s.rtcpReports = u.reports;
      }
    }
    r.framesEchoed = down.video.frames;
    r.echo = r.video.packetsEchoed + r.audio.packetsEchoed > 0 || probes.rtts.length > 0;
    r.rttDataChannelMs = median(probes.rtts);
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
    settleVerdictFigures(r, implausible, f.lossPercent);
  }
}
