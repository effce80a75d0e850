// RTT, one-way jitter, loss per direction and reordering from a call-like UDP probe stream to the
// server's reflector (src/net/udp-probe.ts), and the E-model MOS of what was measured.
import { classify } from '../net/errors.js';
import { hostOf } from '../net/server-info.js';
import { emodelMos, percentile, wilsonUpper } from '../net/stats.js';
import { type ProbeSoFar, runUdpProbe } from '../net/udp-probe.js';
import { metric } from '../domain/verdict.js';
import {
  LINE_PROBE,
  netFinding,
  probeTargetOrOutcome,
  resolveUdpHost,
  round,
  serverLabel,
  TIMING_PROBE,
} from './net-common.js';
import { statusOf } from '../domain/verdict.js';
import type { Check } from './types.js';
import type { CallSettings, NetworkRequirements } from '../profiles/types.js';
import { failed, type CheckOutcome, type Finding } from '../domain/result.js';

export const latencyCheck: Check = {
  id: 'latency',
  titleKey: 'check.title.latency',
  timeoutMs: (room) => (room.profile.network.probeSeconds + 15) * 1000,
  targets: (room) => [{ id: 'default', label: serverLabel(room.serverUrl) }],
  resources: () => [LINE_PROBE, TIMING_PROBE],
  async run(_target, ctx): Promise<CheckOutcome> {
    const net = ctx.room.profile.network;
    const found = await probeTargetOrOutcome(ctx);
    if ('outcome' in found) return found.outcome;
    const { target } = found;
    if (!target.probe.udpPort)
      return failed('latency.noReflector', { target: target.base.host }, 'latency.noReflector.remedy');
    let host: string;
    try {
      host = await resolveUdpHost(target.base);
    } catch (err) {
      return { status: 'fail', findings: [netFinding(classify(err, hostOf(target.base)), hostOf(target.base))] };
    }
    const udpTarget = `${host}:${target.probe.udpPort}`;
    const r = await runUdpProbe({
      host,
      port: target.probe.udpPort,
      seconds: net.probeSeconds,
      pps: net.probeRatePps,
      signal: ctx.signal,
      // A clean line needs no more than half the probe to be judged: stop when every verdict is a
      // pass even at the worst end of what was measured (see `clearPass`).
      minSeconds: Math.min(net.probeSeconds, Math.max(MIN_PROBE_SECONDS, net.probeSeconds / 2)),
      settled: (so) => clearPass(so, net, ctx.room.profile.call),
    });
    if (ctx.signal.aborted) return { status: 'error', findings: [{ severity: 'error', key: 'runner.aborted' }] };
    const details = {
      sent: r.sent,
      received: r.received,
      reflectorReceived: r.reflectorReceived,
      reflectorSent: r.reflectorSent,
      statsKnown: r.statsKnown,
      sendErrors: r.sendErrors,
      durationSeconds: Math.round(r.durationMs) / 1000,
      converged: r.converged,
      pps: net.probeRatePps,
    };
    if (r.blocked) {
      return failed('latency.udpBlocked', { target: udpTarget, sent: r.sent }, 'latency.udpBlocked.remedy', {
        metrics: [metric('rttMedian', null, 'ms', { better: 'lower', ...net.rttMs })],
        details,
      });
    }
    const jitter = Math.max(r.jitterUpMs ?? 0, r.jitterDownMs ?? 0);
    const loss = Math.max(r.uplinkLossPct ?? 0, r.downlinkLossPct ?? 0);
    const { mos, r: rFactor } = emodelMos(r.rttMedianMs ?? 0, jitter, loss);
    const metrics = [
      metric('rttMedian', r.rttMedianMs, 'ms', { better: 'lower', ...net.rttMs }),
      metric('rttMin', r.rttMinMs, 'ms'),
      metric('rttP95', r.rttP95Ms, 'ms'),
      metric('jitter', round(jitter, 2), 'ms', { better: 'lower', ...net.jitterMs }),
      metric('jitterUplink', r.jitterUpMs, 'ms'),
      metric('jitterDownlink', r.jitterDownMs, 'ms'),
      metric('lossUplink', r.uplinkLossPct, '%', { better: 'lower', ...net.lossPercent }),
      metric('lossDownlink', r.downlinkLossPct, '%', { better: 'lower', ...net.lossPercent }),
      metric('reordered', r.reorderedUp + r.reorderedDown, 'packets'),
      metric('mos', round(mos, 2), 'MOS', { better: 'higher', ...ctx.room.profile.call.mos }),
    ];
    const m = Object.fromEntries(metrics.map((x) => [x.id, x]));
    const findings: Finding[] = [
      {
        severity: 'info',
        key: 'latency.summary',
        params: {
          sent: r.sent,
          rtt: r.rttMedianMs ?? '?',
          p95: r.rttP95Ms ?? '?',
          jitter: round(jitter, 1) ?? '?',
          up: r.uplinkLossPct ?? '?',
          down: r.downlinkLossPct ?? '?',
          mos: round(mos, 2) ?? '?',
        },
      },
    ];
    // A finding for each judged metric that did not pass, as severe as its verdict.
    const ifNotPassed = (id: string, key: string, params: Finding['params'], remedyKey?: string) => {
      const v = m[id].verdict;
      if (v !== 'pass')
        findings.push({ severity: v === 'fail' ? 'fail' : 'warn', key, params, ...(remedyKey ? { remedyKey } : {}) });
    };
    ifNotPassed('rttMedian', 'latency.highRtt', { rtt: r.rttMedianMs ?? '?' }, 'latency.highRtt.remedy');
    ifNotPassed('jitter', 'latency.highJitter', { jitter: round(jitter, 1) ?? '?' }, 'latency.highJitter.remedy');
    ifNotPassed('lossUplink', 'latency.lossUplink', { loss: r.uplinkLossPct ?? '?' }, 'latency.loss.remedy');
    ifNotPassed('lossDownlink', 'latency.lossDownlink', { loss: r.downlinkLossPct ?? '?' }, 'latency.loss.remedy');
    ifNotPassed('mos', 'latency.lowMos', { mos: round(mos, 2) ?? '?' });
    if (!r.statsKnown) findings.push({ severity: 'info', key: 'latency.statsEstimated' });
    return {
      status: statusOf(metrics, findings),
      metrics,
      findings,
      details: { ...details, rFactor: round(rFactor, 1) },
    };
  },
};

