// `npm run bench -- check-time`: wall time of a full `wardkit check --demo` (median of 5, as a
// technician runs it: a fresh process each time), and of the recording check alone. With
// WARDKIT_BASELINE=/path/to/other/checkout/bin/wardkit.js the same runs of that build are
// printed next to it ("before"). Record `uptime` with any figure: the machine's load changes it.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const WARDKIT = fileURLToPath(new URL('../bin/wardkit.js', import.meta.url));
const RUNS = Number(process.env.WARDKIT_BENCH_RUNS ?? 5);
const f = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? '—' : Number(v).toFixed(d));
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

function timed(bin, args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, CI: '' },
  });
  const wall = (performance.now() - t0) / 1000;
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    report = undefined;
  }
  return { wall, exit: r.status, report };
}

function demoRuns(bin) {
  const walls = [];
  const per = {};
  let statuses = '';
  const readiness = {};
  for (let i = 0; i < RUNS; i++) {
    const { wall, report } = timed(bin, ['check', '--demo', '--format', 'json']);
    walls.push(wall);
    readiness[report?.readiness ?? 'no report'] = (readiness[report?.readiness ?? 'no report'] ?? 0) + 1;
    for (const x of report?.results ?? []) (per[x.checkId] ??= []).push(x.durationMs / 1000);
    statuses = (report?.results ?? []).map((x) => `${x.checkId}:${x.status}`).join(' ');
  }
  return { walls, per, statuses, readiness };
}

export default async function () {
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  const t = {
    title: `Full \`wardkit check --demo\` wall time, median of ${RUNS} fresh processes (load average at start: ${load}; ${os.cpus().length} CPUs)`,
    columns: ['build', 'median s', 'min s', 'max s', 'slowest checks (median s)', 'readiness (runs)'],
    rows: [],
  };
  const builds = [['this checkout (after)', WARDKIT]];
  if (process.env.WARDKIT_BASELINE) builds.unshift(['baseline (before)', process.env.WARDKIT_BASELINE]);
  for (const [name, bin] of builds) {
    const { walls, per, readiness } = demoRuns(bin);
    const slow = Object.entries(per)
      .map(([id, s]) => [id, median(s)])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([id, s]) => `${id} ${f(s)}`)
      .join(', ');
    const ready = Object.entries(readiness)
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ');
    t.rows.push([name, f(median(walls)), f(Math.min(...walls)), f(Math.max(...walls)), slow, ready]);
  }
  if (!process.env.WARDKIT_BASELINE)
    t.rows.push(['(before: set WARDKIT_BASELINE to another build)', '', '', '', '', '']);

  const rec = {
    title:
      'Recording check alone (`check --demo --only recording`: demo camera and microphone, 2 s test recording into a throw-away folder)',
    columns: ['run', 'wall s', 'check s', 'write Mbit/s', 'status'],
    rows: [],
  };
  for (let i = 0; i < 3; i++) {
    const { wall, report } = timed(WARDKIT, ['check', '--demo', '--only', 'recording', '--format', 'json']);
    const r = report?.results?.find((x) => x.checkId === 'recording');
    rec.rows.push([
      i + 1,
      f(wall),
      f(r ? r.durationMs / 1000 : null),
      f(r?.details?.write?.mbps, 0),
      r?.status ?? 'no report',
    ]);
  }
  return [t, rec];
}
