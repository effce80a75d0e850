// A user-space UDP relay that adds delay with jitter (this kernel has no netem): every packet,
// in each direction, is held for base ± jitter ms (uniform, independent), and the relay records
// what it actually applied (receive → send on its own clock), so a test computes its truth from
// the relay's record rather than from the nominal figures. The relay runs in its own process
// (delay-relay-child.mjs): sharing the prober's event loop added 1–2.7 ms to what the prober saw.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface RelayRecord {
  dir: 'up' | 'down';
  /** First 32 bytes of the packet (tests parse sequence numbers from it). */
  head: Buffer;
  plannedMs: number;
  appliedMs: number;
  recvAt: number;
  sentAt: number;
}

export interface DelayRelay {
  port: number;
  /** What the relay applied so far. */
  records(): Promise<RelayRecord[]>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./delay-relay-child.mjs', import.meta.url));

/** Listen on 127.0.0.1:0 and relay to `target`; one client at a time (the last one seen). */
export async function startDelayRelay(
  targetHost: string,
  targetPort: number,
  o: { baseMs: number; jitterMs: number },
): Promise<DelayRelay> {
  const child = spawn(process.execPath, [CHILD, targetHost, String(targetPort), String(o.baseMs), String(o.jitterMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const waiting: Array<(line: string) => void> = [];
  lines.on('line', (l) => waiting.shift()?.(l));
  const next = (ms: number) =>
    new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('delay relay did not answer')), ms);
      waiting.push((l) => (clearTimeout(t), resolve(l)));
    });
  let port: number;
  try {
    port = (JSON.parse(await next(10_000)) as { port: number }).port;
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    port,
    async records() {
      const answer = next(10_000);
      child.stdin!.write('dump\n');
      const raw = JSON.parse(await answer) as Array<Omit<RelayRecord, 'head'> & { head: string }>;
      return raw.map((r) => ({ ...r, head: Buffer.from(r.head, 'base64') }));
    },
    async close() {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.stdin!.end();
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
    },
  };
}
