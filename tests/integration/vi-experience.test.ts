// The technician's experience in Vietnamese (issue 12): every command a technician runs — typical
// runs and failures — with --lang vi (and LANG=vi_VN.UTF-8), read word by word. Any English word
// outside the allow-list (proper names, products, URIs, SI units, protocol names: see
// tests/helpers/vi-words.ts) fails the test, as do raw ids, English units and wrong remedies.
// Also: every metric id and unit the checks actually emit (collected from real runs, not a list
// kept by hand) has a name in both catalogs. Needs `npm run build` first (`npm test` does it).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../../src/i18n/catalog/index.js';
import { describeOffences, englishWords } from '../helpers/vi-words.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/wardkit.js');
const work = tempDir('wardkit-vi-');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function wardkit(
  args: string[],
  opts: { env?: Record<string, string | undefined>; timeoutMs?: number; lang?: boolean } = {},
): Promise<Run> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    LANG: 'vi_VN.UTF-8',
    LC_ALL: undefined,
    LC_MESSAGES: undefined,
    WARDKIT_LANG: undefined,
    NO_COLOR: '1',
    FORCE_COLOR: undefined,
    WARDKIT_TOKEN: undefined,
    ...opts.env,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const argv = opts.lang === false ? args : [...args, '--lang', 'vi'];
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd: work,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** Command names, option values and formats: the interface a user types, listed in --help. */
const HELP_WORDS = [
  'missing',
  'paths',
  'file',
  'check',
  'apply',
  'call',
  'serve',
  'profiles',
  'devices',
  'doctor',
  'report',
  'schedule',
  'help',
  'token',
  'create',
  'list',
  'revoke',
  'validate',
  'schema',
  'show',
  'submit',
  'flush',
  'install',
  'status',
  'remove',
  'text',
  'json',
  'junit',
  'html',
  'github',
  'auto',
  'pactl',
  'all',
  'relay',
  'systemd',
  'cron',
  'windows',
  'camera',
  'microphone',
  'speaker',
  'display',
];

/** Names of this test's devices and wards: proper names, allowed as they are. */
// The machine's own host name appears in reports ("máy tính vm") and is a name, not English.
const NAMES = ['HAI-CHAU-01', 'DEMO', 'UNKNOWN', 'Samsung TV', hostname()];

function expectVietnamese(what: string, text: string, extra: string[] = []) {
  const offences = englishWords(text, [...NAMES, ...extra]);
  expect(offences.length, `English in ${what}:\n${describeOffences(offences)}\n--- output ---\n${text}`).toBe(0);
}

/** Visible text of an HTML page (no styles, scripts or tags). */
function htmlText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<(?:code|time)[^>]*>[\s\S]*?<\/(?:code|time)>/g, ' ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** What a person reads in a JUnit file: failure messages and system-out, not names or properties. */
function junitText(xml: string): string {
  const parts: string[] = [];
  for (const m of xml.matchAll(/\bmessage="([^"]*)"/g)) parts.push(m[1]);
  for (const m of xml.matchAll(/<(failure|error|skipped|system-out)[^>]*>([\s\S]*?)<\/\1>/g)) parts.push(m[2]);
  return parts
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

let serve: ChildProcess | undefined;
let serverUrl = '';
let closedUrl = '';
const dataDir = join(work, 'data');

beforeAll(async () => {
  closedUrl = `http://127.0.0.1:${await freePort()}`;
  serve = spawn(process.execPath, [BIN, 'serve', '--listen', '127.0.0.1:0', '--data', dataDir, '--lang', 'vi'], {
    cwd: work,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  serverUrl = await new Promise<string>((done, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20_000);
    serve!.stdout!.on('data', (d) => {
      out += d;
      const m = /https?:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) {
        clearTimeout(timer);
        done(m[0]);
      }
    });
  });
});

afterAll(async () => {
  if (serve && serve.exitCode === null) {
    serve.kill('SIGTERM');
    await new Promise((r) => serve!.once('close', r));
  }
  rmSync(work, { recursive: true, force: true });
});

/** Metric ids and units seen in reports of this run, per check. */
const emitted = new Map<string, { checkId: string; id: string; unit: string }>();
function collect(reportFile: string) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    results: Array<{
      checkId: string;
      metrics: Array<{ id: string; unit: string }>;
      findings: Array<{ key: string; remedyKey?: string }>;
    }>;
  };
  for (const r of report.results)
    for (const m of r.metrics) emitted.set(`${r.checkId}.${m.id}`, { checkId: r.checkId, id: m.id, unit: m.unit });
  return report;
}

