// Camera check against the real ffmpeg on lavfi/file sources whose truth is set here.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cameraCheck } from '../../src/checks/camera.js';
import { demoRoom, findingKeys, metricOf, runCheck } from './media-harness.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('wardkit-cam-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cam = async (uri: string, extra = {}) =>
  (await runCheck(cameraCheck, await demoRoom({ 'main-camera': uri }, extra))).outcome;

describe('camera truth', () => {
  it.each([15, 25, 30])('testsrc2 at %i fps: rate within ±0.5 fps, resolution as set', async (fps) => {
    const o = await cam(`lavfi:testsrc2=size=1280x720:rate=${fps}`);
    expect(metricOf(o, 'frameRate')).toBeGreaterThanOrEqual(fps - 0.5);
    expect(metricOf(o, 'frameRate')).toBeLessThanOrEqual(fps + 0.5);
    expect(metricOf(o, 'width')).toBe(1280);
    expect(metricOf(o, 'height')).toBe(720);
    expect(metricOf(o, 'blackFraction')).toBe(0);
    expect(metricOf(o, 'frozenFraction')).toBe(0);
    // the demo profile requires ≥ 25 fps
    expect(o.status).toBe(fps >= 25 ? 'pass' : 'fail');
    if (fps < 25) expect(findingKeys(o)).toContain('camera.lowFrameRate');
  });

  it('the rate comes from the timestamps, not the nominal rate', async () => {
    // Nominally 30 fps, but the frames are stamped 1/20 s apart: a camera that slows down.
    const o = await cam('lavfi:testsrc2=size=1280x720:rate=30,setpts=N/(20*TB)');
    expect(Math.abs((metricOf(o, 'frameRate') as number) - 20)).toBeLessThanOrEqual(0.5);
    expect(findingKeys(o)).toContain('camera.lowFrameRate');
  });

  it('a recorded file at 25 fps (file: URI) is measured from its timestamps', async () => {
    const f = join(dir, 'clip.mkv');
    execFileSync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=1280x720:rate=25',
      '-t',
      '6',
      '-c:v',
      'mjpeg',
      '-q:v',
      '5',
      '-y',
      f,
    ]);
    const o = await cam(`file:${f}`);
    expect(Math.abs((metricOf(o, 'frameRate') as number) - 25)).toBeLessThanOrEqual(0.5);
    expect(o.status).toBe('pass');
  });

  it('color=black → black picture, fail', async () => {
    const o = await cam('lavfi:color=black:size=1280x720:rate=30');
    expect(metricOf(o, 'blackFraction')).toBeGreaterThan(0.9);
    expect(findingKeys(o)).toContain('camera.black');
    expect(o.status).toBe('fail');
    expect(o.findings?.find((f) => f.key === 'camera.black')?.remedyKey).toBe('camera.black.remedy');
  });

  it('a single frame looped → frozen picture, fail (and not black)', async () => {
    const o = await cam('lavfi:testsrc2=size=1280x720:rate=30,trim=end_frame=1,loop=loop=-1:size=1:start=0');
    expect(metricOf(o, 'frozenFraction')).toBeGreaterThan(0.9);
    expect(metricOf(o, 'blackFraction')).toBe(0);
    expect(findingKeys(o)).toContain('camera.frozen');
    expect(o.status).toBe('fail');
  });

  it('a dim, noisy picture → too dark (warn), not black', async () => {
    const o = await cam('lavfi:color=0x101010:size=1280x720:rate=30,noise=alls=30:allf=t');
    expect(metricOf(o, 'lumaMean')).toBeLessThan(38);
    expect(findingKeys(o)).toContain('camera.tooDark');
    expect(findingKeys(o)).not.toContain('camera.black');
    expect(o.status).toBe('warn');
  });

  it('a bright picture → overexposed (warn)', async () => {
    const o = await cam('lavfi:color=0xF8F8F8:size=1280x720:rate=30,noise=alls=10:allf=t');
    expect(metricOf(o, 'lumaMean')).toBeGreaterThan(225);
    expect(findingKeys(o)).toContain('camera.overexposed');
    expect(o.status).toBe('warn');
  });

  it('resolution below the role minimum → fail', async () => {
    const o = await cam('lavfi:testsrc2=size=640x360:rate=30');
    expect(metricOf(o, 'width')).toBe(640);
    expect(findingKeys(o)).toContain('camera.lowResolution');
    expect(o.status).toBe('fail');
  });

  it('--evidence saves a JPEG snapshot and names it in details', async () => {
    const ev = join(dir, 'evidence');
    const o = await cam('lavfi:testsrc2=size=1280x720:rate=30', { evidenceDir: ev });
    const snap = o.details?.snapshot as string;
    expect(snap).toBe(join(ev, 'camera-main-camera.jpg'));
    expect(existsSync(snap) && statSync(snap).size).toBeGreaterThan(1000);
    expect(o.evidence?.[0]).toMatchObject({ kind: 'image', mime: 'image/jpeg', path: snap });
    const none = await cam('lavfi:testsrc2=size=1280x720:rate=30');
    expect(none.details?.snapshot).toBeUndefined();
    expect(none.evidence).toEqual([]);
  });
});
