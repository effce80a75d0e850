// The libwebrtc engine of the test call (`call --engine libwebrtc`, profile `call.engine`): the
// WebRTC stack of the browsers and Electron apps the wards' conference software runs on, through
// `@roamhq/wrtc` (an optional dependency with prebuilt Linux, Windows and macOS binaries). ffmpeg
// decodes the room's camera and microphone into raw I420 frames and PCM (raw-media.ts); libwebrtc
// encodes them (libvpx VP8, Opus), runs its own congestion control and encoder adaptation, and its
// standard getStats() gives the figures. The result is the werift engine's CallResult (same verdicts,
// same sanity checks) plus what only libwebrtc knows: why the encoder held back
// (`qualityLimitationReason`: cpu = a busy computer, bandwidth = a slow uplink) and its estimate of
// the uplink (`availableOutgoingBitrate`). The WHIP exchange is both engines' (whip-call.ts).
//
// Loss is the network's, before any repair: the offer we POST carries no `nack` feedback, so neither
// side retransmits (a browser would, and would hide most video loss from its own reports).
import { performance } from 'node:perf_hooks';
import { Implausible, MIN_REPORTED, shown } from './call-meter.js';
import { codecNames, parseSdp, udpCandidatesOnly, writeSdp } from './sdp-offer.js';
import { runRawFeed, AUDIO_RATE, type RawSpec } from './raw-media.js';
import { type CallResult, emptyCallResult, emptyStats, settleVerdictFigures } from './call-result.js';
import type { IceServerConfig } from './webrtc-peer.js';
import { median } from './webrtc-quality.js';
import { RttProbes } from './rtt-probes.js';
import { notConnected, runWhipCall, type WhipCallOptions } from './whip-call.js';
import { whipEndpoint } from './whip-client.js';

export type Kind = 'audio' | 'video';

/** The part of `@roamhq/wrtc` this engine uses (kept local so the build needs no optional package). */
interface WrtcTrack {
  stop(): void;
}
interface WrtcTransceiver {
  sender: { track: WrtcTrack | null };
}
interface WrtcChannel {
  readyState: string;
  send(data: string): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  onopen: (() => void) | null;
}
interface WrtcPeer {
  connectionState: string;
  iceGatheringState: string;
  localDescription: { sdp: string } | null;
  onconnectionstatechange: (() => void) | null;
  onicegatheringstatechange: (() => void) | null;
  addTransceiver(track: WrtcTrack, init: { direction: string }): WrtcTransceiver;
  createDataChannel(label: string, init?: { ordered?: boolean; maxRetransmits?: number }): WrtcChannel;
  createOffer(): Promise<{ type: string; sdp: string }>;
  setLocalDescription(d: { type: string; sdp: string }): Promise<void>;
  setRemoteDescription(d: { type: string; sdp: string }): Promise<void>;
  getStats(): Promise<{ forEach(cb: (s: StatsRecord) => void): void }>;
  close(): void;
}
export interface WrtcModule {
  RTCPeerConnection: new (config: {
    iceServers?: IceServerConfig[];
    iceTransportPolicy?: 'all' | 'relay';
    bundlePolicy?: string;
  }) => WrtcPeer;
  nonstandard: {
    RTCVideoSource: new () => {
      createTrack(): WrtcTrack;
      onFrame(f: { width: number; height: number; data: Uint8Array }): void;
    };
    RTCAudioSource: new () => {
      createTrack(): WrtcTrack;
      onData(d: {
        samples: Int16Array;
        sampleRate: number;
        bitsPerSample: number;
        channelCount: number;
        numberOfFrames: number;
      }): void;
    };
  };
}

/** One entry of a standard RTCStatsReport (the fields read here; everything optional). */
export type StatsRecord = { id: string; type: string; timestamp: number; kind?: string } & Record<string, unknown>;

/** Thrown (and turned into the `call.engineUnavailable` finding) when libwebrtc cannot be loaded. */
export class EngineUnavailableError extends Error {}

const WRTC = '@roamhq/wrtc';

