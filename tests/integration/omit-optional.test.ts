// `npm ci --omit=optional && npx wardkit check --demo` on Linux, cheaply: an install tree made of
// links to the real node_modules minus every top-level package the lockfile marks optional (what
// npm leaves out with --omit=optional: better-sqlite3 and its helpers, the ffmpeg binary packages),
// the built CLI copied beside it, so its `import`s resolve in that tree only. (Linked packages
// resolve their own dependencies from where they really are; only wardkit itself loads
// better-sqlite3.) The demo must be READY with no SQLite, and `serve` must say what is missing
// instead of a bindings-file trace.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve('.');
let dir: string;
let omitted: string[] = [];

function run(args: string[], timeout = 180_000) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    execFile(
      process.execPath,
      [join(dir, 'bin', 'wardkit.js'), ...args],
      {
        cwd: dir,
        timeout,
        env: { ...process.env, NO_COLOR: '1', WARDKIT_CONFIG: join(dir, 'no-config.yaml') },
        maxBuffer: 16 * 1024 * 1024,
      },
      (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

describe('install without optional dependencies (npm ci --omit=optional)', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(os.tmpdir(), 'wardkit-omit-optional-'));
    for (const f of ['package.json', 'bin', 'dist', 'profiles'])
      cpSync(join(ROOT, f), join(dir, f), { recursive: true });
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { optional?: boolean }>;
    };
    const optional = new Set(
      Object.entries(lock.packages)
        .filter(([k, v]) => v.optional && k.startsWith('node_modules/'))
        .map(([k]) => k.slice('node_modules/'.length)),
    );
    omitted = [...optional].filter((p) => !p.includes('/node_modules/'));
    // Top-level packages (scoped ones one level down) linked one by one; the optional ones left out.
    const nm = join(dir, 'node_modules');
    mkdirSync(nm);
    for (const name of readdirSync(join(ROOT, 'node_modules'))) {
      if (name.startsWith('.')) continue;
      if (name.startsWith('@')) {
        mkdirSync(join(nm, name));
        for (const sub of readdirSync(join(ROOT, 'node_modules', name)))
          if (!optional.has(`${name}/${sub}`)) symlinkSync(join(ROOT, 'node_modules', name, sub), join(nm, name, sub));
      } else if (!optional.has(name)) symlinkSync(join(ROOT, 'node_modules', name), join(nm, name));
    }
  });
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('the lockfile marks better-sqlite3 (and only the report store needs it) optional', () => {
    expect(omitted).toContain('better-sqlite3');
    expect(existsSync(join(dir, 'node_modules', 'better-sqlite3'))).toBe(false);
  });

  it('check --demo is READY without better-sqlite3', async () => {
    const out = join(dir, 'demo.json');
    const r = await run(['check', '--demo', '--format', 'json', '--out', out]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).readiness).toBe('READY');
  });

  it('serve says better-sqlite3 is missing and how to install it (exit 1, no stack trace)', async () => {
    const r = await run(['serve', '--listen', '127.0.0.1:0', '--data', join(dir, 'data'), '--lang', 'en'], 60_000);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/better-sqlite3/);
    expect(r.stderr).toMatch(/npm ci/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const vi = await run(
      ['serve', 'token', 'create', '--ward', 'X', '--data', join(dir, 'data'), '--lang', 'vi'],
      60_000,
    );
    expect(vi.code).toBe(1);
    expect(vi.stderr).toMatch(/Kho báo cáo cần gói better-sqlite3/);
  });
});
