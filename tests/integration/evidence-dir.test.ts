// `check --evidence DIR` with a folder that does not exist yet: it is created (0700) before any
// check runs, so the host check measures the disk it will land on instead of failing the room,
// and the camera picture in it is private (0600).
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWardkit } from '../helpers/cli-run.js';
import { tempDir } from '../helpers/temp.js';

const work = tempDir('wardkit-outputs-evidence-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('check --evidence DIR', () => {
  it('creates a missing folder (and its parents) 0700 before the checks; the picture is 0600', async () => {
    const dir = join(work, 'new', 'evidence');
    const r = await runWardkit(['check', '--demo', '--only', 'host,camera', '--evidence', dir, '--format', 'json'], {
      cwd: work,
      env: { WARDKIT_LANG: 'en' },
    });
    expect(r.stdout, r.stderr).toMatch(/^\{/);
    const report = JSON.parse(r.stdout);
    const host = report.results.find((x: { checkId: string }) => x.checkId === 'host');
    const disk = host.metrics.find((m: { id: string }) => m.id === 'freeDisk');
    expect(disk.value, 'free space measured on the evidence folder').toBeGreaterThan(0);
    expect(host.findings.map((f: { key: string }) => f.key)).not.toContain('host.lowDisk');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(work, 'new')).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir);
    expect(files.some((f) => f.endsWith('.jpg'))).toBe(true);
    for (const f of files) expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
  });

  it('a folder that cannot be created stops the check before it measures (exit 3, a clear message)', async () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'x');
    const r = await runWardkit(['check', '--demo', '--only', 'host', '--evidence', join(file, 'sub')], {
      cwd: work,
      env: { WARDKIT_LANG: 'en' },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot create the evidence folder .*a-file\/sub \(ENOTDIR\)/);
  });
});
