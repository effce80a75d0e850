import { DEFAULT_NETWORK } from '../../src/profiles/defaults.js';
// Faults on 127.0.0.1: connection refused, a server that accepts and never answers, one that
// closes mid-transfer, a name that does not resolve (.invalid, RFC 2606), an untrusted TLS
// certificate. Each must be a fail (or error) with a specific finding and a remedy, within the
// check's deadline — never a pass.
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChecks } from '../../src/checks/registry.js';
import { runChecks } from '../../src/checks/runner.js';
import type { RoomContext } from '../../src/checks/types.js';
import type { CheckResult } from '../../src/domain/result.js';
import { createFormatter } from '../../src/i18n/format.js';
import { loadProfile } from '../../src/profiles/resolve.js';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { selfSignedCert } from '../helpers/tls.js';

const t = createFormatter('en');
const log = { debug() {}, info() {}, warn() {} };

async function run(
  ids: string[],
  serverUrl: string,
  network: Partial<RoomContext['profile']['network']> = {},
): Promise<CheckResult[]> {
  const base = await loadProfile('demo-simulated');
  const profile = { ...base, network: { ...base.network, bandwidthSeconds: 2, probeSeconds: 2, ...network } };
  const room: RoomContext = { profile, devices: {}, serverUrl };
  return runChecks(await loadChecks(ids), room, { t, log, graceMs: 500 });
}

function expectFailWith(results: CheckResult[], key: string) {
  for (const r of results) {
    expect(['fail', 'error'], `${r.checkId}: ${r.status}`).toContain(r.status);
    const f = r.findings.find((x) => x.key === key);
    expect(f, `${r.checkId} findings: ${r.findings.map((x) => x.key).join(', ')}`).toBeDefined();
    expect(f!.remedyKey && t.has(f!.remedyKey), `${key} has a remedy`).toBe(true);
    expect(t.has(key)).toBe(true);
    // Within the deadline: not the runner's timeout.
    expect(r.findings.map((x) => x.key)).not.toContain('runner.timeout');
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

describe('network faults', () => {
  const closers: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const c of closers) await c();
  });

  it('connection refused', async () => {
    const port = await freePort();
    const results = await run(['network', 'bandwidth', 'latency'], `http://127.0.0.1:${port}`);
    expectFailWith(results, 'network.err.refused');
  });

  it('a server that accepts and never answers', async () => {
    const held: net.Socket[] = [];
    const srv = net.createServer((s) => held.push(s)).listen(0, '127.0.0.1');
    await new Promise((r) => srv.once('listening', r));
    closers.push(() => (held.forEach((s) => s.destroy()), srv.close()));
    const t0 = Date.now();
    const results = await run(
      ['network', 'bandwidth', 'latency'],
      `http://127.0.0.1:${(srv.address() as net.AddressInfo).port}`,
    );
    expectFailWith(results, 'network.err.noAnswer');
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('a server that closes mid-transfer', async () => {
    // Looks like wardkit (info with a probe section), but cuts every download after 200 kB.
    const srv = http.createServer((req, res) => {
      if (req.url?.startsWith('/api/v1/info')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ name: 'wardkit', probe: { download: '/d', upload: '/u', maxSeconds: 15 } }));
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(Buffer.alloc(200_000, 7));
      setTimeout(() => res.destroy(), 300);
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    closers.push(() => void srv.close());
    const results = await run(['bandwidth'], `http://127.0.0.1:${(srv.address() as net.AddressInfo).port}`);
    expectFailWith(results, 'network.err.reset');
    expect(results[0].metrics.find((m) => m.id === 'downloadMbps')?.value).toBeNull();
  });

  it('a host name that does not resolve (.invalid)', async () => {
    const results = await run(['network', 'bandwidth', 'latency'], 'http://wardkit-server.invalid:8470');
    expectFailWith(results, 'network.err.dns');
  });

  describe('a TLS certificate that is not trusted', () => {
    let server: RunningServer;
    beforeAll(async () => {
      const { cert, key } = selfSignedCert();
      server = await startServer({
        listen: '127.0.0.1:0',
        tlsCert: cert,
        tlsKey: key,
      });
      closers.push(() => server.close());
    });
    it('is a failure, not a pass, for every check that talks to the server', async () => {
      expect(server.url.startsWith('https://')).toBe(true);
      const results = await run(['network', 'bandwidth', 'latency'], server.url);
      expectFailWith(results, 'network.err.tlsUntrusted');
    });
  });

  it('a busy server (429) gets one retry after Retry-After; still busy → a busy finding, not a pass', async () => {
    // A check opens DEFAULT_NETWORK.bandwidthStreams streams: with 2 slots held, one slot too few.
    const server = await startServer({
      listen: '127.0.0.1:0',
      options: { maxProbes: DEFAULT_NETWORK.bandwidthStreams + 1 },
    });
    closers.push(() => server.close());
    const hold = (seconds: number) =>
      new Promise<http.ClientRequest>((resolve) => {
        const req = http.get(`${server.url}/api/v1/probe/download?seconds=${seconds}`, { agent: false }, (res) => {
          res.pause();
          resolve(req);
        });
      });
    // Slots freed after 2 s: the retry (≥ 5 s later) succeeds.
    const held = [await hold(30), await hold(30)];
    setTimeout(() => held.forEach((q) => q.destroy()), 2000);
    const [ok] = await run(['bandwidth'], server.url);
    expect(ok.status, JSON.stringify(ok.findings)).toBe('pass');
    expect(ok.details?.downloadRetried).toBe(true);
    // Slots never freed: busy finding.
    const stuck = [await hold(60), await hold(60)];
    try {
      const [busy] = await run(['bandwidth'], server.url);
      expect(busy.status).toBe('fail');
      expect(busy.findings.map((f) => f.key)).toContain('network.err.busy');
    } finally {
      stuck.forEach((q) => q.destroy());
    }
  }, 90_000);
});
