// A user-space UDP relay that adds delay with jitter (this kernel has no netem): every packet,
// in each direction, is held for base ± jitter ms (uniform, independent), and the relay records
// what it actually applied (receive → send on its own clock), so a test computes its truth from
// the relay's record rather than from the nominal figures.
import dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';

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
  records: RelayRecord[];
  close(): Promise<void>;
}

/** Listen on 127.0.0.1:0 and relay to `target`; one client at a time (the last one seen). */
export async function startDelayRelay(
  targetHost: string,
  targetPort: number,
  o: { baseMs: number; jitterMs: number; random?: () => number },
): Promise<DelayRelay> {
  const rnd = o.random ?? Math.random;
  const front = dgram.createSocket('udp4');
  const back = dgram.createSocket('udp4');
  const records: RelayRecord[] = [];
  let client: { address: string; port: number } | undefined;
  const timers = new Set<NodeJS.Timeout>();
  const hold = (dir: 'up' | 'down', msg: Buffer, send: (b: Buffer) => void) => {
    const recvAt = performance.now();
    const plannedMs = o.baseMs + (rnd() * 2 - 1) * o.jitterMs;
    const t = setTimeout(() => {
      timers.delete(t);
      const sentAt = performance.now();
      send(msg);
      records.push({
        dir,
        head: Buffer.from(msg.subarray(0, 32)),
        plannedMs,
        appliedMs: sentAt - recvAt,
        recvAt,
        sentAt,
      });
    }, plannedMs); // timers fire late, never early: the record keeps what was really applied
    timers.add(t);
  };
  front.on('message', (msg, rinfo) => {
    client = { address: rinfo.address, port: rinfo.port };
    hold('up', msg, (b) => back.send(b, targetPort, targetHost));
  });
  back.on('message', (msg) => {
    const c = client;
    if (c) hold('down', msg, (b) => front.send(b, c.port, c.address));
  });
  await new Promise<void>((r) => front.bind(0, '127.0.0.1', () => r()));
  await new Promise<void>((r) => back.bind(0, '127.0.0.1', () => r()));
  return {
    port: front.address().port,
    records,
    async close() {
      for (const t of timers) clearTimeout(t);
      await Promise.all([
        new Promise<void>((r) => front.close(() => r())),
        new Promise<void>((r) => back.close(() => r())),
      ]);
    },
  };
}
