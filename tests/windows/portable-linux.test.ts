// The Linux portable tarball (npm run package:linux), unpacked by .ci/windows-lane.sh: its own
// Node.js runtime and bundled ffmpeg, run through the `wardkit` launcher with a PATH that has
// neither node nor ffmpeg, so nothing from the machine is borrowed.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IN_CI } from '../helpers/system.js';
import { unexplainedProblems } from '../helpers/wine.js';

const pkg = process.env.WARDKIT_LINUX_PKG;
const reason =
  !pkg || !existsSync(join(pkg, 'wardkit'))
    ? 'no unpacked Linux package in WARDKIT_LINUX_PKG (run .ci/windows-lane.sh)'
    : undefined;
if (reason && IN_CI) throw new Error(`portable Linux test cannot run under CI: ${reason}`);

const home = mkdtempSync(join(os.tmpdir(), 'wardkit-portable-home-'));
// PATH holds only what the launcher itself uses: no node, no ffmpeg.
const bin = join(home, 'bin');
mkdirSync(bin);
for (const tool of ['dirname', 'readlink']) symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
const run = (args: string[], timeout = 180_000) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    execFile(
      join(pkg!, 'wardkit'),
      args,
      { timeout, env: { PATH: bin, HOME: home, NO_COLOR: '1', LANG: 'C.UTF-8' }, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });

describe.skipIf(Boolean(reason))('portable Linux package', () => {
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('carries its own runtime, ffmpeg and no better-sqlite3', () => {
    expect(existsSync(join(pkg!, 'runtime', 'node'))).toBe(true);
    expect(existsSync(join(pkg!, 'node_modules', '@ffmpeg-installer', 'linux-x64', 'ffmpeg'))).toBe(true);
    expect(existsSync(join(pkg!, 'node_modules', 'better-sqlite3'))).toBe(false);
    expect(readFileSync(join(pkg!, 'HUONG-DAN.txt'), 'utf8')).toMatch(/check --demo/);
  });

  it('./wardkit --version and check --demo (READY, or DEGRADED only by busy-machine timing) with a PATH without node or ffmpeg', async () => {
    const v = await run(['--version']);
    expect(v.code, v.stderr).toBe(0);
    const out = join(home, 'demo.json');
    const r = await run(['check', '--demo', '--format', 'json', '--out', out]);
    expect(existsSync(out), `${r.stdout}\n${r.stderr}`).toBe(true);
    const rep = JSON.parse(readFileSync(out, 'utf8'));
    // READY; DEGRADED (exit 1) only by a busy machine's timing warnings (tests/helpers/wine.ts).
    expect(unexplainedProblems(rep.results), `${r.stdout}\n${r.stderr}`).toEqual([]);
    expect(r.code).toBe(rep.readiness === 'READY' ? 0 : 1);
  });
});
