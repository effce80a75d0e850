import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { createFormatter } from '../../src/i18n/format.js';
import { renderJunit } from '../../src/report/render/junit.js';
import { HOSTILE, HOSTILE_PARAM, realReport } from '../helpers/reports.js';

const en = createFormatter('en');
const vi = createFormatter('vi');
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  trimValues: false,
});

type Case = Record<string, unknown> & { '@name': string; '@classname': string };

function parse(xml: string) {
  const valid = XMLValidator.validate(xml);
  expect(valid).toBe(true);
  // The validator accepts a raw `<` inside an attribute value; XML does not.
  expect(xml).not.toMatch(/="[^"]*</);
  const doc = parser.parse(xml);
  // One <testsuite> is the root (the Surefire schema allows no other; tests/system/junit-xsd.test.ts).
  expect(doc.testsuites).toBeUndefined();
  const suites = doc.testsuite as Array<Record<string, unknown> & { testcase: Case[] }>;
  expect(suites).toHaveLength(1);
  return { root: suites[0], suites, cases: suites[0].testcase };
}

describe('JUnit renderer', () => {
  test('valid XML, nothing before the declaration, one testcase per check target with the right counts', async () => {
    const report = await realReport('en');
    const xml = renderJunit(report, en);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const { root, suites, cases } = parse(xml);
    expect(cases).toHaveLength(report.results.length);
    expect(root['@tests']).toBe(String(report.results.length));
    // Counts follow the report (the real host check passes or warns: a warning is not a failure).
    expect(root['@failures']).toBe(String(report.summary.fail));
    expect(root['@errors']).toBe(String(report.summary.error));
    expect(root['@skipped']).toBe(String(report.summary.skip));
    expect(report.summary.fail + report.summary.error + report.summary.skip).toBeGreaterThanOrEqual(3);
    expect(cases.filter((c) => c.failure)).toHaveLength(report.summary.fail);
    expect(cases.filter((c) => c.error)).toHaveLength(report.summary.error);
    expect(cases.filter((c) => c.skipped)).toHaveLength(report.summary.skip);
    // Test cases keep the runner's order; the classname names the check.
    expect(cases.map((c) => c['@classname'])).toEqual([
      'wardkit.host',
      'wardkit.camera',
      'wardkit.microphone',
      'wardkit.speaker',
      'wardkit.bandwidth',
      'wardkit.display',
    ]);
    expect(suites[0]['@name']).toBe('wardkit hai-chau-1');
    const byClass = Object.fromEntries(cases.map((c) => [c['@classname'], c]));
    // fail → <failure>, error → <error>, skip → <skipped/>
    expect(byClass['wardkit.camera'].failure).toBeDefined();
    expect((byClass['wardkit.camera'].failure as Record<string, string>)['@message']).toMatch(/^Only 12 MiB free/);
    expect((byClass['wardkit.camera'].failure as Record<string, string>)['#text']).toContain(
      'frame rate = 12.4 fps [fail] (need ≥ 25 fps · recommended ≥ 28 fps)',
    );
    expect(byClass['wardkit.bandwidth'].error).toBeDefined();
    expect(byClass['wardkit.display'].skipped).toBeDefined();
    expect((byClass['wardkit.display'].skipped as Record<string, string>)['@message']).toBe(
      'Not applicable to this room.',
    );
    // A warning passes, with the warning in system-out.
    const mic = byClass['wardkit.microphone'];
    expect(mic.failure ?? mic.error ?? mic.skipped).toBeUndefined();
    expect(String(mic['system-out'])).toContain('warning: The computer is busy: load 1.7 per CPU core.');
    expect(String(mic['system-out'])).toContain('What to do: Close programs');
    // The real host check's figures are there, machine-readable.
    expect(String(byClass['wardkit.host']['system-out'])).toMatch(/free memory = [\d,]+ MiB \[(pass|fail)\]/);
    // Per-suite properties say which ward and report.
    const props = Object.fromEntries(
      (suites[0].properties as { property: Array<Record<string, string>> }).property.map((p) => [
        p['@name'],
        p['@value'],
      ]),
    );
    expect(props).toMatchObject({
      ward: 'hai-chau-1',
      readiness: 'NOT_READY',
      reportId: report.id,
      profile: 'demo-simulated',
      timestamp: report.startedAt,
    });
  });

  test('markup characters are escaped and characters XML forbids are stripped', async () => {
    const label = `${HOSTILE}\u0000\u0008\u001b\uFFFE\uD800 ok`;
    const report = await realReport('vi', { label, param: `${HOSTILE_PARAM}\u000b`, ward: `w${HOSTILE_PARAM}` });
    const xml = renderJunit(report, vi);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]/);
    expect(xml).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(xml).not.toContain('<script>');
    const { root, cases } = parse(xml);
    const camera = cases.find((c) => c['@classname'] === 'wardkit.camera')!;
    // The parser decodes the entities back to the literal text.
    // (it leaves numeric character references alone; decode those here)
    const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)));
    expect(decode(camera['@name'])).toBe(`main-camera: ${HOSTILE} ok`);
    expect(decode((camera.failure as Record<string, string>)['@message'])).toContain(`/tmp/${HOSTILE_PARAM}`);
    expect(decode(root['@name'])).toContain(`w${HOSTILE_PARAM}`);
    // Vietnamese text survives as UTF-8.
    expect(decode((camera.failure as Record<string, string>)['#text'])).toContain(
      'Cách khắc phục: Giải phóng dung lượng',
    );
  });

  test('newlines in attribute values survive as character references', async () => {
    const report = await realReport('en', { param: 'line one\nline two' });
    const xml = renderJunit(report, en);
    expect(xml).toContain('line one&#10;line two');
    parse(xml);
  });
});