/**
 * Shortest probe before an early stop: 125 packets at 50/s (0 lost → loss < 3.0 % at 95 %). Not less:
 * with 100 packets the p95 RTT of the early stop missed the relay's record by 2.5 ms (> ±2 ms) in CI.
 */
const MIN_PROBE_SECONDS = 2.5;

/**
 * The probe so far cannot end in anything but a pass: loss at the top of its 95 % interval, RTT at
 * its p95 and jitter at twice its estimate all stay inside the pass band, and so does the MOS of
 * those worst figures. Anything near a threshold (a lossy, slow or jittery line) runs the full
 * probe, so its figures keep their full resolution.
 */
export function clearPass(so: ProbeSoFar, net: NetworkRequirements, call: CallSettings): boolean {
  if (so.due < 100 || so.jitterUpMs === undefined || so.jitterDownMs === undefined) return false;
  const bound = (t: { warn?: number; fail?: number }) => t.warn ?? t.fail ?? Number.POSITIVE_INFINITY;
  const lossPct = 100 * wilsonUpper(so.lost, so.due);
  const rtt = percentile(so.rttMs, 95);
  const jitter = 2 * Math.max(so.jitterUpMs, so.jitterDownMs);
  if (
    rtt === undefined ||
    lossPct >= bound(net.lossPercent) ||
    rtt >= bound(net.rttMs) ||
    jitter >= bound(net.jitterMs)
  )
    return false;
  const mosFloor = call.mos.warn ?? call.mos.fail;
  return mosFloor === undefined || emodelMos(rtt, jitter, lossPct).mos >= mosFloor;
}
