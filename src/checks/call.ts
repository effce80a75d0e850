// The `call` check: a real WebRTC test call to the Department's WHIP echo peer, with the room's
// camera and microphone (or test signals for simulated devices), judged per docs/thresholds.md.
import { metric, statusOf } from '../domain/verdict.js';
import type { Check, RoomContext } from './types.js';
import { BUSY_LOOP, LINE_FULL } from './net-common.js';
import type { CheckOutcome, Finding, Metric } from '../domain/result.js';
import { messageListParams } from '../i18n/format.js';
import { explainError } from '../i18n/system-errors.js';
import type { CallResult } from '../net/call-result.js';
import type { LibwebrtcCallResult } from '../net/libwebrtc-call.js';
import type { CallSettings, NetworkRequirements, ResolvedProfile } from '../profiles/types.js';
import type { MediaFeed } from '../net/webrtc-media.js';

export interface CallRunOptions {
  server: string;
  token?: string;
  call: CallSettings;
  ice: ResolvedProfile['ice'];
  cameraUri?: string;
  microphoneUri?: string;
  ffmpegPath?: string;
  signal: AbortSignal;
  deadline: number;
  log?: (m: string) => void;
  /** Replace the ffmpeg encoders (bench: replayed RTP). */
  feed?: MediaFeed;
}

const round = (v: number | undefined, digits = 0): number | null =>
  v === undefined || !Number.isFinite(v) ? null : Number(v.toFixed(digits));

/** Run one call with the profile's settings; the raw result (no verdicts). */
export async function placeCall(o: CallRunOptions): Promise<CallResult> {
  if (o.call.engine === 'libwebrtc' && !o.feed) {
    const { runLibwebrtcCall } = await import('../net/libwebrtc-call.js');
    const { resolveFfmpeg } = await import('../media/ffmpeg.js');
    return runLibwebrtcCall({
      server: o.server,
      token: o.token,
      durationS: o.call.durationSeconds,
      media: {
        ffmpeg: resolveFfmpeg(o.ffmpegPath),
        video: o.call.video,
        cameraUri: o.cameraUri,
        microphoneUri: o.microphoneUri,
      },
      iceServers: o.ice.servers,
      iceTransport: o.call.iceTransport,
      signal: o.signal,
      deadline: o.deadline,
      log: o.log,
    });
  }
  const { runCall } = await import('../net/webrtc-call.js');
  const { ffmpegFeed } = await import('../net/webrtc-media.js');
  let feed = o.feed;
  if (!feed) {
    const { resolveFfmpeg } = await import('../media/ffmpeg.js');
    feed = ffmpegFeed({
      ffmpeg: resolveFfmpeg(o.ffmpegPath),
      video: o.call.video,
      audioBitrateKbps: o.call.audio.bitrateKbps,
      cameraUri: o.cameraUri,
      microphoneUri: o.microphoneUri,
    });
  }
  return runCall({
    server: o.server,
    token: o.token,
    durationS: o.call.durationSeconds,
    feed,
    iceServers: o.ice.servers,
    iceTransport: o.call.iceTransport,
    signal: o.signal,
    deadline: o.deadline,
    log: o.log,
  });
}

