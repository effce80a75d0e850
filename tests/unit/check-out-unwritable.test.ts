// `check --out` to a path that cannot be written: after measuring for a minute the user got
// "Internal error" (70) and the report was gone — with --submit it was never sent either.
// And a report written is private: 0600 (also over an existing 0644 file), folders wardkit makes
// for it 0700 (it was written 0644, readable by every user of the PC).
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sink } from '../helpers/sink.js';
import { main } from '../../src/cli.js';
import { tempDir } from '../helpers/temp.js';

describe('check --out FILE that cannot be written', () => {
  it('says so in the chosen language, keeps the report on stdout, exit 3 (not 70)', async () => {
    const dir = tempDir('wardkit-out-');
    // A folder that cannot be made: its parent is a file.
    writeFileSync(join(dir, 'a-file'), 'x');
    const out = join(dir, 'a-file', 'report.json');
    const o = sink();
    const e = sink();
    const code = await main(
      [
        'node',
        'wardkit',
        '--lang',
        'vi',
        'check',
        '--profile',
        'demo-simulated',
        '--only',
        'host',
        '--format',
        'json',
        '--out',
        out,
      ],
      { stdout: o.stream, stderr: e.stream, env: {} },
    );
    expect(e.text()).not.toContain('Lỗi nội bộ');
    expect(e.text()).toContain(out);
    expect(e.text()).toContain('ENOTDIR');
    expect(code).toBe(3);
    // The report is not lost: the JSON document is on stdout instead.
    expect(JSON.parse(o.text())).toMatchObject({
      readiness: expect.any(String),
      results: [expect.objectContaining({ checkId: 'host' })],
    });
  });
});

const runCheck = async (out: string, format = 'json') => {
  const o = sink();
  const e = sink();
  const code = await main(
    ['node', 'wardkit', 'check', '--profile', 'demo-simulated', '--only', 'host', '--format', format, '--out', out],
    { stdout: o.stream, stderr: e.stream, env: {} },
  );
  return { code, stderr: e.text() };
};
const mode = (p: string) => statSync(p).mode & 0o777;

describe.skipIf(process.platform === 'win32')('check --out and report show --out write private files', () => {
  it('a new report is 0600, and the folders wardkit makes for it 0700', async () => {
    const dir = tempDir('wardkit-out-');
    const out = join(dir, 'reports', '2026-12', 'room.json');
    const r = await runCheck(out);
    expect(r.stderr).not.toMatch(/Internal error|Lỗi nội bộ/);
    expect(JSON.parse((await import('node:fs')).readFileSync(out, 'utf8')).results[0].checkId).toBe('host');
    expect(mode(out)).toBe(0o600);
    expect(mode(join(dir, 'reports'))).toBe(0o700);
    expect(mode(join(dir, 'reports', '2026-12'))).toBe(0o700);
  });

  it('an existing world-readable report file is made 0600 when written again (a folder that exists keeps its mode)', async () => {
    const dir = tempDir('wardkit-out-');
    chmodSync(dir, 0o755);
    const out = join(dir, 'room.html');
    writeFileSync(out, 'old');
    chmodSync(out, 0o644);
    await runCheck(out, 'html');
    expect(mode(out)).toBe(0o600);
    expect(mode(dir)).toBe(0o755);
    // report show --out: the same rule.
    const json = join(dir, 'room.json');
    await runCheck(json);
    const shown = join(dir, 'shown', 'room.txt');
    const o = sink();
    const e = sink();
    const code = await main(['node', 'wardkit', 'report', 'show', json, '--out', shown], {
      stdout: o.stream,
      stderr: e.stream,
      env: {},
    });
    expect(code).toBe(0);
    expect(mode(shown)).toBe(0o600);
    expect(mode(join(dir, 'shown'))).toBe(0o700);
  });
});
