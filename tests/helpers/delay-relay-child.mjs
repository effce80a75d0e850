// The delay relay's own process (tests/helpers/delay-relay.ts starts it): its timers and the prober's
// receive handler must not share one event loop, or each delays the other by a millisecond or two and
// the relay's record stops being the truth of what a packet went through.
// argv: targetHost targetPort baseMs jitterMs. Prints {"port":N}; on a line "dump" on stdin prints
// the records as one JSON line; exits when stdin ends.
import dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

const [targetHost, targetPortText, baseText, jitterText] = process.argv.slice(2);
const targetPort = Number(targetPortText);
const baseMs = Number(baseText);
const jitterMs = Number(jitterText);
const front = dgram.createSocket('udp4');
const back = dgram.createSocket('udp4');
const records = [];
let client;
const timers = new Set();
const hold = (dir, msg, send) => {
  const recvAt = performance.now();
  const plannedMs = baseMs + (Math.random() * 2 - 1) * jitterMs;
  const t = setTimeout(() => {
    timers.delete(t);
    const sentAt = performance.now();
    send(msg);
    records.push({
      dir,
      head: msg.subarray(0, 32).toString('base64'),
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
await new Promise((r) => front.bind(0, '127.0.0.1', () => r()));
await new Promise((r) => back.bind(0, '127.0.0.1', () => r()));
process.stdout.write(`${JSON.stringify({ port: front.address().port })}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (l) => {
  if (l.trim() === 'dump') process.stdout.write(`${JSON.stringify(records)}\n`);
});
lines.on('close', () => {
  for (const t of timers) clearTimeout(t);
  front.close();
  back.close();
});