/** Verdicts of a call result against the profile (docs/thresholds.md: network, call quality, video bitrate). */
export function judgeCall(r: CallResult, call: CallSettings, net: NetworkRequirements): CheckOutcome {
  const findings: Finding[] = [];
  const details = { call: r } as Record<string, unknown>;
  if (!r.connected && r.error?.reason === 'engineUnavailable') {
    // libwebrtc (an optional package) cannot load here: the test could not run, the room is not at fault.
    findings.push({
      severity: 'error',
      key: 'call.engineUnavailable',
      params: { detail: r.error.message },
      remedyKey: 'call.engineUnavailable.remedy',
    });
    return { status: 'error', findings, details };
  }
  if (!r.connected) {
    const e = r.error ?? { reason: 'failed', message: '' };
    const key =
      e.status === 503
        ? 'call.busy'
        : e.status === 401 || e.status === 403
          ? 'call.unauthorized'
          : e.status === 404
            ? 'call.notFound'
            : e.reason === 'http'
              ? 'call.httpError'
              : `call.${e.reason === 'unreachable' || e.reason === 'timeout' || e.reason === 'badAnswer' ? e.reason : 'failed'}`;
    const why = explainError(e.message, 'network');
    findings.push({
      severity: 'fail',
      key,
      params: {
        url: r.endpoint,
        status: e.status ?? '',
        retryAfter: e.retryAfter ?? '',
        reason: why.key,
        ...why.params,
        detail: e.message,
      },
      remedyKey: `${key}.remedy`,
    });
    return {
      status: 'fail',
      metrics: [metric('connected', 0, 'bool', { better: 'higher', fail: 1 })],
      findings,
      details,
    };
  }
  const metrics: Metric[] = [
    metric('connected', 1, 'bool', { better: 'higher', fail: 1 }),
    metric('connectTime', round(r.connectMs), 'ms'),
  ];
  findings.push({
    severity: 'info',
    key: 'call.connected',
    params: { type: r.candidateType ?? '?', protocol: r.pair?.protocol ?? '?', ms: round(r.connectMs) ?? '?' },
  });
  if (r.error) {
    // The media encoder could not keep real time: a busy computer, not the network.
    const slow = /did not finish (\d+(?:\.\d+)?) s of media within (\d+(?:\.\d+)?) s/.exec(r.error.message);
    if (slow)
      findings.push({
        severity: 'fail',
        key: 'call.encoderTimeout',
        params: { seconds: Number(slow[1]), within: Number(slow[2]) },
        remedyKey: 'call.encoderTimeout.remedy',
      });
    else {
      const why = explainError(r.error.message);
      findings.push({
        severity: 'fail',
        key: 'call.mediaFailed',
        params: { reason: why.key, ...why.params, detail: r.error.message },
        remedyKey: 'call.failed.remedy',
      });
    }
  }
  if (!r.echo) findings.push({ severity: 'info', key: 'call.noEcho', params: { url: r.endpoint } });
  if (r.implausible?.length) {
    // A figure that cannot be true (a broken or misreporting peer) is an error, never a verdict.
    findings.push({
      severity: 'error',
      key: 'call.implausible',
      // `what.0`, `what.0.<param>`, …: each figure in the reader's language; `what`: the English
      // text, for readers of reports written before the figures were structured.
      params: { what: r.implausible.join('; '), ...messageListParams('what', r.implausibleFigures ?? []) },
      remedyKey: 'call.implausible.remedy',
    });
  }
  const lossUp = r.lossUpPercent ?? 0;
  // Seconds of video actually produced. When the encoder fell behind real time (a busy computer),
  // bits per wall-clock second would blame the network for the computer's slowness: judge the bits
  // the network carried per second of video instead, and say that the computer is slow.
  const mediaS = r.framesSent / call.video.frameRate;
  const encoderSlow = r.framesSent > 0 && r.durationS > mediaS * 1.15 + 0.5;
  const perMedia = (bytes: number) => (bytes * 8) / mediaS / 1000;
  const echoed = encoderSlow ? perMedia(r.video.bytesEchoed) : r.videoReceiveKbps;
  const sent = encoderSlow ? perMedia(r.video.bytesSent) : r.videoSendKbps;
  // Only a packet-for-packet echo brings our own bits back; a server that re-encodes (SFU/MCU) sends
  // at a bitrate of its own choosing, so there the judged figure is what the network carried up.
  const packetEcho = r.packetEcho ?? r.echo;
  const videoKbps = packetEcho && echoed !== undefined ? echoed : sent * (1 - lossUp / 100);
  metrics.push(
    metric('rtt', round(r.rttMs, 1), 'ms', { better: 'lower', ...net.rttMs }),
    metric('jitter', round(r.jitterMs, 1), 'ms', { better: 'lower', ...net.jitterMs }),
    metric('loss', round(r.lossPercent, 2), '%', { better: 'lower', ...net.lossPercent }),
    metric('videoBitrate', round(videoKbps), 'kbit/s', { better: 'higher', ...call.videoBitrateKbps }),
    metric('mos', round(r.mos, 2), 'MOS', { better: 'higher', ...call.mos }),
    metric('sendBitrate', round(r.sendKbps), 'kbit/s'),
    metric('framesSent', r.framesSent, 'frames'),
  );
  if (r.echo) {
    metrics.push(
      metric('receiveBitrate', round(r.receiveKbps), 'kbit/s'),
      metric('framesEchoed', r.framesEchoed, 'frames'),
    );
    if (r.lossRoundTripPercent !== undefined)
      metrics.push(metric('lossRoundTrip', round(r.lossRoundTripPercent, 2), '%'));
  }
  if (r.lossUpPercent !== undefined) metrics.push(metric('lossUp', round(r.lossUpPercent, 2), '%'));
  if (r.lossDownPercent !== undefined) metrics.push(metric('lossDown', round(r.lossDownPercent, 2), '%'));
  if (r.rttDataChannelMs !== undefined) metrics.push(metric('rttDataChannel', round(r.rttDataChannelMs, 2), 'ms'));
  if (r.rttRtcpMs !== undefined) metrics.push(metric('rttRtcp', round(r.rttRtcpMs, 1), 'ms'));
  const m = Object.fromEntries(metrics.map((x) => [x.id, x]));
  const bad = (id: string, key: string, params: Record<string, string | number>) => {
    const v = m[id]?.verdict;
    // Nothing measured because the media never flowed: that one cause is told above, not five '?'.
    if (m[id]?.value === null && r.error) return;
    if (v === 'warn' || v === 'fail') findings.push({ severity: v, key, params, remedyKey: `${key}.remedy` });
  };
  bad('videoBitrate', 'call.lowBitrate', {
    kbps: round(videoKbps) ?? '?',
    min: call.videoBitrateKbps.warn ?? call.videoBitrateKbps.fail ?? '?',
  });
  bad('loss', 'call.loss', { loss: round(r.lossPercent, 2) ?? '?' });
  bad('rtt', 'call.rtt', { rtt: round(r.rttMs) ?? '?' });
  bad('jitter', 'call.jitter', { jitter: round(r.jitterMs, 1) ?? '?' });
  bad('mos', 'call.mos', { mos: round(r.mos, 2) ?? '?' });
  // Media took longer than planned: the encoder could not keep real time (a busy or slow computer),
  // so a low bitrate is not (only) the network's fault.
  if (encoderSlow) {
    findings.push({
      severity: 'warn',
      key: 'call.encoderSlow',
      params: { seconds: round(r.durationS, 1) ?? '?', planned: round(mediaS, 1) ?? '?' },
      remedyKey: 'call.encoderSlow.remedy',
    });
  }
  if (r.mos === undefined && !r.implausible?.length && !r.error) findings.push({ severity: 'warn', key: 'call.noMos' });
  if ((r as Partial<LibwebrtcCallResult>).engine === 'libwebrtc')
    judgeLimitation(r as LibwebrtcCallResult, call, metrics, findings, m.videoBitrate?.verdict);
  // No video came back at all (libwebrtc counts only decodable frames: with loss and no repair an
  // echoed stream may yield none although its packets arrive, which the loss figures already judge).
  if (r.echo && r.framesSent > 0 && r.framesEchoed === 0 && r.video.packetsEchoed === 0)
    findings.push({ severity: 'fail', key: 'call.noVideoBack', remedyKey: 'call.loss.remedy' });
  return { status: statusOf(metrics, findings), metrics, findings, details };
}

