// One flush at a time per spool folder. Two flushes at once (a scheduled check and a technician's
// `report flush`) would both send every entry and both report what they could not see the other
// remove. The lock is a file created exclusively (`.lock`, holding the owner's pid); a lock whose
// owner is gone (killed, machine rebooted) is taken over. A second flush waits for the first and
// then finds what is really left.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';

export const LOCK_FILE = '.lock';

export interface SpoolLock {
  /** False when the folder cannot hold a lock (read-only or full): the caller goes on without one. */
  held: boolean;
  /** Why no lock could be made (an errno code), when held is false. */
  code?: string;
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function owner(file: string): Promise<{ pid: number; host: string } | undefined> {
  try {
    const [pid, host] = (await readFile(file, 'utf8')).split('\n');
    const n = Number(pid);
    return Number.isInteger(n) && n > 0 ? { pid: n, host: host ?? '' } : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * Take the spool's lock, waiting up to `waitMs` for another flush to finish. Resolves with
 * held=false (never throws) when the folder cannot hold a lock; rejects with code 'ELOCKED' when
 * another live process keeps it longer than `waitMs`.
 */
export async function lockSpool(
  dir: string,
  o: { waitMs?: number; signal?: AbortSignal; onWait?: (pid: number) => void } = {},
): Promise<SpoolLock> {
  const file = join(dir, LOCK_FILE);
  const deadline = Date.now() + (o.waitMs ?? 120_000);
  let told = false;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    return { held: false, code: (err as NodeJS.ErrnoException).code, release: async () => {} };
  }
  for (;;) {
    try {
      const fh = await open(file, 'wx', 0o600);
      try {
        await fh.writeFile(`${process.pid}\n${hostname()}\n${new Date().toISOString()}\n`);
      } finally {
        await fh.close();
      }
      let released = false;
      return {
        held: true,
        release: async () => {
          if (released) return;
          released = true;
          await unlink(file).catch(() => {});
        },
      };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') return { held: false, code, release: async () => {} };
    }
    const who = await owner(file);
    // Gone (or an unreadable/half-written lock from a crash): take it over. Only on this host:
    // a pid from another machine sharing the folder means nothing here.
    if (!who ? await staleUnreadable(file) : who.host === hostname() && !alive(who.pid)) {
      await unlink(file).catch(() => {});
      continue;
    }
    if (!told && who) {
      told = true;
      o.onWait?.(who.pid);
    }
    if (Date.now() >= deadline || o.signal?.aborted)
      throw Object.assign(new Error(`spool locked by pid ${who?.pid ?? '?'}`), { code: 'ELOCKED', pid: who?.pid });
    await sleep(100, o.signal);
  }
}

/** A lock file nobody could read a pid from: stale once it is older than 10 s (a writer takes microseconds). */
async function staleUnreadable(file: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(file)).mtimeMs > 10_000;
  } catch {
    return true;
  }
}