// A ward-standard room with the faults a technician meets: black camera, silent microphone, muted
// speaker, and a 1080p TV the OS calls "LED" (connected, but its name matches no pattern).
function writeFaultyRoom(): string {
  // The same profile with a shorter call and bandwidth run (CI time); every threshold is ward-standard's.
  // The call sends 640x360 at 15 fps (the black camera gives that size): a 720p30 VP8 encode needs
  // about one core, and on a loaded 2-core CI machine the encoder then cannot keep real time — the
  // call would end as "computer too busy" before its bitrate could be judged. The truth below does
  // not depend on the size: a black picture compresses to almost nothing at any size.
  writeFileSync(
    join(work, 'ward-fast.yaml'),
    'apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: ward-fast\nname: { vi: Phòng tiếp công dân (kiểm tra nhanh), en: Ward room (quick test) }\nextends: ward-standard\ncall: { durationSeconds: 5, video: { width: 640, height: 360, frameRate: 15 } }\nnetwork: { bandwidthSeconds: 3, probeSeconds: 3 }\n',
  );
  const file = join(work, 'hai-chau-01.yaml');
  writeFileSync(
    file,
    [
      'apiVersion: wardkit/v1',
      'kind: Room',
      'ward: HAI-CHAU-01',
      'name: Phòng tiếp công dân UBND phường Hải Châu 1',
      'profile: { id: ward-fast, file: ward-fast.yaml }',
      `server: { url: "${serverUrl}" }`,
      'devices:',
      '  room-camera: lavfi:color=black:size=640x360:rate=15',
      '  room-microphone: sim:room?delay=40&gain=-20&noise=-65&talker=-90',
      '  loudspeaker: sim:room?delay=40&gain=-20&noise=-65&mute=1',
      '  tv: sim:display?width=1920&height=1080&refresh=60&name=LED&connection=hdmi',
      '',
    ].join('\n'),
  );
  return file;
}

