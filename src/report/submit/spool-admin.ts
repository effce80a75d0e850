// What the spool holds, for people: `report show --spool` lists what waits and what was refused,
// `report requeue ID|--all` moves refused entries back after the cause is fixed. Also the one place
// that names a disk problem (full, read-only, permission) from an errno code.
import { readdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { REJECTED_DIR, type SpoolEntry } from './spool.js';

/** A disk problem in plain words (catalog key), or undefined when the error is something else. */
export function diskProblem(err: unknown): 'io.full' | 'io.readOnly' | 'io.denied' | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'io.full';
  if (code === 'EROFS') return 'io.readOnly';
  if (code === 'EACCES' || code === 'EPERM') return 'io.denied';
  return undefined;
}

export interface SpoolListing {
  id?: string;
  ward?: string;
  queuedAt?: string;
  /** Server the entry was first queued for (kept for the record). */
  server?: string;
  /** Last delivery error (queued) or the refusal (rejected). */
  reason?: string;
  file: string;
  damaged: boolean;
}

async function entries(dir: string): Promise<SpoolListing[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: Array<SpoolListing & { mtimeMs: number }> = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const file = join(dir, name);
    let st;
    try {
      st = await stat(file);
    } catch {
      continue;
    }
    if (!st.isFile() || st.size > 16 * 1024 * 1024) {
      out.push({ file, damaged: true, mtimeMs: st.mtimeMs });
      continue;
    }
    try {
      const e = JSON.parse(await readFile(file, 'utf8')) as Partial<SpoolEntry>;
      if (!e || typeof e.report?.id !== 'string') throw new Error('not an entry');
      out.push({
        id: e.report.id,
        ward: e.report.ward,
        queuedAt: e.queuedAt,
        server: e.server,
        reason: e.lastError,
        file,
        damaged: false,
        mtimeMs: st.mtimeMs,
      });
    } catch {
      out.push({ file, damaged: true, mtimeMs: st.mtimeMs });
    }
  }
  return out.sort((a, b) => a.mtimeMs - b.mtimeMs).map(({ mtimeMs: _m, ...rest }) => rest);
}

export async function listSpoolForPeople(
  dir: string,
): Promise<{ dir: string; queued: SpoolListing[]; rejected: SpoolListing[] }> {
  return { dir, queued: await entries(dir), rejected: await entries(join(dir, REJECTED_DIR)) };
}

/** Move refused entries back to the queue: all of them, or those whose id starts with `id` (case-insensitive). */
export async function requeue(dir: string, which: { all: true } | { id: string }): Promise<string[]> {
  const refused = await entries(join(dir, REJECTED_DIR));
  const want = 'id' in which ? which.id.toLowerCase() : '';
  const moved: string[] = [];
  for (const e of refused) {
    if (e.damaged || !e.id) continue;
    if ('id' in which && !e.id.toLowerCase().startsWith(want)) continue;
    await rename(e.file, join(dir, `${e.id.toLowerCase()}.json`));
    moved.push(e.id);
  }
  return moved;
}
