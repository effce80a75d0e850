// The display check on a real X server: Xvfb started by the test (unique display number, killed
// by pid), read through systeminformation (DISPLAY in the child env) and through x11:DISPLAY.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemUnavailable } from '../helpers/system.js';
import { tempDir } from '../helpers/temp.js';

const why = systemUnavailable(['Xvfb', 'xrandr']);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const profileText = (required: boolean, device?: string) => `apiVersion: wardkit/v1
kind: EquipmentProfile
id: display-test
name: Display check (system test)
roles:
  - id: main-display
    kind: display
    required: ${required}
    settings: { resolution: 1920x1080 }
${device ? `    device: ${JSON.stringify(device)}\n` : ''}`;

interface Run {
  code: number;
  report: {
    results: Array<{
      status: string;
      findings: Array<{ key: string; params?: Record<string, unknown> }>;
      metrics: Array<{ id: string; value: number }>;
    }>;
  };
}

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['bin/wardkit.js', 'check', '--only', 'display', '--format', 'json', ...args],
      { cwd: ROOT, env, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? Number((err as { code?: unknown }).code ?? 1) : 0;
        try {
          resolve({ code, report: JSON.parse(stdout) });
        } catch {
          reject(new Error(`no JSON report (exit ${code}): ${stderr}`));
        }
      },
    );
  });
}

async function startXvfb(size: string): Promise<{ display: string; proc: ChildProcess }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const n = 300 + ((process.pid * 7 + attempt * 13 + Math.floor(Math.random() * 1000)) % 3000);
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue;
    const proc = spawn('Xvfb', [`:${n}`, '-screen', '0', `${size}x24`, '-nolisten', 'tcp'], { stdio: 'ignore' });
    const until = Date.now() + 10_000;
    while (Date.now() < until && proc.exitCode === null && !existsSync(`/tmp/.X11-unix/X${n}`))
      await new Promise((r) => setTimeout(r, 50));
    if (proc.exitCode === null && existsSync(`/tmp/.X11-unix/X${n}`)) return { display: `:${n}`, proc };
    proc.kill('SIGKILL');
  }
  throw new Error('could not start Xvfb');
}

function stopXvfb(x?: { proc: ChildProcess }) {
  if (x?.proc.pid && x.proc.exitCode === null) x.proc.kill('SIGTERM');
}

describe.skipIf(why)('display check on Xvfb', () => {
  let dir: string;
  let hd: { display: string; proc: ChildProcess };
  let small: { display: string; proc: ChildProcess };
  const envWith = (display?: string): NodeJS.ProcessEnv => {
    const env = { ...process.env };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    return display ? { ...env, DISPLAY: display } : env;
  };
  const write = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  beforeAll(async () => {
    dir = tempDir('wardkit-display-');
    hd = await startXvfb('1920x1080');
    small = await startXvfb('1280x720');
  });
  afterAll(() => {
    stopXvfb(hd);
    stopXvfb(small);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds the 1920x1080 screen through the OS (systeminformation, DISPLAY) and passes 1080p', async () => {
    const r = await cli(['--profile', write('os.yaml', profileText(true))], envWith(hd.display));
    expect(r.report.results[0].status, JSON.stringify(r.report.results[0].findings)).toBe('pass');
    expect(r.code).toBe(0);
    expect(r.report.results[0].metrics.find((m) => m.id === 'width')!.value).toBe(1920);
    // Xvfb has no refresh rate: said, not judged.
    expect(r.report.results[0].findings.some((f) => f.key === 'display.refreshUnknown')).toBe(true);
  });

  it('finds it through x11:DISPLAY (xrandr) too', async () => {
    const r = await cli(['--profile', write('x11.yaml', profileText(true, `x11:${hd.display}`))], envWith());
    expect(r.report.results[0].status).toBe('pass');
    expect(r.code).toBe(0);
  });

  it('1280x720 against a 1080p requirement fails (exit 2), by either source', async () => {
    const a = await cli(['--profile', write('os2.yaml', profileText(true))], envWith(small.display));
    expect(a.code).toBe(2);
    expect(a.report.results[0].findings.some((f) => f.key === 'display.lowResolution')).toBe(true);
    const b = await cli(['--profile', write('x112.yaml', profileText(true, `x11:${small.display}`))], envWith());
    expect(b.code).toBe(2);
  });

  it('headless: a required display fails with a remedy, an optional one is skipped with the reason', async () => {
    const req = await cli(['--profile', write('h1.yaml', profileText(true))], envWith());
    expect(req.code).toBe(2);
    expect(req.report.results[0].findings[0].key).toBe('display.unavailable');
    const opt = await cli(['--profile', write('h2.yaml', profileText(false))], envWith());
    // The optional display is skipped; with --only display nothing else was measured, and a run
    // that measured nothing is never READY (src/report/model.ts readinessOf).
    expect(opt.code).toBe(2);
    expect(opt.report.readiness).toBe('NOT_READY');
    expect(opt.report.results[0].status).toBe('skip');
    expect(opt.report.results[0].findings[0].key).toBe('display.unavailable');
    expect(opt.report.results[0].findings[0].severity).toBe('info');
  });
});
