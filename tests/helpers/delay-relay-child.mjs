// The delay relay's own process (tests/helpers/delay-relay.ts starts it): its timers and the prober's
// receive handler must not share one event loop, or each delays the other by a millisecond or two and
// the relay's record stops being the truth of what a packet went through.
// argv: targetHost targetPort baseMs jitterMs [refHost refPort]. With a reference target it also runs
// a second lane that holds nothing (front and back sockets of their own, same process, same event
// loop) to refHost:refPort, so a test measures the path outside the hold at the same moment and
// through the same relay. Prints {"port":N,"refPort":M}; on a line "dump" on stdin prints the records
// as one JSON line; exits when stdin ends.
// Every time is this process's monotonic clock (process.hrtime), ms: one clock for every socket.
import dgram from 'node:dgram';
import { createInterface } from 'node:readline';

const [targetHost, targetPortText, baseText, jitterText, refHost, refPortText] = process.argv.slice(2);
const baseMs = Number(baseText);
const jitterMs = Number(jitterText);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const records = [];
const timers = new Set();
const sockets = [];

/** One relay lane: a front socket for the client, a back socket towards `host:port`. */
async function lane(name, host, port, plan) {
  const front = dgram.createSocket('udp4');
  const back = dgram.createSocket('udp4');
  sockets.push(front, back);
  let client;
  const hold = (dir, msg, send) => {
    const recvAt = now();
    const plannedMs = plan();
    const out = () => {
      const sentAt = now();
      send(msg);
      records.push({
        lane: name,
        dir,
        head: msg.subarray(0, 48).toString('base64'),
        plannedMs,
        appliedMs: sentAt - recvAt,
        recvAt,
        sentAt,
      });
    };
    // Nothing to hold: send now (a 0 ms timer would still wait for the next loop turn, ≥ 1 ms).
    if (plannedMs <= 0) return out();
    // Timers fire late, never early: the record keeps what was really applied.
    const t = setTimeout(() => {
      timers.delete(t);
      out();
    }, plannedMs);
    timers.add(t);
  };
  front.on('message', (msg, rinfo) => {
    client = { address: rinfo.address, port: rinfo.port };
    hold('up', msg, (b) => back.send(b, port, host));
  });
  back.on('message', (msg) => {
    const c = client;
    if (c) hold('down', msg, (b) => front.send(b, c.port, c.address));
  });
  await new Promise((r) => front.bind(0, '127.0.0.1', () => r()));
  await new Promise((r) => back.bind(0, '127.0.0.1', () => r()));
  return front.address().port;
}

const port = await lane('held', targetHost, Number(targetPortText), () => baseMs + (Math.random() * 2 - 1) * jitterMs);
const refPort = refHost ? await lane('ref', refHost, Number(refPortText), () => 0) : undefined;
process.stdout.write(`${JSON.stringify({ port, refPort })}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (l) => {
  if (l.trim() === 'dump') process.stdout.write(`${JSON.stringify(records)}\n`);
});
lines.on('close', () => {
  for (const t of timers) clearTimeout(t);
  for (const s of sockets) s.close();
});
