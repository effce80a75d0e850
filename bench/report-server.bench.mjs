// Report intake rate on SQLite over HTTP (server in its own process, as `wardkit serve` runs),
// and the fleet views with 3,300 wards. `npm run bench -- report-server`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReport } from '../dist/report/model.js';
import { createFormatter } from '../dist/i18n/format.js';
import { ReportStore } from '../dist/server/reports/store.js';

const here = dirname(fileURLToPath(import.meta.url));
const BIN = join(here, '..', 'bin', 'wardkit.js');
const t = createFormatter('en');
const INTAKE_TARGET = 500; // reports/s on 2 cores
const DASHBOARD_TARGET_MS = 500; // GET /dashboard with 3,300 wards
const WARDS = 3300;

function report(ward, at, big = false) {
  const results = ['host', 'camera', 'microphone', 'speaker', 'network', 'call'].map((checkId, i) => ({
    checkId,
    targetId: 'default',
    label: checkId,
    required: true,
    startedAt: at.toISOString(),
    durationMs: 1000 + i,
    status: i === 4 && ward.endsWith('7') ? 'fail' : 'pass',
    metrics: [
      { id: 'a', value: 12.5, unit: 'ms', threshold: { better: 'lower', warn: 100, fail: 300 }, verdict: 'pass' },
      { id: 'b', value: 3, unit: 'Mbit/s', threshold: { better: 'higher', fail: 1.2 }, verdict: 'pass' },
    ],
    findings: [],
    evidence: [],
    // A camera/network check with its series and an inline spectrum, as real reports carry.
    ...(big && i === 4
      ? {
          details: { series: Array.from({ length: 1500 }, (_, k) => Math.round(Math.sin(k) * 1e4) / 100) },
          evidence: [
            {
              kind: 'svg',
              inline: `<svg>${'<path d="M0 0L1 1"/>'.repeat(150)}</svg>`,
              mime: 'image/svg+xml',
              label: 'spectrum',
            },
          ],
        }
      : {}),
  }));
  return buildReport(results, {
    ward,
    profile: { id: 'ward-standard', source: { hash: 'c'.repeat(64) } },
    startedAt: at,
    finishedAt: new Date(at.getTime() + 15000),
    t,
  });
}

async function startServe(data, adminToken) {
  const child = spawn(process.execPath, [BIN, 'serve', '--listen', '127.0.0.1:0', '--data', data], {
    env: { ...process.env, WARDKIT_ADMIN_TOKEN: adminToken },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.resume(); // its log (one line per report) must not fill the pipe and block it
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 15000);
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
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
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

/** CPU seconds (user + system) a process has used so far; Linux only. */
function cpuSeconds(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100)
  } catch {
    return undefined;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function () {
  const root = await mkdtemp(join(os.tmpdir(), 'wardkit-bench-'));
  const data = join(root, 'data');
  const admin = 'bench-admin-token-0123456789abcdef';
  const tables = [];
  try {
    // Tokens for 100 wards; 3,000 distinct reports, built before timing.
    const store = new ReportStore(data);
    const tokens = Array.from({ length: 100 }, (_, i) => store.createToken({ ward: `B${i}` }).token);
    store.close();
    const N = 4000;
    const bodies = Array.from({ length: N }, (_, i) => ({
      token: tokens[i % 100],
      body: JSON.stringify(report(`B${i % 100}`, new Date(Date.now() - i * 1000), i >= 3000)),
    }));
    const server = await startServe(data, admin);
    const rows = [];
    try {
      for (const [concurrency, slice] of [
        [8, bodies.slice(0, 1000)],
        [32, bodies.slice(1000, 3000)],
        [16, bodies.slice(3000)],
      ]) {
        let bad = 0;
        const cpu0 = cpuSeconds(server.pid);
        const t0 = performance.now();
        await pool(slice, concurrency, async ({ token, body }) => {
          const res = await fetch(`${server.url}/api/v1/reports`, {
            method: 'POST',
            body,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          });
          await res.arrayBuffer();
          if (res.status !== 201) bad++;
        });
        const secs = (performance.now() - t0) / 1000;
        const cpu1 = cpuSeconds(server.pid);
        const rate = slice.length / secs;
        // Server CPU per report: independent of what else the machine is doing; 1000/ms is the rate one core sustains.
        const cpuMs = cpu0 !== undefined && cpu1 !== undefined ? ((cpu1 - cpu0) * 1000) / slice.length : undefined;
        rows.push([
          concurrency,
          slice.length,
          (Buffer.byteLength(slice[0].body) / 1024).toFixed(1),
          secs.toFixed(2),
          rate.toFixed(0),
          cpuMs?.toFixed(2) ?? '—',
          cpuMs ? (1000 / cpuMs).toFixed(0) : '—',
          bad,
          `≥ ${INTAKE_TARGET}/s`,
          rate >= INTAKE_TARGET && bad === 0 ? 'PASS' : 'FAIL',
        ]);
      }
    } finally {
      await server.stop();
    }
    tables.push({
      title: 'Report intake over HTTP on 127.0.0.1 (SQLite WAL, server in its own process)',
      columns: [
        'concurrency',
        'reports',
        'KiB each',
        'seconds',
        'reports/s',
        'server CPU ms/report',
        'reports/s per server core',
        'not 201',
        'target',
        'result',
      ],
      rows,
    });

    // The fleet views with 3,300 wards.
    const s2 = new ReportStore(data);
    const insert = s2.db.transaction(() => {
      for (let i = 0; i < WARDS; i++) {
        const r = report(`F${String(i).padStart(4, '0')}`, new Date(Date.now() - (i % 50) * 3600_000));
        s2.put(r, JSON.stringify(r), new Date(Date.now() - (i % 50) * 3600_000));
      }
    });
    insert();
    s2.close();
    const server2 = await startServe(data, admin);
    const view = [];
    try {
      for (const [name, path, target] of [
        ['dashboard (HTML)', '/dashboard?lang=vi', DASHBOARD_TARGET_MS],
        ['wards CSV', '/api/v1/wards?format=csv', DASHBOARD_TARGET_MS],
        ['metrics', '/metrics', DASHBOARD_TARGET_MS],
      ]) {
        const times = [];
        let bytes = 0;
        for (let i = 0; i < 7; i++) {
          const t0 = performance.now();
          const res = await fetch(server2.url + path, { headers: { authorization: `Bearer ${admin}` } });
          bytes = (await res.arrayBuffer()).byteLength;
          times.push(performance.now() - t0);
        }
        const m = median(times);
        view.push([
          name,
          WARDS + 100,
          (bytes / 1024).toFixed(0),
          m.toFixed(1),
          `< ${target} ms`,
          m < target ? 'PASS' : 'FAIL',
        ]);
      }
    } finally {
      await server2.stop();
    }
    tables.push({
      title: `Fleet views with ${WARDS} wards (+100 from the intake run), median of 7`,
      columns: ['view', 'wards', 'KiB', 'ms', 'target', 'result'],
      rows: view,
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return tables;
}
