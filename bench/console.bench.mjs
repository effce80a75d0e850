// The Department's console at fleet scale: 3,400 wards × 90 days of history (one report per
// ward per day, seeded through the same store code intake uses), then a server in its own process:
// GET /dashboard and a ward page (server time from the Server-Timing header, and wall time), and
// intake with incidents and webhooks on — every report opens or closes an incident — with the
// webhook receiver up, then down (deliveries queue; intake must not slow down). `npm run bench -- console`.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { metric } from '../dist/domain/verdict.js';
import { createFormatter } from '../dist/i18n/format.js';
import { buildReport } from '../dist/report/model.js';
import { ConsoleStore } from '../dist/server/console/store.js';
import { ReportStore } from '../dist/server/reports/store.js';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'bin', 'wardkit.js');
const t = createFormatter('en');
const WARDS = Number(process.env.BENCH_CONSOLE_WARDS ?? 3400);
const DAYS = 90;
const TARGET = { dashboard: 200, ward: 50, intake: 500 };
const SECRET = 'bench-webhook-secret-0123456789';

function report(ward, at, fps) {
  const r = (checkId, targetId, status, metrics, extra = {}) => ({
    checkId,
    targetId,
    label: extra.label ?? checkId,
    required: true,
    startedAt: at.toISOString(),
    durationMs: 1500,
    status,
    metrics,
    findings: [],
    evidence: [],
    ...extra,
  });
  const cam = [metric('frameRate', fps, 'fps', { better: 'higher', fail: 25 })];
  return buildReport(
    [
      r('host', 'default', 'pass', []),
      r('bandwidth', 'default', 'pass', [
        metric('downloadMbps', 40 + (fps % 7), 'Mbit/s', { better: 'higher', fail: 4, warn: 8 }),
        metric('uploadMbps', 20, 'Mbit/s', { better: 'higher', fail: 2 }),
      ]),
      r('latency', 'default', 'pass', [
        metric('rttMedian', 20, 'ms', { better: 'lower', fail: 300 }),
        metric('jitter', 2, 'ms', { better: 'lower', fail: 50 }),
        metric('lossUplink', 0, '%', { better: 'lower', fail: 3 }),
        metric('mos', 4.3, 'MOS', { better: 'higher', fail: 3.1 }),
      ]),
      r('camera', 'main-camera', fps < 25 ? 'fail' : 'pass', cam, {
        role: 'main-camera',
        uri: 'v4l2:///dev/video0',
        label: 'Logitech BRIO',
      }),
      r('microphone', 'room-mic', 'pass', [metric('rmsLevel', -25, 'dBFS', { better: 'higher', fail: -60 })], {
        role: 'room-mic',
        uri: 'pulse:alsa_input.usb',
        label: 'Jabra',
      }),
    ],
    {
      ward,
      profile: { id: 'ward-standard', source: { hash: 'c'.repeat(64) } },
      startedAt: new Date(at.getTime() - 60_000),
      finishedAt: at,
      t,
    },
  );
}

async function startServe(data, env, args = []) {
  const child = spawn(process.execPath, [BIN, 'serve', '--listen', '127.0.0.1:0', '--data', data, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.resume();
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 120_000);
    child.stdout.on('data', (c) => {
      out += c;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  return {
    url,
    pid: child.pid,
    stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))),
  };
}

function cpuSeconds(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

async function timedGet(url, token, n, pid) {
  const server = [];
  const cpu0 = cpuSeconds(pid);
  const wall = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    bytes = (await res.arrayBuffer()).byteLength;
    wall.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    server.push(Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN));
  }
  const cpu = ((cpuSeconds(pid) - cpu0) * 1000) / n;
  return { server: median(server.slice(1)), wall: median(wall.slice(1)), bytes, cpu };
}

async function receiver(port = 0) {
  let count = 0;
  const srv = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count++;
      res.writeHead(204).end();
    });
  });
  await new Promise((r) => srv.listen(port, '127.0.0.1', r));
  return {
    port: srv.address().port,
    count: () => count,
    close: () => new Promise((r) => (srv.close(r), srv.closeAllConnections())),
  };
}