/** Share of the call a limit must hold the encoder back to be named as the cause (libwebrtc engine). */
export const LIMITED_SHARE = 0.25;

/**
 * What only libwebrtc tells. `qualityLimitationReason` (outbound-rtp qualityLimitationDurations) says
 * why its encoder lowered resolution or frame rate: `cpu` = this computer could not encode fast
 * enough (close programs — not the network). Its congestion control's estimate of the uplink
 * (candidate-pair availableOutgoingBitrate) below what the call needs names a slow uplink — measured
 * over a 1 Mbit/s tbf link: estimate 1,010 kbit/s, while `bandwidth` limitation stayed 0 s (at 640×360
 * it lowered the bitrate, not the resolution). A slow uplink is a warning only when the video that got
 * through is itself too low.
 */
function judgeLimitation(
  r: LibwebrtcCallResult,
  call: CallSettings,
  metrics: Metric[],
  findings: Finding[],
  videoVerdict: string | undefined,
): void {
  metrics.push(metric('availableBitrate', round(r.availableOutgoingKbps), 'kbit/s'));
  if (r.framesEncoded !== undefined) metrics.push(metric('framesEncoded', r.framesEncoded, 'frames'));
  const l = r.limitation;
  const share = (s: number) => (l?.totalS ? s / l.totalS : 0);
  if (l && share(l.cpuS) >= LIMITED_SHARE)
    findings.push({
      severity: 'warn',
      key: 'call.cpuLimited',
      params: { percent: Math.round(share(l.cpuS) * 100) },
      remedyKey: 'call.cpuLimited.remedy',
    });
  const need = call.video.bitrateKbps + call.audio.bitrateKbps;
  const short = r.availableOutgoingKbps !== undefined && r.availableOutgoingKbps < 0.9 * need;
  if (!short && !(l && share(l.bandwidthS) >= LIMITED_SHARE)) return;
  const params = { kbps: round(r.availableOutgoingKbps) ?? '?', need };
  findings.push({
    severity: videoVerdict === 'warn' || videoVerdict === 'fail' ? 'warn' : 'info',
    key: 'call.bandwidthLimited',
    params,
    remedyKey: 'call.lowBitrate.remedy',
  });
  // libwebrtc probes above what a slow uplink carries and the line drops the excess (≈ 9 % behind a
  // 1 Mbit/s tbf link): that loss is the call filling the line, not a faulty cable or Wi-Fi.
  const loss = findings.find((f) => f.key === 'call.loss');
  if (loss) {
    loss.remedyKey = 'call.loss.congested.remedy';
    loss.remedyParams = params;
  }
}

