// Temporary folders for tests: `tempDir('wardkit-what-')` makes one (0700, in the temp directory)
// and tests/helpers/cleanup.ts — a setup file of every vitest project — removes all of a test
// file's folders after it, also when a test failed or timed out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = new Set<string>();

export function tempDir(prefix: string): string {
  if (!prefix.startsWith('wardkit-')) throw new Error(`temp folder prefix must start with wardkit-: ${prefix}`);
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  made.clear();
}
