// The recording folder of a room: is it there, can wardkit write to it, how much space is free, and
// how fast can it write sustained. Plain file-system calls, each bounded by the caller's signal.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdtemp, open, rm, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export type FolderProblem = { kind: 'missing' | 'notFolder' | 'notWritable' | 'full'; code?: string };

/** The folder exists, is a folder and a file can be created in it (root ignores modes: really create one). */
export async function folderProblem(folder: string): Promise<FolderProblem | undefined> {
  try {
    const s = await stat(folder);
    if (!s.isDirectory()) return { kind: 'notFolder' };
  } catch (err) {
    return { kind: 'missing', code: (err as NodeJS.ErrnoException).code };
  }
  try {
    await access(folder, constants.W_OK);
    const probe = await mkdtemp(join(folder, '.wardkit-write-'));
    await rm(probe, { recursive: true, force: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { kind: code === 'ENOSPC' || code === 'EDQUOT' ? 'full' : 'notWritable', code };
  }
  return undefined;
}

/** Bytes an unprivileged writer may still use in the folder's file system. */
export async function freeBytes(folder: string): Promise<number> {
  const s = await statfs(folder);
  return s.bavail * s.bsize;
}

export interface WriteSpeed {
  bytes: number;
  seconds: number;
  mbps: number;
  /** The write stopped on an error (ENOSPC: the disk is full). */
  error?: string;
}

/**
 * Sustained write speed: `bytes` of incompressible data in 1 MiB writes, then fsync (the figure is
 * what reached the disk, not the page cache), into a temporary file that is always removed.
 */
export async function measureWriteSpeed(folder: string, bytes: number, signal: AbortSignal): Promise<WriteSpeed> {
  const chunk = randomBytes(1 << 20);
  const file = join(folder, `.wardkit-speed-${process.pid}-${Date.now()}.tmp`);
  const t0 = performance.now();
  let written = 0;
  let error: string | undefined;
  const fh = await open(file, 'wx', 0o600);
  try {
    while (written < bytes && !signal.aborted) {
      const { bytesWritten } = await fh.write(chunk, 0, Math.min(chunk.length, bytes - written));
      written += bytesWritten;
    }
    await fh.sync();
  } catch (err) {
    error = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  } finally {
    await fh.close().catch(() => undefined);
    await rm(file, { force: true });
  }
  const seconds = (performance.now() - t0) / 1000;
  return { bytes: written, seconds, mbps: seconds > 0 ? (written * 8) / seconds / 1e6 : 0, error };
}
