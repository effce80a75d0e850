// `wardkit apply` spawned as a user runs it: the demo room end to end, idempotence, the no-terminal
// rule, --plan --json, and hostile device names reaching pactl as one argv element.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeProfile } from '../helpers/profile-file.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'wardkit.js');
let dir: string;

function wardkit(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  // stdin is a pipe, not a terminal: exactly what cron, CI or a remote script gives.
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? dir,
    env: { ...process.env, LANG: 'C', ...opts.env },
    input: '',
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'commands', 'apply.js')))
    spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
  dir = tempDir('wardkit-apply-cli-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wardkit apply (demo-simulated)', () => {
  it('writes a room file, a second run reports no changes, and check runs from the room file alone', () => {
    const first = wardkit([
      'apply',
      '--profile',
      'demo-simulated',
      '--ward',
      'DEMO-01',
      '--yes',
      '--room-file',
      'room.yaml',
    ]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Room file written: room.yaml');
    const file = join(dir, 'room.yaml');
    const text = readFileSync(file, 'utf8');
    const room = parse(text);
    expect(room).toMatchObject({
      apiVersion: 'wardkit/v1',
      kind: 'Room',
      ward: 'DEMO-01',
      profile: { id: 'demo-simulated' },
    });
    expect(room.devices['main-camera']).toBe('lavfi:testsrc2=size=1280x720:rate=30');
    // a key, not a sentence: the same room in another language is the same file (issue 12)
    expect(room.settings['main-camera']).toEqual({ simulated: true });
    expect(room.applied.host).toBe(os.hostname());
    const mtime = statSync(file).mtimeMs;

    const second = wardkit([
      'apply',
      '--profile',
      'demo-simulated',
      '--ward',
      'DEMO-01',
      '--yes',
      '--room-file',
      'room.yaml',
    ]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('No changes');
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(statSync(file).mtimeMs).toBe(mtime);

    const check = wardkit(['check', '--room', 'room.yaml', '--format', 'json']);
    expect([0, 1, 2]).toContain(check.code); // ran (3 would be "could not run")
    const report = JSON.parse(check.stdout);
    expect(report.ward).toBe('DEMO-01');
    expect(report.profile).toEqual({ id: 'demo-simulated', hash: room.profile.hash });
  });

  it('without a terminal and without --yes/--answers: exit 64 saying what to pass, nothing written', () => {
    const r = wardkit(['apply', '--profile', 'demo-simulated', '--ward', 'DEMO-02', '--room-file', 'r2.yaml']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--yes');
    expect(r.stderr).toContain('--answers');
    expect(existsSync(join(dir, 'r2.yaml'))).toBe(false);
  });

  it('--plan --json describes the change and writes nothing; --undo removes the room file apply created', () => {
    const p = wardkit(['apply', '--profile', 'demo-simulated', '--ward', 'DEMO-03', '--plan', '--json']);
    expect(p.code).toBe(0);
    const plan = JSON.parse(p.stdout);
    expect(plan).toMatchObject({ mode: 'plan', ward: 'DEMO-03', roomChanges: true, pending: [] });
    expect(plan.simulated).toEqual(['main-camera', 'room-microphone', 'room-speaker', 'main-display']);
    expect(existsSync(join(dir, 'rooms'))).toBe(false);
    expect(wardkit(['apply', '--profile', 'demo-simulated', '--ward', 'DEMO-03', '--yes']).code).toBe(0);
    expect(existsSync(join(dir, 'rooms', 'DEMO-03.yaml'))).toBe(true);
    const u = wardkit(['--lang', 'vi', 'apply', '--ward', 'DEMO-03', '--undo']);
    expect(u.code).toBe(0);
    expect(u.stdout).toContain('Đã xóa tệp cấu hình phòng');
    expect(existsSync(join(dir, 'rooms', 'DEMO-03.yaml'))).toBe(false);
  });
});

describe('hostile device names', () => {
  const HOSTILE = `evil"; $(touch PWNED) 'Loa phòng' \`id\` -x`;
  it('reach pactl as one argv element and round-trip through the room file', () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    copyFileSync(join(ROOT, 'tests', 'helpers', 'fake-pactl.mjs'), join(bin, 'pactl'));
    chmodSync(join(bin, 'pactl'), 0o755);
    const state = join(dir, 'pactl-state.json');
    const log = join(dir, 'pactl-log.jsonl');
    writeFileSync(
      state,
      JSON.stringify({
        sinks: [
          { name: HOSTILE, description: `Loa "phòng họp"; $(reboot) Tiếng Việt`, volume: 30, muted: true },
          { name: 'hdmi', description: 'TV', volume: 100, muted: false },
        ],
        sources: [],
        default_sink: 'hdmi',
      }),
    );
    writeProfile(
      dir,
      'hostile.yaml',
      `name: Hostile names\nroles:\n  - id: room-speaker\n    kind: speaker\n    required: true\n    match: { name: ['*Tiếng Việt*'] }\n    settings: { setDefault: true, volume: 80, unmute: true }\n`,
    );
    const env = { PATH: `${bin}:${process.env.PATH}`, FAKE_PACTL_STATE: state, FAKE_PACTL_LOG: log };
    const r = wardkit(
      [
        'apply',
        '--profile',
        'hostile.yaml',
        '--ward',
        'HẢI-CHÂU',
        '--yes',
        '--discovery',
        'pactl',
        '--room-file',
        'hostile-room.yaml',
      ],
      { env },
    );
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    const calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string[]);
    expect(calls).toContainEqual(['--', 'set-default-sink', HOSTILE]);
    expect(calls).toContainEqual(['--', 'set-sink-volume', HOSTILE, '80%']);
    expect(calls).toContainEqual(['--', 'set-sink-mute', HOSTILE, '0']);
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
    const st = JSON.parse(readFileSync(state, 'utf8'));
    expect(st.default_sink).toBe(HOSTILE);
    expect(st.sinks[0]).toMatchObject({ volume: 80, muted: false });
    const room = parse(readFileSync(join(dir, 'hostile-room.yaml'), 'utf8'));
    expect(room.devices['room-speaker']).toBe(`pulse:${HOSTILE}`);
    expect(room.ward).toBe('HẢI-CHÂU');
    // Idempotent on the second run, and undo puts every value back through the same argv path.
    expect(
      wardkit(
        [
          'apply',
          '--profile',
          'hostile.yaml',
          '--ward',
          'HẢI-CHÂU',
          '--yes',
          '--discovery',
          'pactl',
          '--room-file',
          'hostile-room.yaml',
        ],
        { env },
      ).stdout,
    ).toContain('No changes');
    expect(wardkit(['apply', '--ward', 'HẢI-CHÂU', '--undo', '--room-file', 'hostile-room.yaml'], { env }).code).toBe(
      0,
    );
    const back = JSON.parse(readFileSync(state, 'utf8'));
    expect(back.default_sink).toBe('hdmi');
    expect(back.sinks[0]).toMatchObject({ volume: 30, muted: true });
  });
});
