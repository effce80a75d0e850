// The fast YAML reader (src/profiles/fast-yaml.ts) must never disagree with the `yaml` package:
// whenever it returns data, `parseDocument` must report no error and `toJS()` must give the same
// value (deep, strict: types included). Checked on the bundled profiles, a table of tricky
// snippets, and thousands of seeded random mutations of the bundled profiles.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseSimpleYaml } from '../../src/profiles/fast-yaml.js';
import { parseProfileText } from '../../src/profiles/parse.js';
import { BUNDLED_DIR } from '../../src/profiles/resolve.js';

const OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true } as const;

const bundled = readdirSync(BUNDLED_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ name: f, text: readFileSync(join(BUNDLED_DIR, f), 'utf8') }));

/** Reference: what parse.ts's Document path gives (undefined when it reports any error). */
function reference(text: string): { ok: boolean; value?: unknown } {
  const doc = parseDocument(text, OPTIONS);
  if (doc.errors.length) return { ok: false };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch {
    return { ok: false };
  }
}

/** Returns 'fast' or 'fallback'; fails the test on any disagreement. */
function agree(text: string): 'fast' | 'fallback' {
  const fast = parseSimpleYaml(text);
  if (fast === undefined) return 'fallback';
  const ref = reference(text);
  if (!ref.ok || !isDeepStrictEqual(fast, ref.value)) {
    // Show the input that broke it.
    expect({ text, fast, ref }).toEqual({ text, fast: ref.value, ref });
    throw new Error(`fast reader disagrees with yaml on:\n${text}`);
  }
  return 'fast';
}

describe('fast YAML reader agrees with the yaml package', () => {
  it('reads every bundled profile itself (the common case the bench measures)', () => {
    for (const { name, text } of bundled) expect([name, agree(text)]).toEqual([name, 'fast']);
  });

  it('gives the same values for the constructs it accepts', () => {
    const cases: Array<[string, unknown]> = [
      ['a: 1\nb: -2\nc: +3\nd: 1.5\ne: .5\nf: 3.\ng: 3.0\n', { a: 1, b: -2, c: 3, d: 1.5, e: 0.5, f: 3, g: 3 }],
      ['a: ~\nb:\nc: null\nd: Null\ne: NULL\nf: nULL\n', { a: null, b: null, c: null, d: null, e: null, f: 'nULL' }],
      ['a: true\nb: False\nc: TRUE\nd: yes\ne: on\nf: tRUE\n', { a: true, b: false, c: true, d: 'yes', e: 'on', f: 'tRUE' }],
      ['a: 007\nb: 1920x1080\nc: 99999999999999999999\n', { a: 7, b: '1920x1080', c: 1e20 }],
      ['a: "x: y # z"\nb: \'it\'\'s\'\nc: ""\nd: plain # comment\ne: a#b\n', { a: 'x: y # z', b: "it's", c: '', d: 'plain', e: 'a#b' }],
      ['a: [x, "y", \'z\', 1, true, ~]\nb: []\nc: { k: v, n: { m: 1 } }\nd: {}\n', { a: ['x', 'y', 'z', 1, true, null], b: [], c: { k: 'v', n: { m: 1 } }, d: {} }],
      ['a: >-\n  one\n  two\n\n  three\nb: |\n  x\n  y\n\nc: |-\n  p\n\n  q\nd: >\n  f\n', { a: 'one two\nthree', b: 'x\ny\n', c: 'p\n\nq', d: 'f\n' }],
      ['l:\n- a\n- b\nm:\n  - id: x\n    k: 1\n  -\n    id: y\n  - \n', { l: ['a', 'b'], m: [{ id: 'x', k: 1 }, { id: 'y' }, null] }],
      ['  a: 1\n  b:\n    c: 2\n', { a: 1, b: { c: 2 } }],
      ['# only comments\n\na: 1 # x\n   # indented comment\nb: 2\n', { a: 1, b: 2 }],
      ['a: 1\r\nb: >-\r\n  x\r\n  y\r\nc: |\r\n  p\r\n\r\n  q\r\n', { a: 1, b: 'x y', c: 'p\n\nq\n' }],
    ];
    for (const [text, value] of cases) {
      expect(agree(text)).toBe('fast');
      expect(parseSimpleYaml(text)).toStrictEqual(value);
    }
  });

  it('leaves everything else to the full parser', () => {
    const fallbacks = [
      '', '# nothing\n', 'just a string\n', '- a\n- b\n', '[1, 2]\n', '---\na: 1\n', 'a: 1\n...\n', '%YAML 1.2\n---\na: 1\n',
      'a: 1\na: 2\n', 'a:\tb\n', 'a: 1\rb: 2\n', 'a: x\ry\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: "x\\ty"\n', 'a: "multi\n  line"\n',
      'a: plain\n  continued\n', 'a: b: c\n', 'a: 0x1F\n', 'a: 0o17\n', 'a: .inf\n', 'a: .NaN\n', 'a: 1e3\n', '"a": 1\n', '? a\n: 1\n',
      'a: |+\n  x\n\n', 'a: |2\n   x\n', 'a: >\n  x\n    more\n  y\n', 'a: [x,\n  y]\n', 'a: [x, y,]\n', 'a: {k: v,}\n', 'a: [x # c\n  ]\n',
      '__proto__: 1\n', 'true: 1\n', 'a: - b\n', 'a:\n  b: 1\n c: 2\n', 'a: 1\n  b: 2\n', 'a: `x`\n', 'a: @x\n', 'a: "x"y\n', 'a: x\u0085y\n',
      'a: [a:b]\n', 'a: { k:v }\n', 'a:\n- - x\n',
    ];
    for (const text of fallbacks) expect([text, agree(text)]).toEqual([text, 'fallback']);
  });

  it('never disagrees on thousands of random mutations of the bundled profiles', () => {
    // Deterministic PRNG (mulberry32) so that a failure reproduces.
    let seed = 0x5eed;
    const rnd = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const TOKENS = [
      ': ', ' #', '#', '&a ', '*a', '!t ', '"', "'", "''", '\\', '[', ']', '{', '}', ',', '-', '- ', '\t', '\r', '|', '>', '>-', '---',
      '~', '0x1F', '0o7', '.inf', '1e3', '1.', '.5', '+3', '007', 'true', 'Null', '?', '%', '@', '`', ' ', '  ', '\n', '\n  ', '__proto__',
      'x:', ':x', 'a: b', '- x', '[a, b]', '{ k: v }', '"q"', "'q'", '\u00a0', '\u2028', 'Đà Nẵng', '\ufeff',
    ];
    const mutate = (text: string): string => {
      const lines = text.split('\n');
      const n = 1 + Math.floor(rnd() * 3);
      for (let k = 0; k < n; k++) {
        const i = Math.floor(rnd() * lines.length);
        const l = lines[i];
        switch (Math.floor(rnd() * 7)) {
          case 0:
            lines.splice(i, 1);
            break;
          case 1:
            lines.splice(i, 0, l);
            break;
          case 2:
            lines[i] = ' '.repeat(1 + Math.floor(rnd() * 2)) + l;
            break;
          case 3:
            lines[i] = l.replace(/^ {1,2}/, '');
            break;
          case 4: {
            const at = Math.floor(rnd() * (l.length + 1));
            lines[i] = l.slice(0, at) + pick(TOKENS) + l.slice(at);
            break;
          }
          case 5:
            lines[i] = l.replace(/: .*$/, ': ' + pick(TOKENS) + pick(['', 'x', '1', ' y']));
            break;
          default:
            if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], l];
        }
      }
      // Sometimes as a file saved on Windows.
      return lines.join(rnd() < 0.2 ? '\r\n' : '\n');
    };
    const counts = { fast: 0, fallback: 0 };
    for (let r = 0; r < 4000; r++) counts[agree(mutate(pick(bundled).text))]++;
    // Both paths must really be exercised for this to mean anything.
    expect(counts.fast).toBeGreaterThan(400);
    expect(counts.fallback).toBeGreaterThan(400);
  });
});

