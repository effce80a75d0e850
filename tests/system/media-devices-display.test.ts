// `wardkit devices` sees a display: a private Xvfb screen at 1920x1080, found by systeminformation.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemUnavailable } from '../helpers/system.js';

const reason = systemUnavailable(['Xvfb', 'xrandr']);
const DISPLAY = `:${200 + (process.pid % 300)}`;

describe.skipIf(reason)(`devices lists an Xvfb display${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let xvfb: ChildProcess;
  beforeAll(async () => {
    xvfb = spawn('Xvfb', [DISPLAY, '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    const until = Date.now() + 10_000;
    while (!existsSync(`/tmp/.X11-unix/X${DISPLAY.slice(1)}`) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(() => {
    if (xvfb?.pid) process.kill(xvfb.pid, 'SIGTERM');
  });

  it('as a display with its current mode and a display: URI', () => {
    const out = execFileSync(process.execPath, ['bin/wardkit.js', 'devices', '--json'], {
      env: { ...process.env, DISPLAY },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const inv = JSON.parse(out) as { devices: Array<{ kind: string; uri: string; caps?: Record<string, number> }> };
    const displays = inv.devices.filter((d) => d.kind === 'display');
    expect(displays).toHaveLength(1);
    expect(displays[0].uri).toMatch(/^display:/);
    expect(displays[0].caps).toMatchObject({ currentResX: 1920, currentResY: 1080 });
  });
});
