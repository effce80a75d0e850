// Recording readiness against real file systems: a small tmpfs that cannot hold the profile's
// hours fails with the free/needed figures and a remedy; a read-only mount fails as not writable; a
// healthy folder passes after a real test recording from the room's camera and microphone (lavfi
// test pattern + the simulated room microphone) was decoded — and no file is left behind.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemUnavailable } from '../helpers/system.js';
import { tempDir } from '../helpers/temp.js';
import { WARDKIT } from '../helpers/wardkit-ns.js';

const why = systemUnavailable(['mount', 'umount', 'ffmpeg']);

describe.skipIf(why)('recording check on real file systems', () => {
  const mounts: string[] = [];
  afterAll(() => {
    for (const m of mounts.reverse()) spawnSync('umount', ['-l', m]);
  });
  const mountTmpfs = (opts: string) => {
    const dir = tempDir('wardkit-rec-mnt-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'wardkit-perf-rec', dir]);
    mounts.push(dir);
    return dir;
  };
  const profileFor = (folder: string, hours = 1) => {
    const file = join(tempDir('wardkit-rec-profile-'), 'rec.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: wardkit/v1',
        'kind: EquipmentProfile',
        'id: rec-test',
        'name: Recording tests',
        'roles:',
        '  - { id: cam, kind: camera, device: "lavfi:testsrc2=size=640x360:rate=30", settings: { resolution: 640x360, frameRate: 30 } }',
        '  - { id: mic, kind: microphone, device: "sim:room" }',
        `recording: ${JSON.stringify({ folder, hours, testSeconds: 2 })}`,
        'checks: { recording: { required: true } }',
        'call: { video: { width: 640, height: 360, bitrateKbps: 1000 }, audio: { bitrateKbps: 32 } }',
        '',
      ].join('\n'),
    );
    return file;
  };
  const check = (profile: string) => {
    const r = spawnSync(
      process.execPath,
      [WARDKIT, 'check', '--format', 'json', '--lang', 'en', '--only', 'recording', '--profile', profile],
      { encoding: 'utf8', timeout: 90_000 },
    );
    if (!r.stdout) throw new Error(`no report (exit ${r.status}): ${r.stderr}`);
    return {
      exit: r.status,
      result: JSON.parse(r.stdout).results.find((x: { checkId: string }) => x.checkId === 'recording'),
    };
  };

  it('a small tmpfs (8 MiB) cannot hold 1 hour at 1.03 Mbit/s: fail with the figures and a remedy', () => {
    const dir = mountTmpfs('size=8m');
    const { exit, result } = check(profileFor(dir, 1));
    expect(result.status).toBe('fail');
    const f = result.findings.find((x: { key: string }) => x.key === 'recording.noSpace');
    expect(f).toBeDefined();
    expect(f.remedy).toBeTruthy();
    expect(f.params.need).toBeCloseTo(0.43, 2); // 1 h × 1032 kbit/s = 464 MB = 0.43 GiB
    expect(f.params.free).toBeLessThanOrEqual(0.01); // 8 MiB
    expect(exit).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);

  it('a read-only folder fails as not writable', () => {
    const dir = mountTmpfs('size=64m,ro');
    const { result } = check(profileFor(dir));
    expect(result.status).toBe('fail');
    expect(result.findings.map((x: { key: string }) => x.key)).toContain('recording.notWritable');
  }, 120_000);

  it('a healthy folder passes after a playable test recording, and nothing is left in it', () => {
    const dir = mountTmpfs('size=2g');
    const { result } = check(profileFor(dir, 1));
    expect(result.status).toBe('pass');
    expect(result.details.test.video).toBeTruthy();
    expect(result.details.test.audio).toBeTruthy();
    expect(Math.abs(result.details.test.durationSeconds - 2)).toBeLessThanOrEqual(0.5);
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);
});
