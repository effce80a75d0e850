// `wardkit check` as a Nagios / Icinga / NRPE plugin: its output read by a strict parser written
// from the Monitoring Plugins development guidelines (tests/helpers/perfdata.ts), its exit codes,
// its silence on stderr, and `--timeout` (UNKNOWN, exit 3, every child process gone).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processesWithMark, runWardkit } from '../helpers/cli-run.js';
import { alerts, parsePluginOutput, type PerfDatum } from '../helpers/perfdata.js';
import { systemUnavailable } from '../helpers/system.js';
import { tempDir } from '../helpers/temp.js';

const skip = systemUnavailable(['ffmpeg']);
const STATUS = /^WARDKIT (READY|DEGRADED|NOT_READY|UNKNOWN) - \S/;
const EXIT: Record<string, number> = { READY: 0, DEGRADED: 1, NOT_READY: 2, UNKNOWN: 3 };

let work = '';
beforeAll(() => {
  work = tempDir('wardkit-outputs-nagios-');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface JsonMetric {
  id: string;
  value: number | null;
  unit: string;
  threshold?: { better: 'higher' | 'lower'; warn?: number; fail?: number };
  verdict?: string;
}

/** Perfdata values are in the unit the label's UOM says; wardkit stores MiB, the plugin prints bytes. */
const toPerfUnit = (m: JsonMetric, v: number) => (m.unit === 'MiB' ? v * 1024 * 1024 : v);

describe.skipIf(skip)('check --format nagios', () => {
  it('a full demo check: status first, valid perfdata, nothing on stderr, exit code of the status', async () => {
    const r = await runWardkit(['check', '--demo', '--format', 'nagios'], { cwd: work });
    expect(r.stderr).toBe('');
    const out = parsePluginOutput(r.stdout);
    const m = STATUS.exec(out.status);
    expect(m, r.stdout).not.toBeNull();
    expect(r.code).toBe(EXIT[m![1]]);
    // every measured family the issue names is graphed
    const labels = out.perfdata.map((d) => d.label);
    for (const want of [
      /^bandwidth_download/,
      /^bandwidth_upload/,
      /^latency_rtt/,
      /^latency_jitter/,
      /^latency_loss/,
      /^latency_mos/,
      /^camera_.*frameRate/,
      /^microphone_.*(level|Level)/,
    ]) {
      expect(
        labels.some((l) => want.test(l)),
        `${want} in ${labels.join(' ')}`,
      ).toBe(true);
    }
    for (const d of out.perfdata) expect(d.crit ?? d.warn, `${d.label} has a threshold`).toBeDefined();
    // the long text names every check, one line each
    expect(out.longText.length).toBeGreaterThanOrEqual(10);
  });

  it('perfdata thresholds alert exactly when wardkit judges warn / fail (the same report as JSON)', async () => {
    const json = join(work, 'report.json');
    // The checks with the most thresholds of both directions (the full run above covers the rest).
    const r = await runWardkit(
      [
        'check',
        '--demo',
        '--only',
        'host,camera,microphone,speaker,bandwidth,latency',
        '--format',
        'json',
        '--out',
        json,
      ],
      { cwd: work },
    );
    expect([0, 1, 2]).toContain(r.code);
    const report = JSON.parse(readFileSync(json, 'utf8')) as {
      results: Array<{ checkId: string; targetId: string; metrics: JsonMetric[] }>;
    };
    const shown = await runWardkit(['report', 'show', json, '--format', 'nagios'], { cwd: work });
    expect(shown.code).toBe(0);
    expect(shown.stderr).toBe('');
    const perf = parsePluginOutput(shown.stdout).perfdata;
    const thresholded = report.results.flatMap((res) =>
      res.metrics
        .filter((mm) => mm.threshold && (mm.threshold.fail !== undefined || mm.threshold.warn !== undefined))
        .map((mm) => ({ res, m: mm })),
    );
    expect(thresholded.length).toBeGreaterThan(8);
    expect(perf.length).toBe(thresholded.length);
    for (const { res, m: metric } of thresholded) {
      const label = [res.checkId, ...(res.targetId !== 'default' ? [res.targetId] : []), metric.id]
        .map((s) => s.replace(/[^A-Za-z0-9_.-]+/g, '_'))
        .join('_');
      const d = perf.find((p) => p.label === label) as PerfDatum;
      expect(d, `${res.checkId}/${res.targetId}/${metric.id}`).toBeDefined();
      if (metric.value === null) {
        expect(d.value).toBe('U');
        continue;
      }
      expect(d.value).toBeCloseTo(toPerfUnit(metric, metric.value), 6);
      const v = d.value as number;
      // Probe the ranges on both sides of each limit: they must agree with wardkit's judge().
      const limits = [metric.threshold!.fail, metric.threshold!.warn]
        .filter((x): x is number => x !== undefined)
        .map((x) => toPerfUnit(metric, x));
      for (const x of [v, ...limits.flatMap((l) => [l - 1e-6, l, l + 1e-6])]) {
        const better = metric.threshold!.better;
        const bad = (lim?: number) =>
          lim !== undefined && (better === 'higher' ? x < toPerfUnit(metric, lim) : x >= toPerfUnit(metric, lim));
        if (metric.threshold!.fail !== undefined)
          expect(alerts(d.crit!, x), `${d.label} crit ${d.critText} at ${x}`).toBe(bad(metric.threshold!.fail));
        if (metric.threshold!.warn !== undefined)
          expect(alerts(d.warn!, x), `${d.label} warn ${d.warnText} at ${x}`).toBe(bad(metric.threshold!.warn));
      }
    }
  });

  it('--plugin and WARDKIT_PLUGIN=1 give the same plugin output; --debug is the only way to stderr', async () => {
    for (const run of [
      await runWardkit(['check', '--demo', '--only', 'host', '--plugin'], { cwd: work }),
      await runWardkit(['check', '--demo', '--only', 'host'], { cwd: work, env: { WARDKIT_PLUGIN: '1' } }),
      await runWardkit(['--lang', 'vi', 'check', '--demo', '--only', 'host', '--format', 'nagios'], { cwd: work }),
    ]) {
      expect(run.stderr).toBe('');
      const out = parsePluginOutput(run.stdout);
      expect(out.status).toMatch(STATUS);
      expect(out.perfdata.some((d) => d.label === 'host_freeDisk' && d.uom === 'B')).toBe(true);
      // numbers in the C locale whatever the language (Vietnamese writes 12,4)
      expect(run.stdout.split('\n')[0].split(' | ')[1]).not.toMatch(/\d,\d/);
    }
    const dbg = await runWardkit(['check', '--demo', '--only', 'host', '--plugin', '--debug'], { cwd: work });
    expect(parsePluginOutput(dbg.stdout).status).toMatch(STATUS);
    expect(dbg.stderr).not.toBe('');
  });

  it('a check that cannot run is UNKNOWN (exit 3) on stdout, not an error on stderr', async () => {
    const r = await runWardkit(['check', '--profile', 'no-such-profile', '--format', 'nagios'], { cwd: work });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('');
    expect(parsePluginOutput(r.stdout).status).toMatch(/^WARDKIT UNKNOWN - \S/);
  });

  it('--timeout 5 on a full check: UNKNOWN, exit 3 within 6 s, no process left behind', async () => {
    const r = await runWardkit(['check', '--demo', '--format', 'nagios', '--timeout', '5'], {
      cwd: work,
      timeoutMs: 30_000,
    });
    const left = processesWithMark(r.mark);
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.ms).toBeLessThan(6000);
    expect(r.stderr).toBe('');
    const out = parsePluginOutput(r.stdout);
    expect(out.status).toMatch(/^WARDKIT UNKNOWN - \S/);
    expect(left).toEqual([]);
    await new Promise((res) => setTimeout(res, 1000));
    expect(processesWithMark(r.mark)).toEqual([]);
  });

  it('--timeout is checked as a usage error', async () => {
    for (const bad of ['0', '-1', 'abc', '1e99']) {
      const r = await runWardkit(['check', '--demo', '--only', 'host', '--timeout', bad], { cwd: work });
      expect(r.code, bad).toBe(64);
    }
  });
});