describe('fast path in parseProfileText', () => {
  const HEAD = 'apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: t\n';

  it('a valid file gets data, no diagnostics, and the Document only when asked for a position', () => {
    const p = parseProfileText('p.yaml', Buffer.from(HEAD + 'roles:\n  - id: cam\n    kind: camera\n'));
    expect(p.diagnostics).toEqual([]);
    // Not built yet: an accessor that parses on first use.
    expect(Object.getOwnPropertyDescriptor(p, 'doc')?.get).toBeTypeOf('function');
    expect(p.data).toEqual({ apiVersion: 'wardkit/v1', kind: 'EquipmentProfile', id: 't', roles: [{ id: 'cam', kind: 'camera' }] });
    expect(p.doc?.errors).toEqual([]);
    expect(p.lineCounter.linePos(p.doc!.getIn(['roles', 0, 'kind'], true) ? (p.doc!.getIn(['roles', 0, 'kind'], true) as { range: number[] }).range[0] : 0)).toEqual({ line: 6, col: 11 });
  });

  it('a schema error found after the fast read is reported by the Document path, positioned', () => {
    const p = parseProfileText('p.yaml', Buffer.from(HEAD + 'roles:\n  - id: cam\n    kind: camera\n    sttings: {}\n'));
    expect(parseSimpleYaml(HEAD + 'roles:\n  - id: cam\n    kind: camera\n    sttings: {}\n')).toBeDefined();
    expect(p.diagnostics.map((d) => [d.line, d.col, d.key, d.params.hint])).toEqual([[7, 5, 'profile.unknownKeyHint', 'settings']]);
  });
});
