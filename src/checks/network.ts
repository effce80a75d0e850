// The network path in use: the interface towards the server and its link speed, the default
// gateway, DNS resolution time of the server's host, TCP and TLS connect times to the server and
// to each endpoint in the profile (network.endpoints), and whether the server answers HTTP.
import dgram from 'node:dgram';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { timeConnect, type ConnectTiming } from '../net/connect.js';
import { type LocalInterface, localInterfaces } from '../net/local-interfaces.js';
import { fetchProbeInfo } from '../net/server-info.js';
import { metric } from '../domain/verdict.js';
import { LINE_PROBE, netFinding, serverLabel } from './net-common.js';
import { statusOf } from '../domain/verdict.js';
import type { Check } from './types.js';
import type { CheckOutcome, Finding, Metric } from '../domain/result.js';

/** The local address the OS would use towards `address` (a connected UDP socket sends nothing). */
async function localAddressTowards(address: string, port: number): Promise<string | undefined> {
  const sock = dgram.createSocket(isIP(address) === 6 ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      sock.once('error', reject);
      sock.connect(port, address, () => resolve());
    });
    return sock.address().address;
  } catch {
    return undefined;
  } finally {
    sock.close();
  }
}

interface IfaceInfo {
  iface: string;
  type?: string;
  speed?: number | null;
  address: string;
  operstate?: string;
}

type Gap = { what: 'interface' | 'gateway' | 'linkSpeed'; why: string; params?: Record<string, string | number> };

/** Time the interface/gateway lookup may take: the OS tools are asked, not waited for. */
const LOOKUP_MS = 4000;

/** Linux/macOS: the interface table, bounded by the lookup budget; a lookup that fails says so. */
async function interfaceFor(
  localAddress: string | undefined,
  budgetMs: number,
  signal: AbortSignal,
): Promise<{ iface?: IfaceInfo; gateway?: string; gaps: Gap[] }> {
  // Off the main thread: systeminformation's synchronous reads would stall the probes beside it.
  let got: { list: LocalInterface[]; gateway?: string };
  try {
    got = await localInterfaces({ timeoutMs: Math.max(1000, budgetMs), signal });
  } catch (err) {
    const msg = (err as Error).message ?? String(err);
    const why: Pick<Gap, 'why' | 'params'> = /no answer within/.test(msg)
      ? { why: 'timeout', params: { seconds: Math.max(1000, budgetMs) / 1000 } }
      : { why: 'failed', params: { detail: msg.slice(0, 120) } };
    return {
      gaps: [
        { what: 'interface', ...why },
        { what: 'gateway', ...why },
      ],
    };
  }
  const { list, gateway } = got;
  let hit = localAddress ? list.find((i) => i.ip4 === localAddress || i.ip6 === localAddress) : undefined;
  if (!hit) hit = list.find((i) => i.default) ?? undefined;
  return {
    iface: hit
      ? {
          iface: hit.iface,
          type: hit.type,
          speed: hit.speed,
          address: localAddress ?? hit.ip4,
          operstate: hit.operstate,
        }
      : undefined,
    gateway: gateway || undefined,
    gaps: hit ? [] : [{ what: 'interface', why: 'noIface', params: { address: localAddress ?? '?' } }],
  };
}

/** Windows: PowerShell (stdin closed, hard timeout), then `route print`, then Node's own table. */
async function interfaceForWindows(
  localAddress: string | undefined,
  budgetMs: number,
  signal: AbortSignal,
): Promise<{ iface?: IfaceInfo; gateway?: string; gaps: Gap[] }> {
  const { windowsNetLookup } = await import('../platform/windows-net.js');
  const r = await windowsNetLookup(localAddress, { budgetMs, signal });
  return {
    iface: r.iface
      ? { iface: r.iface.iface, type: r.iface.type, speed: r.iface.speed ?? null, address: r.iface.address }
      : undefined,
    gateway: r.gateway,
    gaps: r.gaps,
  };
}

