// The apply flow with a USB camera — which cannot exist on this machine — behind the same
// PlatformActions interface (an in-memory v4l2 camera). The real pactl path is the system test.
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { devicesCheckFor } from '../helpers/apply.js';
import {
  runApply,
  type ApplyDeps,
  type ApplyResultView,
  type PlanView,
  type UndoResultView,
} from '../../src/apply/run.js';
import type { Prompter } from '../../src/apply/prompt.js';
import { UsageError, WardkitError } from '../../src/errors.js';
import { createFormatter } from '../../src/i18n/format.js';
import type { Inventory } from '../../src/media/inventory.js';
import { manualFor, type Change, type DeviceState, type PlatformActions } from '../../src/platform/index.js';
import { readRoomFile, renderRoomFile } from '../../src/profiles/room.js';
import { tempDir } from '../helpers/temp.js';

const t = createFormatter('en');

/** A v4l2 camera in memory: what v4l2-ctl would read and set on a real one. */
function fakeCameras(initial: Record<string, DeviceState>, opts: { noAutofocus?: boolean } = {}) {
  const state: Record<string, DeviceState> = structuredClone(initial);
  const calls: Change[] = [];
  const actions: PlatformActions = {
    id: 'linux-v4l2',
    describe: async () => 'in-memory camera',
    getState: async (_k, uri) => ({ ...(state[uri] ?? {}) }),
    apply: async (c) => {
      calls.push(c);
      if (c.setting === 'autofocus' && opts.noAutofocus) return manualFor(c, 'linux', 'unsupported');
      state[c.uri] = { ...state[c.uri], [c.setting]: c.after };
      return { type: 'applied', change: c, via: 'v4l2-ctl' };
    },
  };
  return { state, calls, actions };
}

const CAM_A = { kind: 'camera' as const, uri: 'v4l2:/dev/video0', name: 'Logitech BRIO', source: 'v4l2' };
const CAM_B = { kind: 'camera' as const, uri: 'v4l2:/dev/video2', name: 'Logitech C920', source: 'v4l2' };
const HOSTILE_NAME = `Camera "trước"; $(touch /tmp/pwn) 'Tiếng Việt'`;
const CAM_H = {
  kind: 'camera' as const,
  uri: `v4l2:/dev/v4l/by-id/usb-${HOSTILE_NAME}`,
  name: HOSTILE_NAME,
  source: 'v4l2',
};

