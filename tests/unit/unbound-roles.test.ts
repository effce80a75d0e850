// A required device role with no device bound must never let the room look READY, whichever
// checks run (`--only camera` skips the devices check that would otherwise report it).
import { describe, expect, it } from 'vitest';
import { cameraCheck } from '../../src/checks/camera.js';
import { microphoneCheck } from '../../src/checks/microphone.js';
import { runChecks } from '../../src/checks/runner.js';
import type { RoomContext } from '../../src/checks/types.js';
import { createFormatter } from '../../src/i18n/format.js';
import { loadProfile } from '../../src/profiles/resolve.js';
import { readinessOf } from '../../src/report/model.js';

const log = { debug() {}, info() {}, warn() {} };
const t = createFormatter('en');

describe('camera and microphone with no device bound', () => {
  it('a required role fails with a remedy (ward-standard, no room file, no --device)', async () => {
    const room: RoomContext = { profile: await loadProfile('ward-standard'), devices: {} };
    const results = await runChecks([cameraCheck, microphoneCheck], room, { t, log });
    expect(results.map((r) => [r.checkId, r.targetId, r.status])).toEqual([
      ['camera', 'room-camera', 'fail'],
      ['microphone', 'room-microphone', 'fail'],
    ]);
    for (const r of results) {
      const f = r.findings.find((x) => x.severity === 'fail');
      expect(f?.remedyKey && t.has(f.key) && t.has(f.remedyKey)).toBe(true);
    }
    expect(readinessOf(results)).toBe('NOT_READY');
  });

  it('an optional role with no device is skipped, the bound required ones still run', async () => {
    const profile = await loadProfile('hq-reception');
    const room: RoomContext = { profile, devices: { 'room-camera': 'sim:display', 'wide-camera': 'sim:display' } };
    const results = await runChecks([cameraCheck], room, { t, log });
    const byRole = Object.fromEntries(results.map((r) => [r.targetId, r.status]));
    // sim:display is not a camera: an error (not a pass) — the point is that the optional,
    // unbound document camera is a skip, not a fail.
    expect(byRole).toEqual({ 'room-camera': 'error', 'wide-camera': 'error', 'document-camera': 'skip' });
  });
});
