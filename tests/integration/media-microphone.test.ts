// Microphone check against the real ffmpeg on lavfi/file sources whose truth is set here.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { microphoneCheck } from '../../src/checks/microphone.js';
import { demoRoom, findingKeys, metricOf, runCheck } from './media-harness.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('wardkit-mic-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mic = async (uri: string) =>
  (await runCheck(microphoneCheck, await demoRoom({ 'room-microphone': uri }))).outcome;

describe('microphone truth', () => {
  it('a WAV sine of peak −20 dBFS (file:) → RMS −23.0 ± 0.5 dBFS, pass', async () => {
    const f = join(dir, 'sine-20.wav');
    // sine= has amplitude 1/8; × 0.8 → peak 0.1 = −20 dBFS; RMS = −20 − 3.01 dB
    execFileSync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=1000:sample_rate=48000:duration=4,volume=0.8',
      '-c:a',
      'pcm_s16le',
      '-y',
      f,
    ]);
    const o = await mic(`file:${f}`);
    expect(Math.abs((metricOf(o, 'rmsLevel') as number) + 23.0)).toBeLessThanOrEqual(0.5);
    expect(Math.abs((metricOf(o, 'peakLevel') as number) + 20.0)).toBeLessThanOrEqual(0.2);
    expect(metricOf(o, 'sampleRate')).toBe(48000);
    expect(o.status).toBe('pass');
    const spec = o.details?.spectrum as { freqHz: number[]; db: number[] };
    expect(spec.freqHz.length).toBe(64);
    const top = spec.freqHz[spec.db.indexOf(Math.max(...spec.db))];
    expect(top).toBeGreaterThan(900);
    expect(top).toBeLessThan(1100);
  });

  it('the negotiated sample rate is reported (44.1 kHz source)', async () => {
    const o = await mic('lavfi:sine=frequency=440:sample_rate=44100,volume=0.8');
    expect(metricOf(o, 'sampleRate')).toBe(44100);
    expect(Math.abs((metricOf(o, 'rmsLevel') as number) + 23.0)).toBeLessThanOrEqual(0.5);
  });

  it('silence → dead microphone, fail', async () => {
    const o = await mic('lavfi:anullsrc=r=48000:cl=mono');
    expect(findingKeys(o)).toContain('microphone.dead');
    expect(o.status).toBe('fail');
  });

  it('a quiet talker (−50 dBFS) → too quiet, warn', async () => {
    const o = await mic('sim:room?talker=-50&noise=-80');
    expect(findingKeys(o)).toContain('microphone.quiet');
    expect(o.status).toBe('warn');
  });

  it('a sine driven past full scale → clipping', async () => {
    const o = await mic('lavfi:sine=frequency=1000:sample_rate=48000,volume=16');
    expect(metricOf(o, 'longestFullScaleRun')).toBeGreaterThan(6);
    expect(findingKeys(o)).toContain('microphone.clipping');
    expect(o.status).not.toBe('pass');
  });

  it('a sine at peak −0.1 dBFS does not count as clipping', async () => {
    const o = await mic('lavfi:sine=frequency=1000:sample_rate=48000,volume=7.9');
    expect(findingKeys(o)).not.toContain('microphone.clipping');
  });

  it('gaps of digital silence inside the signal → dropouts', async () => {
    // 50 ms of exact zeros twice a second
    const o = await mic(
      "lavfi:sine=frequency=1000:sample_rate=48000,volume=0.8,volume=volume='if(lt(mod(t,0.5),0.05),0,1)':eval=frame",
    );
    expect(metricOf(o, 'dropouts')).toBeGreaterThanOrEqual(4);
    expect(findingKeys(o)).toContain('microphone.dropouts');
  });

  it('DC offset', async () => {
    const o = await mic("lavfi:aevalsrc=exprs='0.1*sin(2*PI*1000*t)+0.2':s=48000");
    expect(metricOf(o, 'dcOffset')).toBeCloseTo(0.2, 2);
    expect(findingKeys(o)).toContain('microphone.dcOffset');
  });

  it('the simulated room microphone: talker −26 dBFS active level, noise −70 dBFS', async () => {
    const o = await mic('sim:room?talker=-26&noise=-70');
    // talking 0.75 of each second: RMS = −26 + 10·log10(0.75) = −27.25 dBFS
    expect(Math.abs((metricOf(o, 'rmsLevel') as number) + 27.25)).toBeLessThanOrEqual(0.5);
    expect(Math.abs((metricOf(o, 'noiseFloor') as number) + 70)).toBeLessThanOrEqual(1.5);
    expect(o.status).toBe('pass');
  });

  it('the simulated room microphone muted → dead', async () => {
    const o = await mic('sim:room?talker=-26&noise=-70&mute=1');
    expect(findingKeys(o)).toContain('microphone.dead');
    expect(o.status).toBe('fail');
  });
});