/** Load libwebrtc; a clear error (never a crash) when the optional package or its binary is missing. */
export async function loadLibwebrtc(name = WRTC): Promise<WrtcModule> {
  try {
    const m = (await import(name)) as { default?: WrtcModule } & Partial<WrtcModule>;
    const w = (m.default ?? m) as WrtcModule;
    if (typeof w.RTCPeerConnection !== 'function' || !w.nonstandard?.RTCVideoSource)
      throw new Error(`${name} has no RTCPeerConnection/nonstandard sources`);
    exitBeforeTeardown();
    return w;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new EngineUnavailableError(
      `${name} (${process.platform}-${process.arch}) cannot be loaded: ${e.code ? `${e.code} ` : ''}${e.message.split('\n')[0]}`,
    );
  }
}

let exitHooked = false;
/**
 * @roamhq/wrtc 0.10 crashes (SIGSEGV, exit 139) when Node tears the process down by itself after a
 * peer connection existed — the event loop simply running empty — and not when process.exit() ends
 * it (measured: the same call exits 0 with process.exit, 139 without). So once libwebrtc is loaded,
 * an empty event loop ends the process through process.exit with the exit code already set.
 */
function exitBeforeTeardown(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.once('beforeExit', (code) => process.exit(process.exitCode ?? code));
}

/**
 * A description without repair — no `nack` feedback, no RTX, RED, ULPFEC or FlexFEC — so that the
 * loss both sides count is the network's. Measured without it: libwebrtc NACKed every lost echoed
 * packet and werift's echo retransmitted it (its receivers follow its own description); libwebrtc
 * retransmitted on RTX what aiortc NACKed (its sender follows the answer, and aiortc answers with
 * `nack` whatever was offered); with NACK off libwebrtc turns ULPFEC on. Applied to the offer before
 * setLocalDescription (libwebrtc accepts munging that removes codecs and feedback) and to the answer
 * before setRemoteDescription; `nack pli` (keyframe requests) stays.
 */
export function withoutRepair(sdp: string): string {
  const p = parseSdp(sdp);
  for (const s of p.media) {
    if (s.kind !== 'audio' && s.kind !== 'video') continue;
    const names = codecNames(s);
    const drop = new Set([...names].filter(([, n]) => REPAIR.has(n)).map(([pt]) => pt));
    const keep = s.formats.filter((f) => !drop.has(f));
    if (!keep.length) continue;
    s.formats = keep;
    s.lines = s.lines
      .filter((l) => {
        const pt = /^a=(?:rtpmap|fmtp|rtcp-fb):(\d+) /.exec(l)?.[1];
        return !(pt && drop.has(pt)) && !/^a=rtcp-fb:\S+ nack$/.test(l);
      })
      .map((l, i) => (i === 0 ? l.split(' ').slice(0, 3).concat(keep).join(' ') : l));
  }
  return writeSdp(p);
}
const REPAIR = new Set(['RED', 'ULPFEC', 'FLEXFEC-03', 'RTX']);

/**
 * The answer as libwebrtc applies it: the video codecs get `x-google-start-bitrate` /
 * `x-google-max-bitrate` (libwebrtc's send-side parameters, read from the remote description), so
 * the encoder starts at the profile's bitrate instead of 300 kbit/s — a server that sends no
 * bandwidth feedback (wardkit's echo, GStreamer) otherwise leaves it ramping up on RTCP loss alone
 * for most of a 10 s call. Its congestion control still lowers the rate on loss.
 */
