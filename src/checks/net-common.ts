// Small pieces the network, bandwidth, latency and ice checks share.
import type { CheckContext, ResourceClaim } from './types.js';
import type { CheckOutcome, Finding } from '../domain/result.js';
import dns from 'node:dns/promises';
import { isIP } from 'node:net';
import { fetchProbeInfo, hostOf } from '../net/server-info.js';
import { NetFailure, classify } from '../net/errors.js';

/** The finding for a failure; `check` picks the message prefix for context-specific wording. */
/** The line to the server, filled (bandwidth, call): nothing else measures the line meanwhile. */
export const LINE_FULL: ResourceClaim = 'line';
/** The line to the server, measured with a light load (network, latency, ice): these run side by side. */
export const LINE_PROBE: ResourceClaim = { id: 'line', shared: true };

/**
 * This process's clock, as the latency probe reads it: it timestamps every packet in the event
 * loop, so a check that keeps the loop busy (audio analysis in JavaScript, the WebRTC stack, many
 * HTTP streams) would show up as RTT and jitter. The probe holds it exclusively; those checks share it.
 */
export const TIMING_PROBE: ResourceClaim = 'timing';
export const BUSY_LOOP: ResourceClaim = { id: 'timing', shared: true };

export function failureFinding(f: NetFailure, severity: Finding['severity'] = 'fail'): Finding {
  return {
    severity,
    key: `network.err.${f.kind}`,
    params: f.params,
    remedyKey: `network.err.${f.kind}.remedy`,
    remedyParams: f.params,
  };
}

export function netFinding(err: unknown, target: string): Finding {
  return failureFinding(err instanceof NetFailure ? err : classify(err, target));
}

export const round = (v: number | null | undefined, d = 1): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10 ** d) / 10 ** d;

/** The server's host:port for a label, or the raw string. */
export function serverLabel(url: string | undefined): string {
  if (!url) return '—';
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * The Department server's probe endpoints for a check that measures against them, or the outcome
 * to return instead. No server is "could not run", never a skip: a required measurement that did
 * not happen must not leave the room READY.
 */
export async function probeTargetOrOutcome(
  ctx: CheckContext,
): Promise<{ target: Awaited<ReturnType<typeof fetchProbeInfo>> } | { outcome: CheckOutcome }> {
  const url = ctx.room.serverUrl;
  if (!url)
    return {
      outcome: {
        status: 'error',
        findings: [{ severity: 'error', key: 'network.noServer', remedyKey: 'network.noServer.remedy' }],
      },
    };
  try {
    return { target: await fetchProbeInfo(url, ctx.signal) };
  } catch (err) {
    return { outcome: { status: 'fail', findings: [netFinding(err, serverLabel(url))] } };
  }
}

/** The server's address for UDP, resolved once (dgram would otherwise look the name up for every packet). */
export async function resolveUdpHost(base: URL): Promise<string> {
  const host = hostOf(base);
  return isIP(host) ? host : (await dns.lookup(host)).address;
}