async function pool(items, concurrency, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

export default async function () {
  const root = await mkdtemp(join(os.tmpdir(), 'wardkit-console-bench-'));
  const data = join(root, 'data');
  const admin = 'bench-admin-token-0123456789abcdef';
  const tables = [];
  try {
    // --- seed 3,400 wards × 90 days through the intake's store code -------------------------------
    const t0 = performance.now();
    const store = new ReportStore(data);
    const consoleStore = new ConsoleStore(store.db, {});
    const now = Date.now();
    const tokens = [];
    // One report per variant, cloned with a new id, ward and time (building each costs more than storing it).
    const template = { ok: report('X', new Date(now), 30), bad: report('X', new Date(now), 8) };
    const clone = (ward, at, bad) => ({
      ...(bad ? template.bad : template.ok),
      id: randomUUID(),
      ward,
      startedAt: new Date(at.getTime() - 60_000).toISOString(),
      finishedAt: at.toISOString(),
    });
    for (let w = 0; w < WARDS; w++) {
      const ward = `P${String(w).padStart(4, '0')}`;
      if (w < 200) tokens.push({ ward, token: store.createToken({ ward }).token });
      store.db.transaction(() => {
        for (let d = DAYS - 1; d >= 0; d--) {
          const at = new Date(now - d * 86400_000 - 3600_000 - (w % 60) * 60_000);
          // Every 17th ward has a camera failing now and then.
          const r = clone(ward, at, w % 17 === 0 && d % 9 < 2);
          if (store.put(r, JSON.stringify(r), at) === 'stored') consoleStore.onStored(r, at);
        }
      })();
    }
    const seedSeconds = (performance.now() - t0) / 1000;
    const reports = store.count();
    store.close();
    tables.push({
      title: 'Console bench: seeded store',
      columns: ['wards', 'days', 'reports', 'seconds to seed (store + console rows)', 'load average (1 5 15 min)'],
      rows: [[WARDS, DAYS, reports, seedSeconds.toFixed(1), load()]],
    });

    // --- page views ---------------------------------------------------------------------------
    const hook = await receiver();
    const server = await startServe(data, { WARDKIT_ADMIN_TOKEN: admin, WARDKIT_WEBHOOK_SECRET: SECRET }, [
      '--webhook',
      `http://127.0.0.1:${hook.port}/hook`,
    ]);
    const views = [];
    try {
      await timedGet(`${server.url}/dashboard`, admin, 2, server.pid); // warm-up (JIT, SQLite page cache)
      await timedGet(`${server.url}/wards/P0017`, admin, 2, server.pid);
      // The verdict uses the server's CPU time per view: on a shared machine the wall time also
      // counts the time the server waited for a core.
      const row = (name, what, r, target) => [
        name,
        what,
        (r.bytes / 1024).toFixed(0),
        r.cpu.toFixed(1),
        r.server.toFixed(1),
        r.wall.toFixed(1),
        `≤ ${target} ms`,
        r.cpu <= target ? 'PASS' : 'FAIL',
        load(),
      ];
      views.push(
        row(
          'GET /dashboard',
          `${WARDS} wards × 30-day grid`,
          await timedGet(`${server.url}/dashboard`, admin, 8, server.pid),
          TARGET.dashboard,
        ),
      );
      views.push(
        row(
          'GET /dashboard?readiness=NOT_READY&check=camera',
          'filtered',
          await timedGet(`${server.url}/dashboard?readiness=NOT_READY&check=camera`, admin, 8, server.pid),
          TARGET.dashboard,
        ),
      );
      views.push(
        row(
          'GET /wards/P0017',
          `${DAYS} days, 8 trend charts, latest report`,
          await timedGet(`${server.url}/wards/P0017`, admin, 16, server.pid),
          TARGET.ward,
        ),
      );
    } finally {
      await server.stop();
    }
    tables.push({
      title: `Console pages, ${WARDS} wards × ${DAYS} days (median; server time from Server-Timing, wall time includes transfer)`,
      columns: [
        'view',
        'what',
        'KiB',
        'server CPU ms/view',
        'server wall ms (Server-Timing)',
        'client wall ms',
        'target',
        'result',
        'load average',
      ],
      rows: views,
    });

    // --- intake with incidents and webhooks: receiver up, then down -----------------------------
    const rows = [];
    // After every seeded report (the latest are ≥ 1 h old), so each is its ward's latest.
    const runBase = Date.now() - 50 * 60_000;
    for (const [run, receiverUp] of [true, false].entries()) {
      const server2 = await startServe(data, { WARDKIT_ADMIN_TOKEN: admin, WARDKIT_WEBHOOK_SECRET: SECRET }, [
        '--webhook',
        `http://127.0.0.1:${hook.port}/hook`,
      ]);
      if (!receiverUp) await hook.close();
      try {
        // 2,000 reports for 200 wards, each alternating failing and passing: each one opens or closes an incident.
        const N = 2000;
        // Each run's reports are newer than the previous run's: every one is its ward's latest.
        const base = runBase + run * 2000 * 500;
        const bodies = Array.from({ length: N }, (_, i) => {
          const { ward, token } = tokens[i % tokens.length];
          const fail = Math.floor(i / tokens.length) % 2 === (receiverUp ? 0 : 1);
          return { token, body: JSON.stringify(report(ward, new Date(base + i * 500), fail ? 8 : 30)) };
        });
        const before = hook.count();
        const lat = [];
        let bad = 0;
        const cpu0 = cpuSeconds(server2.pid);
        const t1 = performance.now();
        await pool(bodies, 16, async ({ token, body }) => {
          const s = performance.now();
          const res = await fetch(`${server2.url}/api/v1/reports`, {
            method: 'POST',
            body,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          });
          await res.arrayBuffer();
          lat.push(performance.now() - s);
          if (res.status !== 201) bad++;
        });
        const secs = (performance.now() - t1) / 1000;
        const cpuMs = ((cpuSeconds(server2.pid) - cpu0) * 1000) / N;
        let delivered = '—';
        if (receiverUp) {
          const end = Date.now() + 60_000;
          while (hook.count() - before < N && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
          const m = await (
            await fetch(`${server2.url}/metrics`, { headers: { authorization: `Bearer ${admin}` } })
          ).text();
          delivered = `${hook.count() - before} of ${N} (${/^wardkit_webhook_pending (\d+)/m.exec(m)?.[1]} still queued)`;
        } else {
          const m = await (
            await fetch(`${server2.url}/metrics`, { headers: { authorization: `Bearer ${admin}` } })
          ).text();
          delivered = `0 (${/^wardkit_webhook_pending (\d+)/m.exec(m)?.[1]} queued)`;
        }
        const rate = N / secs;
        rows.push([
          receiverUp ? 'up' : 'down',
          N,
          secs.toFixed(2),
          rate.toFixed(0),
          cpuMs.toFixed(2),
          (1000 / cpuMs).toFixed(0),
          pct(lat, 0.5).toFixed(1),
          pct(lat, 0.99).toFixed(1),
          bad,
          delivered,
          `≥ ${TARGET.intake}/s`,
          rate >= TARGET.intake && bad === 0
            ? 'PASS'
            : 1000 / cpuMs >= TARGET.intake && bad === 0
              ? 'PASS (CPU)'
              : 'FAIL',
          load(),
        ]);
      } finally {
        await server2.stop();
      }
    }
    tables.push({
      title: 'Intake with incidents and webhooks on (every report opens or closes an incident; 16 clients)',
      columns: [
        'receiver',
        'reports',
        'seconds',
        'reports/s',
        'server CPU ms/report',
        'reports/s one server core sustains',
        'p50 ms',
        'p99 ms',
        'not 201',
        'webhooks delivered',
        'target',
        'result',
        'load average',
      ],
      rows,
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return tables;
}
