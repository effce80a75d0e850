import { unclosedConstruct } from './yaml-errors.js';
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { Diagnostic } from './diagnostics.js';
import { offsetOf, pointerToSegments, position } from './pointer.js';
import { profileValidator, type SchemaError } from './validate-schema.js';

export const MAX_PROFILE_BYTES = 1024 * 1024;

export interface ParsedProfile {
  file: string;
  doc?: Document;
  lineCounter: LineCounter;
  data?: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

function at(
  file: string,
  line: number,
  col: number,
  key: string,
  params: Diagnostic['params'] = {},
  path?: string,
): Diagnostic {
  return { file, line, col, key, params, path };
}

/** Nearest key in `candidates` by edit distance, for "did you mean …?". */
export function suggest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

const typeName = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'number' && !Number.isFinite(v)
        ? String(v)
        : typeof v;

const TYPE_WORDS = { number: 1, integer: 1, string: 1, boolean: 1, object: 1, array: 1, null: 1 };

function schemaDiagnostic(file: string, doc: Document, lc: LineCounter, e: SchemaError): Diagnostic {
  const segs = pointerToSegments(e.instancePath);
  const path = e.instancePath || '/';
  const parentSchema = (e.parentSchema ?? {}) as { properties?: object; propertyNames?: { enum?: string[] } };
  if (e.keyword === 'additionalProperties') {
    const key = String(e.params.additionalProperty);
    // `warn: 3,7` in a flow map reads as { warn: 3, "7": null }: say how to write the decimal.
    // (JS orders integer-like keys first, so the order comes from the YAML map itself.)
    const map = /^\d+$/.test(key)
      ? (doc.getIn(segs, true) as
          | { items?: Array<{ key?: { value?: unknown }; value?: { value?: unknown } | null }> }
          | undefined)
      : undefined;
    if (map?.items) {
      const entries = map.items.map((it) => [String(it.key?.value), it.value?.value ?? null] as const);
      const i = entries.findIndex(([k]) => k === key);
      const prev = i > 0 ? entries[i - 1] : undefined;
      if (prev && typeof prev[1] === 'number' && Number.isInteger(prev[1]) && entries[i][1] === null) {
        const { line, col } = position(lc, offsetOf(doc, [...segs, prev[0]]));
        return at(
          file,
          line,
          col,
          'profile.commaDecimal',
          { key: prev[0], written: `${prev[1]},${key}`, fixed: `${prev[1]}.${key}` },
          `${e.instancePath}/${prev[0]}`,
        );
      }
    }
    const { line, col } = position(lc, offsetOf(doc, [...segs, key], true));
    const hint = suggest(key, Object.keys(parentSchema.properties ?? {}));
    return at(
      file,
      line,
      col,
      hint ? 'profile.unknownKeyHint' : 'profile.unknownKey',
      { key, hint },
      `${e.instancePath}/${key}`,
    );
  }
  if (e.keyword === 'propertyNames') {
    const key = String(e.params.propertyName);
    const { line, col } = position(lc, offsetOf(doc, [...segs, key], true));
    const hint = suggest(key, parentSchema.propertyNames?.enum ?? []);
    return at(
      file,
      line,
      col,
      hint ? 'profile.unknownKeyHint' : 'profile.unknownKey',
      { key, hint },
      `${e.instancePath}/${key}`,
    );
  }
  const { line, col } = position(lc, offsetOf(doc, segs));
  const p = e.params as Record<string, unknown>;
  const d = (key: string, params: Diagnostic['params'] = {}) => at(file, line, col, key, params, path);
  switch (e.keyword) {
    case 'required':
      return d('profile.required', { key: String(p.missingProperty) });
    case 'type': {
      const key = segs.length ? String(segs[segs.length - 1]) : '/';
      const expected = String(p.type).split(',')[0];
      // "1,5" is the natural Vietnamese decimal: YAML reads it as text.
      if (
        (expected === 'number' || expected === 'integer') &&
        typeof e.data === 'string' &&
        /^-?\d+,\d+$/.test(e.data.trim())
      ) {
        return d('profile.commaDecimal', { key, written: e.data.trim(), fixed: e.data.trim().replace(',', '.') });
      }
      const actual = typeName(e.data);
      const shown = e.data === null || typeof e.data === 'object' ? '' : JSON.stringify(e.data).slice(0, 60);
      return d('profile.typeKey', {
        key,
        expected: `profile.type.${expected}`,
        actual: `profile.type.${actual in TYPE_WORDS ? actual : 'string'}`,
        value: shown,
      });
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return d('profile.range', { value: String(e.data), limit: String(p.limit), comparison: String(p.comparison) });
    case 'enum':
      if (path === '/apiVersion')
        return d('profile.apiVersion', {
          version: String(e.data),
          supported: (p.allowedValues as unknown[]).join(', '),
        });
      return d('profile.enum', { value: String(e.data), allowed: (p.allowedValues as unknown[]).join(', ') });
    case 'const':
      return d('profile.enum', { value: String(e.data), allowed: String(p.allowedValue) });
    case 'pattern':
      if (/x\[1-9\]/.test(String(p.pattern))) return d('profile.resolution', { value: String(e.data) });
      if (segs[segs.length - 1] === 'id') return d('profile.idPattern', { value: String(e.data) });
      return d('profile.pattern', { value: String(e.data), pattern: String(p.pattern) });
    case 'format':
      return d('profile.format', { value: String(e.data), format: String(p.format) });
    case 'minItems':
      return d('profile.minItems', { limit: Number(p.limit) });
    case 'maxItems':
      return d('profile.maxItems', { limit: Number(p.limit) });
    case 'minLength':
      return d(Number(p.limit) === 1 ? 'profile.emptyString' : 'profile.minLength', { limit: Number(p.limit) });
    case 'maxLength':
      return d('profile.maxLength', { limit: Number(p.limit) });
    case 'uniqueItems':
      return d('profile.uniqueItems', { i: Number(p.i), j: Number(p.j) });
    default:
      return d('profile.schema', { detail: e.message ?? e.keyword });
  }
}

/**
 * Read, parse and schema-check one profile file. Never throws for bad input: every problem is a
 * positioned diagnostic. YAML positions come from the source text, never a re-serialisation.
 */
export async function parseProfileFile(file: string): Promise<ParsedProfile> {
  const lineCounter = new LineCounter();
  const out: ParsedProfile = { file, lineCounter, diagnostics: [] };
  const fail = (key: string, params: Diagnostic['params'] = {}) => {
    out.diagnostics.push(at(file, 0, 0, key, params));
    return out;
  };
  let bytes: Buffer;
  try {
    // Synchronous on purpose: a profile is small (≤ 1 MiB) and a thread-pool round trip per
    // stat/open/read/close costs more than the read itself when validating a thousand files.
    const st = statSync(file);
    if (st.isDirectory()) return fail('profile.isDirectory');
    // A FIFO or a device (/dev/zero) would never end: only regular files are read.
    if (!st.isFile()) return fail('profile.notRegularFile');
    if (st.size > MAX_PROFILE_BYTES) return fail('profile.tooLarge', { size: st.size, max: MAX_PROFILE_BYTES });
    bytes = readBounded(file, Math.min(st.size + 1, MAX_PROFILE_BYTES + 1));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' || code === 'ENOTDIR' ? 'profile.notFound' : 'profile.unreadable', {
      code: code ?? String(err),
    });
  }
  return parseProfileText(file, bytes, out);
}

