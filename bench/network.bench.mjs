// `npm run bench -- network`: how close wardkit's network measurements come to the truth, and how
// long each takes.
//  1. Bandwidth on a veth link shaped with tc tbf (2, 10, 50 Mbit/s): wardkit vs iperf3 (4 streams,
//     5 s, first second omitted) vs the shaped rate, both directions.       (root + iperf3)
//  2. Loss: nftables random drop in the receiver's input hook; truth = the rule's own counter. (root)
//  3. RTT and jitter through a user-space delay relay (40 ± 10 ms each way); truth = the relay's record.
import { execFileSync, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startServer } from '../dist/server/app.js';
import { runUdpProbe } from '../dist/net/udp-probe.js';
import { median, percentile, rfc3550Jitter } from '../dist/net/stats.js';
import { clearPass } from '../dist/checks/latency.js';
import { DEFAULT_CALL, DEFAULT_NETWORK } from '../dist/profiles/defaults.js';
import { serveInNamespace } from '../tests/helpers/netns-router.mjs';

const WARDKIT = fileURLToPath(new URL('../bin/wardkit.js', import.meta.url));
const root = process.platform === 'linux' && process.getuid?.() === 0;
const have = (c) => {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', c], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const run = (cmd, args, o = {}) =>
  execFileSync(cmd, args, {
    encoding: 'utf8',
    timeout: o.timeout ?? 30_000,
    input: o.input,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const f = (v, d = 2) => (v === null || v === undefined || Number.isNaN(v) ? '—' : Number(v).toFixed(d));

function makeLink() {
  const tag = `${process.pid % 100000}b`;
  const nsA = `wkA${tag}`,
    nsB = `wkB${tag}`,
    vA = `wka${tag}`,
    vB = `wkb${tag}`;
  const ipA = '10.251.7.1',
    ipB = '10.251.7.2';
  const children = [];
  const cleanup = () => {
    for (const c of children)
      try {
        process.kill(-c.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    for (const ns of [nsA, nsB])
      try {
        run('ip', ['netns', 'del', ns]);
      } catch {
        /* gone */
      }
  };
  try {
    run('ip', ['netns', 'add', nsA]);
    run('ip', ['netns', 'add', nsB]);
    run('ip', ['link', 'add', vA, 'type', 'veth', 'peer', 'name', vB]);
    run('ip', ['link', 'set', vA, 'netns', nsA]);
    run('ip', ['link', 'set', vB, 'netns', nsB]);
    run('ip', ['-n', nsA, 'addr', 'add', `${ipA}/24`, 'dev', vA]);
    run('ip', ['-n', nsB, 'addr', 'add', `${ipB}/24`, 'dev', vB]);
    for (const [ns, dev] of [
      [nsA, vA],
      [nsB, vB],
    ]) {
      run('ip', ['-n', ns, 'link', 'set', dev, 'up']);
      run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    }
  } catch (e) {
    cleanup();
    throw e;
  }
  return {
    nsA,
    nsB,
    ipA,
    ipB,
    cleanup,
    exec: (ns, cmd, args, o) => run('ip', ['netns', 'exec', ns, cmd, ...args], o),
    spawn(ns, cmd, args) {
      const c = spawn('ip', ['netns', 'exec', ns, cmd, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(c);
      return c;
    },
    shape(mbit) {
      for (const [ns, dev] of [
        [nsA, vA],
        [nsB, vB],
      ])
        run('tc', [
          '-n',
          ns,
          'qdisc',
          'replace',
          'dev',
          dev,
          'root',
          'tbf',
          'rate',
          `${mbit}mbit`,
          'burst',
          // 32 kB holds ≤ 50 Mbit/s on this kernel; at fibre rates 1/100 s of traffic (tests/helpers/netns.ts)
          `${Math.max(32, Math.round((mbit * 1e6) / 8 / (mbit >= 100 ? 100 : 250) / 1024))}kb`,
          'latency',
          '50ms',
        ]);
    },
    nft(ns, rule) {
      try {
        run('ip', ['netns', 'exec', ns, 'nft', 'delete', 'table', 'inet', 'wardkit_bench']);
      } catch {
        /* none */
      }
      if (rule)
        run('ip', ['netns', 'exec', ns, 'nft', '-f', '-'], {
          input: `table inet wardkit_bench {\n chain input {\n  type filter hook input priority 0; policy accept;\n  ${rule}\n }\n}\n`,
        });
    },
    counted(ns) {
      return Number(
        /counter packets (\d+)/.exec(
          run('ip', ['netns', 'exec', ns, 'nft', 'list', 'table', 'inet', 'wardkit_bench']),
        )?.[1] ?? NaN,
      );
    },
  };
}

function profileFile(network) {
  const file = join(mkdtempSync(join(os.tmpdir(), 'wardkit-bench-')), 'p.yaml');
  writeFileSync(
    file,
    `apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: net-bench\nname: bench\nnetwork: ${JSON.stringify({ uploadMbps: { min: 0.1, recommended: 0.2 }, downloadMbps: { min: 0.1, recommended: 0.2 }, ...network })}\ncall: { video: { bitrateKbps: 100 }, audio: { bitrateKbps: 32 } }\n`,
  );
  return file;
}

function check(link, args) {
  let out;
  try {
    out = link.exec(link.nsA, process.execPath, [WARDKIT, 'check', '--format', 'json', ...args], { timeout: 180_000 });
  } catch (e) {
    out = e.stdout;
  }
  return JSON.parse(out).results[0];
}

async function serveIn(link) {
  const { url } = await serveInNamespace(link, {
    ns: link.nsB,
    ip: link.ipB,
    port: 8470,
    wardkit: WARDKIT,
    dataDir: mkdtempSync(join(os.tmpdir(), 'wardkit-bench-serve-')),
    timeoutMs: 15_000,
  });
  return url;
}

async function bandwidthTable() {
  const t = {
    title: `Bandwidth: tbf-shaped veth link — wardkit (2 HTTP streams, probe stream beside) vs iperf3 (4 streams, 5 s, -O 1); load average ${os.loadavg()[0].toFixed(1)}`,
    columns: [
      'shaped Mbit/s',
      'direction',
      'wardkit',
      'iperf3',
      'wardkit / rate',
      'wardkit / iperf3',
      'wardkit s',
      'iperf3 s',
    ],
    rows: [],
  };
  if (!root || !have('iperf3')) {
    t.rows.push(['—', '—', 'skipped: needs root and iperf3', '', '', '', '', '']);
    return t;
  }
  const link = makeLink();
  try {
    const url = await serveIn(link);
    const profile = profileFile({ bandwidthSeconds: 5 });
    let port = 5301;
    for (const rate of [2, 10, 50, 100, 300]) {
      link.shape(rate);
      const t0 = performance.now();
      const r = check(link, ['--only', 'bandwidth', '--profile', profile, '--server', url]);
      const wkSeconds = (performance.now() - t0) / 1000;
      const m = Object.fromEntries(r.metrics.map((x) => [x.id, x.value]));
      for (const [dir, reverse] of [
        ['download', true],
        ['upload', false],
      ]) {
        const p = port++;
        link.spawn(link.nsB, 'iperf3', ['-s', '-1', '-B', link.ipB, '-p', String(p)]);
        await sleep(400);
        const i0 = performance.now();
        const j = JSON.parse(
          link.exec(link.nsA, 'iperf3', [
            '-c',
            link.ipB,
            '-p',
            String(p),
            '-t',
            '5',
            '-O',
            '1',
            '-P',
            '4',
            '-J',
            ...(reverse ? ['-R'] : []),
          ]),
        );
        const ip = j.end.sum_received.bits_per_second / 1e6;
        const ours = m[`${dir}Mbps`];
        t.rows.push([
          rate,
          dir,
          f(ours, 3),
          f(ip, 3),
          f(ours / rate, 3),
          f(ours / ip, 3),
          `${f(r.details[dir].elapsedSeconds, 1)} (${r.details[dir].clearPass ? 'clear pass' : r.details[dir].stable ? 'stable' : 'cap'})`,
          f((performance.now() - i0) / 1000, 1),
        ]);
      }
      void wkSeconds;
    }
  } finally {
    link.cleanup();
  }
  return t;
}

async function lossTable() {
  const t = {
    title: "Loss per direction: nftables random drop in the receiver's input hook (truth = the rule's counter)",
    columns: ['nominal %', 'direction', 'truth %', 'measured %', 'packets', 'probe s'],
    rows: [],
  };
  if (!root || !have('nft')) {
    t.rows.push(['—', 'skipped: needs root and nft', '', '', '', '']);
    return t;
  }
  const link = makeLink();
  try {
    const url = await serveIn(link);
    const profile = profileFile({ probeSeconds: 30, probeRatePps: 100 });
    for (const [up, down] of [
      [2, 5],
      [5, 2],
    ]) {
      link.nft(link.nsB, `udp dport 8470 numgen random mod 1000 < ${up * 10} counter drop`);
      link.nft(link.nsA, `udp sport 8470 numgen random mod 1000 < ${down * 10} counter drop`);
      const r = check(link, ['--only', 'latency', '--profile', profile, '--server', url]);
      const m = Object.fromEntries(r.metrics.map((x) => [x.id, x.value]));
      t.rows.push([
        up,
        'uplink',
        f((100 * link.counted(link.nsB)) / r.details.sent),
        f(m.lossUplink),
        r.details.sent,
        f(r.details.durationSeconds, 1),
      ]);
      t.rows.push([
        down,
        'downlink',
        f((100 * link.counted(link.nsA)) / r.details.reflectorSent),
        f(m.lossDownlink),
        r.details.reflectorSent,
        f(r.details.durationSeconds, 1),
      ]);
    }
  } finally {
    link.cleanup();
  }
  return t;
}

async function relayTable() {
  const t = {
    title:
      "RTT and one-way jitter through a delay relay (40 ± 10 ms each way, uniform); truth = the relay's record. " +
      'Full: a 10 s probe; early stop: what the latency check asks with the default profile (5 s, stop from 2.5 s when every verdict is a clear pass)',
    columns: ['probe', 'metric', 'truth ms', 'measured ms', 'error ms'],
    rows: [],
  };
  for (const [mode, extra] of [
    ['full 10 s', { seconds: 10 }],
    ['early stop', { seconds: 5, minSeconds: 2.5, settled: (so) => clearPass(so, DEFAULT_NETWORK, DEFAULT_CALL) }],
  ])
    await relayRun(t, mode, extra);
  return t;
}

async function relayRun(t, mode, extra) {
  const server = await startServer({ listen: '127.0.0.1:0' });
  const reflector = server.modules.find((m) => m.name === 'probe').info().udpPort;
  const front = dgram.createSocket('udp4');
  const back = dgram.createSocket('udp4');
  const rec = [];
  let client;
  const hold = (dir, msg, send) => {
    const at = performance.now();
    setTimeout(
      () => {
        const sent = performance.now();
        send(msg);
        rec.push({ dir, seq: msg.readUInt32BE(12), type: msg.readUInt8(4), applied: sent - at, sent });
      },
      40 + (Math.random() * 2 - 1) * 10,
    );
  };
  front.on('message', (m, r) => ((client = r), hold('up', m, (b) => back.send(b, reflector, '127.0.0.1'))));
  back.on('message', (m) => hold('down', m, (b) => front.send(b, client.port, client.address)));
  await new Promise((r) => front.bind(0, '127.0.0.1', r));
  await new Promise((r) => back.bind(0, '127.0.0.1', r));
  try {
    const t0 = performance.now();
    const r = await runUdpProbe({
      host: '127.0.0.1',
      port: front.address().port,
      pps: 50,
      signal: AbortSignal.timeout(30_000),
      ...extra,
    });
    const secs = (performance.now() - t0) / 1000;
    const probe = (x) => x.type === 1 || x.type === 2;
    const up = rec.filter((x) => x.dir === 'up' && probe(x)).sort((a, b) => a.sent - b.sent);
    const down = rec.filter((x) => x.dir === 'down' && probe(x)).sort((a, b) => a.sent - b.sent);
    const upBy = new Map(up.map((x) => [x.seq, x.applied]));
    const rtt = down.map((x) => upBy.get(x.seq) + x.applied).filter(Number.isFinite);
    const rows = [
      ['RTT median', median(rtt), r.rttMedianMs],
      ['RTT min', percentile(rtt, 0), r.rttMinMs],
      ['RTT p95', percentile(rtt, 95), r.rttP95Ms],
      ['jitter uplink (RFC 3550)', rfc3550Jitter(up.map((x) => x.applied)), r.jitterUpMs],
      ['jitter downlink (RFC 3550)', rfc3550Jitter(down.map((x) => x.applied)), r.jitterDownMs],
    ];
    for (const [name, truth, measured] of rows) t.rows.push([mode, name, f(truth), f(measured), f(measured - truth)]);
    t.rows.push([
      mode,
      `(${r.sent} packets at 50/s, ${f(secs, 1)} s${r.converged ? ', stopped early' : ''})`,
      '',
      '',
      '',
    ]);
  } finally {
    front.close();
    back.close();
    await server.close();
  }
}

export default async function () {
  return [await bandwidthTable(), await lossTable(), await relayTable()];
}
