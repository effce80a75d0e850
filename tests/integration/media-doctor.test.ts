// `wardkit doctor` and `wardkit devices` as a user runs them (the built CLI, spawned).
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './media-harness.js';
import { tempDir } from '../helpers/temp.js';

const run = promisify(execFile);
const cli = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  run(process.execPath, [join(ROOT, 'bin/wardkit.js'), ...args], { env, timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
const bundled = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const empty = tempDir('wardkit-nopath-');
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe('wardkit doctor', () => {
  it('reports the system ffmpeg with pulse input and every analysis filter', async () => {
    const r = await cli(['doctor', '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.node).toBe(process.versions.node);
    expect(d.ffmpeg.source).toBe('system');
    expect(d.ffmpeg.version).toMatch(/^\d/);
    expect(d.ffmpeg.inputs.find((i: { name: string }) => i.name === 'pulse').present).toBe(true);
    expect(d.ffmpeg.filters.every((f: { present: boolean }) => f.present)).toBe(true);
  });

  it('with the bundled ffmpeg 4.1: says pulse is missing and how to fix it', async () => {
    const r = await cli(['doctor', '--json', '--ffmpeg', bundled]);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.ffmpeg.source).toBe('explicit');
    expect(d.ffmpeg.inputs.find((i: { name: string }) => i.name === 'pulse').present).toBe(false);
    expect(d.advice.map((a: { key: string }) => a.key)).toContain('doctor.advice.noPulse');
    const text = await cli(['doctor', '--ffmpeg', bundled]);
    expect(text.stdout).toMatch(/no pulse input/);
  });

  it('falls back to the bundled ffmpeg when none is on PATH', async () => {
    const r = await cli(['doctor', '--json'], { ...process.env, PATH: empty, WARDKIT_FFMPEG: '' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).ffmpeg.source).toBe('bundled');
  });

  it('exit 1 when the ffmpeg given does not exist', async () => {
    const r = await cli(['doctor', '--ffmpeg', join(empty, 'no-ffmpeg')]);
    expect(r.code).toBe(1);
  });
});

describe('wardkit devices', () => {
  it('on a machine with no devices: lists nothing, names what it could not query, exit 0', async () => {
    const r = await cli(['devices', '--json'], {
      ...process.env,
      PULSE_SERVER: `unix:${join(empty, 'no-such-socket')}`,
    });
    expect(r.code).toBe(0);
    const inv = JSON.parse(r.stdout);
    expect(Array.isArray(inv.devices)).toBe(true);
    expect(inv.unavailable.map((u: { source: string }) => u.source)).toContain('pactl');
    const text = await cli(['--lang', 'vi', 'devices'], {
      ...process.env,
      PULSE_SERVER: `unix:${join(empty, 'no-such-socket')}`,
    });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Không truy vấn được/);
  });
});