/**
 * Read at most `limit` bytes: a file that grows while we read cannot make us read more (one byte
 * past the size seen by stat is read so that growth past the limit is still noticed).
 */
function readBounded(file: string, limit: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(limit);
    let total = 0;
    while (total < limit) {
      const n = readSync(fd, buf, total, limit - total, total);
      if (n === 0) break;
      total += n;
    }
    return buf.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}

const DOCUMENT_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true } as const;

/** Most diagnostics reported for one file: a broken file can produce thousands of YAML errors. */
export const MAX_DIAGNOSTICS_PER_FILE = 50;

/** Byte offset of the first invalid UTF-8 sequence, or -1 when the buffer is valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** 1-based line and column (in characters) of a byte offset in valid UTF-8 text before it. */
function lineColOfByte(bytes: Buffer, offset: number): { line: number; col: number } {
  const before = bytes.subarray(0, offset).toString('utf8');
  const lines = before.split('\n');
  return { line: lines.length, col: lines[lines.length - 1].length + 1 };
}

/** The key text at a source offset (for "duplicate key" messages). */
function keyAt(text: string, offset: number): string {
  const m = /^\s*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:\n#]*)/.exec(text.slice(offset, offset + 300));
  return (m?.[1] ?? '').trim().replace(/^["']|["']$/g, '');
}

export function parseProfileText(file: string, bytes: Buffer, out?: ParsedProfile): ParsedProfile {
  const lineCounter = out?.lineCounter ?? new LineCounter();
  out ??= { file, lineCounter, diagnostics: [] };
  const fail = (key: string, params: Diagnostic['params'] = {}, line = 1, col = 1) => {
    if (out!.diagnostics.length < MAX_DIAGNOSTICS_PER_FILE) out!.diagnostics.push(at(file, line, col, key, params));
    return out!;
  };
  if (bytes.length > MAX_PROFILE_BYTES) return fail('profile.tooLarge', { size: bytes.length, max: MAX_PROFILE_BYTES });
  if (bytes.length === 0) return fail('profile.empty');
  // NUL bytes never occur in YAML text; UTF-16/32 files and images have them.
  if (bytes.includes(0)) return fail('profile.binary');
  // The native check first; the JS scan only to locate the bad byte.
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const { line, col } = lineColOfByte(bytes, bad);
    return fail(
      'profile.invalidUtf8',
      { byte: '0x' + bytes[bad].toString(16).toUpperCase().padStart(2, '0') },
      line,
      col,
    );
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, ...DOCUMENT_OPTIONS });
  } catch (err) {
    return fail(/call stack/i.test(String((err as Error)?.message)) ? 'profile.tooDeep' : 'profile.yamlSyntax', {
      detail: String((err as Error)?.message).split('\n')[0],
    });
  }
  out.doc = doc;
  let extra = 0;
  // An unclosed quote or bracket: one diagnostic where it opens, not the errors at the end of the file.
  const unclosed = doc.errors.some(
    (e) => e.code === 'MISSING_CHAR' || e.code === 'BAD_INDENT' || e.code === 'UNEXPECTED_TOKEN',
  )
    ? unclosedConstruct(text)
    : undefined;
  if (unclosed) {
    const { line, col } = position(lineCounter, unclosed.offset);
    return fail(unclosed.key, unclosed.params, line, col);
  }
  for (const e of doc.errors) {
    if (out.diagnostics.length >= MAX_DIAGNOSTICS_PER_FILE) {
      extra++;
      continue;
    }
    const { line, col } = position(lineCounter, e.pos[0]);
    if (e.code === 'DUPLICATE_KEY') fail('profile.duplicateKey', { key: keyAt(text, e.pos[0]) }, line, col);
    else if (e.code === 'TAB_AS_INDENT' || /\btabs?\b/i.test(e.message)) fail('profile.tabIndent', {}, line, col);
    else if (/call stack/i.test(e.message)) fail('profile.tooDeep', {}, line, col);
    else if (e.code === 'MULTIPLE_DOCS' || /multiple documents/i.test(e.message))
      fail('profile.multipleDocuments', {}, line, col);
    else if (e.code === 'BAD_INDENT') fail('profile.yaml.badIndent', {}, line, col);
    else
      fail(
        'profile.yamlSyntax',
        { detail: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') },
        line,
        col,
      );
  }
  if (extra)
    out.diagnostics.push(
      at(
        file,
        out.diagnostics[out.diagnostics.length - 1].line,
        out.diagnostics[out.diagnostics.length - 1].col,
        'profile.moreErrors',
        { count: extra },
      ),
    );
  if (out.diagnostics.length) return out;
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return fail('profile.empty');
  let data: unknown;
  try {
    // maxAliasCount bounds alias expansion: a "billion laughs" document fails here, in
    // milliseconds, instead of eating memory (tests/unit/profile-parse.test.ts).
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    const msg = String((err as Error).message);
    if (/alias/i.test(msg)) return fail('profile.aliasBomb');
    if (/call stack/i.test(msg)) return fail('profile.tooDeep');
    return fail('profile.yamlSyntax', { detail: msg.split('\n')[0] });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const { line, col } = position(lineCounter, (doc.contents as { range?: number[] } | null)?.range?.[0] ?? 0);
    return fail('profile.notMapping', {}, line, col);
  }
  out.data = data as Record<string, unknown>;
  const validate = profileValidator();
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      // oneOf/anyOf wrappers repeat what their branches say; keep the specific errors.
      if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
      // The propertyNames error itself names the key; its inner enum error would repeat it.
      if (e.schemaPath.includes('/propertyNames/')) continue;
      if (out.diagnostics.length >= MAX_DIAGNOSTICS_PER_FILE) {
        extra++;
        continue;
      }
      out.diagnostics.push(schemaDiagnostic(file, doc, lineCounter, e));
    }
    // In source order, as an editor lists them (ajv reports in schema order).
    out.diagnostics.sort((a, b) => a.line - b.line || a.col - b.col);
    if (extra)
      out.diagnostics.push({
        ...out.diagnostics[out.diagnostics.length - 1],
        key: 'profile.moreErrors',
        params: { count: extra },
      });
  }
  return out;
}
