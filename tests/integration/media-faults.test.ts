// Faults: a missing device, ffmpeg failing, ffmpeg hanging. Each ends as `error` or `fail` with a
// remedy, within the deadline, with no process left over (grandchildren included).
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cameraCheck } from '../../src/checks/camera.js';
import { microphoneCheck } from '../../src/checks/microphone.js';
import { runFfmpeg } from '../../src/media/ffmpeg.js';
import { alive, demoRoom, FAKE_FFMPEG, findingKeys, ROOT, runCheck } from './media-harness.js';
import { tempDir } from '../helpers/temp.js';

const run = promisify(execFile);
const dir = tempDir('wardkit-faults-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fake = { path: FAKE_FFMPEG, source: 'explicit' as const };
let n = 0;

async function waitGone(pids: number[], ms = 3000) {
  const until = Date.now() + ms;
  while (pids.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return pids.filter(alive);
}

describe('process group: timeout and abort kill ffmpeg and its grandchild', () => {
  it('on timeout', async () => {
    const pidFile = join(dir, `pids-${n++}`);
    const t0 = Date.now();
    const r = await runFfmpeg(fake, ['-i', 'x'], {
      timeoutMs: 1500,
      env: { FAKE_FFMPEG_MODE: 'hang', FAKE_FFMPEG_PIDS: pidFile },
      killGraceMs: 300,
    });
    expect(r.timedOut).toBe(true);
    expect(Date.now() - t0).toBeLessThan(4000);
    const pids = readFileSync(pidFile, 'utf8').split(' ').map(Number);
    expect(pids).toHaveLength(2);
    expect(await waitGone(pids)).toEqual([]);
  });

  it('on abort', async () => {
    const pidFile = join(dir, `pids-${n++}`);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 1000);
    const r = await runFfmpeg(fake, ['-i', 'x'], {
      timeoutMs: 60_000,
      signal: ac.signal,
      env: { FAKE_FFMPEG_MODE: 'hang', FAKE_FFMPEG_PIDS: pidFile },
      killGraceMs: 300,
    });
    expect(r.aborted).toBe(true);
    const pids = readFileSync(pidFile, 'utf8').split(' ').map(Number);
    expect(await waitGone(pids)).toEqual([]);
  });
});

describe('fault results', () => {
  it('a device that does not exist (v4l2:/dev/video99) → fail with a remedy', async () => {
    const { outcome, ms } = await runCheck(cameraCheck, await demoRoom({ 'main-camera': 'v4l2:/dev/video99' }));
    expect(outcome.status).toBe('fail');
    const f = outcome.findings?.find((x) => x.key === 'camera.notFound');
    expect(f?.remedyKey).toBe('camera.notFound.remedy');
    expect(ms).toBeLessThan(10_000);
  });

  it('a microphone that does not exist (alsa:hw:99,0) → fail with a remedy', async () => {
    const { outcome } = await runCheck(microphoneCheck, await demoRoom({ 'room-microphone': 'alsa:hw:99,0' }));
    expect(['fail', 'error']).toContain(outcome.status);
    expect(outcome.findings?.[0].remedyKey).toBeTruthy();
  });

  it('ffmpeg exiting with an error (bad filter graph) → error with a remedy', async () => {
    const { outcome } = await runCheck(
      cameraCheck,
      await demoRoom({ 'main-camera': 'lavfi:nosuchsource=size=1280x720' }),
    );
    expect(outcome.status).toBe('error');
    expect(findingKeys(outcome)).toEqual(['ffmpeg.failed']);
    expect(outcome.findings?.[0].remedyKey).toBe('ffmpeg.failed.remedy');
  });

  it('ffmpeg exiting with an error (fake ffmpeg, exit 1) → error with a remedy, via the CLI', async () => {
    const res = (await run(
      process.execPath,
      [
        join(ROOT, 'bin/wardkit.js'),
        'check',
        '--demo',
        '--only',
        'camera',
        '--ffmpeg',
        FAKE_FFMPEG,
        '--format',
        'json',
      ],
      {
        env: { ...process.env, FAKE_FFMPEG_MODE: 'fail' },
        timeout: 60_000,
      },
    ).catch((e) => e)) as { stdout: string; code?: number };
    expect(res.code).toBe(2);
    const cam = JSON.parse(res.stdout).results[0];
    expect(cam.status).toBe('error');
    expect(cam.findings[0]).toMatchObject({ key: 'ffmpeg.failed', remedyKey: 'ffmpeg.failed.remedy' });
    expect(cam.findings[0].params.detail).toMatch(/Invalid data found/);
  });

  it('a bad URI → error with a remedy', async () => {
    const { outcome } = await runCheck(cameraCheck, await demoRoom({ 'main-camera': 'webcam:0' }));
    expect(outcome.status).toBe('error');
    expect(findingKeys(outcome)).toEqual(['uri.invalid']);
  });

  it('ffmpeg hanging → error within the deadline, nothing left behind', async () => {
    const pidFile = join(dir, `pids-${n++}`);
    // The check passes its own env to ffmpeg; the fake's mode must come through the environment of
    // THIS child only — so run the CLI as a child with that environment.
    const t0 = Date.now();
    const child = run(
      process.execPath,
      [
        join(ROOT, 'bin/wardkit.js'),
        'check',
        '--demo',
        '--only',
        'microphone',
        '--ffmpeg',
        FAKE_FFMPEG,
        '--format',
        'json',
      ],
      {
        env: { ...process.env, FAKE_FFMPEG_MODE: 'hang', FAKE_FFMPEG_PIDS: pidFile },
        timeout: 60_000,
      },
    ).catch((e: { stdout: string; code: number }) => e);
    const res = (await child) as { stdout: string; code?: number };
    const elapsed = Date.now() - t0;
    const report = JSON.parse(res.stdout);
    const r = report.results.find((x: { checkId: string }) => x.checkId === 'microphone');
    expect(r.status).toBe('error');
    expect(r.findings[0].key).toBe('microphone.timeout');
    expect(r.findings[0].remedyKey).toBe('microphone.timeout.remedy');
    expect(res.code).toBe(2);
    // microphone timeout = 3 s capture + 15 s; the CLI must not wait much longer than that
    expect(elapsed).toBeLessThan(25_000);
    const pids = readFileSync(pidFile, 'utf8').split(' ').map(Number);
    expect(await waitGone(pids)).toEqual([]);
  });

  it('an ffmpeg that exits 0 with no output → no frames (fail), never pass', async () => {
    const room = await demoRoom({ 'main-camera': 'lavfi:testsrc2' }, { ffmpegPath: FAKE_FFMPEG });
    // The fake reads its mode from the environment; without FAKE_FFMPEG_MODE it records and exits 0
    // with no output, which the camera check must call "no frames", not pass.
    const { outcome } = await runCheck(cameraCheck, room, { deadlineMs: 4000 });
    expect(outcome.status).toBe('fail');
    expect(findingKeys(outcome)).toEqual(['camera.noFrames']);
  });
});

describe('the CLI', () => {
  it('demo camera + microphone → READY (exit 0)', async () => {
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, 'bin/wardkit.js'), 'check', '--demo', '--only', 'camera,microphone', '--format', 'json'],
      { timeout: 60_000 },
    );
    const report = JSON.parse(stdout);
    expect(report.readiness).toBe('READY');
    expect(report.results.map((r: { status: string }) => r.status)).toEqual(['pass', 'pass']);
  });

  it('a black camera → NOT READY (exit 2) with the black-camera finding', async () => {
    const res = (await run(
      process.execPath,
      [
        join(ROOT, 'bin/wardkit.js'),
        'check',
        '--demo',
        '--device',
        'camera=lavfi:color=black:size=1280x720:rate=30',
        '--only',
        'camera,microphone',
        '--format',
        'json',
      ],
      { timeout: 60_000 },
    ).catch((e) => e)) as { stdout: string; code?: number };
    expect(res.code).toBe(2);
    const report = JSON.parse(res.stdout);
    expect(report.readiness).toBe('NOT_READY');
    const cam = report.results.find((r: { checkId: string }) => r.checkId === 'camera');
    expect(cam.findings.map((f: { key: string }) => f.key)).toContain('camera.black');
  });

  it.each([
    ['camera=lavfi:testsrc2=size=1280x720:rate=30,trim=end_frame=1,loop=loop=-1:size=1:start=0', 'camera.frozen'],
    ['camera=lavfi:color=0x101010:size=1280x720:rate=30,noise=alls=30:allf=t', 'camera.tooDark'],
    ['microphone=sim:room?mute=1', 'microphone.dead'],
    ['microphone=lavfi:sine=frequency=1000:sample_rate=48000,volume=16', 'microphone.clipping'],
  ])('fault %s never ends READY', async (device, key) => {
    const res = (await run(
      process.execPath,
      [
        join(ROOT, 'bin/wardkit.js'),
        'check',
        '--demo',
        '--device',
        device,
        '--only',
        'camera,microphone',
        '--format',
        'json',
      ],
      { timeout: 60_000 },
    ).catch((e) => e)) as { stdout: string; code?: number };
    expect(res.code ?? 0).not.toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.readiness).not.toBe('READY');
    expect(report.results.flatMap((r: { findings: Array<{ key: string }> }) => r.findings.map((f) => f.key))).toContain(
      key,
    );
  });
});
