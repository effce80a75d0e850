// STUN and TURN reachability for the call (src/net/ice-probe.ts): the public address, whether the
// NAT keeps one mapping towards different servers, and which TURN transports (UDP, TCP, TLS) can
// allocate a relay with the profile's credentials. When the profile lists no ICE servers, the
// Department's server answers STUN on its probe UDP port: the binding then runs against it.
import { probeIceServers, type IceServerSpec } from '../net/ice-probe.js';
import { fetchProbeInfo, hostOf } from '../net/server-info.js';
import { metric } from '../domain/verdict.js';
import { LINE_PROBE, netFinding, serverLabel } from './net-common.js';
import { statusOf } from '../domain/verdict.js';
import type { Check } from './types.js';
import type { CheckOutcome, Finding, Metric } from '../domain/result.js';

const failKey = (kind: string) =>
  kind === 'auth' ? 'ice.turnAuth' : kind === 'turnError' ? 'ice.turnError' : `network.err.${kind}`;

export const iceCheck: Check = {
  id: 'ice',
  titleKey: 'check.title.ice',
  timeoutMs: 20_000,
  targets: () => [{ id: 'default', label: 'STUN/TURN' }],
  // Timings taken while a bandwidth test or a call fills the line would be queueing delay, not the
  // path; beside the other light probes they are not disturbed.
  resources: () => [LINE_PROBE],
  async run(_target, ctx): Promise<CheckOutcome> {
    const servers: IceServerSpec[] = [...ctx.room.profile.ice.servers];
    const findings: Finding[] = [];
    if (!servers.length && ctx.room.serverUrl) {
      try {
        const t = await fetchProbeInfo(ctx.room.serverUrl, ctx.signal);
        if (t.probe.stunPort) {
          const host = hostOf(t.base);
          servers.push({ urls: [`stun:${host.includes(':') ? `[${host}]` : host}:${t.probe.stunPort}`] });
          findings.push({
            severity: 'info',
            key: 'ice.usingServerStun',
            params: { target: `${host}:${t.probe.stunPort}` },
          });
        }
      } catch (err) {
        // The server that should answer STUN cannot be reached: the check could not run. Never a
        // skip (with `--only ice` the network check that reports it does not run).
        return { status: 'error', findings: [netFinding(err, serverLabel(ctx.room.serverUrl))] };
      }
    }
    if (!servers.length)
      return {
        status: 'skip',
        findings: [{ severity: 'info', key: 'ice.noServers', remedyKey: 'ice.noServers.remedy' }],
      };

    const r = await probeIceServers(servers, { signal: ctx.signal });
    const metrics: Metric[] = [];
    for (const u of r.invalidUrls) findings.push({ severity: 'warn', key: 'ice.badUrl', params: { url: u } });
    // STUN
    const okStun = r.stun.filter((s) => s.ok);
    if (r.stun.length) {
      const best = Math.min(...okStun.map((s) => s.rttMs ?? Infinity));
      metrics.push(metric('stunRtt', Number.isFinite(best) ? best : null, 'ms'));
    }
    if (r.publicAddress)
      findings.push({ severity: 'info', key: 'ice.publicAddress', params: { address: r.publicAddress } });
    for (const s of r.stun.filter((x) => !x.ok))
      findings.push({
        severity: 'warn',
        key: 'ice.stunFailed',
        params: { target: s.target, reason: s.failure?.kind ?? '?' },
      });
    if (r.stun.length && !okStun.length)
      findings.push({ severity: 'fail', key: 'ice.noStun', remedyKey: 'ice.noStun.remedy' });
    if (r.mappingConsistent === false)
      findings.push({
        severity: 'warn',
        key: 'ice.mappingVaries',
        params: { mappings: okStun.map((s) => `${s.mapped!.address}:${s.mapped!.port}`).join(', ') },
        remedyKey: 'ice.mappingVaries.remedy',
      });
    if (r.mappingConsistent === true) findings.push({ severity: 'info', key: 'ice.mappingStable' });
    // TURN, per URL: which transports allocate.
    const byUrl = new Map<string, typeof r.turn>();
    for (const t of r.turn) byUrl.set(t.url, [...(byUrl.get(t.url) ?? []), t]);
    let anyTurn = false;
    for (const [url, list] of byUrl) {
      const ok = list.filter((t) => t.ok);
      anyTurn ||= ok.length > 0;
      for (const t of list) {
        if (t.ok)
          findings.push({
            severity: 'info',
            key: 'ice.turnOk',
            params: {
              url,
              transport: t.transport.toUpperCase(),
              relayed: t.relayed ? `${t.relayed.address}:${t.relayed.port}` : '?',
              ms: t.rttMs ?? '?',
            },
          });
        else
          findings.push({
            severity: 'info',
            key: 'ice.turnTransportFailed',
            params: { url, transport: t.transport.toUpperCase(), reason: t.failure?.kind ?? '?' },
          });
      }
      const auth = list.find((t) => t.failure?.kind === 'auth');
      if (auth)
        findings.push({
          severity: 'fail',
          key: 'ice.turnAuth',
          params: { target: auth.target },
          remedyKey: 'ice.turnAuth.remedy',
        });
      else if (!ok.length) {
        const f = list[0].failure;
        findings.push({
          severity: 'fail',
          key: 'ice.turnUnreachable',
          params: { url },
          remedyKey: 'ice.turnUnreachable.remedy',
        });
        if (f) findings.push({ severity: 'info', key: failKey(f.kind), params: f.params });
      } else if (list.some((t) => t.transport === 'udp' && !t.ok)) {
        findings.push({
          severity: 'warn',
          key: 'ice.turnUdpBlocked',
          params: { url, working: ok.map((t) => t.transport.toUpperCase()).join(', ') },
          remedyKey: 'ice.turnUdpBlocked.remedy',
        });
      }
      for (const tr of ['udp', 'tcp', 'tls'] as const) {
        const t = list.find((x) => x.transport === tr);
        if (t) metrics.push(metric(`turn${tr.toUpperCase()}`, t.ok ? 1 : 0, 'ok'));
      }
    }
    if (ctx.room.profile.call.iceTransport === 'relay' && !anyTurn)
      findings.push({ severity: 'fail', key: 'ice.relayRequired', remedyKey: 'ice.turnUnreachable.remedy' });
    return { status: statusOf(metrics, findings), metrics, findings, details: { ice: r } };
  },
};
