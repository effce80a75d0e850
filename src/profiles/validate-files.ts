// `wardkit profiles validate` core: expand the arguments, validate every file (all errors, not
// only the first), return data. Printing is done by ./report.ts.
import { isAbsolute, relative, resolve } from 'node:path';
import { isError, type Diagnostic } from './diagnostics.js';
import { expandInputs } from './inputs.js';
import { resolveProfileFile } from './resolve.js';

export interface FileResult {
  /** The file as the user named it (or the argument that matched nothing). */
  file: string;
  valid: boolean;
  /** Every problem (errors and warnings); `file` of a diagnostic may be a parent profile (`extends`). */
  diagnostics: Diagnostic[];
  /** Profile id when the file resolved. */
  id?: string;
}

/** A path for messages: relative to the working folder when inside it, else absolute. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

export async function validateFile(file: string): Promise<FileResult> {
  const { profile, diagnostics } = await resolveProfileFile(file);
  const shown = displayPath(file);
  return {
    file: shown,
    valid: profile !== undefined && !diagnostics.some(isError),
    diagnostics: diagnostics.map((d) => ({ ...d, file: displayPath(d.file) })),
    ...(profile ? { id: profile.id } : {}),
  };
}

/** Files validated at the same time (I/O overlaps parsing; parsing itself is single-threaded). */
const CONCURRENCY = 8;

export async function validateInputs(inputs: string[]): Promise<FileResult[]> {
  const { files, problems } = expandInputs(inputs);
  const results: FileResult[] = problems.map((p) => ({
    file: p.input,
    valid: false,
    diagnostics: [{ file: p.input, line: 0, col: 0, key: p.key, params: { input: p.input } }],
  }));
  // A few files in flight at once, so that reading one overlaps parsing another; results keep
  // the order of the arguments.
  const out: FileResult[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      out[i] = await validateFile(files[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
  return [...results, ...out];
}
