// A loopback-only network namespace for interop tests with independent WebRTC peers (Chromium,
// aiortc, GStreamer): nothing in it can reach any other network. `lo` is up (127.0.0.1), and a veth
// pair whose both ends stay inside carries 127.0.0.2/32, because libnice (GStreamer) ignores
// interfaces flagged LOOPBACK and would gather no candidate at all. Optional nftables loss on the
// namespace's input hook (the kernel here has no netem). The name carries the helper name and the
// pid so parallel runs never collide; cleanup() kills what was started in it and deletes it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

let counter = 0;

export interface LoopNs {
  name: string;
  /** Start a long-running command inside the namespace (killed with its process group by cleanup()). */
  spawn(cmd: string, args: string[], env?: NodeJS.ProcessEnv): ChildProcess;
  /** Run a command inside the namespace and wait for it. */
  exec(cmd: string, args: string[], opts?: { timeoutMs?: number; input?: string }): string;
  /** Drop `percent` % of the UDP packets arriving on `port` (0 = every UDP port) at random. */
  loss(percent: number, port?: number): void;
  clearLoss(): void;
  cleanup(): void;
}

function run(cmd: string, args: string[], opts: { timeoutMs?: number; input?: string } = {}): string {
  return execFileSync(cmd, args, {
    timeout: opts.timeoutMs ?? 20_000,
    input: opts.input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export function createLoopNs(tag = 'rtc'): LoopNs {
  const n = ++counter;
  const name = `wk${tag}${process.pid % 100000}n${n}`.slice(0, 30);
  const veth = `wk${tag}${n}${process.pid % 1000}`.slice(0, 13);
  const children: ChildProcess[] = [];
  const nft = (input: string) => run('ip', ['netns', 'exec', name, 'nft', '-f', '-'], { input });
  const ns: LoopNs = {
    name,
    spawn(cmd, args, env) {
      const c = spawn('ip', ['netns', 'exec', name, cmd, ...args], {
        env: env ?? process.env,
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      children.push(c);
      return c;
    },
    exec: (cmd, args, opts) => run('ip', ['netns', 'exec', name, cmd, ...args], opts),
    loss(percent, port = 0) {
      ns.clearLoss();
      const match = port ? `udp dport ${port} ` : 'meta l4proto udp ';
      nft(
        `table inet wardkit_rtc {\n chain input {\n  type filter hook input priority 0; policy accept;\n  ${match}numgen random mod 1000 < ${Math.round(percent * 10)} drop\n }\n}\n`,
      );
    },
    clearLoss() {
      try {
        run('ip', ['netns', 'exec', name, 'nft', 'delete', 'table', 'inet', 'wardkit_rtc']);
      } catch {
        /* no table */
      }
    },
    cleanup() {
      for (const c of children) {
        if (c.pid && c.exitCode === null && c.signalCode === null) {
          try {
            process.kill(-c.pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }
      }
      try {
        run('ip', ['netns', 'del', name]);
      } catch {
        /* already gone */
      }
    },
  };
  try {
    run('ip', ['netns', 'add', name]);
    run('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    run('ip', ['-n', name, 'link', 'add', `${veth}a`, 'type', 'veth', 'peer', 'name', `${veth}b`]);
    run('ip', ['-n', name, 'addr', 'add', '127.0.0.2/32', 'dev', `${veth}a`]);
    run('ip', ['-n', name, 'link', 'set', `${veth}a`, 'up']);
    run('ip', ['-n', name, 'link', 'set', `${veth}b`, 'up']);
  } catch (err) {
    ns.cleanup();
    throw err;
  }
  return ns;
}
