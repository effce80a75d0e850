// Upload and download goodput with parallel HTTP streams to the Department's server
// (src/net/bandwidth.ts), judged against the profile's network.uploadMbps / downloadMbps:
// below `min` fails, below `recommended` warns.
import { measureDirection, type DirectionResult } from '../net/bandwidth.js';
import { metric } from '../domain/verdict.js';
import { netFinding, probeTargetOrOutcome, serverLabel } from './net-common.js';
import { statusOf } from '../domain/verdict.js';
import type { Check } from './types.js';
import type { CheckOutcome, Finding, Metric } from '../domain/result.js';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

export const bandwidthCheck: Check = {
  id: 'bandwidth',
  titleKey: 'check.title.bandwidth',
  // Two directions, one possible busy-server retry (≤ 12 s), and set-up.
  timeoutMs: (room) => (2 * room.profile.network.bandwidthSeconds + 25) * 1000,
  targets: (room) => [{ id: 'default', label: serverLabel(room.serverUrl) }],
  resources: () => ['uplink'],
  async run(_target, ctx): Promise<CheckOutcome> {
    const net = ctx.room.profile.network;
    const found = await probeTargetOrOutcome(ctx);
    if ('outcome' in found) return found.outcome;
    const { target } = found;
    const findings: Finding[] = [];
    const metrics: Metric[] = [];
    const details: Record<string, unknown> = { streams: net.bandwidthStreams, throughput: {} };
    const results: DirectionResult[] = [];
    for (const direction of ['download', 'upload'] as const) {
      if (ctx.signal.aborted) break;
      const measure = () =>
        measureDirection(target, direction, {
          streams: net.bandwidthStreams,
          maxSeconds: net.bandwidthSeconds,
          signal: ctx.signal,
        });
      let r = await measure();
      // A busy server (429: many wards checking at once, e.g. at night) gets one polite retry when
      // the deadline leaves room for it: Retry-After plus a random spread, so retries do not collide.
      if (r.failure?.kind === 'busy') {
        const wait = Math.min(10, Number(r.failure.params.retryAfter) || 5) * 1000 + Math.random() * 2000;
        const left = direction === 'download' ? 2 : 1;
        if (Date.now() + wait + left * (net.bandwidthSeconds + 1) * 1000 < ctx.deadline - 1000) {
          ctx.log.debug(`bandwidth: server busy, retrying ${direction} in ${Math.round(wait)} ms`);
          await sleep(wait, ctx.signal);
          r = await measure();
          details[`${direction}Retried`] = true;
        }
      }
      results.push(r);
      const req = direction === 'download' ? net.downloadMbps : net.uploadMbps;
      const m = metric(`${direction}Mbps`, r.mbps, 'Mbit/s', {
        better: 'higher',
        warn: req.recommended,
        fail: req.min,
      });
      metrics.push(m);
      (details.throughput as Record<string, unknown>)[direction] = r.series;
      details[direction] = {
        bytes: r.bytes,
        windowSeconds: Math.round(r.windowMs) / 1000,
        elapsedSeconds: Math.round(r.elapsedMs) / 1000,
        stable: r.stable,
      };
      if (r.failure) {
        findings.push({ severity: 'fail', key: `bandwidth.${direction}Failed`, remedyKey: 'bandwidth.failed.remedy' });
        findings.push(netFinding(r.failure, target.base.host));
        continue;
      }
      const params = {
        mbps: r.mbps ?? '?',
        min: req.min,
        recommended: req.recommended,
        seconds: Math.round(r.windowMs / 100) / 10,
      };
      if (m.verdict === 'fail')
        findings.push({
          severity: 'fail',
          key: `bandwidth.${direction}BelowMin`,
          params,
          remedyKey: 'bandwidth.low.remedy',
        });
      else if (m.verdict === 'warn')
        findings.push({
          severity: 'warn',
          key: `bandwidth.${direction}BelowRecommended`,
          params,
          remedyKey: 'bandwidth.low.remedy',
        });
      else findings.push({ severity: 'info', key: `bandwidth.${direction}Ok`, params });
    }
    return { status: statusOf(metrics, findings), metrics, findings, details };
  },
};
