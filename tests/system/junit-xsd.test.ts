// JUnit XML of `check` and `profiles validate`, validated by xmllint against the two schemas the
// CI systems downstream use: Jenkins xunit's junit-10.xsd (it drops a file that fails it as "an
// invalid file") and Apache Maven Surefire's surefire-test-report-3.0.xsd (the Surefire format
// GitLab and most JUnit readers follow). Sources: tests/fixtures/schemas/README.md.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWardkit } from '../helpers/cli-run.js';
import { JUNIT_XSDS, xmllint } from '../helpers/consumers.js';
import { systemUnavailable } from '../helpers/system.js';
import { tempDir } from '../helpers/temp.js';

const skip = systemUnavailable(['xmllint']);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let work = '';
beforeAll(() => {
  work = tempDir('wardkit-outputs-junit-');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function expectValid(xml: string, what: string) {
  expect(xml.startsWith('<?xml')).toBe(true);
  for (const [name, xsd] of Object.entries(JUNIT_XSDS)) {
    const r = xmllint(xml, xsd);
    expect(r.ok, `${what} against ${name}:\n${r.stderr}`).toBe(true);
  }
}

describe.skipIf(skip)('JUnit output against the Jenkins xunit and Surefire XSDs', () => {
  it('the schemas themselves reject what Jenkins rejected (the test can fail)', () => {
    const old =
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="x" tests="1" failures="0" errors="0" skipped="0" timestamp="2026-01-01T00:00:00Z"><testsuite name="a" tests="1" failures="0" errors="0"><testcase name="t" time="0.1"/></testsuite></testsuites>\n';
    expect(xmllint(old, JUNIT_XSDS['jenkins xunit junit-10']).stderr).toMatch(
      /attribute 'skipped': The attribute 'skipped' is not allowed/,
    );
    expect(xmllint(old, JUNIT_XSDS['surefire 3.0']).ok).toBe(false);
  });

  it('check --format junit (a real demo run of the quick checks)', async () => {
    const r = await runWardkit(['check', '--demo', '--only', 'host,display,devices', '--format', 'junit'], {
      cwd: work,
    });
    expect([0, 1, 2]).toContain(r.code);
    expectValid(r.stdout, 'check --format junit');
  });

  it('every status, hostile names and both languages (report show of a saved report)', async () => {
    // A saved report with a pass, warn, fail, error and skip, names with markup and control characters.
    const now = new Date().toISOString();
    const res = (checkId: string, status: string, extra: Record<string, unknown> = {}) => ({
      checkId,
      targetId: `${checkId}-1`,
      label: `<b>"${checkId}"</b> & \u0007 ]]>`,
      status,
      required: status !== 'warn',
      startedAt: now,
      durationMs: 1234.5678,
      metrics: [
        {
          id: 'frameRate',
          value: 12.4,
          unit: 'fps',
          threshold: { better: 'higher', warn: 28, fail: 25 },
          verdict: 'fail',
        },
      ],
      findings: [
        {
          severity: status === 'pass' ? 'info' : status === 'skip' ? 'info' : status,
          key: 'no.such.key',
          text: 'Hình đen <x> & "q" ]]> \u001b[31m',
        },
      ],
      evidence: [],
      ...extra,
    });
    const report = {
      schemaVersion: 1,
      id: '0b6e0f1e-3c1a-4c55-9a59-1d1c4a1b2c3d',
      ward: 'hải-châu-1',
      room: 'Phòng <tiếp> công dân',
      host: { name: 'ward-pc', os: 'linux', arch: 'x64' },
      tool: { name: 'wardkit', version: '0.1.0' },
      profile: { id: 'ward-standard', hash: 'a'.repeat(64) },
      lang: 'vi',
      startedAt: now,
      finishedAt: now,
      readiness: 'NOT_READY',
      summary: { pass: 1, warn: 1, fail: 1, error: 1, skip: 1 },
      results: [
        res('host', 'pass'),
        res('microphone', 'warn'),
        res('camera', 'fail'),
        res('bandwidth', 'error'),
        res('devices', 'skip'),
      ],
    };
    const file = join(work, 'saved.json');
    writeFileSync(file, JSON.stringify(report));
    for (const lang of ['vi', 'en']) {
      const r = await runWardkit(['--lang', lang, 'report', 'show', file, '--format', 'junit'], { cwd: work });
      expect(r.code, r.stderr).toBe(0);
      expectValid(r.stdout, `report show --format junit (${lang})`);
      expect(r.stdout).toMatch(/<failure /);
      expect(r.stdout).toMatch(/<error /);
      expect(r.stdout).toMatch(/<skipped/);
    }
  });

  it('profiles validate --format junit: valid, invalid and missing files', async () => {
    const d = join(work, 'profiles');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'ok.yaml'), readFileSync(join(ROOT, 'profiles/ward-standard.yaml')));
    writeFileSync(join(d, 'bad.yaml'), 'apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: "<bad id>"\nbogus: 1\n');
    writeFileSync(join(d, 'broken.yaml'), 'apiVersion: [\n');
    const r = await runWardkit(
      [
        'profiles',
        'validate',
        join(d, 'ok.yaml'),
        join(d, 'bad.yaml'),
        join(d, 'broken.yaml'),
        join(d, 'missing.yaml'),
        '--format',
        'junit',
      ],
      { cwd: work },
    );
    expect(r.code).toBe(1);
    expectValid(r.stdout, 'profiles validate --format junit');
    expect(r.stdout.match(/<failure /g)?.length).toBe(3);
    const all = await runWardkit(['profiles', 'validate', join(ROOT, 'profiles'), '--format', 'junit'], { cwd: work });
    expect(all.code).toBe(0);
    expectValid(all.stdout, 'profiles validate profiles/ --format junit');
  });
});
