import { readFile, stat } from 'node:fs/promises';
import { LineCounter, parseDocument, type Document } from 'yaml';
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

function at(file: string, line: number, col: number, key: string, params: Diagnostic['params'] = {}, path?: string): Diagnostic {
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

function schemaDiagnostic(file: string, doc: Document, lc: LineCounter, e: SchemaError): Diagnostic {
  const segs = pointerToSegments(e.instancePath);
  const path = e.instancePath || '/';
  if (e.keyword === 'additionalProperties') {
    const key = String(e.params.additionalProperty);
    const props = Object.keys(((e.parentSchema as { properties?: object })?.properties) ?? {});
    const { line, col } = position(lc, offsetOf(doc, [...segs, key], true));
    const hint = suggest(key, props);
    return at(file, line, col, hint ? 'profile.unknownKeyHint' : 'profile.unknownKey', { key, hint }, `${path === '/' ? '' : path}/${key}`);
  }
  if (e.keyword === 'propertyNames') {
    const key = String(e.params.propertyName);
    const { line, col } = position(lc, offsetOf(doc, [...segs, key], true));
    return at(file, line, col, 'profile.unknownKey', { key }, `${path}/${key}`);
  }
  const { line, col } = position(lc, offsetOf(doc, segs));
  switch (e.keyword) {
    case 'required':
      return at(file, line, col, 'profile.required', { key: String(e.params.missingProperty) }, path);
    case 'type':
      return at(file, line, col, 'profile.type', { expected: String(e.params.type) }, path);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return at(file, line, col, 'profile.range', { limit: String(e.params.limit), comparison: String(e.params.comparison) }, path);
    case 'enum':
      return at(file, line, col, 'profile.enum', { allowed: (e.params.allowedValues as unknown[]).join(', ') }, path);
    case 'const':
      return at(file, line, col, 'profile.enum', { allowed: String(e.params.allowedValue) }, path);
    default:
      return at(file, line, col, 'profile.schema', { detail: e.message ?? e.keyword }, path);
  }
}

/**
 * Read, parse and schema-check one profile file. Never throws for bad input: every problem is a
 * positioned diagnostic. YAML positions come from the source text, never a re-serialisation.
 */
export async function parseProfileFile(file: string): Promise<ParsedProfile> {
  const lineCounter = new LineCounter();
  const out: ParsedProfile = { file, lineCounter, diagnostics: [] };
  const fail = (key: string, params: Diagnostic['params'] = {}, line = 1, col = 1) => {
    out.diagnostics.push(at(file, line, col, key, params));
    return out;
  };
  let bytes: Buffer;
  try {
    const st = await stat(file);
    if (st.isDirectory()) return fail('profile.isDirectory');
    if (st.size > MAX_PROFILE_BYTES) return fail('profile.tooLarge', { size: st.size, max: MAX_PROFILE_BYTES });
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'profile.notFound' : 'profile.unreadable', { code: code ?? String(err) });
  }
  return parseProfileText(file, bytes, out);
}

export function parseProfileText(file: string, bytes: Buffer, out?: ParsedProfile): ParsedProfile {
  const lineCounter = out?.lineCounter ?? new LineCounter();
  out ??= { file, lineCounter, diagnostics: [] };
  const fail = (key: string, params: Diagnostic['params'] = {}, line = 1, col = 1) => {
    out!.diagnostics.push(at(file, line, col, key, params));
    return out!;
  };
  if (bytes.length === 0 || bytes.toString('utf8').trim() === '') return fail('profile.empty');
  if (bytes.includes(0)) return fail('profile.binary');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Report the line of the first invalid byte.
    let good = 0;
    for (let n = bytes.length; n > 0; n--) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n));
        good = n;
        break;
      } catch {
        /* shorter */
      }
    }
    const line = bytes.subarray(0, good).toString('utf8').split('\n').length;
    return fail('profile.invalidUtf8', {}, line, 1);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  out.doc = doc;
  for (const e of doc.errors) {
    const { line, col } = position(lineCounter, e.pos[0]);
    if (e.code === 'DUPLICATE_KEY') fail('profile.duplicateKey', {}, line, col);
    else if (e.code === 'TAB_AS_INDENT' || /tab/i.test(e.message)) fail('profile.tabIndent', {}, line, col);
    else fail('profile.yamlSyntax', { detail: e.message.split('\n')[0] }, line, col);
  }
  if (out.diagnostics.length) return out;
  let data: unknown;
  try {
    // maxAliasCount bounds alias expansion: a "billion laughs" document fails here instead of eating memory.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    const msg = String((err as Error).message);
    if (/alias/i.test(msg)) return fail('profile.aliasBomb');
    return fail('profile.yamlSyntax', { detail: msg.split('\n')[0] });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return fail('profile.notMapping');
  out.data = data as Record<string, unknown>;
  const validate = profileValidator();
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      // oneOf/anyOf wrappers repeat what their branches say; keep the specific errors.
      if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
      out.diagnostics.push(schemaDiagnostic(file, doc, lineCounter, e));
    }
  }
  return out;
}
