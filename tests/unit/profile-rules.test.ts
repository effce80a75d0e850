import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProfileError } from '../../src/profiles/diagnostics.js';
import { BUNDLED_DIR, deepMerge, loadProfile, resolveProfileFile } from '../../src/profiles/resolve.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('wardkit-rules-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEAD = (id: string) => `apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: ${id}\n`;
let n = 0;
function file(body: string, name = `p${n++}.yaml`): string {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
}
/** [line, col] (1-based) of the `nth` occurrence of `needle` in `text`: expected positions are computed, not guessed. */
function at(text: string, needle: string, nth = 1): [number, number] {
  let i = -1;
  for (let k = 0; k < nth; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, i).split('\n');
  return [before.length, before[before.length - 1].length + 1];
}
async function diags(body: string) {
  const { diagnostics } = await resolveProfileFile(file(body));
  return diagnostics.map((d) => [d.line, d.col, d.key]);
}

describe('bundled profiles', () => {
  it.each(['ward-standard', 'hq-reception', 'demo-simulated'])('%s resolves without diagnostics', async (id) => {
    const { profile, diagnostics } = await resolveProfileFile(join(BUNDLED_DIR, `${id}.yaml`));
    expect(diagnostics).toEqual([]);
    expect(profile?.id).toBe(id);
  });

  it('ward-standard follows the brief: 1080p30 camera, 720p minimum, 25 fps, 1.5 / 3.0 Mbit/s upload', async () => {
    const p = await loadProfile('ward-standard');
    const cam = p.roles.find((r) => r.kind === 'camera')!;
    expect(cam.settings).toMatchObject({ resolution: '1920x1080', minResolution: '1280x720', frameRate: 30 });
    expect(p.thresholds.camera.minFrameRate).toBe(25);
    expect(p.network.uploadMbps).toEqual({ min: 1.5, recommended: 3.0 });
    expect(p.thresholds.display).toMatchObject({ minWidth: 1920, minHeight: 1080 });
    expect(new Set(p.roles.map((r) => r.kind))).toEqual(new Set(['camera', 'microphone', 'speaker', 'display']));
    expect((p.call.video.bitrateKbps + p.call.audio.bitrateKbps) * p.call.headroom).toBeLessThanOrEqual(
      p.network.uploadMbps.recommended * 1000,
    );
  });

  it('hq-reception extends ward-standard: refines roles by id, adds cameras, keeps inherited values', async () => {
    const p = await loadProfile('hq-reception');
    expect(p.source.chain).toEqual(['ward-standard', 'hq-reception']);
    expect(p.roles.filter((r) => r.kind === 'camera').map((r) => r.id)).toEqual([
      'room-camera',
      'wide-camera',
      'document-camera',
    ]);
    expect(p.roles.find((r) => r.id === 'room-camera')?.kind).toBe('camera'); // kind inherited
    expect(p.roles.find((r) => r.id === 'document-camera')?.required).toBe(false);
    expect(p.thresholds.display.minWidth).toBe(3840);
    expect(p.thresholds.microphone.deadDbfs).toBe(-60); // from ward-standard
    expect(p.network.downloadMbps.recommended).toBeGreaterThan(p.network.uploadMbps.recommended);
  });
});

describe('extends', () => {
  it('a missing parent is reported at the extends value', async () => {
    expect(await diags(HEAD('a') + 'extends: no-such-profile\n')).toEqual([[4, 10, 'profile.extendsMissing']]);
  });

  it('a cycle is reported, not followed forever', async () => {
    file(HEAD('x') + 'extends: ./cy-b.yaml\n', 'cy-a.yaml');
    file(HEAD('y') + 'extends: ./cy-a.yaml\n', 'cy-b.yaml');
    const { diagnostics } = await resolveProfileFile(join(dir, 'cy-a.yaml'));
    expect(diagnostics.map((d) => d.key)).toEqual(['profile.extendsCycle']);
    expect(String(diagnostics[0].params.chain)).toBe('cy-a.yaml → cy-b.yaml → cy-a.yaml');
    file(HEAD('self') + 'extends: ./self.yaml\n', 'self.yaml');
    const self = (await resolveProfileFile(join(dir, 'self.yaml'))).diagnostics;
    expect(self.map((d) => [d.key, d.params.chain])).toEqual([['profile.extendsCycle', 'self.yaml → self.yaml']]);
    // The same through a relative path: detected at the first step, not one level later.
    const rel = (await resolveProfileFile(join(dir, '..', dir.split(/[/\\]/).pop()!, 'self.yaml'))).diagnostics;
    expect(rel.map((d) => d.params.chain)).toEqual(['self.yaml → self.yaml']);
  });

  it('a parent with errors reports them in the parent file', async () => {
    file(HEAD('par') + 'thresholds:\n  camera:\n    minFrameRate: -1\n', 'bad-parent.yaml');
    const { diagnostics } = await resolveProfileFile(file(HEAD('kid') + 'extends: ./bad-parent.yaml\n'));
    expect(diagnostics.map((d) => [d.file.endsWith('bad-parent.yaml'), d.line, d.key])).toEqual([
      [true, 6, 'profile.range'],
    ]);
  });

  it('a semantic error in an inherited value points into the parent that wrote it', async () => {
    file(HEAD('par2') + 'network:\n  uploadMbps: { min: 1.0, recommended: 1.0 }\n', 'low-parent.yaml');
    const { diagnostics } = await resolveProfileFile(file(HEAD('kid2') + 'extends: ./low-parent.yaml\n'));
    expect(diagnostics.map((d) => [d.file.endsWith('low-parent.yaml'), d.line, d.key])).toEqual([
      [true, 5, 'profile.uploadBelowCall'],
    ]);
  });

  it('deepMerge: maps merge, arrays are replaced', () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, e: 2 })).toEqual({
      a: { b: 1, c: [3] },
      d: 1,
      e: 2,
    });
  });

  it('loadProfile throws ProfileError carrying every diagnostic', async () => {
    const f = file(HEAD('bad') + 'nmae: x\ncall: { headroom: 0 }\n');
    await expect(loadProfile(f)).rejects.toBeInstanceOf(ProfileError);
    await expect(loadProfile(f)).rejects.toMatchObject({
      diagnostics: [{ key: 'profile.unknownKeyHint' }, { key: 'profile.range' }],
    });
  });
});

