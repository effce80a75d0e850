// What one test call found, in the one shape both engines give (werift: webrtc-call.ts, libwebrtc:
// libwebrtc-call.ts) and the call check judges: the empty result a call starts from, how a failure
// becomes its `error`, and the last step both take — figures that cannot be true (call-meter.ts
// Implausible) are never judged.
import type { Implausible, ImplausibleFigure } from './call-meter.js';
import { mosFromNetwork } from './webrtc-quality.js';
import type { SelectedPair } from './webrtc-peer.js';
import { WhipError } from './whip-client.js';

export interface StreamStats {
  packetsSent: number;
  bytesSent: number;
  packetsEchoed: number;
  bytesEchoed: number;
  /** Expected per the echoed sequence numbers (for the echo-path loss). */
  echoExpected: number;
  /**
   * Packets a packet-for-packet echo had not returned yet when the call stopped counting, sent later
   * than the echo's last measured delay allowed them to be back: still on their way, not counted as
   * lost in lossRoundTripPercent (werift engine, wardkit echo only).
   */
  echoPending?: number;
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
   * declares a packet-for-packet echo; packets still on their way at the end, `echoPending`, are
   * neither), and the one judged and used by the MOS (the worse direction), %.
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

/** A call to `endpoint` before anything happened: not connected, nothing sent (what a failure returns). */
export function emptyCallResult(endpoint: string): CallResult {
  return {
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
}

/**
 * Why a call failed, as the call check reads it: a WhipError keeps its reason (http, timeout,
 * unreachable, badAnswer), HTTP status and Retry-After; anything else is `failed`.
 */
export function callError(err: unknown): NonNullable<CallResult['error']> {
  const e = err as Error;
  return err instanceof WhipError
    ? { reason: err.reason, message: e.message, status: err.status, retryAfter: err.retryAfter }
    : { reason: 'failed', message: e.message };
}

/**
 * The last step of both engines: with any implausible figure nothing is judged (no loss, no MOS) and
 * the figures are listed (`implausible`, `implausibleFigures`); otherwise the judged loss and the MOS
 * from it, the RTT and the jitter.
 */
export function settleVerdictFigures(
  r: Pick<CallResult, 'implausible' | 'implausibleFigures' | 'lossPercent' | 'mos' | 'rttMs' | 'jitterMs'>,
  implausible: Implausible,
  lossPercent: number | undefined,
): void {
  if (implausible.length) {
    Object.assign(r, implausible.fields());
    return;
  }
  if (lossPercent !== undefined) r.lossPercent = lossPercent;
  if (r.rttMs !== undefined && lossPercent !== undefined) r.mos = mosFromNetwork(r.rttMs, r.jitterMs ?? 0, lossPercent);
}