export function answerWithBitrate(sdp: string, kbps: number): string {
  const p = parseSdp(sdp);
  const params = `x-google-start-bitrate=${Math.round(kbps)};x-google-max-bitrate=${Math.round(kbps)}`;
  for (const s of p.media) {
    if (s.kind !== 'video' || s.port === 0) continue;
    const pts = s.lines
      .map((l) => /^a=rtpmap:(\d+) (VP8|VP9|H264|AV1)\//i.exec(l)?.[1])
      .filter((x): x is string => x !== undefined);
    for (const pt of pts) {
      const i = s.lines.findIndex((l) => l.startsWith(`a=fmtp:${pt} `));
      if (i >= 0) s.lines[i] = `${s.lines[i]};${params}`;
      else {
        const at = s.lines.findIndex((l) => l.startsWith(`a=rtpmap:${pt} `));
        s.lines.splice(at + 1, 0, `a=fmtp:${pt} ${params}`);
      }
    }
  }
  return writeSdp(p);
}

export interface LibwebrtcCallOptions extends WhipCallOptions {
  media: RawSpec;
  /** For tests: the module name to load (a missing one → engine unavailable). */
  moduleName?: string;
}

/** Why libwebrtc held the video back, in seconds of the call (outbound-rtp qualityLimitationDurations). */
export interface QualityLimitation {
  /** The reason at the end of the call: none, cpu, bandwidth or other. */
  reason: string;
  cpuS: number;
  bandwidthS: number;
  totalS: number;
}

export interface LibwebrtcCallResult extends CallResult {
  engine: 'libwebrtc';
  /** The encoder libwebrtc used (e.g. libvpx). */
  encoder?: string;
  framesEncoded?: number;
  limitation?: QualityLimitation;
  /** libwebrtc's estimate of the uplink (candidate pair availableOutgoingBitrate), kbit/s. */
  availableOutgoingKbps?: number;
  /** The video libwebrtc sent at the end: size and frame rate (it lowers them under CPU or bandwidth limits). */
  sentVideo?: { width?: number; height?: number; fps?: number };
  /** Repair seen anyway (none is negotiated, so it must stay empty): retransmissions, NACKs we sent, FEC. */
  repair?: Record<string, number>;
}

export async function runLibwebrtcCall(o: LibwebrtcCallOptions): Promise<LibwebrtcCallResult> {
  const result: LibwebrtcCallResult = { engine: 'libwebrtc', ...emptyCallResult(whipEndpoint(o.server)) };
  let wrtc: WrtcModule;
  try {
    wrtc = await loadLibwebrtc(o.moduleName);
  } catch (err) {
    result.error = { reason: 'engineUnavailable', message: (err as Error).message };
    return result;
  }
  let pc: WrtcPeer | undefined;
  let dc: WrtcChannel | undefined;
  let videoSource: InstanceType<WrtcModule['nonstandard']['RTCVideoSource']> | undefined;
  let audioSource: InstanceType<WrtcModule['nonstandard']['RTCAudioSource']> | undefined;
  const tracks: WrtcTrack[] = [];
  return runWhipCall(o, result, {
    name: 'libwebrtc',
    async offer(iceServers, gatherTimeoutMs, signal) {
      pc = new wrtc.RTCPeerConnection({
        iceServers,
        iceTransportPolicy: o.iceTransport === 'relay' ? 'relay' : 'all',
        bundlePolicy: 'max-bundle',
      });
      videoSource = new wrtc.nonstandard.RTCVideoSource();
      audioSource = new wrtc.nonstandard.RTCAudioSource();
      const vt = videoSource.createTrack();
      const at = audioSource.createTrack();
      tracks.push(vt, at);
      pc.addTransceiver(vt, { direction: 'sendrecv' });
      pc.addTransceiver(at, { direction: 'sendrecv' });
      dc = pc.createDataChannel('wardkit-rtt', { ordered: false, maxRetransmits: 0 });
      // Munged before it is applied (see withoutRepair).
      const created = await pc.createOffer();
      await pc.setLocalDescription({ type: 'offer', sdp: withoutRepair(created.sdp) });
      await gathered(pc, gatherTimeoutMs(), signal);
      // UDP only, both ways (udpCandidatesOnly): our TCP candidates are not offered, the server's not applied.
      return udpCandidatesOnly(pc.localDescription!.sdp);
    },
    answer: (sdp) =>
      pc!.setRemoteDescription({
        type: 'answer',
        sdp: answerWithBitrate(withoutRepair(udpCandidatesOnly(sdp)), o.media.video.bitrateKbps),
      }),
    connect: (budgetMs, signal) => connected(pc!, Math.max(1, budgetMs), signal),
    describe: () => describePair(pc!, result),
    measure: (left, signal) => measure(pc!, dc!, videoSource!, audioSource!, o, left, signal, result),
    close() {
      for (const t of tracks) t.stop();
      try {
        pc?.close();
      } catch {
        /* closed */
      }
    },
  });
}

async function gathered(pc: WrtcPeer, timeoutMs: number, signal: AbortSignal): Promise<void> {
  if (pc.iceGatheringState === 'complete') return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    // Whatever was gathered by then is offered (a STUN/TURN server that never answers must not stall us).
    const t = setTimeout(done, timeoutMs);
    signal.addEventListener('abort', done, { once: true });
    pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && done();
  });
}

