// The acceptance path, all through the built CLI as the Department and a ward would run it:
// `wardkit serve`, `wardkit serve token create --ward W1`, then
// `WARDKIT_TOKEN=… wardkit check --demo --ward W1 --submit --server URL` → W1 on the dashboard.
import { execa, type ResultPromise } from 'execa';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectValidReport } from '../helpers/report-schema.js';
import { tempDir } from '../helpers/temp.js';

const BIN = resolve('bin/wardkit.js');
let root: string;
let serve: ResultPromise | undefined;

afterAll(async () => {
  if (serve?.pid) process.kill(serve.pid, 'SIGTERM');
  await serve?.catch(() => {});
  if (root) await rm(root, { recursive: true, force: true });
});

describe('serve + token + check --submit', () => {
  it('shows W1 with its readiness on the dashboard, the CSV and /metrics', async () => {
    root = tempDir('wardkit-e2e-');
    const data = join(root, 'data');
    const env = { WARDKIT_CONFIG: join(root, 'none.yaml'), WARDKIT_SPOOL: join(root, 'spool'), NO_COLOR: '1' };
    const run = (args: string[], extra: Record<string, string> = {}) =>
      execa(process.execPath, [BIN, '--lang', 'en', ...args], {
        reject: false,
        timeout: 60_000,
        env: { ...env, ...extra },
      });

    const ward = await run(['serve', 'token', 'create', '--ward', 'W1', '--data', data]);
    expect(ward.exitCode).toBe(0);
    const token = String(ward.stdout).trim();
    const admin = String((await run(['serve', 'token', 'create', '--admin', '--data', data])).stdout).trim();

    serve = execa(process.execPath, [BIN, '--lang', 'en', 'serve', '--listen', '127.0.0.1:0', '--data', data], {
      reject: false,
      env,
      buffer: true,
    });
    const url = await new Promise<string>((res, rej) => {
      let out = '';
      const timer = setTimeout(() => rej(new Error(`serve did not start: ${out}`)), 20_000);
      serve!.stdout!.on('data', (c: Buffer) => {
        out += String(c);
        const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          res(m[1]);
        }
      });
    });

    const check = await run(['check', '--demo', '--ward', 'W1', '--submit', '--server', url, '--format', 'json'], {
      WARDKIT_TOKEN: token,
    });
    const report = expectValidReport(String(check.stdout));
    expect(check.exitCode).toBe({ READY: 0, DEGRADED: 1, NOT_READY: 2 }[report.readiness]);
    expect(String(check.stderr)).toContain(`Report ${report.id} sent to ${url}`);

    const html = await (
      await fetch(`${url}/dashboard?lang=en`, { headers: { authorization: `Bearer ${admin}` } })
    ).text();
    const row = html.split('\n').find((l) => l.startsWith('<tr data-ward="W1"'));
    const label = { READY: 'READY', DEGRADED: 'DEGRADED', NOT_READY: 'NOT READY' }[report.readiness];
    expect(row).toContain(`data-readiness="${report.readiness}">${label}</span>`);
    expect(row).not.toContain('data-stale'); // not stale: no "no recent report" mark
    // A viewer token from the CLI reads the same pages; `token list` shows it as a viewer.
    const viewer = await run(['serve', 'token', 'create', '--viewer', '--label', 'Sở KH&CN', '--data', data]);
    expect(viewer.exitCode).toBe(0);
    expect(String(viewer.stderr)).toMatch(/Viewer token \w+ created/);
    const ward1 = await fetch(`${url}/wards/W1?lang=en`, {
      headers: { authorization: `Bearer ${String(viewer.stdout).trim()}` },
    });
    expect(ward1.status).toBe(200);
    expect(await ward1.text()).toContain(report.id);
    expect(String((await run(['serve', 'token', 'list', '--data', data])).stdout)).toMatch(
      /\(viewer\)\s+\S+ \S+(?: \(GMT[^)]*\))?\s+—\s+active\s+Sở KH&CN/,
    );
    expect((await run(['serve', 'token', 'create', '--viewer', '--admin', '--data', data])).exitCode).toBe(64);
    const csv = await (
      await fetch(`${url}/api/v1/wards?format=csv`, { headers: { authorization: `Bearer ${admin}` } })
    ).text();
    expect(csv).toContain(`W1,${report.readiness},`);
    const metrics = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${admin}` } })).text();
    expect(metrics).toContain(
      `wardkit_ward_readiness{ward="W1"} ${{ READY: 0, DEGRADED: 1, NOT_READY: 2 }[report.readiness]}`,
    );

    process.kill(serve.pid!, 'SIGTERM');
    const ended = await serve;
    serve = undefined;
    // The server's own output and the store never hold a token in clear.
    for (const text of [String(ended.stdout), String(ended.stderr), String(check.stdout), String(check.stderr)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(admin);
    }
    for (const f of await readdir(data)) {
      const bytes = await readFile(join(data, f));
      expect(bytes.includes(Buffer.from(token)), f).toBe(false);
    }
  });
});