export const networkCheck: Check = {
  id: 'network',
  titleKey: 'check.title.network',
  timeoutMs: (room) => 10_000 + 6_000 * room.profile.network.endpoints.length,
  targets: (room) => [{ id: 'default', label: serverLabel(room.serverUrl) }],
  // Timings taken while a bandwidth test or a call fills the line would be queueing delay, not the
  // path; beside the other light probes they are not disturbed.
  resources: () => [LINE_PROBE],
  async run(_target, ctx): Promise<CheckOutcome> {
    const net = ctx.room.profile.network;
    const findings: Finding[] = [];
    const metrics: Metric[] = [];
    const details: Record<string, unknown> = {};
    const connectTimeout = 5000;

    const targets: Array<{ name: string; url: string; server: boolean }> = [];
    if (ctx.room.serverUrl)
      targets.push({ name: serverLabel(ctx.room.serverUrl), url: ctx.room.serverUrl, server: true });
    for (const e of net.endpoints) targets.push({ name: e.name, url: e.url, server: false });
    if (!targets.length)
      findings.push({ severity: 'warn', key: 'network.noServer', remedyKey: 'network.noServer.remedy' });

    const timings: Array<ConnectTiming & { name: string }> = [];
    for (const t of targets) {
      let url: URL;
      try {
        url = new URL(t.url);
      } catch {
        findings.push({ severity: 'fail', key: 'network.badUrl', params: { name: t.name, url: t.url } });
        continue;
      }
      const c = await timeConnect(url, { signal: ctx.signal, timeoutMs: connectTimeout });
      timings.push({ ...c, name: t.name });
      const prefix = t.server ? '' : `${t.name}.`;
      if (c.dnsMs !== null) metrics.push(metric(`${prefix}dnsTime`, c.dnsMs, 'ms'));
      if (c.failure) {
        findings.push(
          t.server
            ? { severity: 'fail', key: 'network.serverUnreachable', params: { url: t.url } }
            : { severity: 'fail', key: 'network.unreachable', params: { name: t.name, url: t.url } },
        );
        findings.push(netFinding(c.failure, c.failure.params.target ? String(c.failure.params.target) : url.host));
        if (t.server) metrics.push(metric('tcpConnect', null, 'ms', { better: 'lower', ...net.rttMs }));
        continue;
      }
      // One TCP handshake is one round trip: judge it as the profile's RTT.
      metrics.push(metric(`${prefix}tcpConnect`, c.tcpMs ?? null, 'ms', { better: 'lower', ...net.rttMs }));
      if (c.tlsMs !== undefined) metrics.push(metric(`${prefix}tlsConnect`, c.tlsMs, 'ms'));
      findings.push({
        severity: 'info',
        key: 'network.connected',
        params: {
          name: t.name,
          host: c.host,
          address: c.address ?? '?',
          dns: c.dnsMs ?? '—',
          tcp: c.tcpMs ?? '?',
          tls: c.tlsMs ?? '—',
        },
      });
      if (t.server) {
        // The server must also answer as a wardkit server (a port that accepts and never answers fails here).
        const h0 = performance.now();
        try {
          await fetchProbeInfo(t.url, ctx.signal, connectTimeout);
          metrics.push(metric('serverAnswer', Math.round((performance.now() - h0) * 10) / 10, 'ms'));
        } catch (err) {
          metrics.push(metric('serverAnswer', null, 'ms'));
          findings.push(netFinding(err, url.host));
        }
      }
    }
    details.connections = timings.map(({ failure, ...rest }) => ({
      ...rest,
      ...(failure ? { failure: failure.kind } : {}),
    }));

    const firstAddress = timings.find((c) => c.address)?.address;
    const local = firstAddress
      ? await localAddressTowards(firstAddress, timings.find((c) => c.address)!.port)
      : undefined;
    const budget = Math.min(LOOKUP_MS, Math.max(500, ctx.deadline - Date.now() - 1000));
    const { iface, gateway, gaps } =
      process.platform === 'win32'
        ? await interfaceForWindows(local, budget, ctx.signal)
        : await interfaceFor(local, budget, ctx.signal);
    details.interface = iface;
    details.gateway = gateway;
    if (gaps.length) details.lookupGaps = gaps;
    if (iface) {
      findings.push({
        severity: 'info',
        key: 'network.interface',
        params: {
          iface: iface.iface,
          type: `network.ifType.${iface.type ?? 'unknown'}`,
          speed: iface.speed ?? null,
          address: iface.address,
        },
      });
      if (iface.speed && iface.speed > 0) metrics.push(metric('linkSpeed', iface.speed, 'Mbit/s'));
      if (iface.type === 'wireless')
        findings.push({ severity: 'info', key: 'network.wireless', remedyKey: 'network.wireless.remedy' });
    } else if (!gaps.some((g) => g.what === 'interface'))
      findings.push({ severity: 'info', key: 'network.interfaceUnknown' });
    if (gateway) findings.push({ severity: 'info', key: 'network.gateway', params: { gateway } });
    // "No gateway" only when the system said so; a lookup that failed says what it could not learn.
    else if (!local?.startsWith('127.') && !gaps.some((g) => g.what === 'gateway'))
      findings.push({ severity: 'info', key: 'network.noGateway' });
    const whats = new Map<string, string[]>();
    for (const g of gaps) {
      const why = ctx.t(`network.lookup.why.${g.why}`, g.params ?? {});
      whats.set(why, [...(whats.get(why) ?? []), ctx.t(`network.lookup.what.${g.what}`)]);
    }
    for (const [why, what] of whats)
      findings.push({
        severity: 'info',
        key: 'network.lookupIncomplete',
        params: { what: [...new Set(what)].join(', '), why },
      });
    return { status: statusOf(metrics, findings), metrics, findings, details };
  },
};