async function connected(pc: WrtcPeer, timeoutMs: number, signal: AbortSignal): Promise<void> {
  if (pc.connectionState === 'connected') return;
  const state = await new Promise<string>((resolve) => {
    const done = (s: string) => {
      clearTimeout(t);
      signal.removeEventListener('abort', onAbort);
      resolve(s);
    };
    const onAbort = () => done('aborted');
    const t = setTimeout(() => done(`still ${pc.connectionState}`), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected' || pc.connectionState === 'failed') done(pc.connectionState);
    };
  });
  if (state === 'connected') return;
  if (signal.aborted) throw new Error('aborted');
  throw notConnected(timeoutMs, state);
}

async function describePair(pc: WrtcPeer, r: CallResult): Promise<void> {
  const all = await statsOf(pc);
  const pair = selectedPairOf(all);
  if (!pair) return;
  const local = all.find((s) => s.id === pair.localCandidateId);
  const remote = all.find((s) => s.id === pair.remoteCandidateId);
  const type = (s?: StatsRecord) => String(s?.candidateType ?? '?');
  r.pair = {
    localType: type(local),
    remoteType: type(remote),
    protocol: String(local?.relayProtocol ?? local?.protocol ?? '?'),
    localAddress: `${String(local?.address ?? '?')}:${String(local?.port ?? '?')}`,
    remoteAddress: `${String(remote?.address ?? '?')}:${String(remote?.port ?? '?')}`,
  };
  const kinds = [type(local), type(remote)];
  r.candidateType = kinds.includes('relay')
    ? 'relay'
    : kinds.includes('srflx') || kinds.includes('prflx')
      ? 'srflx'
      : 'host';
}

async function statsOf(pc: WrtcPeer): Promise<StatsRecord[]> {
  const out: StatsRecord[] = [];
  (await pc.getStats()).forEach((s) => out.push(s));
  return out;
}