describe('semantic rules', () => {
  it('role ids unique within a file (before extends merges roles by id)', async () => {
    expect(await diags(HEAD('r') + 'roles:\n  - { id: cam, kind: camera }\n  - { id: cam, kind: camera }\n')).toEqual([
      [6, 11, 'profile.duplicateRole'],
    ]);
  });

  it('upload must cover (video + audio) × headroom, at the upload value', async () => {
    const body =
      HEAD('u') +
      'network:\n  uploadMbps: { min: 1.0, recommended: 1.8 }\ncall:\n  video: { bitrateKbps: 1500 }\n  audio: { bitrateKbps: 32 }\n  headroom: 1.2\n';
    expect(await diags(body)).toEqual([[...at(body, '1.8'), 'profile.uploadBelowCall']]);
    // (1500 + 32) × 1.2 = 1838.4 kbit/s: 1.85 is enough.
    expect(
      await diags(HEAD('u2') + 'network:\n  uploadMbps: { min: 1.0, recommended: 1.85 }\ncall:\n  headroom: 1.2\n'),
    ).toEqual([]);
  });

  it('min ≤ recommended; lower limits below upper limits', async () => {
    const a = HEAD('m') + 'network:\n  uploadMbps: { min: 5, recommended: 3 }\n';
    expect(await diags(a)).toEqual([[...at(a, '5,'), 'profile.minAboveRecommended']]);
    const b =
      HEAD('m2') +
      'thresholds:\n  microphone: { deadDbfs: -30, quietDbfs: -40 }\n  camera: { minLuma: 200, maxLuma: 100 }\n';
    expect(await diags(b)).toEqual([
      [...at(b, '-30'), 'profile.minNotBelowMax'],
      [...at(b, '200'), 'profile.minNotBelowMax'],
    ]);
  });

  it('warn/fail ordering in both directions', async () => {
    const w = HEAD('w') + 'network:\n  rttMs: { warn: 700, fail: 600 }\ncall:\n  mos: { warn: 3.0, fail: 3.5 }\n';
    expect(await diags(w)).toEqual([
      [...at(w, '700'), 'profile.warnAfterFail'],
      [...at(w, '3.0'), 'profile.warnBelowFail'],
    ]);
  });

  it('roles named by a check policy exist and are of the right kind', async () => {
    const c =
      HEAD('c') +
      'roles:\n  - { id: cam, kind: camera }\n  - { id: mic, kind: microphone }\nchecks:\n  camera: { roles: [cam, mic, ghost] }\n';
    expect(await diags(c)).toEqual([
      [...at(c, 'mic, ghost'), 'profile.roleKindMismatch'],
      [...at(c, 'ghost'), 'profile.unknownRoleRef'],
    ]);
  });

  it('settings must fit the kind; min resolution ≤ preferred; camera rate ≥ check minimum; display ≥ display minimum', async () => {
    const d = await diags(
      HEAD('s') +
        'roles:\n  - id: cam\n    kind: camera\n    settings: { resolution: 1280x720, minResolution: 1920x1080, frameRate: 15, volume: 50 }\n' +
        '  - id: tv\n    kind: display\n    settings: { resolution: 1280x720 }\nthresholds:\n  camera: { minFrameRate: 25 }\n',
    );
    expect(d.map((x) => x[2])).toEqual([
      'profile.settingNotForKind',
      'profile.minResolutionAbovePreferred',
      'profile.frameRateBelowThreshold',
      'profile.displayBelowThreshold',
    ]);
    expect(d[0].slice(0, 1)).toEqual([7]); // the camera's settings line (volume)
  });

  it('contradictions with check thresholds are warnings: the profile still loads', async () => {
    const f = file(
      HEAD('wn') +
        'roles:\n  - id: cam\n    kind: camera\n    settings: { frameRate: 15 }\nthresholds:\n  camera: { minFrameRate: 25 }\n',
    );
    const { profile, diagnostics } = await resolveProfileFile(f);
    expect(diagnostics.map((d) => [d.key, d.severity])).toEqual([['profile.frameRateBelowThreshold', 'warning']]);
    expect(profile?.id).toBe('wn');
    await expect(loadProfile(f)).resolves.toMatchObject({ id: 'wn' });
  });

  it('a role without a kind that refines nothing is an error', async () => {
    expect(await diags(HEAD('k') + 'roles:\n  - id: lonely\n')).toEqual([[5, 5, 'profile.roleNoKind']]);
  });

  it('a call that sends less than its own warning level, and unmeasurable tones', async () => {
    const v = HEAD('v') + 'call:\n  video: { bitrateKbps: 800 }\n';
    expect(await diags(v)).toEqual([[...at(v, '800'), 'profile.callBitrateBelowLevel']]);
    expect(await diags(HEAD('t') + 'thresholds:\n  speaker: { tonesHz: [1000, 20000] }\n')).toEqual([]);
  });
});