let dir: string;
beforeEach(async () => {
  dir = tempDir('wardkit-apply-');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function profile(roles: string): Promise<string> {
  const file = join(dir, 'profile.yaml');
  await writeFile(
    file,
    `apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: test-room\nname: Test room\nroles:\n${roles}`,
  );
  return file;
}

const CAMERA_ROLE = `  - id: main-camera\n    kind: camera\n    required: true\n    match: { name: ['*BRIO*'] }\n    settings: { resolution: 1920x1080, frameRate: 30, autofocus: true }\n`;
const SECOND_CAMERA = `  - id: doc-camera\n    kind: camera\n    required: false\n    match: { name: ['*Logitech*'] }\n`;

function deps(inventory: Inventory, actions: PlatformActions, extra: Partial<ApplyDeps> = {}): ApplyDeps {
  return {
    t,
    interactive: false,
    source: async () => inventory,
    actionsFor: async () => actions,
    cwd: dir,
    hostname: 'room-pc',
    ...extra,
  };
}

describe('apply: plan, apply, idempotence, undo', () => {
  it('--plan shows bindings and settings before → after and changes nothing', async () => {
    const cams = fakeCameras({ [CAM_A.uri]: { resolution: '640x480', frameRate: 15, autofocus: false } });
    const p = (await runApply(
      { profile: await profile(CAMERA_ROLE), ward: 'W1', plan: true },
      deps({ devices: [CAM_A, CAM_B], unavailable: [] }, cams.actions),
    )) as PlanView;
    expect(p.mode).toBe('plan');
    expect(p.bindings).toEqual([
      expect.objectContaining({ role: 'main-camera', uri: CAM_A.uri, how: 'matched', previousUri: undefined }),
    ]);
    expect(p.settings.map((s) => [s.setting, s.before, s.after, s.ok])).toEqual([
      ['resolution', '640x480', '1920x1080', false],
      ['frameRate', 15, 30, false],
      ['autofocus', false, true, false],
    ]);
    expect(p.roomChanges).toBe(true);
    expect(cams.calls).toEqual([]);
    await expect(stat(join(dir, 'rooms', 'W1.yaml'))).rejects.toThrow();
    const { renderPlan } = await import('../../src/apply/render.js');
    const text = renderPlan(t, p);
    expect(text).toContain('Camera: resolution 640x480 → 1920x1080');
    expect(text).toContain('nothing has been changed');
  });

  it('applies, writes rooms/<ward>.yaml; a second run reports no changes and leaves the file alone; --undo restores', async () => {
    const cams = fakeCameras({ [CAM_A.uri]: { resolution: '640x480', frameRate: 15, autofocus: false } });
    const prof = await profile(CAMERA_ROLE);
    const inventory = { devices: [CAM_A, CAM_B], unavailable: [] };
    const r1 = (await runApply(
      { profile: prof, ward: 'W1', yes: true },
      deps(inventory, cams.actions),
    )) as ApplyResultView;
    expect(r1).toMatchObject({ mode: 'apply', changed: true, roomWritten: true, missing: [] });
    expect(r1.applied.map((c) => c.setting)).toEqual(['resolution', 'frameRate', 'autofocus']);
    expect(cams.state[CAM_A.uri]).toEqual({ resolution: '1920x1080', frameRate: 30, autofocus: true });
    const roomFile = join(dir, 'rooms', 'W1.yaml');
    const text1 = await readFile(roomFile, 'utf8');
    expect(text1.startsWith('# wardkit room file: ward W1')).toBe(true);
    const room = await readRoomFile(roomFile);
    expect(room).toMatchObject({
      apiVersion: 'wardkit/v1',
      kind: 'Room',
      ward: 'W1',
      profile: { id: 'test-room', file: '../profile.yaml' },
      devices: { 'main-camera': CAM_A.uri },
    });
    expect(room.settings).toEqual({ 'main-camera': { resolution: '1920x1080', frameRate: 30, autofocus: true } });
    expect(room.applied).toMatchObject({ host: 'room-pc' });
    expect(String(room.profile.hash)).toMatch(/^[0-9a-f]{64}$/);

    const mtime = (await stat(roomFile)).mtimeMs;
    cams.calls.length = 0;
    const r2 = (await runApply(
      { profile: prof, ward: 'W1', yes: true },
      deps(inventory, cams.actions, { now: () => new Date(Date.now() + 3_600_000) }),
    )) as ApplyResultView;
    expect(r2).toMatchObject({ changed: false, roomWritten: false, applied: [] });
    expect(cams.calls).toEqual([]);
    expect(await readFile(roomFile, 'utf8')).toBe(text1);
    expect((await stat(roomFile)).mtimeMs).toBe(mtime);
    const { renderResult } = await import('../../src/apply/render.js');
    expect(renderResult(t, r2)).toContain('No changes');

    const u = (await runApply({ ward: 'W1', undo: true }, deps(inventory, cams.actions))) as UndoResultView;
    expect(u).toMatchObject({ mode: 'undo', room: 'removed' });
    expect(cams.state[CAM_A.uri]).toEqual({ resolution: '640x480', frameRate: 15, autofocus: false });
    await expect(stat(roomFile)).rejects.toThrow();
    await expect(runApply({ ward: 'W1', undo: true }, deps(inventory, cams.actions))).rejects.toMatchObject({
      key: 'apply.undo.nothing',
    });
  });

  it('a second apply keeps the oldest earlier value, so undo returns to the state before the first', async () => {
    const cams = fakeCameras({ [CAM_A.uri]: { frameRate: 15 } });
    const inventory = { devices: [CAM_A], unavailable: [] };
    await runApply(
      { profile: await profile(CAMERA_ROLE.replace('frameRate: 30', 'frameRate: 25')), ward: 'W1', yes: true },
      deps(inventory, cams.actions),
    );
    await runApply({ profile: await profile(CAMERA_ROLE), ward: 'W1', yes: true }, deps(inventory, cams.actions));
    expect(cams.state[CAM_A.uri].frameRate).toBe(30);
    const before = await readFile(join(dir, 'rooms', 'W1.yaml'), 'utf8');
    expect(before).toContain('frameRate: 30');
    await runApply({ ward: 'W1', undo: true }, deps(inventory, cams.actions));
    expect(cams.state[CAM_A.uri].frameRate).toBe(15);
  });

  it('a setting the platform cannot change becomes a manual step in the output and the room file', async () => {
    const cams = fakeCameras(
      { [CAM_A.uri]: { resolution: '1920x1080', frameRate: 30, autofocus: false } },
      { noAutofocus: true },
    );
    const r = (await runApply(
      { profile: await profile(CAMERA_ROLE), ward: 'W1', yes: true },
      deps({ devices: [CAM_A], unavailable: [] }, cams.actions),
    )) as ApplyResultView;
    expect(r.applied).toEqual([]);
    expect(r.manual).toHaveLength(1);
    expect(r.manual[0]).toMatchObject({ key: 'apply.manual.autofocus', change: { setting: 'autofocus' } });
    const room = await readRoomFile(join(dir, 'rooms', 'W1.yaml'));
    expect(room.manualSteps).toEqual([
      // keys and parameters, not sentences: another --lang does not rewrite the room file (issue 12)
      expect.objectContaining({ role: 'main-camera', setting: 'autofocus', key: 'apply.manual.autofocus' }),
    ]);
    expect(room.settings).toEqual({ 'main-camera': { resolution: '1920x1080', frameRate: 30 } });
    const { renderResult } = await import('../../src/apply/render.js');
    expect(renderResult(t, r)).toContain('Left to do by hand (1)');
  });
});

describe('apply: decisions', () => {
  const inventory = { devices: [CAM_A, CAM_B], unavailable: [] };
  const ambiguousRequired = `  - id: main-camera\n    kind: camera\n    required: true\n    match: { name: ['*Logitech*'] }\n`;

  it('--yes with a required role ambiguous: exit 1 listing the candidates, nothing written', async () => {
    const cams = fakeCameras({});
    const err = await runApply(
      { profile: await profile(ambiguousRequired), ward: 'W1', yes: true },
      deps(inventory, cams.actions),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(WardkitError);
    expect(err.exitCode).toBe(1);
    expect(err.key).toBe('apply.needsDecision');
    expect(t(err.key, err.params)).toContain(
      'Camera [main-camera] (camera): several devices match — v4l2:/dev/video0 (Logitech BRIO), v4l2:/dev/video2 (Logitech C920)',
    );
    await expect(stat(join(dir, 'rooms'))).rejects.toThrow();
  });

  it('--yes with a required role missing: exit 1; with an optional role ambiguous: recorded as missing', async () => {
    const cams = fakeCameras({});
    const missing = `  - id: main-camera\n    kind: camera\n    required: true\n    match: { name: ['*Poly*'] }\n`;
    await expect(
      runApply({ profile: await profile(missing), ward: 'W1', yes: true }, deps(inventory, cams.actions)),
    ).rejects.toMatchObject({ key: 'apply.needsDecision', exitCode: 1 });
    const r = (await runApply(
      {
        profile: await profile(
          `  - id: main-camera\n    kind: camera\n    required: true\n    match: { name: ['*BRIO*'] }\n` +
            SECOND_CAMERA,
        ),
        ward: 'W1',
        yes: true,
      },
      deps(inventory, cams.actions),
    )) as ApplyResultView;
    expect(r.missing).toEqual(['doc-camera']);
    const room = await readRoomFile(join(dir, 'rooms', 'W1.yaml'));
    expect(room.missing).toEqual(['doc-camera']);
    expect(room.devices).toEqual({ 'main-camera': CAM_A.uri });
  });

  it('no terminal, no --yes/--answers: a usage error (64) before anything is discovered', async () => {
    let discovered = false;
    const err = await runApply(
      { profile: await profile(ambiguousRequired), ward: 'W1' },
      deps(inventory, fakeCameras({}).actions, { source: async () => ((discovered = true), inventory) }),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.exitCode).toBe(64);
    expect(t(err.key)).toContain('--yes');
    expect(discovered).toBe(false);
  });

  it('--answers answers by URI, by name, or "missing"; unanswered roles without a terminal → 64 naming them', async () => {
    const cams = fakeCameras({});
    const two = ambiguousRequired + SECOND_CAMERA;
    const answers = join(dir, 'answers.yaml');
    await writeFile(answers, `main-camera: v4l2:/dev/video2\n`);
    const err = await runApply(
      { profile: await profile(two), ward: 'W1', answers },
      deps(inventory, cams.actions),
    ).catch((e) => e);
    expect(err).toMatchObject({ key: 'apply.needsAnswers', exitCode: 64, params: { roles: 'doc-camera' } });
    await writeFile(answers, `main-camera: logitech c920\ndoc-camera: missing\n`);
    const r = (await runApply(
      { profile: await profile(two), ward: 'W1', answers },
      deps(inventory, cams.actions),
    )) as ApplyResultView;
    expect(r.bindings.map((b) => [b.role, b.uri, b.how])).toEqual([
      ['main-camera', CAM_B.uri, 'answer'],
      ['doc-camera', undefined, 'missing'],
    ]);
    await writeFile(answers, `main-camera: Polycom\n`);
    await expect(
      runApply({ profile: await profile(ambiguousRequired), ward: 'W2', answers }, deps(inventory, cams.actions)),
    ).rejects.toMatchObject({ key: 'apply.answerNoDevice' });
    await writeFile(answers, `nope: missing\n`);
    await expect(
      runApply({ profile: await profile(ambiguousRequired), ward: 'W2', answers }, deps(inventory, cams.actions)),
    ).rejects.toMatchObject({ key: 'apply.answerUnknownRole', exitCode: 64 });
  });

  it('a terminal: the technician chooses; the choice is kept on the next unattended run', async () => {
    const cams = fakeCameras({});
    const asked: string[] = [];
    const prompter: Prompter = {
      chooseDevice: async (d) => (asked.push(`${d.match.role.id}:${d.choices.map((c) => c.uri).join(',')}`), CAM_B.uri),
      confirm: async () => true,
    };
    const prof = await profile(ambiguousRequired);
    const r = (await runApply(
      { profile: prof, ward: 'W1' },
      deps(inventory, cams.actions, { interactive: true, prompter }),
    )) as ApplyResultView;
    expect(asked).toEqual([`main-camera:${CAM_A.uri},${CAM_B.uri}`]);
    expect(r.bindings[0]).toMatchObject({ uri: CAM_B.uri, how: 'chosen' });
    const again = (await runApply(
      { profile: prof, ward: 'W1', yes: true },
      deps(inventory, cams.actions),
    )) as ApplyResultView;
    expect(again).toMatchObject({ changed: false });
    expect(again.bindings[0]).toMatchObject({ uri: CAM_B.uri, how: 'kept' });
  });

  it('a vanished device: the room file binding is dropped, matching runs again, and the devices check says "device missing"', async () => {
    const cams = fakeCameras({});
    const prof = await profile(
      `  - id: main-camera\n    kind: camera\n    required: true\n    match: { name: ['*Logitech*'] }\n`,
    );
    const answers = join(dir, 'a.yaml');
    await writeFile(answers, `main-camera: v4l2:/dev/video2\n`);
    await runApply({ profile: prof, ward: 'W1', answers }, deps(inventory, cams.actions));
    const roomFile = join(dir, 'rooms', 'W1.yaml');
    const gone = { devices: [CAM_A], unavailable: [] };
    // The check, run from the room file with the C920 unplugged:
    const result = await devicesCheckFor(roomFile, gone);
    expect(result).toMatchObject({
      status: 'fail',
      findings: [
        {
          severity: 'fail',
          key: 'devices.missing',
          remedyKey: 'devices.missing.remedy',
          params: { role: 'main-camera', uri: CAM_B.uri },
        },
      ],
    });
    expect(t('devices.missing.remedy')).toContain('wardkit apply again');
    expect((await devicesCheckFor(roomFile, inventory)).status).toBe('pass');
    expect(
      (await devicesCheckFor(roomFile, { devices: [], unavailable: [{ source: 'v4l2', reason: 'no permission' }] }))
        .status,
    ).toBe('warn');
    // apply again: the one Logitech left is matched.
    const r = (await runApply({ profile: prof, ward: 'W1', yes: true }, deps(gone, cams.actions))) as ApplyResultView;
    expect(r.bindings[0]).toMatchObject({ uri: CAM_A.uri, how: 'matched', previousUri: CAM_B.uri });
  });
});

describe('room file', () => {
  it('hostile and Vietnamese device names round-trip through the YAML room file', async () => {
    const file = join(dir, 'room.yaml');
    const devices = {
      cam: CAM_H.uri,
      mic: `pulse:alsa_input."x";$(id)`,
      spk: `dshow:audio=Loa "phòng" ; $(rm -rf /) 'Tiếng Việt'`,
      weird: 'file:/tmp/a: b #c\n',
    };
    const text = renderRoomFile(
      {
        apiVersion: 'wardkit/v1',
        kind: 'Room',
        ward: 'HẢI-CHÂU-01',
        name: 'Phường Hải Châu',
        profile: { id: 'x' },
        devices,
      },
      ['header: # not yaml', 'line 2'],
    );
    await writeFile(file, text);
    const back = await readRoomFile(file);
    expect(back.devices).toEqual(devices);
    expect(back.name).toBe('Phường Hải Châu');
    expect(text.split('\n').slice(0, 2)).toEqual(['# header: # not yaml', '# line 2']);
  });

  it('an apply of a hostile camera name writes it verbatim and matches it again', async () => {
    const cams = fakeCameras({});
    const prof = await profile(
      `  - id: main-camera\n    kind: camera\n    required: true\n    match: { name: ['*Tiếng Việt*'] }\n    settings: { frameRate: 30 }\n`,
    );
    const inventory = { devices: [CAM_H, CAM_A], unavailable: [] };
    await runApply({ profile: prof, ward: 'W1', yes: true }, deps(inventory, cams.actions));
    expect(cams.calls[0]).toMatchObject({ uri: CAM_H.uri, after: 30 });
    const room = await readRoomFile(join(dir, 'rooms', 'W1.yaml'));
    expect(room.devices['main-camera']).toBe(CAM_H.uri);
    const again = (await runApply(
      { profile: prof, ward: 'W1', yes: true },
      deps(inventory, cams.actions),
    )) as ApplyResultView;
    expect(again.changed).toBe(false);
  });

  it("refuses to overwrite another ward's room file", async () => {
    const cams = fakeCameras({});
    const prof = await profile(CAMERA_ROLE);
    await runApply(
      { profile: prof, ward: 'W1', yes: true, roomFile: 'r.yaml' },
      deps({ devices: [CAM_A], unavailable: [] }, cams.actions),
    );
    await expect(
      runApply(
        { profile: prof, ward: 'W2', yes: true, roomFile: 'r.yaml' },
        deps({ devices: [CAM_A], unavailable: [] }, cams.actions),
      ),
    ).rejects.toMatchObject({ key: 'apply.otherWard' });
  });
});

describe('devices check: roles without a device', () => {
  it('a required role recorded as missing fails with the remedy; an optional one warns', async () => {
    const { createDevicesCheck } = await import('../../src/checks/devices.js');
    const { optionality } = await import('../../src/checks/runner.js');
    const { loadProfile } = await import('../../src/profiles/resolve.js');
    const prof = await loadProfile(await profile(CAMERA_ROLE + SECOND_CAMERA));
    const check = createDevicesCheck(async () => ({ devices: [], unavailable: [] }));
    const room = { profile: prof, devices: {} };
    const targets = check.targets(room);
    expect(targets.map((x) => x.id)).toEqual(['main-camera', 'doc-camera']);
    const ctx = {
      signal: new AbortController().signal,
      deadline: Date.now() + 1000,
      log: { debug() {}, info() {}, warn() {} },
      t,
      room,
    };
    expect(await check.run(targets[0], ctx)).toMatchObject({
      status: 'fail',
      findings: [{ key: 'devices.roleMissing', remedyKey: 'devices.roleMissing.remedy' }],
    });
    // The check reports the missing optional role as it is; the runner (the only place that knows
    // about optionality) makes it a warning.
    const optionalOutcome = await check.run(targets[1], ctx);
    expect(optionalOutcome.status).toBe('fail');
    expect(optionality(optionalOutcome, false).status).toBe('warn');
    expect(
      check.targets({ profile: prof, devices: { 'main-camera': 'lavfi:testsrc2', 'doc-camera': 'file:/x.mp4' } }),
    ).toEqual([]);
  });
});
