// Upload and download goodput with parallel HTTP streams to the Department's server
// (src/net/bandwidth.ts), judged against the profile's network.uploadMbps / downloadMbps:
// below `min` fails, below `recommended` warns.
import { measureDirection, type DirectionResult } from '../net/bandwidth.js';
import { fetchProbeInfo } from '../net/server-info.js';
import { metric } from './judge.js';
import { netFinding, serverLabel, statusOf } from './net-common.js';
import type { Check, CheckOutcome, Finding, Metric } from './types.js';

export const bandwidthCheck: Check = {
  id: 'bandwidth',
  titleKey: 'check.title.bandwidth',
  timeoutMs: (room) => (2 * room.profile.network.bandwidthSeconds + 15) * 1000,
  targets: (room) => [{ id: 'default', label: serverLabel(room.serverUrl) }],
  resources: () => ['uplink'],
  async run(_target, ctx): Promise<CheckOutcome> {
    const net = ctx.room.profile.network;
    if (!ctx.room.serverUrl) return { status: 'skip', findings: [{ severity: 'info', key: 'network.noServer', remedyKey: 'network.noServer.remedy' }] };
    let target;
    try {
      target = await fetchProbeInfo(ctx.room.serverUrl, ctx.signal);
    } catch (err) {
      return { status: 'fail', findings: [netFinding(err, serverLabel(ctx.room.serverUrl))] };
    }
    const findings: Finding[] = [];
    const metrics: Metric[] = [];
    const details: Record<string, unknown> = { streams: net.bandwidthStreams, throughput: {} };
    const results: DirectionResult[] = [];
    for (const direction of ['download', 'upload'] as const) {
      if (ctx.signal.aborted) break;
      const r = await measureDirection(target, direction, { streams: net.bandwidthStreams, maxSeconds: net.bandwidthSeconds, signal: ctx.signal });
      results.push(r);
      const req = direction === 'download' ? net.downloadMbps : net.uploadMbps;
      const m = metric(`${direction}Mbps`, r.mbps, 'Mbit/s', { better: 'higher', warn: req.recommended, fail: req.min });
      metrics.push(m);
      (details.throughput as Record<string, unknown>)[direction] = r.series;
      details[direction] = { bytes: r.bytes, windowSeconds: Math.round(r.windowMs) / 1000, elapsedSeconds: Math.round(r.elapsedMs) / 1000, stable: r.stable };
      if (r.failure) {
        findings.push({ severity: 'fail', key: `bandwidth.${direction}Failed`, remedyKey: 'bandwidth.failed.remedy' });
        findings.push(netFinding(r.failure, target.base.host));
        continue;
      }
      const params = { mbps: r.mbps ?? '?', min: req.min, recommended: req.recommended, seconds: Math.round(r.windowMs / 100) / 10 };
      if (m.verdict === 'fail') findings.push({ severity: 'fail', key: `bandwidth.${direction}BelowMin`, params, remedyKey: 'bandwidth.low.remedy' });
      else if (m.verdict === 'warn') findings.push({ severity: 'warn', key: `bandwidth.${direction}BelowRecommended`, params, remedyKey: 'bandwidth.low.remedy' });
      else findings.push({ severity: 'info', key: `bandwidth.${direction}Ok`, params });
    }
    return { status: statusOf(metrics, findings), metrics, findings, details };
  },
};
