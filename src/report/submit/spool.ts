// The on-disk spool: reports waiting to be delivered. One file per report id, written atomically
// (temporary file, fsync, rename) with mode 0600 in a 0700 folder. Never holds the token.
// A report leaves the spool only after the server answered 200/201, so a crash at any point
// leaves it there and the next flush delivers it; the server's dedupe by id makes that exactly once.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { BoundedReadError, MAX_REPORT_FILE_BYTES, readBoundedText } from '../../input-file.js';
import type { Report } from '../model.js';
import { REPORT_ID_PATTERN } from '../report.schema.js';

export interface SpoolEntry {
  spoolVersion: 1;
  /** Server the report was first meant for, kept for the record: a flush sends to the server configured now. */
  server?: string;
  queuedAt: string;
  lastError?: string;
  report: Report;
}

const ID = new RegExp(REPORT_ID_PATTERN);
export const REJECTED_DIR = 'rejected';

async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

async function writeAtomic(dir: string, name: string, data: string): Promise<string> {
  await ensureDir(dir);
  const final = join(dir, name);
  const tmp = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    try {
      await fh.writeFile(data, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await chmod(tmp, 0o600); // in case a umask or ACL widened it
    await rename(tmp, final);
  } catch (err) {
    // A full disk fails mid-write: never leave a half-written temporary file behind.
    await unlink(tmp).catch(() => {});
    throw err;
  }
  return final;
}

export function spoolFileName(id: string): string {
  if (!ID.test(id)) throw new Error(`report id ${JSON.stringify(id)} is not a UUID`);
  return `${id.toLowerCase()}.json`;
}

export async function spoolReport(
  dir: string,
  report: Report,
  server: string | undefined,
  lastError?: string,
): Promise<string> {
  const entry: SpoolEntry = {
    spoolVersion: 1,
    ...(server ? { server } : {}),
    queuedAt: new Date().toISOString(),
    ...(lastError ? { lastError } : {}),
    report,
  };
  return writeAtomic(dir, spoolFileName(report.id), JSON.stringify(entry) + '\n');
}

/** Keep a report the server can never accept (malformed, too large) for a person to look at. */
export async function rejectReport(
  dir: string,
  report: Report | undefined,
  raw: string,
  name: string,
  reason: string,
): Promise<string> {
  const data = report
    ? JSON.stringify({ spoolVersion: 1, queuedAt: new Date().toISOString(), lastError: reason, report }) + '\n'
    : raw;
  return writeAtomic(join(dir, REJECTED_DIR), name, data);
}

export interface SpooledFile {
  file: string;
  name: string;
  mtimeMs: number;
}

/** Spooled reports, oldest first. Leftover temporary files older than an hour are removed. */
export async function listSpool(dir: string): Promise<SpooledFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: SpooledFile[] = [];
  for (const name of names) {
    const file = join(dir, name);
    let st;
    try {
      st = await stat(file);
    } catch {
      continue;
    }
    if (!st.isFile()) continue;
    if (name.endsWith('.tmp')) {
      if (Date.now() - st.mtimeMs > 3_600_000) await unlink(file).catch(() => {});
      continue;
    }
    if (name.endsWith('.json')) out.push({ file, name, mtimeMs: st.mtimeMs });
  }
  return out.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : 1));
}

export async function readSpoolEntry(file: string): Promise<{ entry?: SpoolEntry; raw: string }> {
  let raw: string;
  try {
    raw = await readBoundedText(file, MAX_REPORT_FILE_BYTES * 2);
  } catch (err) {
    if (err instanceof BoundedReadError && err.reason !== 'not-found') return { raw: '' }; // not a file, or huge: damaged
    throw err;
  }
  try {
    const entry = JSON.parse(raw) as SpoolEntry;
    if (entry && entry.spoolVersion === 1 && entry.report && typeof entry.report.id === 'string') return { entry, raw };
  } catch {
    /* corrupt */
  }
  return { raw };
}

export async function removeSpooled(file: string): Promise<void> {
  await unlink(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err; // another flush delivered it first
  });
}
