// `wardkit serve` as its own process (as the Department runs it), for tests that measure the
// server's memory under attack, and raw HTTP from a chosen loopback source address (127.0.0.2
// plays the attacker, 127.0.0.1 the ward: Linux routes all of 127.0.0.0/8 to lo).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';

export const WARDKIT = new URL('../../bin/wardkit.js', import.meta.url).pathname;
export const ATTACKER = '127.0.0.2';
export const WARD = '127.0.0.1';

export interface ServeProcess {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  child: ChildProcess;
  log: () => string;
  stop(): Promise<void>;
}

/** Start `wardkit serve --listen 127.0.0.1:0` with extra args; resolves once it prints its URL. */
export async function startServeProcess(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'wardkit-rely-serve-'));
  const child = spawn(
    process.execPath,
    [WARDKIT, 'serve', '--lang', 'en', '--listen', '127.0.0.1:0', '--data', dataDir, ...args],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (err += c));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${out} ${err}`)), 20_000);
      const look = () => {
        const m = /(https?:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout!.on('data', look);
      child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`serve exited ${code}: ${err}`))));
    });
    return { url, port: Number(new URL(url).port), pid: child.pid!, dataDir, child, log: () => err, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Resident memory of a process, MiB: now (VmRSS) and the peak so far (VmHWM). */
export function rssMiB(pid: number): { now: number; peak: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? NaN);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  ms: number;
}

/** One HTTP request from a chosen source address; never throws for a status, rejects on network errors. */
export function request(
  url: string,
  o: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    from?: string;
    timeoutMs?: number;
  } = {},
): Promise<RawResponse> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: o.method ?? 'GET',
        headers: o.headers,
        localAddress: o.from,
        agent: false,
        timeout: o.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(o.body);
  });
}

/** Run `fn` in `n` parallel loops until `ms` elapse; returns how many calls resolved and rejected. */
export async function hammer(
  n: number,
  ms: number,
  fn: (i: number) => Promise<unknown>,
): Promise<{ ok: number; failed: number }> {
  const end = Date.now() + ms;
  let ok = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      while (Date.now() < end) {
        try {
          await fn(i);
          ok++;
        } catch {
          failed++;
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    }),
  );
  return { ok, failed };
}
