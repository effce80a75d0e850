// A fast reader for the plain subset of YAML that profiles are written in, used only to skip the
// `yaml` package's Document (CST, nodes, source ranges) when a file turns out to be valid.
//
// Why this is safe: it either returns exactly the value that `parseDocument(text, …).toJS()`
// returns for a document that parses WITHOUT errors, or `undefined` — and `undefined` means "use
// the full `yaml` Document path", which is the only path that produces diagnostics. It accepts
// only constructs whose meaning is unambiguous (block mappings with simple keys, block sequences,
// single-line plain / quoted scalars, single-line flow sequences of scalars, `>`/`|` block scalars
// without more-indented lines) and resolves plain scalars with the same YAML 1.2 core-schema
// tests the `yaml` package uses; anything else (tabs, CR, control characters, anchors, aliases,
// tags, directives, document markers, flow mappings, multi-line plain or quoted scalars, escapes,
// duplicate keys, unusual numbers, odd indentation, …) bails out. tests/unit/profile-fast-yaml.test.ts
// compares it with the `yaml` package on the bundled profiles and thousands of mutations of them.

// One preallocated token, not an Error per bail-out: capturing a stack trace for every file that
// takes the Document path would cost more than the attempt itself.
const BAIL = Symbol('bail');
const bail = (): never => {
  throw BAIL;
};

