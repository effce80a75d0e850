// TURN truth: a real coturn with a test user. On 127.0.0.1 both UDP and TCP allocate; with UDP
// to the TURN port dropped (coturn inside a namespace this test made) UDP is reported blocked and
// TCP still works. Wrong credentials are refused (401), never reported as working.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allocate, binding, streamChannel, TurnError, udpChannel } from '../../src/net/stun-client.js';
import { probeIceServers } from '../../src/net/ice-probe.js';
import { startCoturn, type Turn } from '../helpers/coturn.js';
import { createLink, type NsLink } from '../helpers/netns.js';
import { systemUnavailable } from '../helpers/system.js';
import { tempDir } from '../helpers/temp.js';
import { selfSignedCert } from '../helpers/tls.js';

const why = systemUnavailable(['turnserver', 'ip', 'nft']);

describe.skipIf(why)('TURN over UDP and TCP against coturn', () => {
  let turn: Turn | undefined;
  let link: NsLink | undefined;
  afterAll(async () => {
    await turn?.stop();
    link?.cleanup();
  });

  it('binds and allocates over UDP and TCP on 127.0.0.1; wrong password is refused', async () => {
    turn = await startCoturn();
    const signal = AbortSignal.timeout(20_000);
    const u = await udpChannel(turn.host, turn.port, signal);
    try {
      const b = await binding(u, 'coturn');
      expect(b.mapped.address).toBe('127.0.0.1');
      const a = await allocate(u, turn.username, turn.credential);
      expect(a.relayed?.address).toBe('127.0.0.1');
      expect(a.relayed!.port).toBeGreaterThanOrEqual(49160);
      expect(a.relayed!.port).toBeLessThanOrEqual(49400);
    } finally {
      u.close();
    }
    const w = await udpChannel(turn.host, turn.port, signal);
    try {
      await expect(allocate(w, turn.username, 'not-the-password')).rejects.toSatisfy(
        (e) => e instanceof TurnError && e.code === 401,
      );
    } finally {
      w.close();
    }
    const c = await streamChannel(turn.host, turn.port, 'tcp', signal);
    try {
      const a = await allocate(c, turn.username, turn.credential);
      expect(a.relayed?.address).toBe('127.0.0.1');
    } finally {
      c.close();
    }
    // The whole ice probe, as the check runs it.
    const report = await probeIceServers(
      [{ urls: [`turn:${turn.host}:${turn.port}`], username: turn.username, credential: turn.credential }],
      { signal },
    );
    const byT = Object.fromEntries(report.turn.map((r) => [r.transport, r.ok]));
    expect(byT).toEqual({ udp: true, tcp: true });
    await turn.stop();
    turn = undefined;
  });

  it('reports UDP blocked and TCP working when UDP to the TURN port is dropped', async () => {
    link = createLink();
    turn = await startCoturn({ ns: link.nsB, host: link.ipB });
    link.blockUdpPort(link.nsB, turn.port);
    // Run the probe from namespace A through the built CLI's module, as a ward PC would.
    const script = `
      import { probeIceServers } from ${JSON.stringify(new URL('../../dist/net/ice-probe.js', import.meta.url).pathname)};
      const r = await probeIceServers([{ urls: ['turn:${link.ipB}:${turn.port}'], username: '${turn.username}', credential: '${turn.credential}' }], { signal: AbortSignal.timeout(15000) });
      console.log(JSON.stringify(r));`;
    const out = link.exec(link.nsA, process.execPath, ['--input-type=module', '-e', script], { timeoutMs: 30_000 });
    const report = JSON.parse(out);
    const byT = Object.fromEntries(report.turn.map((r: { transport: string; ok: boolean }) => [r.transport, r]));
    expect(byT.udp.ok).toBe(false);
    expect(byT.udp.failure.kind).toBe('timeout');
    expect(byT.tcp.ok).toBe(true);
    expect(byT.tcp.relayed.address).toBe(link.ipB);
  });

  it('allocates over TLS (turns:) with a trusted certificate and refuses an untrusted one', async () => {
    const { dir, cert, key } = selfSignedCert(tempDir('wardkit-turns-'));
    const tlsPort = 20000 + (process.pid % 20000);
    const user = 'wardtls';
    const pass = 'tls-secret-' + process.pid;
    const child = spawn(
      'turnserver',
      [
        '-n',
        '--listening-ip=127.0.0.1',
        '--relay-ip=127.0.0.1',
        `--listening-port=${tlsPort - 1}`,
        `--tls-listening-port=${tlsPort}`,
        `--cert=${cert}`,
        `--pkey=${key}`,
        '--min-port=49401',
        '--max-port=49600',
        '--lt-cred-mech',
        `--user=${user}:${pass}`,
        '--realm=wardkit.test',
        '--no-dtls',
        '--no-cli',
        '--allow-loopback-peers',
        '--log-file=stdout',
        `--pidfile=${join(dir, 'pid')}`,
      ],
      { detached: true, stdio: 'ignore' },
    );
    try {
      await new Promise((r) => setTimeout(r, 1000));
      const signal = AbortSignal.timeout(15_000);
      const ok = await probeIceServers([{ urls: [`turns:127.0.0.1:${tlsPort}`], username: user, credential: pass }], {
        signal,
        ca: readFileSync(cert),
      });
      expect(ok.turn).toHaveLength(1);
      expect(ok.turn[0]).toMatchObject({ transport: 'tls', ok: true });
      const untrusted = await probeIceServers(
        [{ urls: [`turns:127.0.0.1:${tlsPort}`], username: user, credential: pass }],
        { signal },
      );
      expect(untrusted.turn[0].ok).toBe(false);
      expect(untrusted.turn[0].failure?.kind).toBe('tlsUntrusted');
    } finally {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  });
});
