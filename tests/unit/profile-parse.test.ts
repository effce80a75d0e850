import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import {
  firstInvalidUtf8,
  MAX_PROFILE_BYTES,
  parseProfileFile,
  parseProfileText,
  suggest,
} from '../../src/profiles/parse.js';
import { offsetOf, pointerToSegments } from '../../src/profiles/pointer.js';
import { tempDir } from '../helpers/temp.js';

const HEAD = 'apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: t\n';
const parse = (text: string) => parseProfileText('p.yaml', Buffer.from(text, 'utf8'));
const keys = (text: string) => parse(text).diagnostics.map((d) => [d.line, d.col, d.key]);

const dir = tempDir('wardkit-parse-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('JSON pointer → segments', () => {
  it('unescapes ~1 to / and then ~0 to ~ (RFC 6901 order)', () => {
    expect(pointerToSegments('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    // "~01" is "~1" literally, not "/": ~1 first would wrongly give "~/"... no: ~0 last keeps it "~1".
    expect(pointerToSegments('/x~01')).toEqual(['x~1']);
    expect(pointerToSegments('')).toEqual([]);
    expect(pointerToSegments('/')).toEqual(['']);
    expect(pointerToSegments('/roles/0/id')).toEqual(['roles', '0', 'id']);
  });

  it('finds the source offset of keys containing / and ~', () => {
    const text = 'a/b:\n  c~d: 5\nlist:\n  - x\n  - y: 7\n';
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc });
    expect(lc.linePos(offsetOf(doc, pointerToSegments('/a~1b/c~0d')))).toEqual({ line: 2, col: 8 });
    expect(lc.linePos(offsetOf(doc, pointerToSegments('/a~1b/c~0d'), true))).toEqual({ line: 2, col: 3 });
    expect(lc.linePos(offsetOf(doc, pointerToSegments('/list/1/y')))).toEqual({ line: 5, col: 8 });
    // Missing path: nearest existing parent.
    expect(lc.linePos(offsetOf(doc, pointerToSegments('/list/1/nope')))).toEqual({ line: 5, col: 5 });
    expect(lc.linePos(offsetOf(doc, pointerToSegments('/list/9')))).toEqual({ line: 4, col: 3 });
  });
});

describe('schema errors are positioned at the offending key or value', () => {
  it('a valid minimal profile has no diagnostics', () => {
    expect(parse(HEAD).diagnostics).toEqual([]);
  });

  it('unknown keys at any depth point at the key and suggest the nearest one', () => {
    const r = parse(
      HEAD +
        'thresholds:\n  camera:\n    minFramRate: 5\nnetwrok: {}\nroles:\n  - id: cam\n    kind: camera\n    setings: {}\n',
    );
    expect(r.diagnostics.map((d) => [d.line, d.col, d.key, d.params.key, d.params.hint])).toEqual([
      [6, 5, 'profile.unknownKeyHint', 'minFramRate', 'minFrameRate'],
      [7, 1, 'profile.unknownKeyHint', 'netwrok', 'network'],
      [11, 5, 'profile.unknownKeyHint', 'setings', 'settings'],
    ]);
    expect(r.diagnostics[0].path).toBe('/thresholds/camera/minFramRate');
  });

  it('an unknown key with no close match has no hint; unknown check ids get one', () => {
    const r = parse(HEAD + 'zzzzzzzz: 1\nchecks:\n  camra: { required: false }\n');
    expect(r.diagnostics.map((d) => [d.line, d.col, d.key, d.params.hint])).toEqual([
      [4, 1, 'profile.unknownKey', undefined],
      [6, 3, 'profile.unknownKeyHint', 'camera'],
    ]);
  });

  it('wrong types and numbers out of range point at the value; every error is reported', () => {
    const r = parse(
      HEAD +
        'thresholds:\n  camera:\n    minFrameRate: fast\n    captureSeconds: -3\n  display:\n    minWidth: 99999999\n',
    );
    expect(r.diagnostics.map((d) => [d.line, d.col, d.key])).toEqual([
      [6, 19, 'profile.typeKey'],
      [7, 21, 'profile.range'],
      [9, 15, 'profile.range'],
    ]);
    expect(r.diagnostics[0].params).toMatchObject({
      key: 'minFrameRate',
      expected: 'profile.type.number',
      actual: 'profile.type.string',
    });
    expect(r.diagnostics[1].params).toMatchObject({ value: '-3', comparison: '>=', limit: '1' });
  });

  it('NaN and infinity are not numbers', () => {
    expect(keys(HEAD + 'call:\n  headroom: .nan\n')).toEqual([[5, 13, 'profile.typeKey']]);
    expect(keys(HEAD + 'call:\n  headroom: .inf\n')).toEqual([[5, 13, 'profile.typeKey']]);
  });

  it('required → the parent map', () => {
    expect(keys('apiVersion: wardkit/v1\nkind: EquipmentProfile\nroles:\n  - kind: camera\n')).toEqual([
      [1, 1, 'profile.required'],
      [4, 5, 'profile.required'],
    ]);
  });

  it('an unknown apiVersion names the supported versions', () => {
    const r = parse('apiVersion: wardkit/v7\nkind: EquipmentProfile\nid: t\n');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      line: 1,
      col: 13,
      key: 'profile.apiVersion',
      params: { version: 'wardkit/v7', supported: 'wardkit/v1' },
    });
  });

  it('resolutions and ids have their own messages', () => {
    expect(keys(HEAD + 'roles:\n  - id: Cam_1\n    kind: camera\n    settings: { resolution: 1080p }\n')).toEqual([
      [5, 9, 'profile.idPattern'],
      [7, 29, 'profile.resolution'],
    ]);
  });
});

