// The HTTP side of WHIP (RFC 9725): POST the SDP offer, read the answer, the session URL and the
// ICE servers; DELETE the session at the end. Every request is bounded by a timeout and the signal.
import { parseIceLinks } from './whip-link.js';
import type { IceServerConfig } from './webrtc-peer.js';

export const WHIP_PATH = '/api/v1/whip';

export class WhipError extends Error {
  constructor(
    /** Catalog-friendly reason: http (status), timeout, unreachable, badAnswer. */
    readonly reason: 'http' | 'timeout' | 'unreachable' | 'badAnswer',
    message: string,
    readonly status?: number,
    readonly retryAfter?: string,
  ) {
    super(message);
  }
}

/** A server base URL (`http://host:port`) gets the wardkit WHIP path; a URL with a path is used as is. */
export function whipEndpoint(server: string): string {
  const u = new URL(server);
  if (u.pathname === '/' || u.pathname === '') u.pathname = WHIP_PATH;
  return u.toString();
}

export interface WhipAnswer {
  sdp: string;
  location: string;
  iceServers: IceServerConfig[];
  etag?: string;
  /** The server declared a packet-for-packet echo (`X-Wardkit-Echo: packet`, wardkit's echo peer). */
  packetEcho: boolean;
}

function headersOf(token?: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...extra, ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

async function request(url: string, init: RequestInit, timeoutMs: number, signal: AbortSignal): Promise<Response> {
  const timeout = AbortSignal.timeout(Math.max(1, timeoutMs));
  try {
    return await fetch(url, { ...init, signal: AbortSignal.any([signal, timeout]) });
  } catch (err) {
    if (timeout.aborted && !signal.aborted)
      throw new WhipError('timeout', `no answer from ${url} within ${Math.round(timeoutMs / 1000)} s`);
    if (signal.aborted) throw err;
    const cause = (err as { cause?: { code?: string } }).cause;
    throw new WhipError('unreachable', `${url}: ${cause?.code ?? (err as Error).message}`);
  }
}

/** OPTIONS before the offer: a server may list ICE servers in Link headers (ours does). */
export async function whipIceServers(
  endpoint: string,
  token: string | undefined,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<IceServerConfig[]> {
  try {
    const res = await request(endpoint, { method: 'OPTIONS', headers: headersOf(token) }, timeoutMs, signal);
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) return [];
    return parseIceLinks(linkValues(res.headers));
  } catch (err) {
    if (signal.aborted) throw err;
    return [];
  }
}

function linkValues(h: Headers): string[] {
  const v = h.get('link');
  return v ? [v] : [];
}

export async function whipOffer(
  endpoint: string,
  offerSdp: string,
  token: string | undefined,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<WhipAnswer> {
  const res = await request(
    endpoint,
    { method: 'POST', headers: headersOf(token, { 'content-type': 'application/sdp' }), body: offerSdp },
    timeoutMs,
    signal,
  );
  const body = await res.text();
  if (res.status !== 201) {
    throw new WhipError(
      'http',
      `${endpoint}: HTTP ${res.status}${body ? ` ${body.slice(0, 200)}` : ''}`,
      res.status,
      res.headers.get('retry-after') ?? undefined,
    );
  }
  const location = res.headers.get('location');
  if (!location) throw new WhipError('badAnswer', `${endpoint}: 201 without a Location header`);
  if (!/^v=0/m.test(body)) throw new WhipError('badAnswer', `${endpoint}: the answer is not SDP`);
  return {
    sdp: body,
    location: new URL(location, endpoint).toString(),
    iceServers: parseIceLinks(linkValues(res.headers)),
    etag: res.headers.get('etag') ?? undefined,
    packetEcho: (res.headers.get('x-wardkit-echo') ?? '').trim().toLowerCase() === 'packet',
  };
}

/** End the session; never throws (the call result is already known). Returns the HTTP status. */
export async function whipDelete(
  location: string,
  token: string | undefined,
  timeoutMs: number,
): Promise<number | undefined> {
  try {
    const res = await fetch(location, {
      method: 'DELETE',
      headers: headersOf(token),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  } catch {
    return undefined;
  }
}
