// The four network checks end to end: `wardkit check --demo` against the in-process server (as a
// user runs it), `--server` pointing at a separate `wardkit serve`, and the network check's
// endpoints list (one reachable, one that does not resolve).
import { spawn, execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadChecks } from '../../src/checks/registry.js';
import { runChecks } from '../../src/checks/runner.js';
import { createFormatter } from '../../src/i18n/format.js';
import { TIME_HEADER } from '../../src/net/clock-offset.js';
import { loadProfile } from '../../src/profiles/resolve.js';
import { startServer } from '../../src/server/app.js';
import { tempDir } from '../helpers/temp.js';

const WARDKIT = new URL('../../bin/wardkit.js', import.meta.url).pathname;
const run = promisify(execFile);

async function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const r = await run(process.execPath, [WARDKIT, ...args], { timeout: 90_000 });
    return { code: 0, stdout: r.stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe('network checks end to end', () => {
  it('check --demo runs network, bandwidth, latency and ice against the in-process server', async () => {
    const { code, stdout } = await cli([
      'check',
      '--demo',
      '--only',
      'network,bandwidth,latency,ice',
      '--format',
      'json',
    ]);
    const report = JSON.parse(stdout);
    const by = Object.fromEntries(report.results.map((r: { checkId: string }) => [r.checkId, r]));
    expect(Object.keys(by).sort()).toEqual(['bandwidth', 'ice', 'latency', 'network']);
    for (const r of Object.values(by) as Array<{ status: string; checkId: string }>)
      expect(r.status, r.checkId).toBe('pass');
    expect(code).toBe(0);
    const m = (id: string, metric: string) => by[id].metrics.find((x: { id: string }) => x.id === metric)?.value;
    expect(m('bandwidth', 'downloadMbps')).toBeGreaterThan(50);
    expect(m('bandwidth', 'uploadMbps')).toBeGreaterThan(50);
    expect(by.bandwidth.details.throughput.download.t.length).toBeGreaterThan(3);
    expect(m('latency', 'lossUplink')).toBe(0);
    expect(m('latency', 'rttMedian')).toBeLessThan(20);
    expect(m('latency', 'mos')).toBeGreaterThan(4.3);
    expect(by.ice.findings.map((f: { key: string }) => f.key)).toContain('ice.usingServerStun');
    expect(by.ice.findings.map((f: { key: string }) => f.key)).toContain('ice.publicAddress');
  });

  it('--server points the checks at a separate wardkit serve', async () => {
    const child = spawn(
      process.execPath,
      [WARDKIT, 'serve', '--listen', '127.0.0.1:0', '--data', tempDir('wardkit-sv-')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const t = setTimeout(() => reject(new Error(out)), 15_000);
        child.stdout.on('data', (d) => {
          out += d;
          const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) clearTimeout(t), resolve(m[1]);
        });
      });
      const { code, stdout } = await cli([
        'check',
        '--profile',
        'demo-simulated',
        '--server',
        url,
        '--only',
        'network,latency',
        '--format',
        'json',
      ]);
      const report = JSON.parse(stdout);
      expect(report.results.map((r: { status: string }) => r.status)).toEqual(['pass', 'pass']);
      expect(code).toBe(0);
      const net = report.results.find((r: { checkId: string }) => r.checkId === 'network');
      expect(net.details.connections[0].host).toBe('127.0.0.1');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('times every endpoint of the profile and fails on one that does not resolve', async () => {
    const server = await startServer({ listen: '127.0.0.1:0' });
    try {
      const base = await loadProfile('demo-simulated');
      const profile = {
        ...base,
        network: {
          ...base.network,
          endpoints: [
            { name: 'platform', url: server.url + '/' },
            { name: 'broken', url: 'https://conference.invalid/' },
          ],
        },
      };
      const [r] = await runChecks(
        await loadChecks(['network']),
        { profile, devices: {}, serverUrl: server.url },
        { t: createFormatter('en'), log: { debug() {}, info() {}, warn() {} } },
      );
      expect(r.status).toBe('fail');
      const ids = r.metrics.map((m) => m.id);
      expect(ids).toContain('tcpConnect');
      expect(ids).toContain('platform.tcpConnect');
      expect(ids).not.toContain('broken.tcpConnect');
      const keys = r.findings.map((f) => f.key);
      expect(keys).toContain('network.unreachable');
      expect(keys).toContain('network.err.dns');
    } finally {
      await server.close();
    }
  });

  // Truth: a server whose clock is set 5 s behind ours, and wardkit's own server (the same clock).
  it('host: a server 5 s behind reads ≥ 4.9 s and warns; wardkit serve on the same clock reads 0', async () => {
    const skewed = createServer((_req, res) => {
      res.writeHead(200, { [TIME_HEADER]: String(Date.now() - 5000) });
      res.end();
    });
    await new Promise<void>((resolve) => skewed.listen(0, '127.0.0.1', resolve));
    const own = await startServer({ listen: '127.0.0.1:0' });
    try {
      const profile = await loadProfile('demo-simulated');
      const offset = async (serverUrl: string) => {
        const [r] = await runChecks(
          await loadChecks(['host']),
          { profile, devices: {}, serverUrl },
          { t: createFormatter('en'), log: { debug() {}, info() {}, warn() {} } },
        );
        return { r, ms: r.metrics.find((m) => m.id === 'clockOffset')?.value as number };
      };
      const t0 = performance.now();
      const far = await offset(`http://127.0.0.1:${(skewed.address() as AddressInfo).port}/`);
      // The exchange proves the offset to within its round trip (≤ the check's own time): ≥ 4.9 s on an
      // idle machine, less only by a round trip that a loaded machine made longer.
      expect(far.ms).toBeGreaterThanOrEqual(Math.min(4900, 5000 - (performance.now() - t0)));
      expect(far.ms).toBeLessThanOrEqual(5000);
      expect(far.r.findings.map((f) => f.key)).toContain('host.clockOffset');
      const same = await offset(own.url);
      expect(same.ms).toBe(0);
    } finally {
      skewed.close();
      await own.close();
    }
  });
});
