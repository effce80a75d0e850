// GET /metrics of a real `wardkit serve`, fed reports from real `wardkit check` runs (Vietnamese
// ward ids included), must pass `promtool check metrics` (Prometheus' own exposition linter).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWardkit, startServe, type Served } from '../helpers/cli-run.js';
import { promtoolCheckMetrics } from '../helpers/consumers.js';
import { systemUnavailable } from '../helpers/system.js';
import { tempDir } from '../helpers/temp.js';

const skip = systemUnavailable(['promtool']);

let work = '';
let server: Served | undefined;
let url = '';

beforeAll(async () => {
  work = tempDir('wardkit-outputs-promtool-');
  if (skip) return;
  const data = join(work, 'data');
  server = await startServe(['--listen', '127.0.0.1:0', '--data', data, '--public-metrics']);
  url = server.url;
  for (const ward of ['hải-châu-1', 'THANH-KHE-2']) {
    const tok = await runWardkit(['serve', 'token', 'create', '--ward', ward, '--data', data], { cwd: work });
    expect(tok.code, tok.stderr).toBe(0);
    const rep = await runWardkit(['check', '--demo', '--only', 'host,display', '--ward', ward, '--format', 'json'], {
      cwd: work,
    });
    const res = await fetch(`${url}/api/v1/reports`, {
      method: 'POST',
      body: rep.stdout,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tok.stdout.trim()}` },
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await server?.stop();
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
