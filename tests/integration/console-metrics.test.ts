// /metrics as Prometheus reads it: `promtool check metrics` accepts the exposition (counters end
// in _total, every family has HELP and TYPE), the new series carry the right values, and the
// shipped alerting rules pass `promtool check rules` and their `promtool test rules` cases.
import { execFile, execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { ReportStore } from '../../src/server/reports/store.js';
import { wardReport } from '../helpers/console-reports.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CI = process.env.CI === 'true' || process.env.CI === '1';
let promtool = true;
try {
  execFileSync('promtool', ['--version'], { stdio: 'ignore' });
} catch {
  promtool = false;
  if (CI) throw new Error('promtool missing under CI (.ci/run installs the Debian package prometheus)');
}

function run(args: string[], input?: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = execFile('promtool', args, { cwd: ROOT, timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

let dir: string;
let server: RunningServer;
let admin: string;
let text: string;
const finished = new Date(Date.now() - 3600_000);

beforeAll(async () => {
  dir = tempDir('wardkit-console-metrics-');
  const store = new ReportStore(dir);
  const w1 = store.createToken({ ward: 'w1' }).token;
  admin = store.createToken({ admin: true }).token;
  store.close();
  server = await startServer({ listen: '127.0.0.1:0', dataDir: dir });
  const post = (body: string, token = w1) =>
    fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
  const r = wardReport('w1', finished, { fps: 5 });
  expect((await post(JSON.stringify(r))).status).toBe(201);
  expect((await post(JSON.stringify(r))).status).toBe(200);
  expect((await post('{')).status).toBe(400);
  expect((await post('{}', 'wk_nope')).status).toBe(401);
  // 100 kB through the download probe: counted in wardkit_probe_bytes_total.
  const probe = await fetch(`${server.url}/api/v1/probe/download?bytes=100000`);
  expect((await probe.arrayBuffer()).byteLength).toBe(100000);
  await new Promise((r) => setTimeout(r, 50));
  text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${admin}` } })).text();
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('/metrics', () => {
  it('has the intake counters by outcome and reason, per-check status, report time and build info', () => {
    expect(text).toMatch(/^wardkit_intake_accepted_total 1$/m);
    expect(text).toMatch(/^wardkit_intake_duplicate_total 1$/m);
    expect(text).toMatch(/^wardkit_intake_rejected_total\{reason="not_json"\} 1$/m);
    expect(text).toMatch(/^wardkit_intake_rejected_total\{reason="unauthorized"\} 1$/m);
    expect(text).toMatch(/^wardkit_intake_rejected_total\{reason="schema"\} 0$/m);
    expect(text).toMatch(/^wardkit_ward_check_status\{ward="w1",check="camera",target="main-camera"\} 2$/m);
    expect(text).toMatch(/^wardkit_ward_check_status\{ward="w1",check="bandwidth",target="default"\} 0$/m);
    expect(text).toContain(
      `wardkit_ward_last_report_timestamp_seconds{ward="w1"} ${Math.round(finished.getTime() / 1000)}`,
    );
    expect(text).toMatch(/^wardkit_build_info\{version="[^"]+",node="v\d+/m);
    expect(text).toMatch(/^wardkit_incidents_open\{severity="critical"\} 1$/m);
    // The probe and WHIP modules count into the same registry.
    expect(text).toMatch(/^wardkit_probe_bytes_total\{direction="download"\} 100000$/m);
    expect(text).toMatch(/^wardkit_probe_bytes_total\{direction="upload"\} 0$/m);
    expect(text).toMatch(/^wardkit_whip_sessions_total\{result="created"\} 0$/m);
  });

  it.skipIf(!promtool)('passes promtool check metrics', async () => {
    const r = await run(['check', 'metrics'], text);
    expect(r.out.trim()).toBe('');
    expect(r.code).toBe(0);
  });

  it.skipIf(!promtool)('the shipped alerting rules pass promtool check rules and their unit tests', async () => {
    const check = await run(['check', 'rules', 'docs/alerting/wardkit.rules.yml']);
    expect(check.out).toContain('SUCCESS: 8 rules found');
    expect(check.code).toBe(0);
    const test = await run(['test', 'rules', 'tests/fixtures/wardkit.rules.test.yml']);
    expect(test.out).toContain('SUCCESS');
    expect(test.code).toBe(0);
  });
});
