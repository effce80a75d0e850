import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandGlob, expandInputs, segmentToRegExp } from '../../src/profiles/inputs.js';
import { tempDir } from '../helpers/temp.js';

const dir = tempDir('wardkit-inputs-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const f of [
  'a.yaml',
  'b.yml',
  'c.txt',
  '.hidden.yaml',
  'sub/d.yaml',
  'sub/deep/e.yaml',
  'empty/README.md',
  'x[1].yaml',
]) {
  mkdirSync(join(dir, f, '..'), { recursive: true });
  writeFileSync(join(dir, f), 'x');
}
const rel = (ps: string[]) => ps.map((p) => p.slice(dir.length + 1));

describe('glob segments', () => {
  it.each([
    ['*.yaml', 'a.yaml', true],
    ['*.yaml', '.hidden.yaml', false],
    ['.*.yaml', '.hidden.yaml', true],
    ['?.yml', 'b.yml', true],
    ['*.{yaml,yml}', 'b.yml', true],
    ['*.{yaml,yml}', 'c.txt', false],
    ['[ab].*', 'b.yml', true],
    ['[!ab].*', 'b.yml', false],
    ['a.yaml', 'aXyaml', false],
  ])('%s ~ %s → %s', (glob, name, want) => {
    expect(segmentToRegExp(glob).test(name)).toBe(want);
  });
});

describe('expandInputs', () => {
  it('a folder means its *.yaml / *.yml, sorted, not recursive', () => {
    expect(rel(expandInputs([dir]).files)).toEqual(['a.yaml', 'b.yml', 'x[1].yaml']);
  });
  it('globs, including **', () => {
    expect(rel(expandGlob(`${dir}/**/*.yaml`)).sort()).toEqual([
      'a.yaml',
      'sub/d.yaml',
      'sub/deep/e.yaml',
      'x[1].yaml',
    ]);
    expect(rel(expandInputs([`${dir}/*.{yaml,yml}`]).files)).toEqual(['a.yaml', 'b.yml', 'x[1].yaml']);
  });
  it('an existing path is never a glob', () => {
    expect(rel(expandInputs([join(dir, 'x[1].yaml')]).files)).toEqual(['x[1].yaml']);
  });
  it('each file once, in argument order', () => {
    expect(rel(expandInputs([join(dir, 'b.yml'), dir]).files)).toEqual(['b.yml', 'a.yaml', 'x[1].yaml']);
  });
  it('problems: missing file, folder without profiles, glob without match', () => {
    const { problems } = expandInputs([join(dir, 'nope.yaml'), join(dir, 'empty'), `${dir}/*.json`]);
    expect(problems.map((p) => p.key)).toEqual(['profile.notFound', 'profile.noProfilesInDir', 'profile.globNoMatch']);
  });
});
