// One echo call on the server: answers the client's offer, sends every RTP packet it receives
// back on its own sender (own SSRC), echoes data-channel messages, and ends itself after a
// maximum duration or when ICE fails. close() frees everything (peer connection, timers).
import { randomUUID } from 'node:crypto';
import type { RtpPacket } from 'werift';
import { createPeer, type IceServerConfig } from '../../net/webrtc-peer.js';

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
  private readonly pc;
  private readonly timers: NodeJS.Timeout[] = [];
  private closed = false;
  packetsEchoed = 0;
  bytesEchoed = 0;
  dcMessages = 0;

  constructor(private readonly opts: EchoSessionOptions) {
    this.pc = createPeer({ iceServers: opts.iceServers, hostAddresses: opts.hostAddresses, gatherTimeoutMs: 1000 });
  }

  /** Apply the offer and return the answer SDP; SdpError for an offer this peer cannot use. */
  async answer(offerSdp: string): Promise<string> {
    const pc = this.pc;
    // Tracks are announced during setRemoteDescription: listen first.
    pc.ontrack = ({ track, transceiver }) => {
      transceiver.setDirection('sendrecv');
      track.onReceiveRtp.subscribe((rtp: RtpPacket) => {
        this.packetsEchoed++;
        this.bytesEchoed += rtp.payload.length + 12;
        if (this.opts.echo !== false) transceiver.sender.sendRtp(rtp).catch(() => undefined);
      });
    };
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    } catch (err) {
      throw new SdpError((err as Error).message);
    }
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
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    this.timers.push(setTimeout(() => void this.close('max duration'), this.opts.maxSeconds * 1000));
    // A client that never connects must not hold a slot.
    this.timers.push(
      setTimeout(() => pc.connectionState !== 'connected' && void this.close('never connected'), 20_000),
    );
    return pc.localDescription!.sdp;
  }

  get state(): string {
    return this.pc.connectionState;
  }

  async close(why = 'deleted'): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.length = 0;
    this.opts.onEnd(this, why);
    await this.pc.close().catch(() => undefined);
  }
}
