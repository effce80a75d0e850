// The probe endpoints of `wardkit serve`: exact byte counts, incompressible data, the upload sink's
// own count, the cap on concurrent probes (429 + Retry-After) and on bytes per request, the UDP
// reflector's counters and STUN answer; and the serve command's clean shutdown on SIGTERM.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binding, udpChannel } from '../../src/net/stun-client.js';
import { runUdpProbe } from '../../src/net/udp-probe.js';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { tempDir } from '../helpers/temp.js';

const WARDKIT = new URL('../../bin/wardkit.js', import.meta.url).pathname;

function get(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('probe endpoints', () => {
  let s: RunningServer;
  beforeAll(async () => {
    s = await startServer({ listen: '127.0.0.1:0', options: { maxProbes: 2, maxProbeMb: 4 } });
  });
  afterAll(() => s?.close());

  it('advertises the probe endpoints and the UDP port in /api/v1/info', async () => {
    const info = JSON.parse((await get(`${s.url}/api/v1/info`)).body.toString());
    expect(info.probe.download).toBe('/api/v1/probe/download');
    expect(info.probe.udpPort).toBeGreaterThan(0);
  });

  it('downloads exactly N incompressible bytes, and at most the cap', async () => {
    const r = await get(`${s.url}/api/v1/probe/download?bytes=3000000`);
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(3_000_000);
    expect(r.headers['content-length']).toBe('3000000');
    expect(gzipSync(r.body.subarray(0, 1_000_000)).length).toBeGreaterThan(0.99 * 1_000_000);
    const capped = await get(`${s.url}/api/v1/probe/download?bytes=50000000`);
    expect(capped.body.length).toBe(4 * 1048576);
    expect((await get(`${s.url}/api/v1/probe/download?bytes=-1`)).status).toBe(400);
  });

  it('counts upload bytes itself and reports them with its own duration', async () => {
    const body = Buffer.alloc(2_500_000, 1);
    const text = await new Promise<string>((resolve, reject) => {
      const req = http.request(`${s.url}/api/v1/probe/upload`, { method: 'POST', agent: false }, (res) => {
        let out = '';
        res.on('data', (c) => (out += c));
        res.on('end', () => resolve(out));
      });
      req.on('error', reject);
      req.end(body);
    });
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const done = lines.at(-1);
    expect(done).toMatchObject({ done: true, bytes: 2_500_000 });
    expect(done.durationMs).toBeGreaterThan(0);
  });

  it('answers 429 with Retry-After when the concurrent probes are all taken', async () => {
    // Its own server with a large byte cap: with the 4 MiB cap above, a paused client's socket
    // buffers (tcp_rmem max can be 32 MiB) swallow a whole capped stream, which then ends and
    // frees its slot — the test would depend on the kernel's buffer sizes.
    const s = await startServer({ listen: '127.0.0.1:0', options: { maxProbes: 2, maxProbeMb: 4096 } });
    try {
      await holdTwoAndExpect429(s);
    } finally {
      await s.close();
    }
  });

  async function holdTwoAndExpect429(s: RunningServer) {
    const held: http.ClientRequest[] = [];
    for (let i = 0; i < 2; i++) {
      await new Promise<void>((resolve) => {
        const req = http.get(`${s.url}/api/v1/probe/download?seconds=5`, { agent: false }, (res) => {
          res.pause(); // hold the slot without reading
          resolve();
        });
        held.push(req);
      });
    }
    const r = await get(`${s.url}/api/v1/probe/download?bytes=10`);
    expect(r.status).toBe(429);
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    held.forEach((q) => q.destroy());
    await new Promise((r) => setTimeout(r, 200));
    expect((await get(`${s.url}/api/v1/probe/download?bytes=10`)).status).toBe(200);
  }

  it('reflects UDP probes with exact per-direction counters and answers STUN on the same port', async () => {
    const info = JSON.parse((await get(`${s.url}/api/v1/info`)).body.toString());
    const r = await runUdpProbe({
      host: '127.0.0.1',
      port: info.probe.udpPort,
      seconds: 1,
      pps: 100,
      signal: AbortSignal.timeout(10_000),
    });
    expect(r.statsKnown).toBe(true);
    expect(r.sent).toBe(100);
    expect(r.reflectorReceived).toBe(100);
    expect(r.reflectorSent).toBe(100);
    expect(r.received).toBe(100);
    expect(r.uplinkLossPct).toBe(0);
    const ch = await udpChannel('127.0.0.1', info.probe.stunPort, AbortSignal.timeout(5000));
    try {
      const b = await binding(ch, 'wardkit');
      expect(b.mapped.address).toBe('127.0.0.1');
    } finally {
      ch.close();
    }
  });
});

describe('wardkit serve', () => {
  it('stops cleanly on SIGTERM: exit 0, TCP and UDP ports free again', async () => {
    const port = await new Promise<number>((resolve) => {
      const x = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (x.address() as net.AddressInfo).port;
        x.close(() => resolve(p));
      });
    });
    const child = spawn(
      process.execPath,
      [WARDKIT, 'serve', '--listen', `127.0.0.1:${port}`, '--data', tempDir('wardkit-serve-'), '--max-probes', '8'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(out)), 15_000);
      const iv = setInterval(() => {
        if (out.includes(`127.0.0.1:${port}`)) clearInterval(iv), clearTimeout(t), resolve();
      }, 50);
    });
    const info = JSON.parse((await get(`http://127.0.0.1:${port}/api/v1/info`)).body.toString());
    expect(info.probe.udpPort).toBe(port); // same number as HTTP by default
    expect(info.probe.maxProbes).toBe(8);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    await new Promise<void>((resolve, reject) => {
      const x = net
        .createServer()
        .once('error', reject)
        .listen(port, '127.0.0.1', () => x.close(() => resolve()));
    });
    await new Promise<void>((resolve, reject) => {
      const u = dgram.createSocket('udp4');
      u.once('error', reject);
      u.bind(port, '127.0.0.1', () => u.close(() => resolve()));
    });
  });

  it('rejects a bad --max-probes as a usage error', async () => {
    const child = spawn(process.execPath, [WARDKIT, 'serve', '--max-probes', 'lots'], { stdio: 'ignore' });
    expect(await new Promise((r) => child.once('exit', r))).toBe(64);
  });
});