export function selectedPairOf(all: StatsRecord[]): StatsRecord | undefined {
  const transport = all.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
  return (
    all.find((s) => s.id === transport?.selectedCandidatePairId) ??
    all.find((s) => s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded')
  );
}

/** outbound-rtp packetsSent over time, to know how many packets a receiver report covers. */
export class SentHistory {
  private readonly points: Array<[number, number]> = [];
  add(atMs: number, packetsSent: number): void {
    const last = this.points[this.points.length - 1];
    if (!last || atMs > last[0]) this.points.push([atMs, packetsSent]);
  }
  /** Packets sent by `atMs` (linear between samples; the first/last sample outside). */
  at(atMs: number): number | undefined {
    const p = this.points;
    if (!p.length) return undefined;
    if (atMs <= p[0][0]) return p[0][1];
    for (let i = 1; i < p.length; i++) {
      if (atMs <= p[i][0]) {
        const [t0, v0] = p[i - 1];
        const [t1, v1] = p[i];
        return v0 + ((v1 - v0) * (atMs - t0)) / (t1 - t0);
      }
    }
    return p[p.length - 1][1];
  }
}

async function measure(
  pc: WrtcPeer,
  dc: WrtcChannel,
  videoSource: InstanceType<WrtcModule['nonstandard']['RTCVideoSource']>,
  audioSource: InstanceType<WrtcModule['nonstandard']['RTCAudioSource']>,
  o: LibwebrtcCallOptions,
  left: () => number,
  signal: AbortSignal,
  r: LibwebrtcCallResult,
): Promise<void> {
  // RTT probes over the data channel (the same messages as the werift engine: an echo sends them back).
  const probes = new RttProbes(dc);
  const dcOpen = new Promise<void>((res) => {
    if (dc.readyState === 'open') res();
    dc.onopen = () => res();
  });
  dc.onmessage = (e) => probes.received(e.data);
  const history: Record<Kind, SentHistory> = { video: new SentHistory(), audio: new SentHistory() };
  let polling = false;
  const seenReport = new Map<string, number>();
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      for (const s of await statsOf(pc)) {
        if (s.type === 'outbound-rtp' && (s.kind === 'video' || s.kind === 'audio'))
          history[s.kind].add(s.timestamp, Number(s.packetsSent ?? 0));
        if (s.type === 'remote-inbound-rtp' && s.timestamp !== seenReport.get(s.id)) {
          seenReport.set(s.id, s.timestamp);
          o.log?.(`receiver report ${String(s.kind)} at ${s.timestamp}: lost ${String(s.packetsLost)}`);
        }
        if (s.type === 'outbound-rtp')
          o.log?.(`outbound ${String(s.kind)} at ${s.timestamp}: ${String(s.packetsSent)}`);
      }
    } catch {
      /* closing */
    } finally {
      polling = false;
    }
  };
  const probeTimer = setInterval(() => probes.send(), 200);
  const pollTimer = setInterval(() => void poll(), 250);
  const durationS = Math.max(1, Math.min(o.durationS, (left() - 4000) / 1000));
  let firstFrame: number | undefined;
  let lastFrame = 0;
  let fed = { frames: 0, audioBlocks: 0 };
  try {
    await probes.pathConfirmed(dcOpen);
    await poll();
    fed = await runRawFeed(
      o.media,
      {
        frame(data, width, height) {
          const now = performance.now();
          firstFrame ??= now;
          lastFrame = now;
          videoSource.onFrame({ width, height, data });
        },
        audio(samples) {
          audioSource.onData({
            samples,
            sampleRate: AUDIO_RATE,
            bitsPerSample: 16,
            channelCount: 1,
            numberOfFrames: samples.length,
          });
        },
      },
      durationS,
      signal,
    );
    // The last packets' echo and one more round of receiver reports (video: about every second).
    await new Promise((res) => setTimeout(res, Math.min(2000, Math.max(0, left() - 1500))));
    await poll();
  } finally {
    clearInterval(probeTimer);
    clearInterval(pollTimer);
  }
  const all = await statsOf(pc);
  const sendSpanS = firstFrame !== undefined ? Math.max(0.001, (lastFrame - firstFrame) / 1000) : 0;
  Object.assign(
    r,
    figuresFromStats(all, {
      history,
      sendSpanS,
      framesFed: fed.frames,
      dcRtts: probes.rtts,
      packetEcho: r.packetEcho === true,
    }),
  );
}

