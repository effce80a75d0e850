// What the server benches share: `wardkit serve` in its own process (as the Department runs it),
// its CPU time from /proc, THE intake client (the one way a bench posts reports), a webhook
// receiver, and the machine's load average to print next to every figure (the machine is shared:
// wall-clock rates depend on what else runs; the server's CPU time per report much less).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'wardkit.js');

/**
 * `wardkit serve --listen 127.0.0.1:0 --data DATA ...args` in its own process; resolves once it
 * listens. BENCH_SERVE_NODE_ARGS adds node options, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
 */
export async function startServe(data, { env = {}, args = [], nodeArgs = nodeArgsFromEnv() } = {}) {
  const child = spawn(
    process.execPath,
    [...nodeArgs, BIN, 'serve', '--listen', '127.0.0.1:0', '--data', data, ...args],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr.resume(); // its log (one line per report) must not fill the pipe and block it
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 180_000);
    child.stdout.on('data', (c) => {
      out += c;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}: ${out}`));
    });
  });
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

const nodeArgsFromEnv = () => (process.env.BENCH_SERVE_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

/** CPU seconds (user + system, all threads) a process has used so far; Linux only. */
export function cpuSeconds(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100)
  } catch {
    return undefined;
  }
}

export const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
export const median = (xs) => percentile(xs, 0.5);

/** `uptime`'s load averages (1, 5, 15 min). */
export const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

export async function pool(items, concurrency, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/**
 * Post reports as `concurrency` wards at once would: each `{ token, body }` to POST /api/v1/reports.
 * The client is node:http with kept-alive connections — the wards are other machines, so the
 * client should take as little of this machine's CPU as it can (fetch costs ~5× more per request).
 * Returns wall time, rate, the server's CPU ms per report, latency percentiles and the answers
 * that were not 201.
 */
export async function postReports(url, items, { concurrency = 16, pid } = {}) {
  const u = new URL('/api/v1/reports', url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const post = ({ token, body }) =>
    new Promise((resolve, reject) => {
      const req = request(
        u,
        {
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const lat = [];
  const answers = {};
  const cpu0 = pid && cpuSeconds(pid);
  const t0 = performance.now();
  await pool(items, concurrency, async (item) => {
    const s = performance.now();
    const status = await post(item);
    lat.push(performance.now() - s);
    if (status !== 201) answers[status] = (answers[status] ?? 0) + 1;
  });
  const secs = (performance.now() - t0) / 1000;
  const cpu1 = pid && cpuSeconds(pid);
  agent.destroy();
  const cpuMs = cpu0 !== undefined && cpu1 !== undefined ? ((cpu1 - cpu0) * 1000) / items.length : undefined;
  return {
    n: items.length,
    secs,
    rate: items.length / secs,
    cpuMs,
    p50: percentile(lat, 0.5),
    p99: percentile(lat, 0.99),
    notCreated: Object.values(answers).reduce((a, b) => a + b, 0),
    answers,
    load: load(),
  };
}

/** A webhook receiver on 127.0.0.1 that answers 204 and counts deliveries. */
export async function webhookReceiver(port = 0) {
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

/** GET with a bearer token; the body as text (throws on a status other than 200). */
export async function getText(url, token) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return { text, headers: res.headers };
}

/** A sample of a Prometheus text exposition: `name{labels} value` → value. */
export const sample = (text, series) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};