describe('check, in Vietnamese', () => {
  it('the demo: text, HTML and JUnit read as Vietnamese; numbers use the decimal comma', async () => {
    const out = join(work, 'demo.json');
    const r = await wardkit(['check', '--demo', '--format', 'json', '--out', out], { timeoutMs: 110_000 });
    expect([0, 1, 2]).toContain(r.code);
    collect(out);
    const text = r.stdout + r.stderr; // with --out, the text view goes to stderr
    expectVietnamese('check --demo', text);
    expect(text).toMatch(/\d,\d/); // a decimal comma somewhere (durations at least)
    // 1 000 and up are grouped in every figure line (ports and resolutions are ids, not figures)
    const figures = text.split('\n').filter((l) => l.includes(' · '));
    expect(figures.join('\n')).not.toMatch(/(?<![\d.:])\d{4,}(?:,\d+)? (?:Mbit\/s|kbit\/s|MiB|Hz|ms|px)\b/);
    const html = await wardkit(['report', 'show', out, '--format', 'html']);
    expect(html.code).toBe(0);
    expectVietnamese('report show --format html', htmlText(html.stdout));
    const junit = await wardkit(['report', 'show', out, '--format', 'junit']);
    expect(junit.code).toBe(0);
    expectVietnamese('report show --format junit', junitText(junit.stdout));
  });

  it('a ward-standard room with faults: device titles, not-recognised TV, the call blames the camera not the uplink', async () => {
    const room = writeFaultyRoom();
    const out = join(work, 'faulty.json');
    const r = await wardkit(['check', '--room', room, '--format', 'json', '--out', out], { timeoutMs: 110_000 });
    expect(r.code).toBe(2);
    const report = collect(out);
    const text = r.stdout + r.stderr; // with --out, the text view goes to stderr
    expectVietnamese('check --room (faulty ward-standard room)', text, ['LED', 'ward-fast']);
    // Titles: device kind in Vietnamese plus the device's own name, never the profile's English prose.
    expect(text).not.toMatch(/USB room or conference camera/);
    expect(text).toMatch(/Tivi[^\n]*\(LED\)|Màn hình[^\n]*\(LED\)/);
    // The TV is connected but not recognised: said so, with the exact line that binds it.
    expect(text).toMatch(/chưa được nhận ra[^\n]*LED/);
    expect(text).toMatch(/--device tv=display:LED|tv: display:LED/);
    // Truth: black camera + healthy link → the call's low bitrate names the camera, not the uplink.
    // Unconditional: the call ran, its video bitrate failed, and the one finding about it names the camera.
    const call = report.results.find((x) => x.checkId === 'call')!;
    const keys = call.findings.map((f) => f.key);
    expect(call.status, JSON.stringify(call.findings)).toBe('fail');
    expect(call.metrics.find((m) => m.id === 'videoBitrate')?.verdict).toBe('fail');
    // bandwidth passed: the finding also shows the upload that rules the line out
    expect(keys).toContain('diagnose.call.lowBitrateCameraUplinkOk');
    for (const k of ['call.lowBitrate', 'diagnose.call.lowBitrateUplink', 'diagnose.call.lowBitrateNotUplink'])
      expect(keys).not.toContain(k);
    // The link was healthy: bandwidth passed, so the ISP is never blamed.
    expect(report.results.find((x) => x.checkId === 'bandwidth')?.status).toBe('pass');
    expect(text).toMatch(/vì camera không cho hình dùng được/);
    expect(text).toMatch(/Tốc độ tải lên đo được [\d.,]+ Mbit\/s, đủ cho cuộc gọi này/);
    expect(text).not.toMatch(/tăng băng thông/);
    // The fix list starts with the room's own devices, not with the call.
    const fix = text.split('\n').filter((l) => /^ {2}\d+\. /.test(l));
    expect(fix[0]).not.toMatch(/Cuộc gọi thử/);
  });

  it('no room file: one message and one first step (wardkit apply)', async () => {
    const r = await wardkit(['check', '--skip', 'host']);
    expect(r.code).toBe(2);
    expectVietnamese('check without a room file', r.stdout + r.stderr);
    const fix = r.stdout.split('\n').filter((l) => /^ {2}\d+\. /.test(l));
    expect(fix, r.stdout).toHaveLength(1);
    expect(r.stdout).toMatch(/wardkit apply --profile ward-standard --ward/);
  });

  it('a room file that does not exist: what to do next', async () => {
    const r = await wardkit(['check', '--room', join(work, 'nope.yaml')]);
    expect(r.code).toBe(3);
    expectVietnamese('check --room <missing>', r.stderr);
    expect(r.stderr).toMatch(/wardkit apply/);
  });

  it('the Department server unreachable: the checks that need it are grouped under that one cause', async () => {
    const r = await wardkit([
      'check',
      '--profile',
      'demo-simulated',
      '--server',
      closedUrl,
      '--only',
      'network,bandwidth,latency,ice,call',
    ]);
    expect(r.code).toBe(2);
    expectVietnamese('check with the server down', r.stdout + r.stderr);
    const fix = r.stdout.split('\n').filter((l) => /^ {2}\d+\. /.test(l));
    expect(fix, r.stdout).toHaveLength(1);
    expect(fix[0]).toMatch(/Đường mạng/);
    expect(r.stdout).toMatch(/chưa kiểm tra được/i);
  });

  it('errors from devices and URIs are told in Vietnamese, the raw text only as a detail', async () => {
    for (const args of [
      ['--device', 'camera=usb:x', '--only', 'camera'],
      ['--device', 'camera=v4l2:/dev/video97', '--only', 'camera'],
      ['--device', 'microphone=pulse:wardkit-vi-nonexistent', '--only', 'microphone'],
    ]) {
      const r = await wardkit(['check', '--demo', ...args]);
      expect([2, 3]).toContain(r.code);
      expectVietnamese(`check ${args.join(' ')}`, r.stdout + r.stderr);
    }
  });

  it('typos get "có phải ý bạn là …?": --profile, --only, --device', async () => {
    const p = await wardkit(['check', '--profile', 'ward-standrad']);
    expect(p.code).toBe(3);
    expect(p.stderr).toMatch(/có phải ý bạn là[^\n]*ward-standard/);
    const o = await wardkit(['check', '--only', 'camra']);
    expect(o.code).toBe(64);
    expect(o.stderr).toMatch(/có phải ý bạn là[^\n]*camera/);
    const d = await wardkit(['check', '--profile', 'ward-standard', '--device', 'room-camra=lavfi:testsrc2']);
    expect(d.code).toBe(64);
    expect(d.stderr).toMatch(/có phải ý bạn là[^\n]*room-camera/);
    for (const r of [p, o, d])
      expectVietnamese('a typo', r.stderr, ['ward-standrad', 'camra', 'room-camra', 'room-camera']);
  });
});

