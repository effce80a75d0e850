// A UDP echo in its own process (tests/helpers/udp-ping.ts starts it), as a reflector runs in its own
// process: every datagram goes straight back to its sender from the receive handler. Binds
// 127.0.0.1:0, prints {"port":N}, exits when stdin ends.
import dgram from 'node:dgram';

const sock = dgram.createSocket('udp4');
sock.on('message', (msg, rinfo) => sock.send(msg, rinfo.port, rinfo.address));
await new Promise((r) => sock.bind(0, '127.0.0.1', () => r()));
process.stdout.write(`${JSON.stringify({ port: sock.address().port })}\n`);
process.stdin.resume();
process.stdin.on('end', () => sock.close());
