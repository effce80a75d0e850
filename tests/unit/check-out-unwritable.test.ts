// `check --out` to a path that cannot be written: after measuring for a minute the user got
// "Internal error" (70) and the report was gone — with --submit it was never sent either.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sink } from '../helpers/sink.js';
import { main } from '../../src/cli.js';
import { tempDir } from '../helpers/temp.js';

describe('check --out FILE that cannot be written', () => {
  it('says so in the chosen language, keeps the report on stdout, exit 3 (not 70)', async () => {
    const dir = tempDir('wardkit-out-');
    const out = join(dir, 'no-such-dir', 'report.json');
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
    expect(e.text()).toContain('ENOENT');
    expect(code).toBe(3);
    // The report is not lost: the JSON document is on stdout instead.
    expect(JSON.parse(o.text())).toMatchObject({
      readiness: expect.any(String),
      results: [expect.objectContaining({ checkId: 'host' })],
    });
  });
});
