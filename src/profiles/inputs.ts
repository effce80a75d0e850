// Turn the arguments of `wardkit profiles validate` (files, folders, globs) into profile files.
// node:fs glob is not in Node 20, so globs are expanded here: `*`, `?`, `[…]`, `{a,b}` and `**`.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const PROFILE_EXTENSIONS = ['.yaml', '.yml'];

export interface InputProblem {
  /** The argument as given. */
  input: string;
  key: 'profile.notFound' | 'profile.noProfilesInDir' | 'profile.globNoMatch';
}

export interface ExpandedInputs {
  /** Files in argument order, each once. */
  files: string[];
  problems: InputProblem[];
}

const GLOB_CHARS = /[*?[{]/;
export const isGlob = (s: string) => GLOB_CHARS.test(s);

/** A glob segment (no `/`) → an anchored RegExp. Dot-files match only an explicit leading dot. */
export function segmentToRegExp(seg: string): RegExp {
  let re = '';
  let inClass = false;
  let braces = 0;
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (inClass) {
      if (c === ']') inClass = false;
      re += c === '\\' ? '\\\\' : c;
      continue;
    }
    switch (c) {
      case '*':
        re += '[^/]*';
        break;
      case '?':
        re += '[^/]';
        break;
      case '[':
        inClass = true;
        re += seg[i + 1] === '!' ? (i++, '[^') : '[';
        break;
      case '{':
        braces++;
        re += '(?:';
        break;
      case '}':
        if (braces > 0) {
          braces--;
          re += ')';
        } else re += '\\}';
        break;
      case ',':
        re += braces > 0 ? '|' : ',';
        break;
      default:
        re += c.replace(/[.+^$()|\\]/g, '\\$&');
    }
  }
  if (inClass || braces > 0) return new RegExp('^' + seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$');
  const dot = seg.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp('^' + dot + re + '$');
}

function list(dir: string): Array<{ name: string; dir: boolean }> {
  try {
    return readdirSync(dir || '.', { withFileTypes: true })
      .map((d) => ({ name: d.name, dir: d.isDirectory() || (d.isSymbolicLink() && isDir(join(dir || '.', d.name))) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Every existing path matching `pattern` (POSIX separators; `\` is also accepted on Windows). */
export function expandGlob(pattern: string): string[] {
  const norm = pattern.replace(/\\/g, '/');
  const absolute = norm.startsWith('/');
  const segs = norm.split('/').filter((s, i) => s !== '' || i === 0);
  if (absolute) segs.shift();
  const out: string[] = [];
  const walk = (base: string, i: number, depth: number) => {
    if (depth > 64) return;
    if (i === segs.length) {
      out.push(base);
      return;
    }
    const seg = segs[i];
    const next = (name: string) => (base === '' ? name : base === '/' ? '/' + name : `${base}/${name}`);
    if (seg === '**') {
      walk(base, i + 1, depth); // zero directories
      for (const e of list(base)) if (e.dir && !e.name.startsWith('.')) walk(next(e.name), i, depth + 1);
      return;
    }
    if (!isGlob(seg)) {
      const p = next(seg);
      if (i === segs.length - 1 ? existsPath(p) : isDir(p)) walk(p, i + 1, depth);
      return;
    }
    const re = segmentToRegExp(seg);
    for (const e of list(base)) {
      if (!re.test(e.name)) continue;
      if (i < segs.length - 1 && !e.dir) continue;
      walk(next(e.name), i + 1, depth);
    }
  };
  walk(absolute ? '/' : '', 0, 0);
  return [...new Set(out)];
}

function existsPath(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

const isProfileName = (name: string) => PROFILE_EXTENSIONS.some((e) => name.toLowerCase().endsWith(e));

/**
 * A file is taken as is (whatever its name); a folder means every *.yaml / *.yml directly in it
 * (hidden files excluded);
 * anything else is a glob when it has glob characters. A path that exists is never a glob, so a
 * file literally named `a[1].yaml` still works.
 */
export function expandInputs(inputs: string[]): ExpandedInputs {
  const files: string[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
  };
  for (const input of inputs) {
    if (existsPath(input)) {
      if (isDir(input)) {
        const found = list(input).filter((e) => !e.dir && !e.name.startsWith('.') && isProfileName(e.name));
        if (!found.length) problems.push({ input, key: 'profile.noProfilesInDir' });
        for (const e of found) add(join(input, e.name));
      } else add(input);
      continue;
    }
    if (isGlob(input)) {
      const matches = expandGlob(input).filter((p) => !isDir(p));
      if (!matches.length) problems.push({ input, key: 'profile.globNoMatch' });
      matches.forEach(add);
      continue;
    }
    problems.push({ input, key: 'profile.notFound' });
  }
  return { files, problems };
}
