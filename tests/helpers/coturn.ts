// A real TURN server (coturn) for relay tests, started by the test and killed by pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';

export interface Turn {
  host: string;
  port: number;
  username: string;
  credential: string;
  realm: string;
  urls: { udp: string; tcp: string };
  stop(): Promise<void>;
}

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

async function waitForTcp(host: string, port: number, ms: number, ns?: string): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (ns) {
      // Cannot connect into a namespace from here; give coturn a fixed start-up time instead.
      await new Promise((r) => setTimeout(r, 800));
      return;
    }
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, host, () => (c.destroy(), resolve(true)));
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`coturn did not start listening on ${host}:${port}`);
}

/**
 * Start turnserver with long-term credentials. `ns` runs it inside a network namespace (the
 * caller's); otherwise on `host` (default 127.0.0.1) with loopback peers allowed.
 */
export async function startCoturn(opts: { host?: string; port?: number; ns?: string } = {}): Promise<Turn> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? (opts.ns ? 3478 : await freePort(host));
  const dir = mkdtempSync(join(os.tmpdir(), 'wardkit-coturn-'));
  const username = 'wardtest';
  const credential = 'turn-secret-' + Math.random().toString(36).slice(2, 10);
  const realm = 'wardkit.test';
  const args = [
    '-n',
    `--listening-ip=${host}`,
    `--listening-port=${port}`,
    `--relay-ip=${host}`,
    '--min-port=49160',
    '--max-port=49400',
    '--lt-cred-mech',
    `--user=${username}:${credential}`,
    `--realm=${realm}`,
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--allow-loopback-peers',
    '--no-multicast-peers',
    `--pidfile=${join(dir, 'turn.pid')}`,
    '--log-file=stdout',
    '--simple-log',
  ];
  const cmd = opts.ns ? 'ip' : 'turnserver';
  const full = opts.ns ? ['netns', 'exec', opts.ns, 'turnserver', ...args] : args;
  const child: ChildProcess = spawn(cmd, full, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      await new Promise((r) => setTimeout(r, 200));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForTcp(host, port, 10_000, opts.ns);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${log.slice(-2000)}`);
  }
  return {
    host,
    port,
    username,
    credential,
    realm,
    urls: { udp: `turn:${host}:${port}?transport=udp`, tcp: `turn:${host}:${port}?transport=tcp` },
    stop,
  };
}
