import { statfs } from 'node:fs/promises';
import os from 'node:os';
import { metric, statusOf } from '../domain/verdict.js';
import { provenOffsetMs, TIME_HEADER } from '../net/clock-offset.js';
import type { Check } from './types.js';
import type { CheckOutcome, Finding } from '../domain/result.js';

/**
 * Offset of the local clock from the server, ms: what the exchange proves (wardkit's own server sends
 * its clock in ms; any other server's Date header has 1 s resolution).
 */
async function clockOffsetMs(serverUrl: string, signal: AbortSignal): Promise<number | undefined> {
  try {
    const t0 = Date.now();
    const res = await fetch(serverUrl, {
      method: 'HEAD',
      signal: AbortSignal.any([signal, AbortSignal.timeout(2000)]),
    });
    const t1 = Date.now();
    const precise = Number(res.headers.get(TIME_HEADER) ?? Number.NaN);
    if (Number.isFinite(precise) && precise > 0) return provenOffsetMs(t0, t1, precise, precise);
    const date = Date.parse(res.headers.get('date') ?? '');
    if (!Number.isFinite(date)) return undefined;
    return provenOffsetMs(t0, t1, date, date + 1000);
  } catch {
    return undefined;
  }
}

export const hostCheck: Check = {
  id: 'host',
  titleKey: 'check.title.host',
  timeoutMs: 5000,
  targets: () => [{ id: 'default', label: os.hostname() }],
  resources: () => [],
  async run(_target, ctx): Promise<CheckOutcome> {
    const th = ctx.room.profile.thresholds.host;
    const findings: Finding[] = [
      { severity: 'info', key: 'host.os', params: { os: `${os.type()} ${os.release()} ${os.arch()}` } },
    ];
    const freeMem = Math.round(os.freemem() / 1048576);
    const cpus = os.cpus().length || 1;
    const load = process.platform === 'win32' ? null : Math.round((os.loadavg()[0] / cpus) * 100) / 100;
    const dir = ctx.room.evidenceDir ?? os.tmpdir();
    let freeDisk: number | null = null;
    try {
      const s = await statfs(dir);
      freeDisk = Math.round((s.bavail * s.bsize) / 1048576);
    } catch {
      freeDisk = null;
    }
    const metrics = [
      metric('freeMemory', freeMem, 'MiB', { better: 'higher', fail: th.minFreeMemoryMiB }),
      metric('freeDisk', freeDisk, 'MiB', { better: 'higher', fail: th.minFreeDiskMiB }),
      metric('cpuCount', cpus, 'count'),
    ];
    if (load !== null) metrics.push(metric('loadPerCpu', load, 'ratio', { better: 'lower', ...th.loadPerCpu }));
    const m = Object.fromEntries(metrics.map((x) => [x.id, x]));
    if (m.freeMemory.verdict === 'fail')
      findings.push({
        severity: 'fail',
        key: 'host.lowMemory',
        params: { free: freeMem, min: th.minFreeMemoryMiB },
        remedyKey: 'host.lowMemory.remedy',
      });
    if (m.freeDisk.verdict === 'fail')
      findings.push({
        severity: 'fail',
        key: 'host.lowDisk',
        params: { free: freeDisk ?? '?', min: th.minFreeDiskMiB, path: dir },
        remedyKey: 'host.lowDisk.remedy',
      });
    if (m.loadPerCpu && m.loadPerCpu.verdict !== 'pass') {
      findings.push({
        severity: m.loadPerCpu.verdict === 'fail' ? 'fail' : 'warn',
        key: 'host.highLoad',
        params: { load: load ?? '?' },
        remedyKey: 'host.highLoad.remedy',
      });
    }
    if (ctx.room.serverUrl) {
      const offset = await clockOffsetMs(ctx.room.serverUrl, ctx.signal);
      if (offset === undefined) findings.push({ severity: 'info', key: 'host.clockUnknown' });
      else {
        const cm = metric('clockOffset', Math.round(Math.abs(offset)), 'ms', { better: 'lower', ...th.clockOffsetMs });
        metrics.push(cm);
        if (cm.verdict !== 'pass')
          findings.push({
            severity: cm.verdict === 'fail' ? 'fail' : 'warn',
            key: 'host.clockOffset',
            params: { offset: Math.round(offset) },
            remedyKey: 'host.clockOffset.remedy',
          });
      }
    }
    return { status: statusOf(metrics, findings), metrics, findings };
  },
};
