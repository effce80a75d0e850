// One echo call on the server: answers the client's offer, sends every RTP packet it receives
// back on its own sender (own SSRC), echoes data-channel messages, and ends itself after a
// maximum duration or when ICE fails. close() frees everything (peer connection, timers).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { RTCRtpCodecParameters, type RTCPeerConnection, type RtpPacket } from 'werift';
import { restampSenderReports } from '../../net/call-meter.js';
import { finishAnswer, planOffer, type OfferPlan } from '../../net/sdp-offer.js';
import { createPeer, type IceServerConfig } from '../../net/webrtc-peer.js';
import { clearFeedback, echoRtp, sendCloseNotify } from '../../net/werift-fixes.js';

/**
 * What the echo can send back. It reflects packets without decoding them, so any codec werift can
 * negotiate by name works: the client decodes its own stream. No RTCP feedback (see sdp-offer.ts).
 */
export const ECHO_CODECS = { video: ['VP8', 'VP9', 'H264', 'AV1'], audio: ['OPUS', 'PCMU', 'PCMA', 'G722'] };
const CLOCK: Record<string, number> = { OPUS: 48000, PCMU: 8000, PCMA: 8000, G722: 8000 };
const echoCodecs = () => ({
  video: ECHO_CODECS.video.map(
    (n) => new RTCRtpCodecParameters({ mimeType: `video/${n}`, clockRate: 90000, rtcpFeedback: [] }),
  ),
  audio: ECHO_CODECS.audio.map(
    (n) =>
      new RTCRtpCodecParameters({
        mimeType: `audio/${n}`,
        clockRate: CLOCK[n],
        channels: n === 'OPUS' ? 2 : 1,
        rtcpFeedback: [],
      }),
  ),
});

export interface EchoSessionOptions {
  maxSeconds: number;
  iceServers: IceServerConfig[];
  /** Local addresses to offer as host candidates; undefined = all. */
  hostAddresses?: string[];
  /** false: receive only, like a WHIP ingest server (tests of the client against a non-echo server). */
  echo?: boolean;
  /** Called once when the session ends for any reason. */
  onEnd: (s: EchoSession, why: string) => void;
}

export class SdpError extends Error {}

export class EchoSession {
  readonly id = randomUUID();
  readonly createdAt = Date.now();
  private pc?: RTCPeerConnection;
  /** Sections answered with port 0, and why. */
  rejected: OfferPlan['rejected'] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private closed = false;
  /** When the echo's last packet left on each of its senders (by SSRC), for its sender reports. */
  private readonly lastEchoed = new Map<number, { unixMs: number; clock: number }>();
  packetsEchoed = 0;
  bytesEchoed = 0;
  dcMessages = 0;

  constructor(private readonly opts: EchoSessionOptions) {}

  /** Apply the offer and return the answer SDP; SdpError for an offer this peer cannot use. */
  async answer(offerSdp: string): Promise<string> {
    const plan = planOffer(offerSdp, ECHO_CODECS);
    this.rejected = plan.rejected;
    if (plan.rejected.length === plan.sections)
      throw new SdpError(`no usable section: ${plan.rejected.map((r) => `${r.kind}: ${r.reason}`).join('; ')}`);
    const pc = createPeer({
      iceServers: this.opts.iceServers,
      hostAddresses: this.opts.hostAddresses,
      gatherTimeoutMs: 1000,
      // An offer without BUNDLE: one transport per section, and no group in the answer.
      bundlePolicy: plan.bundled ? 'max-bundle' : 'disable',
      codecs: echoCodecs(),
    });
    this.pc = pc;
    // Tracks are announced during setRemoteDescription: listen first.
    pc.ontrack = ({ track, transceiver }) => {
      transceiver.setDirection('sendrecv');
      track.onReceiveRtp.subscribe((rtp: RtpPacket) => {
        this.packetsEchoed++;
        this.bytesEchoed += rtp.payload.length + 12;
        if (this.opts.echo === false) return;
        echoRtp(transceiver, rtp).catch(() => undefined);
        // One record per sender, updated in place: this runs for every packet of every call.
        let last = this.lastEchoed.get(transceiver.sender.ssrc);
        if (!last) {
          const clock = (transceiver.sender as unknown as { codec?: { clockRate: number } }).codec?.clockRate;
          if (!clock) return;
          last = { unixMs: 0, clock };
          this.lastEchoed.set(transceiver.sender.ssrc, last);
        }
        last.unixMs = performance.timeOrigin + performance.now();
      });
    };
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: plan.sdp });
    } catch (err) {
      throw new SdpError((err as Error).message);
    }
    // Our sender reports say when they leave, in RFC 3550's NTP format (werift's own do not: see
    // senderReportTimes), so a client's RTT from our SRs and its receiver reports is right.
    for (const t of new Set(pc.dtlsTransports)) restampSenderReports(t, (ssrc) => this.lastEchoed.get(ssrc));
    const media = pc.getTransceivers().filter((t) => t.kind === 'audio' || t.kind === 'video');
    if (!media.length && !pc.sctpTransport) throw new SdpError('the offer has no audio, video or data section');
    for (const t of media) t.setDirection('sendrecv');
    pc.onDataChannel.subscribe((ch) => {
      ch.onMessage.subscribe((m) => {
        this.dcMessages++;
        if (this.opts.echo === false) return;
        try {
          ch.send(m);
        } catch {
          /* channel closing */
        }
      });
    });
    pc.connectionStateChange.subscribe((s) => {
      if (s === 'failed' || s === 'closed') void this.close(`connection ${s}`);
    });
    clearFeedback(pc);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    this.timers.push(setTimeout(() => void this.close('max duration'), this.opts.maxSeconds * 1000));
    // A client that never connects must not hold a slot.
    this.timers.push(
      setTimeout(() => pc.connectionState !== 'connected' && void this.close('never connected'), 20_000),
    );
    return finishAnswer(pc.localDescription!.sdp, plan);
  }

  get state(): string {
    return this.pc?.connectionState ?? 'new';
  }

  async close(why = 'deleted'): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.length = 0;
    this.opts.onEnd(this, why);
    if (!this.pc) return;
    // Tell the peer (DTLS close_notify) instead of letting it wait for ICE consent to expire.
    await sendCloseNotify(this.pc);
    await this.pc.close().catch(() => undefined);
  }
}
