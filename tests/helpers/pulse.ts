// A private PulseAudio daemon with null sinks: a real audio path with no hardware. Its own
// XDG_RUNTIME_DIR keeps it apart from any other instance; it is killed by pid at the end.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

export interface Pulse {
  /** Environment for child processes that must talk to this daemon (never mutate process.env). */
  env: NodeJS.ProcessEnv;
  runtimeDir: string;
  pid: number;
  pactl(args: string[]): string;
  stop(): void;
}

/** `parent`: where the runtime folder goes (default the temp folder; a sandboxed job with a private /tmp needs one under /run). */
export function startPulse(sinks: string[] = ['room_speaker'], opts: { parent?: string } = {}): Pulse {
  const runtimeDir = mkdtempSync(join(opts.parent ?? os.tmpdir(), 'wardkit-pulse-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_RUNTIME_DIR: runtimeDir,
    HOME: runtimeDir,
    PULSE_SERVER: `unix:${join(runtimeDir, 'pulse', 'native')}`,
  };
  const args = [
    '-D',
    '--exit-idle-time=-1',
    '-n',
    '--system=false',
    '--disallow-exit',
    '--use-pid-file=true',
    '--load=module-native-protocol-unix',
  ];
  for (const s of sinks) args.push(`--load=module-null-sink sink_name=${s} sink_properties=device.description=${s}`);
  execFileSync('pulseaudio', args, { env, timeout: 15_000, stdio: 'ignore' });
  let pid = 0;
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    try {
      pid = Number(readFileSync(join(runtimeDir, 'pulse', 'pid'), 'utf8').trim());
      execFileSync('pactl', ['info'], { env, timeout: 5000, stdio: 'ignore' });
      break;
    } catch {
      execFileSync('sleep', ['0.1']);
    }
  }
  if (!pid) throw new Error('pulseaudio did not start');
  return {
    env,
    runtimeDir,
    pid,
    pactl: (a) => execFileSync('pactl', a, { env, timeout: 10_000, encoding: 'utf8' }),
    stop() {
      const alive = () => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      if (alive()) process.kill(pid, 'SIGTERM');
      const until = Date.now() + 3000;
      while (alive() && Date.now() < until) execFileSync('sleep', ['0.05']);
      if (alive()) process.kill(pid, 'SIGKILL');
      rmSync(runtimeDir, { recursive: true, force: true });
    },
  };
}