describe('bad input never throws and never hangs', () => {
  it('tab indentation', () => {
    expect(keys(HEAD + 'thresholds:\n\tcamera:\n\t\tminFrameRate: 5\n')[0]).toEqual([5, 1, 'profile.tabIndent']);
  });

  it('duplicate keys name the key', () => {
    const r = parse(HEAD + 'name: a\nname: b\n');
    expect(r.diagnostics.map((d) => [d.line, d.col, d.key, d.params.key])).toEqual([
      [5, 1, 'profile.duplicateKey', 'name'],
    ]);
  });

  it('YAML syntax errors are placed where the faulty construct starts (issue 12)', () => {
    // the bracket that is never closed opens on line 4, column 8 — not where the parser gave up
    expect(keys(HEAD + 'roles: [a, b\nname: x\n')[0]).toEqual([4, 8, 'profile.yaml.unclosedFlow']);
    // an unclosed quote: where it opens, not at the end of the file
    expect(keys(HEAD + 'name: "Phong tiep\nroles: []\nthresholds:\n  camera:\n    minFrameRate: 25\n')[0]).toEqual([
      4,
      7,
      'profile.yaml.unclosedQuote',
    ]);
  });

  it('a comma decimal gets a hint with the fix, flow or block style (issue 12)', () => {
    const flow = parse(HEAD + 'name: x\nthresholds:\n  host:\n    loadPerCpu: { warn: 3,7 }\n').diagnostics;
    expect(flow.map((d) => [d.key, d.params.key, d.params.fixed])).toEqual([['profile.commaDecimal', 'warn', '3.7']]);
    const block = parse(HEAD + 'name: x\nnetwork:\n  uploadMbps:\n    min: 1,5\n').diagnostics;
    expect(block.map((d) => [d.key, d.params.key, d.params.fixed])).toEqual([['profile.commaDecimal', 'min', '1.5']]);
  });

  it('a billion-laughs alias bomb stops at the alias limit within a few ms', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill('*' + prev)
          .join(', ')}]`,
      );
    }
    const heap = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const r = parse(lines.join('\n') + '\n');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(100 * 1024 * 1024);
    expect(r.diagnostics.map((d) => d.key)).toEqual(['profile.aliasBomb']);
  });

  it('a few honest aliases are fine', () => {
    expect(parse(HEAD + 'x-common: &c { warn: 300, fail: 600 }\n').diagnostics.map((d) => d.key)).toEqual([
      'profile.unknownKey',
    ]);
    expect(
      parse(HEAD + 'network:\n  rttMs: &c { warn: 300, fail: 600 }\ncall:\n  mos: { warn: 3.7, fail: 3.1 }\n')
        .diagnostics,
    ).toEqual([]);
  });

  it('empty, whitespace-only and comment-only files are "empty"', () => {
    for (const t of ['', '   \n\n', '# only a comment\n']) expect(keys(t)).toEqual([[1, 1, 'profile.empty']]);
  });

  it('binary and invalid UTF-8 (with the line and column of the bad byte)', () => {
    expect(
      parseProfileText('p', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])).diagnostics[0].key,
    ).toBe('profile.binary');
    const latin1 = Buffer.from('apiVersion: wardkit/v1\nname: Hải Châu caf\xe9\n', 'latin1');
    const d = parseProfileText('p', latin1).diagnostics;
    expect(d.map((x) => [x.key, x.line])).toEqual([['profile.invalidUtf8', 2]]);
    expect(firstInvalidUtf8(Buffer.from('ok ✓ Đà Nẵng'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc3]))).toBe(1); // truncated sequence
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // UTF-16 surrogate
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0xaf]))).toBe(0); // overlong
  });

  it('a list or a scalar is not a profile; several documents are refused', () => {
    expect(keys('- a\n- b\n')).toEqual([[1, 1, 'profile.notMapping']]);
    expect(keys('just text\n')).toEqual([[1, 1, 'profile.notMapping']]);
    expect(keys(HEAD + '---\nid: u\n')[0][2]).toBe('profile.multipleDocuments');
  });

  it('deep nesting and garbage produce a bounded number of diagnostics', () => {
    const r = parse('['.repeat(50000));
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.length).toBeLessThanOrEqual(51);
  });

  it('file-level problems: missing, directory, too large, not a regular file', async () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, HEAD + '#'.repeat(MAX_PROFILE_BYTES));
    mkdirSync(join(dir, 'sub'));
    expect((await parseProfileFile(join(dir, 'missing.yaml'))).diagnostics.map((d) => d.key)).toEqual([
      'profile.notFound',
    ]);
    expect((await parseProfileFile(join(dir, 'sub'))).diagnostics.map((d) => d.key)).toEqual(['profile.isDirectory']);
    expect((await parseProfileFile(big)).diagnostics.map((d) => d.key)).toEqual(['profile.tooLarge']);
    if (process.platform !== 'win32')
      expect((await parseProfileFile('/dev/zero')).diagnostics.map((d) => d.key)).toEqual(['profile.notRegularFile']);
  });
});

describe('suggest', () => {
  it('finds near misses and refuses far ones', () => {
    expect(suggest('minFramRate', ['minFrameRate', 'maxLuma'])).toBe('minFrameRate');
    expect(suggest('Roles', ['roles', 'checks'])).toBe('roles');
    expect(suggest('completely', ['roles', 'checks'])).toBeUndefined();
  });
});
