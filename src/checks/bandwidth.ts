// Upload and download goodput with parallel HTTP streams to the Department's server
// (src/net/bandwidth.ts), judged against the profile's network.uploadMbps / downloadMbps:
// below `min` fails, below `recommended` warns. Latency under load (bufferbloat): the UDP probe
// stream runs through the test (src/net/loaded-latency.ts); the RTT while each direction fills the
// line, over the idle RTT, is judged against network.loadedRttIncreaseMs.
import { performance } from 'node:perf_hooks';
import { type Direction, measureDirection, type DirectionResult } from '../net/bandwidth.js';
import { type LatencyWindow, loadedAgainst, startProbeStream, windowOf } from '../net/loaded-latency.js';
import { metric } from '../domain/verdict.js';
import { BUSY_LOOP, LINE_FULL, netFinding, probeTargetOrOutcome, resolveUdpHost, serverLabel } from './net-common.js';
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
  // Idle latency (1 s), two directions, one possible busy-server retry (≤ 12 s), and set-up.
  timeoutMs: (room) => (2 * room.profile.network.bandwidthSeconds + 26) * 1000,
  targets: (room) => [{ id: 'default', label: serverLabel(room.serverUrl) }],
  resources: () => [LINE_FULL, BUSY_LOOP],
  async run(_target, ctx): Promise<CheckOutcome> {
    const net = ctx.room.profile.network;
    const found = await probeTargetOrOutcome(ctx);
    if ('outcome' in found) return found.outcome;
    const { target } = found;
    const findings: Finding[] = [];
    const metrics: Metric[] = [];
    const details: Record<string, unknown> = { streams: net.bandwidthStreams, throughput: {} };
    const results: DirectionResult[] = [];
    // Latency under load: the probe stream runs through the whole test at LOADED_PPS (32 kbit/s,
    // 1.6 % of a 2 Mbit/s line), idle for IDLE_MS first; each direction's loaded window is its
    // goodput window (the TCP ramp excluded).
    const udpHost = target.probe.udpPort ? await resolveUdpHost(target.base).catch(() => undefined) : undefined;
    const stream =
      udpHost && target.probe.udpPort
        ? startProbeStream({
            host: udpHost,
            port: target.probe.udpPort,
            pps: LOADED_PPS,
            maxSeconds: 2 * net.bandwidthSeconds + 30,
            signal: ctx.signal,
          })
        : undefined;
    const windows: Partial<Record<'idle' | Direction, [number, number]>> = {};
    if (stream) {
      await sleep(IDLE_MS, ctx.signal);
      windows.idle = [stream.startedAt, performance.now()];
    }
    for (const direction of ['download', 'upload'] as const) {
      if (ctx.signal.aborted) break;
      ctx.log.debug(`bandwidth: ${direction} load started`);
      const req = direction === 'download' ? net.downloadMbps : net.uploadMbps;
      const measure = () =>
        measureDirection(target, direction, {
          streams: net.bandwidthStreams,
          maxSeconds: net.bandwidthSeconds,
          enoughMbps: req.recommended,
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
      const end = performance.now();
      if (r.windowMs > 0) windows[direction] = [end - r.windowMs, end];
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
        clearPass: r.clearPass,
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
    if (stream) {
      const probe = await stream.stop();
      // On loopback (the demo's in-process server) there is no router queue: the "increase" there is
      // the CPU being busy with multi-Gbit/s streams, so it is reported but not judged.
      const loopback = udpHost !== undefined && isLoopback(udpHost);
      judgeLoaded(probe.samples, windows, loopback ? undefined : net.loadedRttIncreaseMs, metrics, findings, details);
      if (loopback) findings.push({ severity: 'info', key: 'bandwidth.loadedLoopback' });
    } else if (!ctx.signal.aborted) {
      findings.push({
        severity: 'warn',
        key: 'bandwidth.loadedUnmeasured',
        remedyKey: 'bandwidth.loadedUnmeasured.remedy',
      });
    }
    return { status: statusOf(metrics, findings), metrics, findings, details };
  },
};

const LOADED_PPS = 20;
const IDLE_MS = 400; // 8 probes at LOADED_PPS (judgeLoaded needs 5)

/** Loaded RTT per direction against the idle RTT, judged on the worse direction's median increase. */
function judgeLoaded(
  samples: Parameters<typeof windowOf>[0],
  windows: Partial<Record<'idle' | Direction, [number, number]>>,
  limit: { warn?: number; fail?: number } | undefined,
  metrics: Metric[],
  findings: Finding[],
  details: Record<string, unknown>,
): void {
  const idle: LatencyWindow | undefined = windows.idle ? windowOf(samples, ...windows.idle) : undefined;
  if (!idle || idle.samples < 5) {
    findings.push({
      severity: 'warn',
      key: 'bandwidth.loadedUnmeasured',
      remedyKey: 'bandwidth.loadedUnmeasured.remedy',
    });
    return;
  }
  const loaded: Record<string, unknown> = { idle };
  let worstIncrease: number | null = null;
  let worstDir: Direction | undefined;
  for (const direction of ['download', 'upload'] as const) {
    const w = windows[direction];
    if (!w) continue;
    const l = loadedAgainst(idle, windowOf(samples, ...w), direction);
    if (l.samples < 5 || l.increaseMs === null) continue;
    loaded[direction] = l;
    const name = direction === 'download' ? 'Download' : 'Upload';
    metrics.push(
      metric(`loadedRtt${name}Median`, l.rttMedianMs, 'ms'),
      metric(`loadedRtt${name}P95`, l.rttP95Ms, 'ms'),
    );
    findings.push({
      severity: 'info',
      key: `bandwidth.loaded${name}`,
      params: {
        idle: idle.rttMedianMs ?? '?',
        loaded: l.rttMedianMs ?? '?',
        increase: l.increaseMs,
        p95: l.rttP95Ms ?? '?',
        queue: l.queueMs ?? '?',
      },
    });
    if (worstIncrease === null || l.increaseMs > worstIncrease) {
      worstIncrease = l.increaseMs;
      worstDir = direction;
    }
  }
  details.loadedLatency = loaded;
  if (worstIncrease === null || !worstDir) {
    findings.push({
      severity: 'warn',
      key: 'bandwidth.loadedUnmeasured',
      remedyKey: 'bandwidth.loadedUnmeasured.remedy',
    });
    return;
  }
  const m = metric('loadedRttIncrease', worstIncrease, 'ms', limit ? { better: 'lower', ...limit } : undefined);
  metrics.push(metric('rttIdle', idle.rttMedianMs, 'ms'), m);
  if (limit && (m.verdict === 'warn' || m.verdict === 'fail')) {
    findings.push({
      severity: m.verdict,
      key: `bandwidth.bufferbloat${worstDir === 'download' ? 'Download' : 'Upload'}`,
      params: { increase: worstIncrease, limit: (m.verdict === 'fail' ? limit.fail : limit.warn) ?? '?' },
      remedyKey: 'bandwidth.bufferbloat.remedy',
    });
  }
}

const isLoopback = (ip: string) => /^127\./.test(ip) || ip === '::1' || ip.startsWith('::ffff:127.');
