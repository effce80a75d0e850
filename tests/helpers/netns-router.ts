// Three network namespaces in a line, ward → router → server, like a ward office behind its router:
// the router forwards between two veth pairs and shapes its egress with tc tbf (rate, burst and a
// queue `limit`), so a load above the rate builds a standing queue of limit/rate seconds in the
// router — bufferbloat with a known truth. Names carry "perf" and the pid; cleanup() always runs.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

let counter = 0;

export interface RouterPath {
  ward: string;
  router: string;
  server: string;
  wardIp: string;
  serverIp: string;
  exec(ns: string, cmd: string, args: string[], opts?: { timeoutMs?: number }): string;
  spawn(ns: string, cmd: string, args: string[]): ChildProcess;
  /**
   * Shape the router's egress in one direction ('download' = towards the ward, 'upload' = towards
   * the server): tbf at `mbit` with a queue limit of `latencyMs` worth of bytes. Returns the limit and
   * the queue delay when the queue is full (limit / rate): the truth for loaded latency.
   */
  shape(direction: 'download' | 'upload', mbit: number, latencyMs: number): { limitBytes: number; queueMs: number };
  cleanup(): void;
}

function run(cmd: string, args: string[], timeoutMs = 20_000): string {
  return execFileSync(cmd, args, { timeout: timeoutMs, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function createRouterPath(): RouterPath {
  const tag = `${process.pid % 100000}${++counter}`;
  const [ward, router, server] = ['w', 'r', 's'].map((x) => `perf${x}${tag}`);
  const dev = { ward: `pfw${tag}`, rWard: `pfrw${tag}`, server: `pfs${tag}`, rServer: `pfrs${tag}` };
  const a = 16 + ((process.pid + counter * 7) % 200);
  const b = (counter * 17 + (process.pid % 240)) % 240;
  const wardIp = `10.${a}.${b}.2`;
  const serverIp = `10.${a}.${b + 1}.2`;
  const children: ChildProcess[] = [];
  const cleanup = () => {
    for (const c of children) {
      if (c.pid && c.exitCode === null && c.signalCode === null) {
        try {
          process.kill(-c.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
    for (const ns of [ward, router, server]) {
      try {
        run('ip', ['netns', 'del', ns]);
      } catch {
        /* already gone */
      }
    }
  };
  try {
    for (const ns of [ward, router, server]) {
      run('ip', ['netns', 'add', ns]);
      run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    }
    run('ip', ['link', 'add', dev.ward, 'type', 'veth', 'peer', 'name', dev.rWard]);
    run('ip', ['link', 'add', dev.server, 'type', 'veth', 'peer', 'name', dev.rServer]);
    const place: Array<[string, string, string]> = [
      [dev.ward, ward, `${wardIp}/24`],
      [dev.rWard, router, `10.${a}.${b}.1/24`],
      [dev.server, server, `${serverIp}/24`],
      [dev.rServer, router, `10.${a}.${b + 1}.1/24`],
    ];
    for (const [d, ns, addr] of place) {
      run('ip', ['link', 'set', d, 'netns', ns]);
      run('ip', ['-n', ns, 'addr', 'add', addr, 'dev', d]);
      run('ip', ['-n', ns, 'link', 'set', d, 'up']);
    }
    run('ip', ['-n', ward, 'route', 'add', 'default', 'via', `10.${a}.${b}.1`]);
    run('ip', ['-n', server, 'route', 'add', 'default', 'via', `10.${a}.${b + 1}.1`]);
    run('ip', ['netns', 'exec', router, 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
  } catch (err) {
    cleanup();
    throw err;
  }
  return {
    ward,
    router,
    server,
    wardIp,
    serverIp,
    exec: (ns, cmd, args, opts) => run('ip', ['netns', 'exec', ns, cmd, ...args], opts?.timeoutMs),
    spawn(ns, cmd, args) {
      const c = spawn('ip', ['netns', 'exec', ns, cmd, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(c);
      return c;
    },
    shape(direction, mbit, latencyMs) {
      const d = direction === 'download' ? dev.rWard : dev.rServer;
      // burst 32 kB holds this kernel's timer quantum at ≤ 20 Mbit/s (tests/helpers/netns.ts)
      const burst = Math.max(32, Math.round((mbit * 1e6) / 8 / 250 / 1024));
      // An explicit queue limit in bytes: a full queue holds limit/rate seconds of traffic.
      const limitBytes = Math.round(((mbit * 1e6) / 8) * (latencyMs / 1000));
      run('tc', [
        '-n',
        router,
        'qdisc',
        'replace',
        'dev',
        d,
        'root',
        'tbf',
        'rate',
        `${mbit}mbit`,
        'burst',
        `${burst}kb`,
        'limit',
        String(limitBytes),
      ]);
      return { limitBytes, queueMs: (limitBytes * 8 * 1000) / (mbit * 1e6) };
    },
    cleanup,
  };
}
