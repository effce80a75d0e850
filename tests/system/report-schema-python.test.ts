// docs/report.schema.json is published for other teams: it must compile and give the same verdicts
// in a validator outside JavaScript. Debian's python3-jsonschema (Python `re`) validates real and
// edge-case reports here; the JavaScript side (the RegExp ajv builds, with the u flag) must agree
// case by case. Patterns are held to the regex subset ECMA-262, Python re, Go RE2, Java and .NET
// read alike: no \p{…}, no \d \w \s \b (Unicode-aware in some engines, ASCII in others), no
// \u / \x escapes (RE2 has neither), no lookaround or backreferences.
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWardkit } from '../helpers/cli-run.js';
import { pythonJsonschema } from '../helpers/consumers.js';
import { systemUnavailable } from '../helpers/system.js';
import { tempDir } from '../helpers/temp.js';

const skip = systemUnavailable(['/usr/bin/python3']);
const SCHEMA = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../docs/report.schema.json', import.meta.url)), 'utf8'),
);

function patterns(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => patterns(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'pattern' && typeof v === 'string') out.push(v);
      else patterns(v, out);
    }
  }
  return out;
}

/** Every Vietnamese letter, lower and upper case, precomposed (NFC): 67 × 2. */
const VI_LOWER = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';
const VI_LETTERS = [...VI_LOWER, ...VI_LOWER.toUpperCase()].filter((c) => /[^a-zA-Z]/.test(c));

let work = '';
let real: Record<string, unknown>;
beforeAll(async () => {
  work = tempDir('wardkit-outputs-schema-');
  if (skip) return;
  const r = await runWardkit(
    ['check', '--demo', '--only', 'host,display', '--ward', 'hải-châu-1', '--format', 'json'],
    { cwd: work },
  );
  real = JSON.parse(r.stdout);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('report schema portability', () => {
  it('uses only regex syntax common to ECMA-262, Python re, Go RE2, Java and .NET', () => {
    const all = patterns(SCHEMA);
    expect(all.length).toBeGreaterThan(3);
    for (const p of all) {
      expect(p, p).not.toMatch(/\\[pPdDwWsSbBuxX]|\(\?|\\[1-9]/);
      // and compiles as ajv compiles it
      expect(() => new RegExp(p, 'u')).not.toThrow();
    }
  });

  it('ward ids: every Vietnamese letter is a letter', () => {
    expect(VI_LETTERS.length).toBe(134);
    const ward = (SCHEMA.properties.ward as { pattern: string }).pattern;
    const re = new RegExp(ward, 'u');
    for (const c of VI_LETTERS) expect(re.test(`${c}x`), c).toBe(true);
  });
});

describe.skipIf(skip)('python3-jsonschema (Debian) validates reports with the published schema', () => {
  it('compiles the schema and agrees with JavaScript on every case', () => {
    const ward = (SCHEMA.properties.ward as { pattern: string }).pattern;
    const jsOk = (w: string) => new RegExp(ward, 'u').test(w);
    const good = [
      'hải-châu-1',
      'HAI-CHAU-1',
      'Phước_Mỹ.2',
      'ĐÀ-NẴNG',
      'đà-nẵng',
      'x',
      'a'.repeat(64),
      ...VI_LETTERS.map((c) => `${c}1`),
    ];
    const bad = ['', ' hai', 'hai chau', '-lead', '<b>', 'a'.repeat(65), 'hải\nchâu', 'x/y', 'ward;drop'];
    for (const w of good) expect(jsOk(w), w).toBe(true);
    for (const w of bad) expect(jsOk(w), w).toBe(false);
    const instances = [
      real,
      ...good.map((w) => ({ ...real, ward: w })),
      ...bad.map((w) => ({ ...real, ward: w })),
      { ...real, readiness: 'MAYBE' },
    ];
    const py = pythonJsonschema(SCHEMA, instances);
    expect(py.errors[0], 'the real report').toEqual([]);
    good.forEach((w, i) => expect(py.errors[1 + i], `good ward ${JSON.stringify(w)}`).toEqual([]));
    bad.forEach((w, i) =>
      expect(py.errors[1 + good.length + i].length, `bad ward ${JSON.stringify(w)}`).toBeGreaterThan(0),
    );
    expect(py.errors[instances.length - 1].length).toBeGreaterThan(0);
  });
});
