// `wardkit report show` spawned as a user runs it, on a report written by a real `wardkit check`
// run and on a full report (every status, figures, a snapshot file beside it).
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runProcess } from '../../src/proc/process.js';
import { attr, byClass, elements, parseHtml, textOf } from '../helpers/html.js';
import { HOSTILE, HOSTILE_PARAM, PNG_1PX, realReport } from '../helpers/reports.js';
import { tempDir } from '../helpers/temp.js';

const BIN = resolve('bin/wardkit.js');
const wardkit = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, [BIN, ...args], {
    reject: false,
    timeout: 60_000,
    env: { NO_COLOR: '1', LANG: 'C', ...env },
    extendEnv: true,
  });

let dir: string;
let checked: string;
let full: string;
beforeAll(async () => {
  if (!existsSync('dist/cli.js')) throw new Error('build first: npx tsc -p tsconfig.json');
  dir = tempDir('wardkit-show-');
  checked = join(dir, 'checked.json');
  const run = await wardkit(['check', '--demo', '--only', 'host', '--format', 'json', '--out', checked]);
  expect([0, 1], run.stderr).toContain(run.exitCode);
  await writeFile(join(dir, 'snapshot.png'), PNG_1PX);
  full = join(dir, 'full.json');
  await writeFile(
    full,
    JSON.stringify(await realReport('vi', { evidencePath: 'snapshot.png', label: HOSTILE, param: HOSTILE_PARAM })),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('wardkit report show', () => {
  test('text (default), in the language asked for', async () => {
    const en = await wardkit(['report', 'show', checked]);
    expect(en.exitCode, en.stderr).toBe(0);
    const saved = JSON.parse(await readFile(checked, 'utf8'));
    expect(en.stdout).toContain(saved.readiness === 'READY' ? '✔ READY' : '! DEGRADED');
    expect(en.stdout).toContain('Computer');
    const vi = await wardkit(['--lang', 'vi', 'report', 'show', full]);
    expect(vi.exitCode).toBe(0);
    expect(vi.stdout).toContain('✘ CHƯA SẴN SÀNG');
    expect(vi.stdout).toContain('→ Giải phóng dung lượng');
    expect(vi.stdout).not.toMatch(/\x1b\[/);
  });

  test('json: the same report back', async () => {
    const r = await wardkit(['report', 'show', checked, '--format', 'json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(await readFile(checked, 'utf8')));
  });

  test('junit: valid XML with one testcase per result', async () => {
    const r = await wardkit(['report', 'show', full, '--format', 'junit']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith('<?xml')).toBe(true);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(r.stdout);
    const saved = JSON.parse(await readFile(full, 'utf8'));
    expect(doc.testsuite['@tests']).toBe(String(saved.results.length));
    expect(doc.testsuite['@failures']).toBe(String(saved.summary.fail));
  });

  test('html --out: one file, snapshot embedded from beside the report, hostile label as text', async () => {
    const out = join(dir, 'report.html');
    const r = await wardkit(['--lang', 'en', 'report', 'show', full, '--format', 'html', '--out', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Wrote ${out}`);
    const html = await readFile(out, 'utf8');
    const doc = parseHtml(html);
    expect(elements(doc, 'script')).toHaveLength(0);
    expect(textOf(doc).toLowerCase()).toContain(`camera (${HOSTILE})`.toLowerCase());
    expect(textOf(byClass(doc, 'banner')[0])).toContain('NOT READY');
    expect(attr(elements(doc, 'img')[0], 'src')).toBe(`data:image/png;base64,${PNG_1PX.toString('base64')}`);
    expect(elements(doc, 'svg').length).toBeGreaterThanOrEqual(3);
  });

  test('a missing or invalid file is exit 1 with a clear message; a bad format is exit 64', async () => {
    const missing = await wardkit(['report', 'show', join(dir, 'nope.json')]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain(`Error: report file not found: ${join(dir, 'nope.json')}`);
    expect(missing.stderr).not.toMatch(/at .*\.js:\d+/);
    await writeFile(join(dir, 'bad.json'), 'not json');
    const bad = await wardkit(['report', 'show', join(dir, 'bad.json')]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('is not valid JSON');
    await writeFile(join(dir, 'other.json'), '{"a":1}');
    const other = await wardkit(['--lang', 'vi', 'report', 'show', join(dir, 'other.json')]);
    expect(other.exitCode).toBe(1);
    expect(other.stderr).toContain('không phải báo cáo của wardkit');
    const fmt = await wardkit(['report', 'show', checked, '--format', 'pdf']);
    expect(fmt.exitCode).toBe(64);
    expect(fmt.stderr).toContain('unknown format "pdf"');
    const noArg = await wardkit(['report', 'show']);
    expect(noArg.exitCode).toBe(64);
  });

  // Optional: a real browser agrees there is no script and the label is text. Never required.
  test.skipIf(!existsSync('/usr/bin/chromium'))('headless Chromium renders the hostile label as text', async () => {
    const out = join(dir, 'hostile.html');
    await wardkit(['report', 'show', full, '--format', 'html', '--out', out]);
    // runProcess: its own process group, so Chromium's helpers die with it on timeout.
    const r = await runProcess(
      '/usr/bin/chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        `--user-data-dir=${join(dir, 'chromium')}`,
        '--dump-dom',
        `file://${out}`,
      ],
      { timeoutMs: 60_000 },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = parseHtml(r.stdout);
    expect(elements(doc, 'script')).toHaveLength(0);
    expect(textOf(doc)).toContain(`(${HOSTILE})`);
  });
});