export interface FigureContext {
  history: Record<Kind, SentHistory>;
  /** Seconds from the first frame handed to libwebrtc to the last. */
  sendSpanS: number;
  /** Frames ffmpeg delivered (the camera's frames; libwebrtc may drop some under CPU or bandwidth limits). */
  framesFed: number;
  dcRtts: number[];
  packetEcho: boolean;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * The call's figures from a final standard getStats() (W3C webrtc-stats): pure, unit-tested.
 * Same meaning and the same plausibility checks as the werift engine's (call-meter.ts):
 * - uplink loss: remote-inbound-rtp cumulative packetsLost (signed) plus the packets libwebrtc
 *   retransmitted anyway (a peer that NACKs unasked), against the packets we had sent when that
 *   receiver report arrived (interpolated from outbound-rtp packetsSent over the call);
 * - downlink loss: inbound-rtp packetsLost against packetsReceived + packetsLost; for a declared
 *   packet-for-packet echo the echoed stream keeps the uplink's gaps, so the downlink is what is left;
 * - RTT: the data-channel probes (an echo) or remote-inbound-rtp roundTripTime (RTCP LSR/DLSR);
 * - jitter: the server's report on our audio (remote-inbound-rtp), else what we measured on its audio.
 */
export function figuresFromStats(all: StatsRecord[], c: FigureContext): Partial<LibwebrtcCallResult> {
  const implausible = new Implausible();
  const pick = (type: string, kind: Kind) => all.find((s) => s.type === type && s.kind === kind);
  const out: Partial<LibwebrtcCallResult> = {};
  const video = emptyStats();
  const audio = emptyStats();
  const streams = { video, audio };
  let upLost = 0;
  let upExpected = 0;
  let upKnown = false;
  let downLost = 0;
  let downExpected = 0;
  let sentAll = 0;
  let echoedAll = 0;
  const rtcpRtts: number[] = [];
  for (const kind of ['video', 'audio'] as const) {
    const s = streams[kind];
    const ob = pick('outbound-rtp', kind);
    const ri = all.find((x) => x.type === 'remote-inbound-rtp' && x.kind === kind && (!ob || x.localId === ob.id));
    const ib = pick('inbound-rtp', kind);
    if (ob) {
      s.packetsSent = num(ob.packetsSent) ?? 0;
      s.bytesSent = (num(ob.bytesSent) ?? 0) + (num(ob.headerBytesSent) ?? 0);
      sentAll += s.packetsSent;
    }
    if (ri) {
      const lost = num(ri.packetsLost);
      const at = num(ri.timestamp);
      const expected = at !== undefined ? c.history[kind].at(at) : undefined;
      s.rtcpReports = num(ri.reportsReceived) ?? 1;
      s.rtcpFractionLost = num(ri.fractionLost);
      const jitter = num(ri.jitter);
      if (jitter !== undefined) s.rtcpJitterMs = jitter * 1000;
      // A packet libwebrtc retransmitted was missing at the server when it asked for it: aiortc NACKs
      // although no `nack` was negotiated, and counts the copy as received. Before repair, it was lost.
      const resent = num(ob?.retransmittedPacketsSent) ?? 0;
      if (lost !== undefined && expected !== undefined && expected > 0) {
        s.rtcpLost = lost + resent;
        s.rtcpExpected = Math.round(expected);
        upKnown = true;
        if (lost > expected + 1) implausible.add('rtcpLost', { media: kind, lost, sent: Math.round(expected) });
        if (lost < -Math.max(16, expected * 0.05)) implausible.add('rtcpCumulative', { media: kind, lost });
        upLost += Math.max(0, lost) + resent;
        upExpected += expected;
      }
      if (s.rtcpJitterMs !== undefined && (s.rtcpJitterMs < 0 || s.rtcpJitterMs > 10_000))
        implausible.add('rtcpJitter', { media: kind, ms: shown(s.rtcpJitterMs, 3) });
      const total = num(ri.totalRoundTripTime);
      const n = num(ri.roundTripTimeMeasurements);
      const rtt = total !== undefined && n ? total / n : num(ri.roundTripTime);
      if (rtt !== undefined) {
        if (rtt < -0.005 || rtt > 10) implausible.add('rtcpRtt', { media: kind, ms: shown(rtt * 1000) });
        else rtcpRtts.push(Math.max(0, rtt * 1000));
      }
    }
    if (ib) {
      const recv = num(ib.packetsReceived) ?? 0;
      const lost = num(ib.packetsLost) ?? 0;
      s.packetsEchoed = recv;
      s.bytesEchoed = (num(ib.bytesReceived) ?? 0) + (num(ib.headerBytesReceived) ?? 0);
      s.echoExpected = recv + Math.max(0, lost);
      const j = num(ib.jitter);
      if (j !== undefined) s.echoJitterMs = j * 1000;
      if (lost < -Math.max(16, recv * 0.05)) implausible.add('inboundCumulative', { media: kind, lost });
      downLost += Math.max(0, lost);
      downExpected += recv + Math.max(0, lost);
      echoedAll += recv;
    }
  }
  out.video = video;
  out.audio = audio;
  const obv = pick('outbound-rtp', 'video');
  const ibv = pick('inbound-rtp', 'video');
  out.framesSent = c.framesFed;
  out.framesEncoded = num(obv?.framesEncoded);
  out.framesEchoed = num(ibv?.framesReceived) ?? num(ibv?.framesDecoded) ?? 0;
  out.encoder = typeof obv?.encoderImplementation === 'string' ? obv.encoderImplementation : undefined;
  out.sentVideo = { width: num(obv?.frameWidth), height: num(obv?.frameHeight), fps: num(obv?.framesPerSecond) };
  const d = obv?.qualityLimitationDurations as Record<string, number> | undefined;
  if (obv && typeof obv.qualityLimitationReason === 'string') {
    const cpuS = num(d?.cpu) ?? 0;
    const bandwidthS = num(d?.bandwidth) ?? 0;
    const totalS = Object.values(d ?? {}).reduce((a, b) => a + (num(b) ?? 0), 0);
    out.limitation = { reason: obv.qualityLimitationReason, cpuS, bandwidthS, totalS };
  }
  const repair: Record<string, number> = {};
  for (const kind of ['video', 'audio'] as const) {
    for (const [type, fields] of [
      ['outbound-rtp', ['retransmittedPacketsSent']],
      ['inbound-rtp', ['nackCount', 'retransmittedPacketsReceived', 'fecPacketsReceived', 'fecPacketsDiscarded']],
    ] as const) {
      const rec = pick(type, kind);
      for (const f of fields) {
        const v = num(rec?.[f]);
        if (v) repair[`${kind} ${type === 'inbound-rtp' ? 'in' : 'out'} ${f}`] = v;
      }
    }
  }
  out.repair = repair;
  const pair = selectedPairOf(all);
  const avail = num(pair?.availableOutgoingBitrate);
  if (avail !== undefined) out.availableOutgoingKbps = avail / 1000;

  out.durationS = c.sendSpanS;
  out.sendKbps = c.sendSpanS ? ((video.bytesSent + audio.bytesSent) * 8) / c.sendSpanS / 1000 : 0;
  out.videoSendKbps = c.sendSpanS ? (video.bytesSent * 8) / c.sendSpanS / 1000 : 0;
  if (echoedAll > 0 && c.sendSpanS) {
    out.receiveKbps = ((video.bytesEchoed + audio.bytesEchoed) * 8) / c.sendSpanS / 1000;
    out.videoReceiveKbps = (video.bytesEchoed * 8) / c.sendSpanS / 1000;
  }
  out.echo = echoedAll > 0 || c.dcRtts.length > 0;
  out.rttDataChannelMs = median(c.dcRtts);
  out.rttRtcpMs = median(rtcpRtts);
  out.rttMs = out.rttDataChannelMs ?? out.rttRtcpMs;
  out.jitterMs = audio.rtcpJitterMs ?? (audio.packetsEchoed ? audio.echoJitterMs : undefined);

  if (upKnown && upExpected > 0) out.lossUpPercent = (100 * upLost) / upExpected;
  if (upKnown && upExpected < Math.min(MIN_REPORTED, sentAll / 2)) out.uplinkReportsTooFew = true;
  if (downExpected > 0) {
    const gap = (100 * downLost) / downExpected;
    if (c.packetEcho) {
      const up = (out.lossUpPercent ?? 0) / 100;
      out.lossDownPercent = up < 1 ? Math.max(0, 100 * (1 - (1 - gap / 100) / (1 - up))) : 0;
      if (sentAll > 0) {
        out.lossRoundTripPercent = (100 * Math.max(0, sentAll - echoedAll)) / sentAll;
        if (echoedAll > sentAll) implausible.add('echoed', { echoed: echoedAll, sent: sentAll });
      }
    } else out.lossDownPercent = gap;
  }
  implausible.lossRange(out);
  implausible.nonNegative(out);
  const upJudged = out.uplinkReportsTooFew ? undefined : out.lossUpPercent;
  const judged =
    upJudged !== undefined || out.lossDownPercent !== undefined
      ? Math.max(upJudged ?? 0, out.lossDownPercent ?? 0)
      : undefined;
  settleVerdictFigures(out, implausible, judged);
  return out;
}
