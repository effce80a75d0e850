// `npm run bench -- bufferbloat` (root + iperf3): latency under load against its truth.
// Three namespaces ward → router → server; the router's egress is tc tbf at 10 Mbit/s with an
// explicit queue limit. A UDP load of twice the rate in the direction being measured (started when
// the check says the phase began) keeps the queue full: truth = limit / rate. Also printed: what
// wardkit's own TCP load alone builds in the same queue (no truth: it depends on the TCP
// congestion control of the two ends; this kernel runs BBR, which drains the queue after its start-up).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WARDKIT = fileURLToPath(new URL('../bin/wardkit.js', import.meta.url));
const RATE = 10;
const run = (cmd, args) =>
  execFileSync(cmd, args, { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const f = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? '—' : Number(v).toFixed(d));
const have = (c) => {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', c], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

function routerPath() {
  const tag = `${process.pid % 100000}`;
  const [w, r, s] = ['w', 'r', 's'].map((x) => `perf${x}${tag}b`);
  const dw = `pbw${tag}`,
    drw = `pbrw${tag}`,
    ds = `pbs${tag}`,
    drs = `pbrs${tag}`;
  const children = [];
  const cleanup = () => {
    for (const c of children)
      try {
        process.kill(-c.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    for (const ns of [w, r, s])
      try {
        run('ip', ['netns', 'del', ns]);
      } catch {
        /* gone */
      }
  };
  try {
    for (const ns of [w, r, s]) {
      run('ip', ['netns', 'add', ns]);
      run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    }
    run('ip', ['link', 'add', dw, 'type', 'veth', 'peer', 'name', drw]);
    run('ip', ['link', 'add', ds, 'type', 'veth', 'peer', 'name', drs]);
    for (const [d, ns, a] of [
      [dw, w, '10.252.1.2/24'],
      [drw, r, '10.252.1.1/24'],
      [ds, s, '10.252.2.2/24'],
      [drs, r, '10.252.2.1/24'],
    ]) {
      run('ip', ['link', 'set', d, 'netns', ns]);
      run('ip', ['-n', ns, 'addr', 'add', a, 'dev', d]);
      run('ip', ['-n', ns, 'link', 'set', d, 'up']);
    }
    run('ip', ['-n', w, 'route', 'add', 'default', 'via', '10.252.1.1']);
    run('ip', ['-n', s, 'route', 'add', 'default', 'via', '10.252.2.1']);
    run('ip', ['netns', 'exec', r, 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
  } catch (e) {
    cleanup();
    throw e;
  }
  return {
    w,
    s,
    serverIp: '10.252.2.2',
    cleanup,
    spawn(ns, cmd, args) {
      const c = spawn('ip', ['netns', 'exec', ns, cmd, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(c);
      return c;
    },
    shape(queueMs) {
      const limit = Math.round(((RATE * 1e6) / 8) * (queueMs / 1000));
      for (const d of [drw, drs])
        run('tc', [
          '-n',
          r,
          'qdisc',
          'replace',
          'dev',
          d,
          'root',
          'tbf',
          'rate',
          `${RATE}mbit`,
          'burst',
          '32kb',
          'limit',
          String(limit),
        ]);
      return (limit * 8 * 1000) / (RATE * 1e6);
    },
  };
}

async function loadedCheck(p, profile, url, iperfPort, fill) {
  const check = p.spawn(p.w, process.execPath, [
    WARDKIT,
    'check',
    '--format',
    'json',
    '--debug',
    '--only',
    'bandwidth',
    '--profile',
    profile,
    '--server',
    url,
  ]);
  let out = '',
    err = '',
    load;
  const started = new Set();
  const stopLoad = () => {
    if (load?.pid)
      try {
        process.kill(-load.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
  };
  check.stdout.on('data', (d) => (out += d));
  check.stderr.on('data', (d) => {
    err += d;
    if (!fill) return;
    const phase = [...err.matchAll(/bandwidth: (download|upload) load started/g)]
      .map((m) => m[1])
      .find((x) => !started.has(x));
    if (!phase) return;
    started.add(phase);
    stopLoad();
    load = p.spawn(p.w, 'iperf3', [
      '-c',
      p.serverIp,
      '-p',
      String(iperfPort),
      '-u',
      '-b',
      `${2 * RATE}M`,
      '-t',
      '7',
      ...(phase === 'download' ? ['-R'] : []),
    ]);
  });
  await new Promise((r) => check.once('exit', r));
  stopLoad();
  await sleep(1000);
  return JSON.parse(out).results.find((x) => x.checkId === 'bandwidth');
}

export default async function () {
  const t = {
    title: `Latency under load: ward → router (tbf ${RATE} Mbit/s, queue limit) → server; truth = limit / rate (load average ${os.loadavg()[0].toFixed(1)})`,
    columns: [
      'queue (truth ms)',
      'load',
      'direction',
      'idle RTT',
      'loaded RTT median',
      'p95',
      'increase',
      'one-way queue built',
      'increase / truth',
      'verdict',
    ],
    rows: [],
  };
  if (process.getuid?.() !== 0 || !have('iperf3') || !have('tc')) {
    t.rows.push(['skipped: needs root, tc and iperf3', '', '', '', '', '', '', '', '', '']);
    return [t];
  }
  const p = routerPath();
  const dir = mkdtempSync(join(os.tmpdir(), 'wardkit-bench-bloat-'));
  try {
    const serve = p.spawn(p.s, process.execPath, [WARDKIT, 'serve', '--listen', `${p.serverIp}:8470`, '--data', dir]);
    let o = '';
    serve.stdout.on('data', (d) => (o += d));
    for (let i = 0; i < 200 && !o.includes('http://'); i++) await sleep(100);
    const port = 5470;
    p.spawn(p.s, 'iperf3', ['-s', '-B', p.serverIp, '-p', String(port)]);
    const profile = join(dir, 'p.yaml');
    writeFileSync(
      profile,
      `apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: bloat-bench\nname: bench\nnetwork: { uploadMbps: { min: 0.1, recommended: 0.2 }, downloadMbps: { min: 0.1, recommended: 0.2 }, bandwidthSeconds: 5 }\ncall: { video: { bitrateKbps: 100 }, audio: { bitrateKbps: 32 } }\n`,
    );
    for (const [queue, fill] of [
      [400, true],
      [20, true],
      [400, false],
      [20, false],
    ]) {
      const truth = p.shape(queue);
      const r = await loadedCheck(p, profile, `http://${p.serverIp}:8470`, port, fill);
      const ll = r?.details?.loadedLatency;
      const verdict = r?.metrics?.find((m) => m.id === 'loadedRttIncrease')?.verdict ?? '—';
      for (const dir of ['download', 'upload']) {
        const l = ll?.[dir];
        t.rows.push([
          f(truth, 0),
          fill ? `UDP ${2 * RATE} Mbit/s + wardkit` : 'wardkit TCP only',
          dir,
          f(ll?.idle?.rttMedianMs, 2),
          f(l?.rttMedianMs),
          f(l?.rttP95Ms),
          f(l?.increaseMs),
          f(l?.queueMs),
          fill ? f(l?.increaseMs / truth, 3) : '(no truth)',
          verdict,
        ]);
      }
    }
  } finally {
    p.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
  return [t];
}
