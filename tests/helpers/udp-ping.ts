// A minimal UDP ping written for tests, sharing no code with wardkit's probe (src/net/): an echo in
// its own process and a pinger in the test's process that stamps each packet's send and receive on
// the system's monotonic clock (process.hrtime: one clock for every process on this host, so the
// stamps compare with the delay relay's). A test uses it as an independent measurement of a path's round
// trip (e.g. through the delay relay's reference lane), next to what wardkit measures.
import dgram from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { startLineChild } from './line-child.js';

/** Pings carry this magic at offset 0 and their sequence number at offset 4 (big-endian u32). */
export const PING_MAGIC = 0x54504e47; // 'TPNG'

export interface PingSample {
  seq: number;
  /** process.hrtime in ms, just before the send and on entering the receive handler. */
  sentAt: number;
  recvAt: number;
  rttMs: number;
}

/** The host's monotonic clock, ms (what the delay relay stamps with too). */
export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

export interface UdpEcho {
  port: number;
  close(): Promise<void>;
}

export async function startUdpEcho(): Promise<UdpEcho> {
  const child = await startLineChild<{ port: number }>(
    fileURLToPath(new URL('./udp-echo-child.mjs', import.meta.url)),
    [],
  );
  return { port: child.ready.port, close: () => child.close() };
}

export interface UdpPing {
  /** Stop sending, wait up to `graceMs` for the replies still due, close; the answered pings. */
  stop(graceMs?: number): Promise<PingSample[]>;
}

/** Send `size`-byte pings to host:port, `pps` per second on average, until stop(). */
export async function startUdpPing(host: string, port: number, o: { pps: number; size: number }): Promise<UdpPing> {
  const sock = dgram.createSocket('udp4');
  const sentAt: number[] = [];
  const samples: PingSample[] = [];
  sock.on('message', (msg) => {
    const at = monotonicMs();
    if (msg.length < 8 || msg.readUInt32BE(0) !== PING_MAGIC) return;
    const seq = msg.readUInt32BE(4);
    if (sentAt[seq] === undefined || samples.some((s) => s.seq === seq)) return;
    samples.push({ seq, sentAt: sentAt[seq], recvAt: at, rttMs: at - sentAt[seq] });
  });
  sock.on('error', () => undefined);
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  const send = () => {
    const seq = sentAt.length;
    const b = Buffer.alloc(o.size);
    b.writeUInt32BE(PING_MAGIC, 0);
    b.writeUInt32BE(seq, 4);
    sentAt.push(monotonicMs());
    sock.send(b, port, host);
  };
  // Random gaps (uniform over 0–2 intervals: `pps` on average) so the pings fall at every phase of
  // whatever else runs on a fixed period in this process, such as a probe under test.
  let timer: NodeJS.Timeout;
  const tick = () => {
    send();
    timer = setTimeout(tick, (Math.random() * 2000) / o.pps);
  };
  timer = setTimeout(tick, 0);
  return {
    async stop(graceMs = 300) {
      clearTimeout(timer);
      const until = performance.now() + graceMs;
      while (samples.length < sentAt.length && performance.now() < until) await new Promise((r) => setTimeout(r, 10));
      sock.close();
      return samples;
    },
  };
}
