// An honest `apply` (issue 12, point 5), driven as a technician at a terminal (tests/helpers/pty-drive.py):
// a ward-standard room where only the speakerphone is found (camera and TV unplugged). The plan
// lists each missing required role and exits 1; the confirm prompt lists the changes it asks
// about; after apply the room file marks the missing roles, stores keys and parameters (never
// sentences), exit is 1 and nothing says the room matches the profile. A `pactl` stand-in
// (tests/helpers/fake-pactl.mjs) plays the sound server: no PulseAudio daemon is needed here.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempDir } from '../helpers/temp.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'wardkit.js');
let dir: string;
let env: NodeJS.ProcessEnv;

function wardkit(args: string[], lang = 'vi') {
  const r = spawnSync(process.execPath, [BIN, '--lang', lang, ...args], {
    cwd: dir,
    env,
    input: '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = tempDir('wardkit-vi-apply-');
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  copyFileSync(join(ROOT, 'tests', 'helpers', 'fake-pactl.mjs'), join(bin, 'pactl'));
  chmodSync(join(bin, 'pactl'), 0o755);
  const state = join(dir, 'pactl-state.json');
  writeFileSync(
    state,
    JSON.stringify({
      sinks: [{ name: 'jabra_speak', description: 'Jabra Speak 510 USB', volume: 30, muted: true }],
      sources: [{ name: 'jabra_speak_mic', description: 'Jabra Speak 510 USB', volume: 100, muted: false }],
      default_sink: 'jabra_speak',
      default_source: 'jabra_speak_mic',
    }),
  );
  // ward-standard, with the speakerphone recognised by its name alone (pactl reports no vendor).
  writeFileSync(
    join(dir, 'ward-jabra.yaml'),
    'apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: ward-jabra\nname: Ward room, Jabra speakerphone\nextends: ward-standard\nroles:\n  - id: room-microphone\n    match: { vendor: [] }\n  - id: loudspeaker\n    match: { vendor: [] }\n',
  );
  env = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    FAKE_PACTL_STATE: state,
    TERM: 'xterm',
    LANG: 'vi_VN.UTF-8',
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const APPLY = [
  'apply',
  '--profile',
  'ward-jabra.yaml',
  '--ward',
  'HAI-CHAU-01',
  '--discovery',
  'pactl',
  '--room-file',
  'room.yaml',
];

describe('apply, honestly', () => {
  it('--plan with the camera and the TV missing: lists each missing role by name and exits 1', () => {
    const r = wardkit([...APPLY, '--plan']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/Camera phòng[^\n]*chưa có thiết bị/);
    expect(r.stdout).toMatch(/Tivi[^\n]*chưa có thiết bị/);
    expect(r.stdout).not.toMatch(/không yêu cầu cài đặt nào/);
    const json = JSON.parse(wardkit([...APPLY, '--plan', '--json']).stdout) as { missingRequired: string[] };
    expect(json.missingRequired).toEqual(['room-camera', 'tv']);
  });

  it('at a terminal: the confirm prompt lists the changes; after apply the room file marks the missing roles and exit is 1', () => {
    const steps = [
      { expect: 'Camera phòng', send: '\r' },
      { expect: 'Tivi', send: '\r' },
      { expect: '\\(Y/n\\)', send: 'y\r' },
    ];
    const r = spawnSync(
      'python3',
      [
        join(ROOT, 'tests/helpers/pty-drive.py'),
        JSON.stringify(steps),
        '--',
        process.execPath,
        BIN,
        '--lang',
        'vi',
        ...APPLY,
      ],
      { cwd: dir, env, encoding: 'utf8', timeout: 120_000 },
    );
    const transcript = r.stdout + r.stderr;
    expect(r.status, transcript).toBe(1);
    // The confirm question comes after the list of what it will change.
    const confirmAt = transcript.indexOf('(Y/n)');
    const listAt = transcript.search(/Loa[^\n]*âm lượng 30 % → 70 %/);
    expect(listAt, transcript).toBeGreaterThan(-1);
    expect(listAt).toBeLessThan(confirmAt);
    expect(transcript).toMatch(/thiếu[^\n]*Camera phòng|Camera phòng[^\n]*thiếu/);
    expect(transcript).not.toMatch(/khớp với hồ sơ/);
    const text = readFileSync(join(dir, 'room.yaml'), 'utf8');
    const room = parse(text);
    expect(room.missing).toEqual(['room-camera', 'tv']);
    // keys and parameters, not sentences: the same room in another language is the same file
    expect(JSON.stringify(room.settings ?? {}) + JSON.stringify(room.manualSteps ?? [])).not.toMatch(/[À-ỹ]/);
  });

  it('a second run with the devices still missing never says the room matches the profile; --lang does not rewrite the file', () => {
    const before = readFileSync(join(dir, 'room.yaml'), 'utf8');
    const vi = wardkit([...APPLY, '--yes']);
    expect(vi.code).toBe(1);
    expect(vi.stdout + vi.stderr).not.toMatch(/khớp với hồ sơ/);
    expect(vi.stdout + vi.stderr).toMatch(/Camera phòng/);
    const en = wardkit([...APPLY, '--yes'], 'en');
    expect(en.code).toBe(1);
    expect(en.stdout + en.stderr).not.toMatch(/matches the profile/);
    const after = readFileSync(join(dir, 'room.yaml'), 'utf8').replace(/\n {2}at: .*\n/, '\n');
    expect(after).toBe(before.replace(/\n {2}at: .*\n/, '\n'));
  });
});
