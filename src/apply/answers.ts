// `--answers FILE`: the technician's decisions written down for unattended set-up.
// YAML map: role id → device URI, device name (exact, case-insensitive) or `missing`.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { UsageError } from '../errors.js';

export type Answers = Record<string, string>;
export const MISSING = 'missing';

export async function readAnswers(file: string): Promise<Answers> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError('apply.answersNotFound', { file });
  }
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch (err) {
    throw new UsageError('apply.answersInvalid', { file, detail: (err as Error).message.split('\n')[0] });
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data))
    throw new UsageError('apply.answersInvalid', { file, detail: 'expected a map of role → device' });
  const out: Answers = {};
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (typeof v !== 'string' || !v.trim())
      throw new UsageError('apply.answersInvalid', {
        file,
        detail: `role ${k}: expected a device URI, a device name or "missing"`,
      });
    out[k] = v;
  }
  return out;
}
