// GET /metrics of a real `wardkit serve`, fed reports from real `wardkit check` runs (Vietnamese
// ward ids included), must pass `promtool check metrics` (Prometheus' own exposition linter).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runWardkit } from '../helpers/cli-run.js';
import { promtoolCheckMetrics } from '../helpers/consumers.js';
import { alive } from '../helpers/process.js';
import { systemUnavailable } from '../helpers/system.js';

const skip = systemUnavailable(['promtool']);

let work = '';
let server: ChildProcess | undefined;
let url = '';

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wardkit-outputs-promtool-'));
  if (skip) return;
  const data = join(work, 'data');
  server = spawn(process.execPath, [BIN, 'serve', '--listen', '127.0.0.1:0', '--data', data, '--public-metrics'], { stdio: ['ignore', 'pipe', 'pipe'] });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    server!.stdout!.on('data', onData);
    server!.stderr!.on('data', onData);
  });
  for (const ward of ['hải-châu-1', 'THANH-KHE-2']) {
    const tok = await runWardkit(['serve', 'token', 'create', '--ward', ward, '--data', data], { cwd: work });
    expect(tok.code, tok.stderr).toBe(0);
    const rep = await runWardkit(['check', '--demo', '--only', 'host,display', '--ward', ward, '--format', 'json'], { cwd: work });
    const res = await fetch(`${url}/api/v1/reports`, { method: 'POST', body: rep.stdout, headers: { 'content-type': 'application/json', authorization: `Bearer ${tok.stdout.trim()}` } });
    expect(res.status, await res.clone().text()).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  if (server?.pid && alive(server.pid)) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(skip)('/metrics and promtool', () => {
  it('promtool check metrics accepts the exposition', async () => {
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^wardkit_ward_readiness\{ward="hải-châu-1"\} \d+$/m);
    const r = promtoolCheckMetrics(text);
    expect(r.ok, `${r.stdout}${r.stderr}`).toBe(true);
    expect(r.stdout + r.stderr).toBe('');
  });

  it('promtool is a real check here (it rejects a broken exposition)', () => {
    const r = promtoolCheckMetrics('# TYPE x counter\nx_total{a="b"} 1\nx_total{a="b"} 2\nbad metric\n');
    expect(r.ok).toBe(false);
  });
});
