// A user-space UDP relay that adds delay with jitter (this kernel has no netem): every packet,
// in each direction, is held for base ± jitter ms (uniform, independent), and the relay records
// what it actually applied (receive → send on its own clock), so a test computes its truth from
// the relay's record rather than from the nominal figures. The relay runs in its own process
// (delay-relay-child.mjs): sharing the prober's event loop added 1–2.7 ms to what the prober saw.
// Optionally a reference lane in the same process holds nothing and relays to another target, so a
// test measures the path outside the hold with its own code at the same time (udp-ping.ts).
import { fileURLToPath } from 'node:url';
import { startLineChild } from './line-child.js';

export interface RelayRecord {
  /** 'held': the lane that delays; 'ref': the reference lane that holds nothing. */
  lane: 'held' | 'ref';
  dir: 'up' | 'down';
  /** First 48 bytes of the packet (tests parse sequence numbers and stamps from it). */
  head: Buffer;
  plannedMs: number;
  appliedMs: number;
  recvAt: number;
  sentAt: number;
}

export interface DelayRelay {
  port: number;
  /** The reference lane's front port (when a reference target was given). */
  refPort: number | undefined;
  /** What the relay applied so far. */
  records(): Promise<RelayRecord[]>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./delay-relay-child.mjs', import.meta.url));

/** Listen on 127.0.0.1:0 and relay to `target`; one client at a time (the last one seen). */
export async function startDelayRelay(
  targetHost: string,
  targetPort: number,
  o: { baseMs: number; jitterMs: number; reference?: { host: string; port: number } },
): Promise<DelayRelay> {
  const ref = o.reference ? [o.reference.host, String(o.reference.port)] : [];
  const child = await startLineChild<{ port: number; refPort?: number }>(CHILD, [
    targetHost,
    String(targetPort),
    String(o.baseMs),
    String(o.jitterMs),
    ...ref,
  ]);
  return {
    port: child.ready.port,
    refPort: child.ready.refPort,
    async records() {
      const raw = JSON.parse(await child.ask('dump')) as Array<Omit<RelayRecord, 'head'> & { head: string }>;
      return raw.map((r) => ({ ...r, head: Buffer.from(r.head, 'base64') }));
    },
    close: () => child.close(),
  };
}
