import { describe, expect, it } from 'vitest';
import { createFormatter } from '../../src/i18n/format.js';
import {
  escapeGithubData,
  escapeGithubProperty,
  escapeXml,
  renderGithub,
  renderJson,
  renderJunit,
  renderText,
} from '../../src/profiles/report.js';
import type { FileResult } from '../../src/profiles/validate-files.js';

const en = createFormatter('en');
const vi = createFormatter('vi');
const results: FileResult[] = [
  { file: 'profiles/ok.yaml', valid: true, diagnostics: [], id: 'ok' },
  {
    file: 'rooms/a,b:c%.yaml',
    valid: false,
    diagnostics: [
      {
        file: 'rooms/a,b:c%.yaml',
        line: 3,
        col: 5,
        key: 'profile.unknownKeyHint',
        params: { key: 'nmae', hint: 'name' },
      },
      {
        file: 'rooms/a,b:c%.yaml',
        line: 9,
        col: 1,
        key: 'profile.yamlSyntax',
        params: { detail: 'bad <x> & "y"\r\nnext\u0001\uFFFE' },
      },
    ],
  },
  {
    file: 'missing.yaml',
    valid: false,
    diagnostics: [{ file: 'missing.yaml', line: 0, col: 0, key: 'profile.notFound', params: {} }],
  },
  {
    file: 'warn.yaml',
    valid: true,
    diagnostics: [
      {
        file: 'warn.yaml',
        line: 7,
        col: 18,
        key: 'profile.frameRateBelowThreshold',
        params: { rate: 15, min: 25 },
        severity: 'warning',
      },
    ],
  },
];

describe('GitHub annotations', () => {
  it('escape data (% CR LF) and properties (also : and ,) like actions/toolkit', () => {
    expect(escapeGithubData('50% a\r\nb:c,d')).toBe('50%25 a%0D%0Ab:c,d');
    expect(escapeGithubProperty('50% a\r\nb:c,d')).toBe('50%25 a%0D%0Ab%3Ac%2Cd');
  });
  it('one ::error per problem with file, line, col', () => {
    const lines = renderGithub(results, en).trimEnd().split('\n');
    expect(lines[0]).toBe(
      '::error file=rooms/a%2Cb%3Ac%25.yaml,line=3,col=5,title=wardkit profile::unknown key "nmae" — did you mean "name"?',
    );
    expect(lines[1]).toMatch(
      /^::error file=rooms\/a%2Cb%3Ac%25\.yaml,line=9,col=1,title=wardkit profile::YAML syntax error \(detail: bad <x> & "y"%0D%0Anext/,
    );
    expect(lines[2]).toBe('::error file=missing.yaml,title=wardkit profile::file not found');
    expect(lines.filter((l) => l.startsWith('::error'))).toHaveLength(3);
    expect(lines[3]).toBe(
      '::warning file=warn.yaml,line=7,col=18,title=wardkit profile::the camera is set to 15 fps but the camera check requires at least 25 fps: it could never pass',
    );
    // No raw newline can split an annotation.
    expect(lines.every((l) => !l.includes('\r'))).toBe(true);
  });
  it('messages follow the language', () => {
    expect(renderGithub(results, vi)).toContain('::khóa không xác định "nmae" — có phải ý bạn là "name"?');
  });
});

describe('JUnit XML', () => {
  it('starts with the XML declaration, one testcase per file, failures escaped, forbidden characters stripped', () => {
    const xml = renderJunit(results, en);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml).toContain('tests="4" failures="2"');
    expect(xml).toContain('<system-out>warn.yaml:7:18: warning: the camera is set to 15 fps');
    expect(xml).toContain('name="rooms/a,b:c%.yaml"');
    expect(xml).toContain('bad &lt;x&gt; &amp; &quot;y&quot;');
    expect(xml).not.toMatch(/[\u0001\uFFFE]/);
    expect(xml).toContain('rooms/a,b:c%.yaml:3:5: unknown key');
    expect(xml).toContain('<testcase classname="wardkit.profiles" name="profiles/ok.yaml" time="0"/>');
  });
  it('escapeXml', () => {
    expect(escapeXml(`<a b='c'>&\u0000\uD800`)).toBe('&lt;a b=&apos;c&apos;&gt;&amp;');
  });
});

describe('text and JSON', () => {
  it('text lists every problem as file:line:col and a summary', () => {
    const out = renderText(results, en);
    expect(out).toContain('  rooms/a,b:c%.yaml:3:5: unknown key "nmae" — did you mean "name"?');
    expect(out).toContain('  missing.yaml: file not found');
    expect(out).toContain('✓ warn.yaml: valid (1 warning(s))\n  warn.yaml:7:18: warning: the camera is set to 15 fps');
    expect(out.trimEnd().split('\n').pop()).toBe('4 file(s) checked: 2 valid, 2 invalid, 3 error(s), 1 warning(s).');
    expect(renderText(results, vi)).toContain('Đã kiểm tra 4 tệp: 2 hợp lệ, 2 không hợp lệ, 3 lỗi, 1 cảnh báo.');
    expect(renderText(results, vi)).toContain('warn.yaml:7:18: cảnh báo: camera được đặt 15 khung hình/giây');
  });
  it('JSON carries keys, params, positions and translated messages', () => {
    const j = JSON.parse(renderJson(results, vi));
    expect(j.valid).toBe(false);
    expect(j.summary).toEqual({ files: 4, valid: 2, invalid: 2, errors: 3, warnings: 1 });
    expect(j.files[3].diagnostics[0].severity).toBe('warning');
    expect(j.files[1].diagnostics[0].severity).toBe('error');
    expect(j.files[1].diagnostics[0]).toMatchObject({
      line: 3,
      col: 5,
      key: 'profile.unknownKeyHint',
      message: 'khóa không xác định "nmae" — có phải ý bạn là "name"?',
    });
  });
});
