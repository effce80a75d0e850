// --timeout on commands other than `check` (tests/system/nagios-plugin.test.ts has check's):
// the command stops, its processes are killed, it exits 124 with the reason on stderr.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processesWithMark, runWardkit } from '../helpers/cli-run.js';
import { tempDir } from '../helpers/temp.js';

const work = tempDir('wardkit-outputs-timeout-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('--timeout SECONDS', () => {
  it('stops a command that would wait for ever (serve) and exits 124', async () => {
    const r = await runWardkit(['serve', '--listen', '127.0.0.1:0', '--data', join(work, 'data'), '--timeout', '3'], {
      cwd: work,
      env: { WARDKIT_LANG: 'en' },
      timeoutMs: 30_000,
    });
    expect(r.code, r.stderr).toBe(124);
    expect(r.ms).toBeLessThan(4000);
    expect(r.stderr).toMatch(/timed out after 3 s/);
    expect(processesWithMark(r.mark)).toEqual([]);
  });

  it('is a global option: anywhere on the line, checked before anything runs', async () => {
    const bad = await runWardkit(['--timeout', 'soon', 'serve'], { cwd: work, env: { WARDKIT_LANG: 'en' } });
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/--timeout/);
    const help = await runWardkit(['--help'], { cwd: work, env: { WARDKIT_LANG: 'en' } });
    expect(help.stdout).toMatch(/--timeout <seconds>/);
  });
});
