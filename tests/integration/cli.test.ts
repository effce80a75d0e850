// The built CLI spawned as a user runs it: exit codes, both languages, every bad profile input.
// Needs `npm run build` first (`npm test` does it).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileHead, writeProfile } from '../helpers/profile-file.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/wardkit.js');
const work = tempDir('wardkit-cli-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function wardkit(
  args: string[],
  opts: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number } = {},
): Promise<Run> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    LANG: 'C.UTF-8',
    LC_ALL: undefined,
    LC_MESSAGES: undefined,
    WARDKIT_LANG: undefined,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
    ...opts.env,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return new Promise((resolveRun, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? work, env: env as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

const STACK = /^\s+at .+:\d+:\d+\)?$/m;
const HEAD = profileHead();

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
});

describe('help and languages', () => {
  it('--help in English and Vietnamese (flag, env LANG, WARDKIT_LANG)', async () => {
    const en = await wardkit(['--help']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Usage: wardkit');
    expect(en.stdout).toContain('profiles');
    for (const r of [
      await wardkit(['--lang', 'vi', '--help']),
      await wardkit(['--help'], { env: { LANG: 'vi_VN.UTF-8' } }),
      await wardkit(['--help'], { env: { WARDKIT_LANG: 'vi' } }),
    ]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Cách dùng: wardkit');
      expect(r.stdout).toContain('Tùy chọn:');
      expect(r.stdout).toContain('Cách dùng: wardkit [tùy chọn] [lệnh]');
      expect(r.stdout).toContain('phòng tiếp công dân trực tuyến');
    }
    const sub = await wardkit(['profiles', 'validate', '--help', '--lang=vi']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('Mã thoát: 0 tất cả hợp lệ');
    expect((await wardkit(['serve', '--help', '--lang', 'vi'])).stdout).toMatch(/\(mặc định:\s+"127\.0\.0\.1:8470"\)/);
  });

  it('--version', async () => {
    const r = await wardkit(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('usage errors exit 64 with a translated message and no stack trace', () => {
  it.each([
    [['bogus'], 'unknown command "bogus"', 'lệnh "bogus" không xác định'],
    [['check', '--bogus'], 'unknown option --bogus', 'tùy chọn --bogus không xác định'],
    [['profiles', 'validate'], 'give at least one profile file', 'cần ít nhất một tệp hồ sơ'],
    [['profiles', 'validate', 'profiles/', '--format', 'xml'], 'unknown format "xml"', 'định dạng "xml" không hợp lệ'],
    [['profiles', 'show'], 'missing required argument', 'thiếu tham số bắt buộc'],
  ])('%j', async (args, en, vi) => {
    const a = await wardkit(args as string[], { cwd: ROOT });
    expect(a.code).toBe(64);
    expect(a.stderr).toContain(en);
    expect(a.stderr).not.toMatch(STACK);
    const b = await wardkit([...(args as string[]), '--lang', 'vi'], { cwd: ROOT });
    expect(b.code).toBe(64);
    expect(b.stderr).toContain(vi);
  });

  it('an unknown language is a usage error', async () => {
    const r = await wardkit(['--lang', 'fr', '--help']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('unknown language "fr"');
  });
});

describe('wardkit check exit codes (monitoring-plugin convention)', () => {
  // The host check measured for real, against thresholds that the machine surely meets or surely misses.
  const hostProfile = (name: string, host: string, checks = '') =>
    writeProfile(work, name, `thresholds:\n  host:\n${host}${checks}`);
  const lenient = '    minFreeMemoryMiB: 0\n    minFreeDiskMiB: 0\n    loadPerCpu: { warn: 999, fail: 1000 }\n';
  const impossible =
    '    minFreeMemoryMiB: 1048576\n    minFreeDiskMiB: 0\n    loadPerCpu: { warn: 999, fail: 1000 }\n';

  it('0 READY', async () => {
    const r = await wardkit(['check', '--profile', hostProfile('ready.yaml', lenient), '--only', 'host']);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(0);
  });
  it('2 NOT READY (1 TiB of free memory required)', async () => {
    const r = await wardkit(['check', '--profile', hostProfile('notready.yaml', impossible), '--only', 'host']);
    expect(r.code).toBe(2);
  });
  it('1 DEGRADED (the same failure in an optional check); --strict makes it 2', async () => {
    const f = hostProfile('degraded.yaml', impossible, 'checks:\n  host: { required: false }\n');
    expect((await wardkit(['check', '--profile', f, '--only', 'host'])).code).toBe(1);
    expect((await wardkit(['check', '--profile', f, '--only', 'host', '--strict'])).code).toBe(2);
  });
  it('3 could not run: unknown profile, invalid profile (with file:line:col)', async () => {
    const a = await wardkit(['check', '--profile', 'no-such-profile', '--only', 'host']);
    expect(a.code).toBe(3);
    expect(a.stderr).toContain('profile "no-such-profile" not found');
    const bad = writeProfile(work, 'badcheck.yaml', 'thresholds:\n  host:\n    minFreeMemoryMiB: lots\n');
    const b = await wardkit(['check', '--profile', bad, '--only', 'host', '--lang', 'vi']);
    expect(b.code).toBe(3);
    expect(b.stderr).toContain(
      `${bad}:6:23: "minFreeMemoryMiB" phải là một số nguyên, nhưng đang là chữ (văn bản) "lots"`,
    );
    expect(b.stderr).not.toMatch(STACK);
  });
  it('--json prints the JSON report (as --format json); with another --format it is a usage error', async () => {
    const f = hostProfile('json.yaml', lenient);
    const r = await wardkit(['check', '--profile', f, '--only', 'host', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results.map((x: { checkId: string }) => x.checkId)).toEqual(['host']);
    const bad = await wardkit([
      'check',
      '--profile',
      f,
      '--only',
      'host',
      '--json',
      '--format',
      'html',
      '--lang',
      'vi',
    ]);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('--json luôn in JSON, không dùng cùng --format html');
  });
  it('usage errors of check are 64', async () => {
    expect((await wardkit(['check', '--only', 'nope'])).code).toBe(64);
    expect(
      (await wardkit(['check', '--profile', 'ward-standard', '--device', 'projector=x:1', '--only', 'host'])).code,
    ).toBe(64);
  });
});

describe('wardkit profiles validate', () => {
  it('the bundled profiles are valid (exit 0), in every format', async () => {
    for (const format of ['text', 'json', 'github', 'junit']) {
      const r = await wardkit(['profiles', 'validate', 'profiles/', '--format', format], { cwd: ROOT });
      expect(r.code, r.stdout + r.stderr).toBe(0);
    }
    const j = await wardkit(['profiles', 'validate', 'profiles/', '--format', 'json'], { cwd: ROOT });
    expect(JSON.parse(j.stdout).summary).toMatchObject({ invalid: 0 });
    expect(JSON.parse(j.stdout).files.map((f: { id: string }) => f.id)).toEqual(
      expect.arrayContaining(['ward-standard', 'hq-reception', 'demo-simulated']),
    );
  });

  it('globs are expanded by wardkit itself', async () => {
    const r = await wardkit(['profiles', 'validate', 'profiles/*-*.yaml', '--format', 'json'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files.length).toBeGreaterThanOrEqual(3);
  });

  it('reports EVERY error of every file, and exit 1', async () => {
    const d = join(work, 'many');
    mkdirSync(d);
    writeFileSync(
      join(d, 'a.yaml'),
      HEAD + 'nmae: x\nthresholds:\n  camera:\n    minFrameRate: -1\n    maxLuma: bright\n',
    );
    writeFileSync(join(d, 'b.yml'), HEAD.replace('v1', 'v2'));
    writeFileSync(join(d, 'c.yaml'), HEAD);
    const r = await wardkit(['profiles', 'validate', d, '--format', 'github']);
    expect(r.code).toBe(1);
    const ann = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(ann).toHaveLength(4);
    expect(ann[0]).toContain(`,line=4,col=1,`);
    expect(ann[3]).toContain('unsupported apiVersion "wardkit/v2"; this wardkit supports: wardkit/v1');
    const junit = await wardkit(['profiles', 'validate', d, '--format', 'junit']);
    expect(junit.stdout.startsWith('<?xml')).toBe(true);
    expect(junit.stdout.match(/<testcase /g)).toHaveLength(3);
    expect(junit.stdout.match(/<failure /g)).toHaveLength(2);
  });

  it('warnings alone do not fail validation (exit 0) but are shown', async () => {
    const f = writeProfile(
      work,
      'warn-only.yaml',
      'roles:\n  - id: cam\n    kind: camera\n    settings: { frameRate: 15 }\nthresholds:\n  camera: { minFrameRate: 25 }\n',
    );
    const r = await wardkit(['profiles', 'validate', f, '--format', 'github', '--lang', 'vi']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('::warning file=warn-only.yaml,line=7,col=28,');
    expect(r.stdout).toContain('camera được đặt 15 khung hình/giây');
  });

  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 12; i++)
    bomb.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
        .fill('*' + String.fromCharCode(96 + i))
        .join(', ')}]`,
    );

  interface Case {
    name: string;
    content?: string | Buffer;
    arg?: string;
    at?: string;
    /** The file the position is in, when not the argument (a cycle closes in the parent). */
    atFile?: string;
    en: string;
    vi: string;
    setup?: () => void;
  }
  const cases: Case[] = [
    { name: 'missing file', arg: 'nope.yaml', en: 'nope.yaml: file not found', vi: 'nope.yaml: không tìm thấy tệp' },
    {
      name: 'folder without profiles',
      arg: 'emptydir',
      setup: () => mkdirSync(join(work, 'emptydir'), { recursive: true }),
      en: 'emptydir: no profiles (*.yaml, *.yml) in this folder',
      vi: 'emptydir: thư mục không có hồ sơ nào',
    },
    { name: 'empty file', content: '', at: '1:1', en: 'the file is empty', vi: 'tệp rỗng' },
    {
      name: 'binary file',
      content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]),
      at: '1:1',
      en: 'the file is binary, not YAML text',
      vi: 'tệp nhị phân, không phải văn bản YAML',
    },
    {
      name: 'invalid UTF-8',
      content: Buffer.from(HEAD + 'name: Ph\xfa\xf3c\n', 'latin1'),
      at: '4:9',
      en: 'not valid UTF-8 text (byte 0xFA)',
      vi: 'tệp không phải văn bản UTF-8 hợp lệ (byte 0xFA)',
    },
    {
      name: 'YAML syntax error',
      content: HEAD + 'roles: [a, b\nname: x\n',
      // where the bracket that is never closed opens (issue 12), not where the parser gave up
      at: '4:8',
      en: 'this list or group opened with [ is never closed: add ]',
      vi: 'danh sách hoặc nhóm mở bằng [ ở đây không được đóng: thêm ]',
    },
    {
      name: 'tab indentation',
      content: HEAD + 'thresholds:\n\tcamera: {}\n',
      at: '5:1',
      en: 'tab used for indentation; YAML needs spaces',
      vi: 'dùng phím tab để thụt lề; YAML chỉ chấp nhận dấu cách',
    },
    {
      name: 'duplicate key',
      content: HEAD + 'name: a\nname: b\n',
      at: '5:1',
      en: 'duplicate key "name"',
      vi: 'khóa "name" bị lặp',
    },
    {
      name: 'alias bomb',
      content: bomb.join('\n') + '\n',
      at: '1:1',
      en: 'too many YAML alias expansions',
      vi: 'quá nhiều lần mở rộng alias YAML',
    },
    {
      name: 'file over 1 MiB',
      content: HEAD + '#' + 'x'.repeat(1024 * 1024) + '\n',
      en: 'a profile may be at most 1,048,576 bytes (1 MiB)',
      vi: 'hồ sơ chỉ được tối đa 1.048.576 byte (1 MiB)',
    },
    {
      name: 'unknown apiVersion',
      content: HEAD.replace('v1', 'v9'),
      at: '1:13',
      en: 'unsupported apiVersion "wardkit/v9"; this wardkit supports: wardkit/v1',
      vi: 'apiVersion "wardkit/v9" không được hỗ trợ; phiên bản wardkit này hỗ trợ: wardkit/v1',
    },
    {
      name: 'wrong type',
      content: HEAD + 'call:\n  headroom: lots\n',
      at: '5:13',
      en: '"headroom" must be a number, but it is text "lots"',
      vi: '"headroom" phải là một số, nhưng đang là chữ (văn bản) "lots"',
    },
    {
      name: 'unknown key deep down',
      content: HEAD + 'roles:\n  - id: cam\n    kind: camera\n    settings:\n      framerate: 30\n',
      at: '8:7',
      en: 'unknown key "framerate" — did you mean "frameRate"?',
      vi: 'khóa không xác định "framerate" — có phải ý bạn là "frameRate"?',
    },
    {
      name: 'negative number',
      content: HEAD + 'network:\n  rttMs: { warn: -5 }\n',
      at: '5:18',
      en: 'value -5 out of range: must be >= 0',
      vi: 'giá trị -5 ngoài phạm vi: phải >= 0',
    },
    {
      name: 'absurd number',
      content: HEAD + 'thresholds:\n  camera:\n    captureSeconds: 86400\n',
      at: '6:21',
      en: 'value 86400 out of range: must be <= 60',
      vi: 'giá trị 86400 ngoài phạm vi: phải <= 60',
    },
    {
      name: 'extends a missing profile',
      content: HEAD + 'extends: ward-deluxe\n',
      at: '4:10',
      en: 'extends "ward-deluxe": no such bundled profile or file',
      vi: 'extends "ward-deluxe": không tìm thấy hồ sơ có sẵn hay tệp nào tên như vậy',
    },
    {
      name: 'extends cycle',
      content: HEAD + 'extends: ./cycle-b.yaml\n',
      setup: () =>
        writeFileSync(join(work, 'cycle-b.yaml'), HEAD.replace('id: t', 'id: b') + 'extends: ./extends-cycle.yaml\n'),
      at: '4:10',
      atFile: 'cycle-b.yaml',
      en: 'makes a cycle: extends-cycle.yaml → cycle-b.yaml → extends-cycle.yaml',
      vi: 'tạo thành vòng lặp: extends-cycle.yaml → cycle-b.yaml → extends-cycle.yaml',
    },
  ];

  it.each(cases)('$name: exit 1, clear message in en and vi, no stack trace, nothing written', async (c) => {
    c.setup?.();
    const file = c.arg ?? `${c.name.replace(/\W+/g, '-')}.yaml`;
    if (c.content !== undefined) writeFileSync(join(work, file), c.content);
    const before = readdirSync(work).sort();
    for (const [lang, text] of [
      ['en', c.en],
      ['vi', c.vi],
    ]) {
      const r = await wardkit(['profiles', 'validate', file, '--lang', lang]);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stdout).toContain(text);
      if (c.at) expect(r.stdout).toContain(`${c.atFile ?? file}:${c.at}`);
      expect(r.stdout + r.stderr).not.toMatch(STACK);
      expect(r.ms).toBeLessThan(10_000);
    }
    expect(readdirSync(work).sort()).toEqual(before);
  });
});

describe('profiles list / show', () => {
  it('list shows the bundled profiles (text and JSON)', async () => {
    const r = await wardkit(['profiles', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ward-standard\s+Ward citizen reception room/);
    const j = JSON.parse((await wardkit(['profiles', 'list', '--json'])).stdout);
    const hq = j.find((p: { id: string }) => p.id === 'hq-reception');
    expect(hq.extends).toEqual(['ward-standard']);
    expect(hq.roles.map((x: { id: string }) => x.id)).toContain('wide-camera');
  });

  it('show prints the file as written; --resolved merges parents and defaults', async () => {
    const raw = await wardkit(['profiles', 'show', 'hq-reception']);
    expect(raw.code).toBe(0);
    expect(raw.stdout).toContain('extends: ward-standard');
    const res = await wardkit(['profiles', 'show', 'hq-reception', '--resolved', '--json']);
    const p = JSON.parse(res.stdout);
    expect(p.thresholds.microphone.deadDbfs).toBe(-60);
    expect(p.source.chain).toEqual(['ward-standard', 'hq-reception']);
    const yaml = await wardkit(['profiles', 'show', 'ward-standard', '--resolved', '--lang', 'vi']);
    expect(yaml.stdout).toContain('# hồ sơ đã gộp: ward-standard + giá trị mặc định của wardkit');
  });

  it('schema prints the JSON Schema', async () => {
    const r = await wardkit(['profiles', 'schema']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.$schema).toContain('2020-12');
    expect(s.required).toEqual(['apiVersion', 'kind', 'id']);
  });

  it('show of an unknown profile: exit 1, message; --debug adds the stack trace', async () => {
    const r = await wardkit(['profiles', 'show', 'no-such']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: profile "no-such" not found');
    expect(r.stderr).not.toMatch(STACK);
    const d = await wardkit(['--debug', 'profiles', 'show', 'no-such']);
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(STACK);
    expect(d.stderr).toContain('WardkitError');
  });
});

describe('colour', () => {
  it('FORCE_COLOR colours a pipe; --no-color and NO_COLOR turn it off', async () => {
    const args = ['profiles', 'validate', 'profiles/ward-standard.yaml'];
    const ESC = '\u001b[';
    expect((await wardkit(args, { cwd: ROOT, env: { FORCE_COLOR: '1' } })).stdout).toContain(ESC);
    expect((await wardkit([...args, '--no-color'], { cwd: ROOT, env: { FORCE_COLOR: '1' } })).stdout).not.toContain(
      ESC,
    );
    expect((await wardkit(args, { cwd: ROOT, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await wardkit(args, { cwd: ROOT })).stdout).not.toContain(ESC);
  });
});
