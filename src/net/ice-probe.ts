// What the ice check measures: a STUN Binding to every STUN-capable server from ONE local UDP port
// (public address; does the mapping stay the same towards another server/port?), and a TURN
// Allocate over every transport each TURN URL offers (UDP, TCP, TLS).
import dgram from 'node:dgram';
import { classify, NetFailure, type FailureKind } from './errors.js';
import {
  allocate,
  binding,
  parseIceUrl,
  streamChannel,
  TurnError,
  udpChannel,
  type IceEndpoint,
  type IceTransport,
} from './stun-client.js';
import type { Address } from './stun.js';

export interface IceServerSpec {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface FailureInfo {
  kind: FailureKind | 'auth' | 'turnError';
  params: Record<string, string | number>;
}

export interface StunOutcome {
  url: string;
  target: string;
  ok: boolean;
  mapped?: Address;
  rttMs?: number;
  failure?: FailureInfo;
}
export interface TurnOutcome {
  url: string;
  target: string;
  transport: IceTransport;
  ok: boolean;
  relayed?: Address;
  mapped?: Address;
  rttMs?: number;
  failure?: FailureInfo;
}

export interface IceReport {
  stun: StunOutcome[];
  /** The public address (first successful binding). */
  publicAddress?: string;
  /** Same mapped address:port towards every server reached; null with fewer than two. */
  mappingConsistent: boolean | null;
  turn: TurnOutcome[];
  invalidUrls: string[];
}

const info = (err: unknown, target: string): FailureInfo => {
  if (err instanceof TurnError)
    return err.code === 401
      ? { kind: 'auth', params: { target, code: err.code } }
      : { kind: 'turnError', params: { target, code: err.code, reason: err.reason } };
  const f = err instanceof NetFailure ? err : classify(err, target);
  return { kind: f.kind, params: f.params };
};

export async function probeIceServers(
  servers: IceServerSpec[],
  o: { signal: AbortSignal; timeoutMs?: number; ca?: string | Buffer },
): Promise<IceReport> {
  const timeoutMs = o.timeoutMs ?? 3000;
  const invalidUrls: string[] = [];
  const bindTargets: Array<{ url: string; ep: IceEndpoint }> = [];
  const turnTargets: Array<{ ep: IceEndpoint; username?: string; credential?: string }> = [];
  for (const s of servers) {
    for (const url of s.urls) {
      const eps = parseIceUrl(url);
      if (!eps.length) invalidUrls.push(url);
      for (const ep of eps) {
        if (ep.transport === 'udp' && !bindTargets.some((b) => b.ep.host === ep.host && b.ep.port === ep.port))
          bindTargets.push({ url, ep });
        if (ep.kind === 'turn') turnTargets.push({ ep, username: s.username, credential: s.credential });
      }
    }
  }

  // Bindings from one socket, one after another (a NAT's mapping is per local port).
  const stun: StunOutcome[] = [];
  if (bindTargets.length) {
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      sock.once('error', reject);
      sock.bind(0, () => (sock.off('error', reject), resolve()));
    });
    sock.on('error', () => undefined);
    try {
      for (const { url, ep } of bindTargets) {
        const target = `${ep.host}:${ep.port}`;
        const ch = await udpChannel(ep.host, ep.port, o.signal, timeoutMs, sock);
        try {
          const b = await binding(ch, target);
          stun.push({ url, target, ok: true, mapped: b.mapped, rttMs: Math.round(b.rttMs * 10) / 10 });
        } catch (err) {
          stun.push({ url, target, ok: false, failure: info(err, target) });
        } finally {
          ch.close();
        }
      }
    } finally {
      sock.close();
    }
  }
  const okStun = stun.filter((s) => s.ok && s.mapped);
  const mappings = new Set(okStun.map((s) => `${s.mapped!.address}:${s.mapped!.port}`));

  // TURN allocations, each transport on its own connection, in parallel.
  const turn = await Promise.all(
    turnTargets.map(async ({ ep, username, credential }): Promise<TurnOutcome> => {
      const target = `${ep.host}:${ep.port}`;
      try {
        const ch =
          ep.transport === 'udp'
            ? await udpChannel(ep.host, ep.port, o.signal, timeoutMs)
            : await streamChannel(ep.host, ep.port, ep.transport, o.signal, timeoutMs, o.ca);
        try {
          const a = await allocate(ch, username, credential);
          return {
            url: ep.url,
            target,
            transport: ep.transport,
            ok: true,
            relayed: a.relayed,
            mapped: a.mapped,
            rttMs: Math.round(a.rttMs * 10) / 10,
          };
        } finally {
          ch.close();
        }
      } catch (err) {
        return { url: ep.url, target, transport: ep.transport, ok: false, failure: info(err, target) };
      }
    }),
  );
  return {
    stun,
    publicAddress: okStun[0]?.mapped ? `${okStun[0].mapped.address}:${okStun[0].mapped.port}` : undefined,
    mappingConsistent: okStun.length >= 2 ? mappings.size === 1 : null,
    turn,
    invalidUrls,
  };
}
