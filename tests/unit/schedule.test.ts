import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sink } from '../helpers/sink.js';
import { main } from '../../src/cli.js';
import { cronEntry, systemdUnits, windowsTask } from '../../src/platform/schedule/backends.js';
import { cronWord, shWord, systemdWord, windowsArg } from '../../src/platform/schedule/quote.js';
import { tempDir } from '../helpers/temp.js';

const NASTY = `/srv/rooms/phòng "A" $HOME it's 100% \\x.yaml`;
const plan = {
  hour: 2,
  minute: 5,
  delaySec: 1800,
  command: ['/usr/bin/node', '/opt/wardkit/bin/wardkit.js', 'check', '--room', NASTY, '--submit'],
  user: true,
};

async function run(args: string[]) {
  const out = sink();
  const err = sink();
  const code = await main(['node', 'wardkit', '--lang', 'en', ...args], {
    stdout: out.stream,
    stderr: err.stream,
    env: {},
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

/** How /bin/sh would split a single-quoted word list (enough for what shWord produces). */
function shSplit(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQ = false;
  let has = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inQ) {
      if (c === "'") inQ = false;
      else cur += c;
    } else if (c === "'") {
      inQ = true;
      has = true;
    } else if (c === '\\') {
      cur += s[++i];
      has = true;
    } else if (c === ' ') {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

describe('quoting', () => {
  it('sh words round-trip through a shell-like split', () => {
    expect(shSplit([NASTY, 'a b', "'", ''].map(shWord).join(' '))).toEqual([NASTY, 'a b', "'", '']);
  });
  it('cron escapes % (cron would turn it into a newline)', () => {
    expect(cronWord('100%')).toBe(`'100\\%'`);
  });
  it('systemd doubles % and $ and escapes quotes and backslashes', () => {
    expect(systemdWord('a "b" 100% $X \\')).toBe('"a \\"b\\" 100%% $$X \\\\"');
  });
  it('windows arguments follow CommandLineToArgvW', () => {
    expect(windowsArg('C:\\Program Files\\wardkit\\')).toBe('"C:\\Program Files\\wardkit\\\\"');
    expect(windowsArg('say "hi"')).toBe('"say \\"hi\\""');
    expect(windowsArg('plain')).toBe('plain');
  });
  it('refuses a newline in any argument', () => {
    for (const f of [shWord, systemdWord, windowsArg]) expect(() => f('a\nb')).toThrow(/line break/);
  });
});

describe('scheduler files', () => {
  it('systemd: timer at HH:MM with RandomizedDelaySec and Persistent; service runs check --submit', () => {
    const u = systemdUnits(plan);
    expect(u['wardkit-check.timer']).toContain(
      'OnCalendar=*-*-* 02:05:00\nRandomizedDelaySec=1800\nPersistent=true\nUnit=wardkit-check.service',
    );
    expect(u['wardkit-check.timer']).toContain('WantedBy=timers.target');
    expect(u['wardkit-check.service']).toContain(
      'ExecStart="/usr/bin/node" "/opt/wardkit/bin/wardkit.js" "check" "--room" "/srv/rooms/phòng \\"A\\" $$HOME it\'s 100%% \\\\x.yaml" "--submit"',
    );
    expect(u['wardkit-check.service']).toContain('Type=oneshot');
    expect(u['wardkit-check.service']).toContain('SuccessExitStatus=1 2');
  });
  it('cron: one marked line; the random delay is wardkit’s own --random-delay, not shell arithmetic', () => {
    const line = cronEntry(plan)
      .split('\n')
      .find((l) => l.startsWith('5 2 '))!;
    expect(line.endsWith(' # wardkit-check')).toBe(true);
    const cmd = line.slice('5 2 * * * '.length, -' # wardkit-check'.length);
    expect(cmd).not.toMatch(/RANDOM|\$\(\(/);
    // What sh receives once cron has turned \% back into %.
    expect(shSplit(cmd.replace(/\\%/g, '%'))).toEqual([...plan.command, '--random-delay', '1800s']);
  });
  it('windows: a daily CalendarTrigger with RandomDelay, StartWhenAvailable, escaped arguments', () => {
    const xml = windowsTask(plan);
    expect(xml).toContain('<StartBoundary>2026-01-01T02:05:00</StartBoundary>');
    expect(xml).toContain('<RandomDelay>PT1800S</RandomDelay>');
    expect(xml).toContain('<DaysInterval>1</DaysInterval>');
    expect(xml).toContain('<StartWhenAvailable>true</StartWhenAvailable>');
    expect(xml).toContain('<Command>/usr/bin/node</Command>');
    expect(xml).toContain(
      `<Arguments>/opt/wardkit/bin/wardkit.js check --room &quot;/srv/rooms/phòng \\&quot;A\\&quot; $HOME it&apos;s 100% \\x.yaml&quot; --submit</Arguments>`,
    );
  });
});

describe('wardkit schedule (CLI, into a temporary folder)', () => {
  it('install prints the files and the exact command that turns it on; status reads it back; remove deletes', async () => {
    const dir = tempDir('wardkit-sched-');
    const room = join(dir, 'room.yaml');
    await writeFile(room, 'kind: Room\n');
    for (const backend of ['systemd', 'cron', 'windows']) {
      const unitDir = join(dir, backend);
      const i = await run([
        'schedule',
        'install',
        '--at',
        '02:30',
        '--random-delay',
        '45m',
        '--room',
        room,
        '--backend',
        backend,
        '--unit-dir',
        unitDir,
      ]);
      expect(i.code, i.stderr).toBe(0);
      expect(i.stdout).toContain(
        `Nightly check written for ${backend}: at 02:30, plus a random delay of up to 45 min.`,
      );
      expect(i.stdout).toContain('Turn it on with:');
      if (backend === 'systemd') {
        expect(i.stdout).toMatch(
          /systemctl( --user)? daemon-reload && systemctl( --user)? enable --now wardkit-check\.timer/,
        );
        expect(await readFile(join(unitDir, 'wardkit-check.service'), 'utf8')).toContain(
          `"--room" "${room}" "--submit"`,
        );
      } else if (backend === 'cron') {
        expect(i.stdout).toContain(
          `( crontab -l 2>/dev/null | grep -vF '# wardkit-check'; cat '${join(unitDir, 'wardkit.crontab')}' ) | crontab -`,
        );
        expect(await readFile(join(unitDir, 'wardkit.crontab'), 'utf8')).toMatch(
          /^30 2 \* \* \* .*'--random-delay' '2700s' # wardkit-check$/m,
        );
      } else {
        expect(i.stdout).toContain(
          `schtasks /Create /TN "wardkit\\nightly-check" /XML ${join(unitDir, 'wardkit-check.xml')} /F`,
        );
        const raw = await readFile(join(unitDir, 'wardkit-check.xml'));
        expect([raw[0], raw[1]]).toEqual([0xff, 0xfe]);
        expect(raw.subarray(2).toString('utf16le')).toContain('<RandomDelay>PT2700S</RandomDelay>');
      }
      const s = await run(['schedule', 'status', '--backend', backend, '--unit-dir', unitDir]);
      expect(s.code).toBe(0);
      expect(s.stdout).toContain(`Nightly check (${backend}): at 02:30, plus a random delay of up to 45 min.`);
      const r = await run(['schedule', 'remove', '--backend', backend, '--unit-dir', unitDir]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Removed ');
      expect((await run(['schedule', 'status', '--backend', backend, '--unit-dir', unitDir])).code).toBe(1);
    }
  });
  it('usage errors: bad time, bad delay, no room', async () => {
    expect((await run(['schedule', 'install', '--at', '25:00', '--ward', 'W1', '--unit-dir', os.tmpdir()])).code).toBe(
      64,
    );
    expect(
      (
        await run([
          'schedule',
          'install',
          '--at',
          '02:00',
          '--random-delay',
          'soon',
          '--ward',
          'W1',
          '--unit-dir',
          os.tmpdir(),
        ])
      ).code,
    ).toBe(64);
    expect((await run(['schedule', 'install', '--at', '02:00', '--unit-dir', os.tmpdir()])).code).toBe(64);
  });
});
