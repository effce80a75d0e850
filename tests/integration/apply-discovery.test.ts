// The default device discovery of `apply` and of the `devices` check is the media area's
// discoverDevices(). It was looked up as `listDevices` (a name it never had), so `apply --profile
// ward-standard` — the real job, where nothing is fixed by the profile — crashed with "Internal
// error: mod.listDevices is not a function" (exit 70), and the devices check was an error.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultInventorySource } from '../../src/media/inventory-source.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = resolve(import.meta.dirname, '../..');
const wardkit = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/wardkit.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, LANG: 'C' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('default device discovery', () => {
  it('returns an inventory (devices and the sources it could not query), never throws', async () => {
    const inv = await defaultInventorySource({ signal: AbortSignal.timeout(60_000) });
    expect(Array.isArray(inv.devices)).toBe(true);
    expect(Array.isArray(inv.unavailable)).toBe(true);
  }, 90_000);

  it('apply --plan on ward-standard (every role discovered) is not an internal error', () => {
    const dir = tempDir('wardkit-disc-');
    const r = wardkit(
      ['apply', '--profile', 'ward-standard', '--ward', 'W-DISC', '--plan', '--room-file', 'room.yaml'],
      dir,
    );
    expect(r.stderr).not.toContain('Internal error');
    expect([0, 1]).toContain(r.code);
  }, 90_000);

  it('the devices check of a room whose camera is gone reports it missing, not an error', () => {
    const dir = tempDir('wardkit-disc-');
    writeFileSync(
      join(dir, 'room.yaml'),
      'apiVersion: wardkit/v1\nkind: Room\nward: W-DISC\nprofile:\n  id: demo-simulated\ndevices:\n  main-camera: v4l2:/dev/video97\n',
    );
    const r = wardkit(['check', '--room', 'room.yaml', '--only', 'devices', '--format', 'json'], dir);
    const report = JSON.parse(r.stdout);
    const cam = report.results.find((x: { targetId: string }) => x.targetId === 'main-camera');
    expect(cam.status).not.toBe('error');
    expect(['devices.missing', 'devices.unknown']).toContain(cam.findings[0].key);
  }, 90_000);
});
