// The WHIP exchange of one test call, the same for both engines: the ICE servers the server lists
// (OPTIONS), POST offer → answer and session URL, ICE/DTLS within the connect budget, the media, and
// always DELETE of the session and the peer closed at the end. Each step's time limit comes from the
// call's deadline; a failure becomes the result's `error` (callError), an abort by the caller is thrown.
// What differs between the engines — building the peer, applying the answer, waiting for the
// connection, sending and measuring — is the engine's (CallEngine).
import { performance } from 'node:perf_hooks';
import { type CallResult, callError } from './call-result.js';
import type { IceServerConfig } from './webrtc-peer.js';
import { WhipError, whipDelete, whipIceServers, whipOffer } from './whip-client.js';

/** The options of a call that both engines take. */
export interface WhipCallOptions {
  server: string;
  token?: string;
  durationS: number;
  iceServers?: IceServerConfig[];
  iceTransport?: 'all' | 'relay';
  signal: AbortSignal;
  /** Epoch ms by which the call must have returned (the check's deadline). */
  deadline: number;
  /** Longest wait for ICE+DTLS after the answer, ms. */
  connectTimeoutMs?: number;
  /** Longest wait for the WHIP HTTP answer, ms. */
  httpTimeoutMs?: number;
  log?: (m: string) => void;
}

/** The steps of a call that each engine does its own way, in the order runWhipCall takes them. */
export interface CallEngine {
  /** Named in the log line of the POST. */
  name?: string;
  /**
   * A peer with these ICE servers (the profile's, then the server's); resolves with the offer to
   * POST. `gatherTimeoutMs()` is how long candidates may be gathered (a STUN/TURN server that never
   * answers must not stall the call).
   */
  offer(iceServers: IceServerConfig[], gatherTimeoutMs: () => number, signal: AbortSignal): Promise<string>;
  /** Apply the server's answer. */
  answer(sdp: string): Promise<void>;
  /** Wait until ICE+DTLS connect; `budgetMs` may be ≤ 0 (the deadline is near). Throws notConnected(…). */
  connect(budgetMs: number, signal: AbortSignal): Promise<void>;
  /** Once connected: the selected candidate pair into the result. */
  describe(): Promise<void> | void;
  /** Send and measure until the result is complete. */
  measure(left: () => number, signal: AbortSignal): Promise<void>;
  /** Close the peer and its media; never throws. */
  close(): Promise<void> | void;
}

/** ICE/DTLS did not connect within the budget (a timeout finding); `detail` says how far it got. */
export function notConnected(budgetMs: number, detail: string): WhipError {
  return new WhipError('timeout', `ICE/DTLS did not connect within ${Math.round(budgetMs / 1000)} s (${detail})`);
}

/** One call with `engine`, filling `result` (an emptyCallResult for the endpoint). */
export async function runWhipCall<R extends CallResult>(o: WhipCallOptions, result: R, engine: CallEngine): Promise<R> {
  const log = o.log ?? (() => {});
  const { endpoint } = result;
  const left = () => o.deadline - Date.now();
  const httpTimeout = () => Math.max(1, Math.min(o.httpTimeoutMs ?? 10_000, left() - 500));
  const ac = new AbortController();
  const signal = AbortSignal.any([o.signal, ac.signal]);
  try {
    const linked = await whipIceServers(endpoint, o.token, Math.min(3000, httpTimeout()), signal);
    result.iceServersFromServer = linked.length;
    const gatherTimeoutMs = () => Math.min(2000, Math.max(300, left() / 10));
    const offer = await engine.offer([...(o.iceServers ?? []), ...linked], gatherTimeoutMs, signal);
    log(`POST ${endpoint}${engine.name ? ` (${engine.name})` : ''}`);
    const t0 = performance.now();
    const answer = await whipOffer(endpoint, offer, o.token, httpTimeout(), signal);
    result.location = answer.location;
    result.iceServersFromServer = Math.max(result.iceServersFromServer, answer.iceServers.length);
    result.packetEcho = answer.packetEcho;
    await engine.answer(answer.sdp);
    await engine.connect(Math.min(o.connectTimeoutMs ?? 10_000, left() - 1000), signal);
    result.connectMs = performance.now() - t0;
    result.connected = true;
    await engine.describe();
    log(`connected in ${Math.round(result.connectMs)} ms via ${result.candidateType}`);
    await engine.measure(left, signal);
  } catch (err) {
    if (o.signal.aborted) throw err;
    result.error = callError(err);
  } finally {
    ac.abort();
    if (result.location) result.deleteStatus = await whipDelete(result.location, o.token, 2000);
    await engine.close();
  }
  return result;
}