const LIVE = /^(v4l2|dshow|avfoundation):/;

export const callCheck: Check = {
  id: 'call',
  titleKey: 'check.title.call',
  timeoutMs: (room: RoomContext) => (room.profile.call.durationSeconds + 25) * 1000,
  targets: (room) => [{ id: 'default', label: room.serverUrl ?? '—' }],
  // The call fills the uplink (bandwidth must not run beside it) and opens the camera.
  resources: (_t, room) => {
    const cam = room.profile.roles.find((r) => r.kind === 'camera' && room.devices[r.id]);
    const uri = cam ? room.devices[cam.id] : undefined;
    return [LINE_FULL, BUSY_LOOP, ...(uri && LIVE.test(uri) ? [`camera:${uri}`] : [])];
  },
  async run(_target, ctx): Promise<CheckOutcome> {
    const room = ctx.room;
    if (!room.serverUrl)
      return {
        status: 'skip',
        findings: [{ severity: 'info', key: 'call.noServer', remedyKey: 'call.noServer.remedy' }],
      };
    const uriOf = (kind: string) => {
      const role = room.profile.roles.find((r) => r.kind === kind && room.devices[r.id]);
      return role ? room.devices[role.id] : undefined;
    };
    const r = await placeCall({
      server: room.serverUrl,
      token: process.env.WARDKIT_WHIP_TOKEN,
      call: room.profile.call,
      ice: room.profile.ice,
      cameraUri: uriOf('camera'),
      microphoneUri: uriOf('microphone'),
      ffmpegPath: room.ffmpegPath,
      signal: ctx.signal,
      deadline: ctx.deadline - 500,
      log: (msg) => ctx.log.debug(`call: ${msg}`),
    });
    return judgeCall(r, room.profile.call, room.profile.network);
  },
};