const KEY = /^([A-Za-z_][A-Za-z0-9_-]{0,199}):(?: |$)/;
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
// Core-schema forms left to the full parser (rare in profiles): octal, hex, .inf/.nan, exponents.
const OTHER_NUMBER = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+)$/;
// Characters that start something other than a plain scalar (or an error) in YAML.
const INDICATOR = /^[?:,\[\]{}#&*!|>'"%@`]/;
// Tabs, lone CR, other control characters, NEL, LS/PS, BOM: all left to the full parser.
const UNUSUAL = /[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]/;
// A comment must follow white space; anything after a value other than a comment is an error.
const TRAILER = /^ *(?: #.*)?$/;
const MAX_DEPTH = 64;

function plainScalar(s: string): unknown {
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (INT.test(s)) return parseInt(s, 10);
  if (FLOAT.test(s)) return parseFloat(s);
  if (OTHER_NUMBER.test(s)) bail();
  return s;
}

/** The JS value of the YAML text, or `undefined` when the full parser must decide. */
export function parseSimpleYaml(text: string): Record<string, unknown> | undefined {
  // CRLF is one line break in YAML (files edited on Windows); a lone CR is left to the parser.
  if (text.includes('\r')) text = text.replace(/\r\n/g, '\n');
  if (UNUSUAL.test(text)) return undefined;
  try {
    return new Reader(text.split('\n')).document();
  } catch (err) {
    if (err === BAIL) return undefined;
    throw err;
  }
}

class Reader {
  private i = 0;
  constructor(private readonly lines: string[]) {}

  document(): Record<string, unknown> {
    this.skip();
    if (this.i >= this.lines.length) bail();
    const ind = indentOf(this.lines[this.i]);
    const line = this.lines[this.i];
    if (ind === 0 && /^(?:---|\.\.\.|%)/.test(line)) bail();
    const value = this.block(ind, 0);
    this.skip();
    if (this.i < this.lines.length || value === null || typeof value !== 'object' || Array.isArray(value)) bail();
    return value as Record<string, unknown>;
  }

  /** Skip blank and comment-only lines. */
  private skip(): void {
    const { lines } = this;
    while (this.i < lines.length) {
      const l = lines[this.i];
      const ind = indentOf(l);
      if (ind < l.length && l[ind] !== '#') return;
      this.i++;
    }
  }

  /** The next content line's indent, or -1 at the end. */
  private peekIndent(): number {
    this.skip();
    return this.i < this.lines.length ? indentOf(this.lines[this.i]) : -1;
  }

  private block(ind: number, depth: number): unknown {
    if (depth > MAX_DEPTH) bail();
    const l = this.lines[this.i];
    if (l[ind] === '-' && (l.length === ind + 1 || l[ind + 1] === ' ')) return this.seq(ind, depth);
    return this.map(ind, depth);
  }

  /** A block mapping whose keys sit at column `col` (after `- ` for a compact mapping). */
  private map(col: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const ind = col;
    for (;;) {
      const l = this.lines[this.i];
      const m = KEY.exec(col === 0 ? l : l.slice(col));
      if (!m) bail();
      const key = m![1];
      if (key === '__proto__' || NULL.test(key) || BOOL.test(key) || Object.prototype.hasOwnProperty.call(out, key)) bail();
      out[key] = this.value(l.slice(col + key.length + 1), ind, true, depth);
      const next = this.peekIndent();
      if (next < ind) return out;
      // Deeper lines, or a `- item` at the keys' column, are errors (the next KEY test bails).
      if (next > ind) bail();
    }
  }

  private seq(ind: number, depth: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const l = this.lines[this.i];
      let c = ind + 1;
      while (l[c] === ' ') c++;
      const rest = l.slice(c);
      if (c === l.length || rest[0] === '#') {
        if (c === ind + 1 && rest[0] === '#') bail();
        this.i++;
        const next = this.peekIndent();
        out.push(next > ind ? this.block(next, depth + 1) : null);
      } else if (rest[0] === '-' && (rest.length === 1 || rest[1] === ' ')) {
        bail();
      } else if (KEY.test(rest)) {
        out.push(this.map(c, depth + 1));
      } else {
        out.push(this.value(' ' + rest, ind, false, depth));
      }
      const next = this.peekIndent();
      if (next < ind) return out;
      if (next > ind) bail();
      const nl = this.lines[this.i];
      if (!(nl[ind] === '-' && (nl.length === ind + 1 || nl[ind + 1] === ' '))) return out;
    }
  }

  /**
   * The value after `key:` or `-` (`rest` starts with the separating space, or is empty) on the
   * current line; `ind` is the indent of the key or dash. Leaves `i` after the value.
   */
  private value(rest: string, ind: number, inMap: boolean, depth: number): unknown {
    if (TRAILER.test(rest)) {
      // Nothing on this line: a nested block, or null.
      this.i++;
      const next = this.peekIndent();
      if (next > ind) return this.block(next, depth + 1);
      if (next === ind && inMap) {
        const l = this.lines[this.i];
        if (l[ind] === '-' && (l.length === ind + 1 || l[ind + 1] === ' ')) return this.seq(ind, depth + 1);
      }
      return null;
    }
    const s = rest.slice(indentOf(rest));
    if (s.length === rest.length) bail();
    let value: unknown;
    let after: string;
    const c = s[0];
    if (c === '|' || c === '>') return this.blockScalar(s, ind);
    if (c === '"') {
      const end = s.indexOf('"', 1);
      if (end < 0) bail();
      value = s.slice(1, end);
      if ((value as string).includes('\\')) bail();
      after = s.slice(end + 1);
    } else if (c === "'") {
      [value, after] = singleQuoted(s);
    } else if (c === '[' || c === '{') {
      [value, after] = flow(s);
    } else if (INDICATOR.test(s) || (c === '-' && (s.length === 1 || s[1] === ' '))) {
      bail();
      return;
    } else {
      const hash = s.indexOf(' #');
      const plain = trimSpaces(hash < 0 ? s : s.slice(0, hash));
      if (plain.includes(': ') || plain.endsWith(':')) bail();
      value = plainScalar(plain);
      after = '';
    }
    if (!TRAILER.test(after)) bail();
    this.i++;
    // A more-indented line after a one-line value would continue it (or be an error).
    if (this.peekIndent() > ind) bail();
    return value;
  }

  /** `>`, `>-`, `|`, `|-` with content lines all at one indent and no trailing spaces. */
  private blockScalar(header: string, ind: number): string {
    const h = /^([|>])(-?)(?: +#.*)? *$/.exec(header);
    if (!h) bail();
    const [, style, strip] = h!;
    const { lines } = this;
    this.i++;
    let n = -1;
    const content: string[] = [];
    let blanks = 0;
    let out = '';
    while (this.i < lines.length) {
      const l = lines[this.i];
      const li = indentOf(l);
      if (li === l.length) {
        // White space only: part of the scalar, unless it carries content spaces.
        if (n < 0 || li > n) bail();
        blanks++;
        this.i++;
        continue;
      }
      if (n < 0) {
        if (li <= ind) bail();
        n = li;
      }
      if (li < n) break;
      if (li > n || l.endsWith(' ')) bail();
      if (content.length) out += blanks ? '\n'.repeat(style === '>' ? blanks : blanks + 1) : style === '>' ? ' ' : '\n';
      const text = l.slice(n);
      content.push(text);
      out += text;
      blanks = 0;
      this.i++;
    }
    if (!content.length) bail();
    // Trailing blank lines (consumed above) only matter for keep chomping (`+`), not accepted.
    return strip ? out : out + '\n';
  }
}

/** YAML white space is only space (tab is excluded up front): String#trim would also eat NBSP. */
function trimSpaces(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 32) e--;
  return s.slice(0, e);
}

function indentOf(l: string): number {
  let k = 0;
  while (l.charCodeAt(k) === 32) k++;
  return k;
}

function singleQuoted(s: string): [string, string] {
  let v = '';
  let k = 1;
  for (;;) {
    const q = s.indexOf("'", k);
    if (q < 0) bail();
    v += s.slice(k, q);
    if (s[q + 1] === "'") {
      v += "'";
      k = q + 2;
    } else return [v, s.slice(q + 1)];
  }
}

/**
 * A flow collection on one line, `[a, "b", 'c']` or `{ k: v, n: { m: 1 } }`, nesting allowed.
 * Returns the value and the text after it. No comments, no `:` in plain scalars, no empty entries.
 */
function flow(s: string, depth = 0): [unknown, string] {
  let k = 0;
  const ws = () => {
    while (s[k] === ' ') k++;
  };
  const node = (d: number): unknown => {
    if (d > MAX_DEPTH) bail();
    ws();
    const c = s[k];
    if (c === '[' || c === '{') {
      k++;
      const seq = c === '[';
      const close = seq ? ']' : '}';
      const out: unknown[] | Record<string, unknown> = seq ? [] : {};
      ws();
      if (s[k] === close) {
        k++;
        return out;
      }
      for (;;) {
        if (seq) (out as unknown[]).push(node(d + 1));
        else {
          ws();
          const m = KEY.exec(s.slice(k));
          if (!m || s[k + m[0].length - 1] !== ' ') bail();
          const key = m![1];
          if (key === '__proto__' || NULL.test(key) || BOOL.test(key) || Object.prototype.hasOwnProperty.call(out, key)) bail();
          k += m![0].length;
          (out as Record<string, unknown>)[key] = node(d + 1);
        }
        ws();
        if (s[k] === close) {
          k++;
          return out;
        }
        if (s[k] !== ',') bail();
        k++;
        ws();
        if (s[k] === close || s[k] === ',') bail();
      }
    }
    if (c === '"') {
      const end = s.indexOf('"', k + 1);
      if (end < 0) bail();
      const v = s.slice(k + 1, end);
      if (v.includes('\\')) bail();
      k = end + 1;
      return v;
    }
    if (c === "'") {
      const [v, rest] = singleQuoted(s.slice(k));
      k = s.length - rest.length;
      return v;
    }
    // Plain: up to the next flow indicator; no `:`, `#` or quotes inside (left to the full parser).
    const m = /^[^,\[\]{}]*/.exec(s.slice(k))!;
    const t = trimSpaces(m[0]);
    if (!t || INDICATOR.test(t) || /[:#'"]/.test(t) || (t[0] === '-' && (t.length === 1 || t[1] === ' '))) bail();
    k += m[0].length;
    return plainScalar(t);
  };
  const v = node(depth);
  // After a quoted scalar inside the collection, only `,` or the closing bracket may follow.
  return [v, s.slice(k)];
}
