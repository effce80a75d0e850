// What the Department's server offers: GET /api/v1/info, probe section (src/server/probe/module.ts).
import { getJson } from './http-client.js';
import { NetFailure } from './errors.js';

export interface ProbeInfo {
  download: string;
  upload: string;
  udpPort?: number;
  stunPort?: number;
  maxProbes?: number;
  maxSeconds?: number;
}

export interface ServerTarget {
  base: URL;
  probe: ProbeInfo;
}

/** Parse the server URL; a bad URL is a usage-like failure reported as a finding. */
export function serverBase(serverUrl: string): URL {
  let u: URL;
  try {
    u = new URL(serverUrl);
  } catch {
    throw new NetFailure('other', { target: serverUrl, detail: 'not a URL' });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new NetFailure('other', { target: serverUrl, detail: 'http:// or https:// only' });
  return u;
}

export async function fetchProbeInfo(serverUrl: string, signal: AbortSignal, timeoutMs = 5000): Promise<ServerTarget> {
  const base = serverBase(serverUrl);
  const info = await getJson<{ name?: string; probe?: ProbeInfo }>(new URL('/api/v1/info', base), {
    signal,
    timeoutMs,
  });
  if (info?.name !== 'wardkit' || !info.probe)
    throw new NetFailure('notWardkit', { target: base.host, path: '/api/v1/info' });
  return { base, probe: info.probe };
}

/** Host name of a URL without IPv6 brackets. */
export const hostOf = (u: URL) => u.hostname.replace(/^\[|\]$/g, '');