describe('profiles, apply, reports and the server, in Vietnamese', () => {
  it('profiles validate: YAML errors where the construct starts, types in words, comma decimals, did-you-mean', async () => {
    const w = (name: string, text: string) => {
      writeFileSync(join(work, name), text);
      return name;
    };
    const head = 'apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: x\n';
    const quote = w(
      'quote.yaml',
      `${head}name: "Phong tiep\nroles: []\nthresholds:\n  camera:\n    minFrameRate: 25\n`,
    );
    const types = w(
      'types.yaml',
      `${head}name: X\nextends: ward-standard\nthresholds:\n  camera:\n    minFrameRate: "nhanh"\n  host:\n    loadPerCpu: { warn: 3,7 }\n`,
    );
    const ext = w('extends.yaml', `${head}name: X\nextends: ward-standrad\n`);
    const r = await wardkit(['profiles', 'validate', quote, types, ext]);
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expectVietnamese('profiles validate', out, [
      'nhanh',
      'ward-standrad',
      'minFrameRate',
      'loadPerCpu',
      'warn',
      'extends',
      'thresholds',
      'camera',
      'host',
      'name',
    ]);
    expect(out).toMatch(/quote\.yaml:4:7:/); // the opening quote, not the end of the file
    expect(out).toMatch(/minFrameRate[^\n]*số[^\n]*"nhanh"/); // key, expected type in words, value found
    expect(out).toMatch(/3\.7/); // the comma-decimal hint shows the fix
    expect(out).toMatch(/có phải ý bạn là[^\n]*ward-standard/);
  });

  it('apply --plan with every required device missing: lists each role and exits 1', async () => {
    const r = await wardkit(
      [
        'apply',
        '--profile',
        'ward-standard',
        '--ward',
        'HAI-CHAU-01',
        '--plan',
        '--discovery',
        'pactl',
        '--room-file',
        join(work, 'rooms', 'plan.yaml'),
      ],
      {
        env: { PATH: `${join(work, 'no-bin')}:/usr/bin:/bin`, PULSE_SERVER: 'unix:/nonexistent-wardkit-vi' },
      },
    );
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expectVietnamese('apply --plan', out);
    for (const role of ['Camera phòng', 'Micro phòng', 'Loa', 'Tivi']) expect(out).toContain(role);
    expect(out).not.toMatch(/không yêu cầu cài đặt nào/);
    expect(out).not.toMatch(/khớp với hồ sơ/);
  });

  it('report submit and flush: server down, wrong ward — Vietnamese with a detail', async () => {
    const report = join(work, 'demo.json');
    const token = `wk_${'A'.repeat(43)}`;
    const down = await wardkit(['report', 'submit', report, '--server', closedUrl, '--spool', join(work, 'spool')], {
      env: { WARDKIT_TOKEN: token },
    });
    expect(down.code).toBe(1);
    expectVietnamese('report submit (server down)', down.stdout + down.stderr);
    const flush = await wardkit(['report', 'flush', '--server', closedUrl, '--spool', join(work, 'spool')], {
      env: { WARDKIT_TOKEN: token },
    });
    expect(flush.code).toBe(1);
    expectVietnamese('report flush (server down)', flush.stdout + flush.stderr);
    const unknown = await wardkit(
      ['report', 'submit', report, '--server', serverUrl, '--spool', join(work, 'spool2')],
      { env: { WARDKIT_TOKEN: token } },
    );
    // 77: the token was refused — held, ask the Department for a new one (issue 15, README exit codes).
    expect(unknown.code).toBe(77);
    expectVietnamese('report submit (token refused)', unknown.stdout + unknown.stderr);
  });

  it('serve token list and the dashboard: dates dd/mm/yyyy HH:mm with the zone', async () => {
    const created = await wardkit(['serve', 'token', 'create', '--ward', 'HAI-CHAU-01', '--data', dataDir]);
    expect(created.code).toBe(0);
    const admin = await wardkit(['serve', 'token', 'create', '--admin', '--data', dataDir]);
    const list = await wardkit(['serve', 'token', 'list', '--data', dataDir]);
    expect(list.code).toBe(0);
    expectVietnamese('serve token list', list.stdout + list.stderr);
    expect(list.stdout).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    const adminToken = /wk_[\w-]+/.exec(admin.stdout)![0];
    const page = await fetch(`${serverUrl}/dashboard?lang=vi`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(page.status).toBe(200);
    const text = htmlText(await page.text());
    expectVietnamese('the dashboard', text);
  });

  it('--help of every command reads as Vietnamese', async () => {
    const commands = [
      [],
      ['check'],
      ['apply'],
      ['call'],
      ['serve'],
      ['serve', 'token'],
      ['serve', 'token', 'list'],
      ['profiles'],
      ['profiles', 'validate'],
      ['devices'],
      ['doctor'],
      ['report'],
      ['report', 'submit'],
      ['report', 'flush'],
      ['report', 'show'],
      ['schedule'],
    ];
    const runs = await Promise.all(commands.map((c) => wardkit([...c, '--help'])));
    runs.forEach((r, i) => {
      expect(r.code, commands[i].join(' ')).toBe(0);
      expectVietnamese(`${commands[i].join(' ')} --help`, r.stdout, HELP_WORDS);
    });
  });
});

describe('every metric id and unit the checks emitted has words in both languages', () => {
  it('names and units from the real runs above', () => {
    expect(emitted.size).toBeGreaterThan(20);
    const missing: string[] = [];
    const SI = new Set([
      '',
      'count',
      'ratio',
      'bool',
      'ms',
      's',
      'Hz',
      'dB',
      'dBFS',
      'kbit/s',
      'Mbit/s',
      'MiB',
      'px',
      'fps',
      '%',
      'MOS',
    ]);
    for (const { checkId, id, unit } of emitted.values()) {
      for (const lang of ['vi', 'en'] as const) {
        if (!(`${checkId}.metric.${id}` in catalogs[lang])) missing.push(`${lang}: ${checkId}.metric.${id}`);
        if (!SI.has(unit) && !(`unit.${unit}` in catalogs[lang])) missing.push(`${lang}: unit.${unit}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
