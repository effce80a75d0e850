// Global setup of every vitest project: the backstop for temporary folders a test could not remove
// itself (a CLI killed with SIGKILL leaves its wardkit-serve-* or wardkit-demo-* folder behind).
// The run gets a temporary directory of its own, wardkit-run-*, set as TMPDIR for the test workers
// and every process they start; at the end of the run that directory is removed with all that was
// made in it. Nothing outside it is removed: the folders present when the run started are never
// touched, and a wardkit-* folder that appeared beside it during the run may belong to another run
// on the same machine, so it is named on stderr (a test that escapes TMPDIR), not deleted.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OWNER = 'WARDKIT_TEST_RUN_TMPDIR';
const wardkitEntries = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('wardkit-'));

export default function setup(): (() => void) | undefined {
  // Each project runs this; the first one of a run sets the directory up and tears it down.
  if (process.env[OWNER]) return undefined;
  const base = tmpdir();
  const before = new Set(wardkitEntries(base));
  const runDir = mkdtempSync(join(base, 'wardkit-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = runDir;
  process.env[OWNER] = runDir;
  return () => {
    rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    delete process.env[OWNER];
    const escaped = wardkitEntries(base).filter((n) => !before.has(n) && !n.startsWith('wardkit-run-'));
    if (escaped.length)
      process.stderr.write(
        `temporary folders made outside this run's TMPDIR (${runDir}), left in place: ${escaped.join(', ')}\n`,
      );
  };
}
