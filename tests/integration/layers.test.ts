// The import rules (.dependency-cruiser.cjs, docs/architecture.md) must be able to fail: run the
// same `npm run lint:deps` that `npm test` runs on a copy of src/ into which an upward import
// (media → checks) and a sibling import (net → platform) have been added, and expect both to be
// named. The real tree passing is `npm run lint:deps` itself, run first by `npm test`.
import { execFile } from 'node:child_process';
import { appendFile, cp, rm, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';

const ROOT = resolve(import.meta.dirname, '../..');

function lintDeps(cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(
      'npm',
      ['run', '--silent', 'lint:deps'],
      { cwd, timeout: 100_000, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        done({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

describe('import layers', () => {
  it('an upward import and an import between sibling layers fail lint:deps', async () => {
    const dir = tempDir('wardkit-arch-layers-');
    try {
      for (const f of ['src', 'package.json', 'tsconfig.json', '.dependency-cruiser.cjs'])
        await cp(join(ROOT, f), join(dir, f), { recursive: true });
      await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      await appendFile(
        join(dir, 'src/media/uri.ts'),
        "\nimport type { Check } from '../checks/types.js';\nexport type Upward = Check;\n",
      );
      await appendFile(
        join(dir, 'src/net/errors.ts'),
        "\nimport { actionsFor } from '../platform/index.js';\nexport const sideways = actionsFor;\n",
      );
      const { code, output } = await lintDeps(dir);
      expect(code, output).not.toBe(0);
      expect(output).toMatch(/layer-media: src\/media\/uri\.ts → src\/checks\/types\.ts/);
      expect(output).toMatch(/layer-net: src\/net\/errors\.ts → src\/platform\/index\.ts/);
      // Nothing else in the copy is reported: the rules name exactly the two added imports.
      expect(output).toMatch(/x 2 dependency violations/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
