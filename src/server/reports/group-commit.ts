// Group commit for report intake. A report is acknowledged (201/200) only when it is on disk, not
// merely in the operating system's cache: the store runs SQLite in WAL mode with
// `synchronous=NORMAL` (a commit is written to the WAL file but not flushed), and intake waits for
// an fdatasync of that WAL file before it answers. Two things keep this cheap:
//
// - the reports that arrive in one turn of the event loop are written in ONE transaction: one
//   BEGIN/COMMIT and one write of the shared pages for the whole group instead of one per report.
//   Should one of them fail, the group is rolled back and each is written again in a transaction
//   of its own, so one bad report never takes the others with it. (A savepoint per report would
//   do the same, but makes SQLite copy every page the group already changed into a statement
//   journal: more writes than it saves.)
// - the fdatasync runs in libuv's thread pool, never on the event loop (probes, WHIP calls and
//   pages keep running while the disk works), and one flush covers every commit made before it
//   started: while a flush is in progress, the next groups wait for the one after it.
//
// fsync flushes a file, not a descriptor: our own descriptor of the `-wal` file flushes the frames
// SQLite wrote through its own. A checkpoint (SQLite copying the WAL into the database file) syncs
// both files itself in NORMAL mode, so frames that left the WAL are durable too. The first flush
// also syncs the folder, so the WAL file's own name survives a power loss.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';

/** The disk did not confirm a write of the store: nothing committed since the last flush is known to be safe. */
export class DurabilityError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the disk did not confirm the report store's write (${reason})`, options);
  }
}

/** Makes everything committed so far durable; rejects when the disk refused. */
export interface DurableSync {
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * fdatasync of a SQLite database's WAL file, one flush at a time; callers that arrive while a flush
 * runs share the next one. After a failed flush every later one fails too: the kernel may have
 * dropped the pages it could not write, so a later "success" would prove nothing (the server must
 * be restarted, which lets SQLite recover from what is really on disk).
 */
export class WalSync implements DurableSync {
  private fh: FileHandle | undefined;
  private ino: number | undefined;
  private current: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  private failed: Error | undefined;
  private closed = false;
  /** Flushes done (tests, metrics). */
  flushes = 0;

  constructor(
    private readonly dbFile: string,
    private readonly onFlush?: () => void,
  ) {}

  get walFile(): string {
    return `${this.dbFile}-wal`;
  }

  sync(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (!this.current) {
      this.current = this.flush().finally(() => {
        this.current = undefined;
      });
      return this.current;
    }
    // A flush that is already running may have started before our commit: wait for the next one.
    this.next ??= this.current
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.sync();
      });
    return this.next;
  }

  private async flush(): Promise<void> {
    try {
      // The WAL is the same file while the store is open; should SQLite ever make a new one (a
      // different inode), it is opened again and its folder synced, as at the first flush.
      const st = await stat(this.walFile);
      if (!this.fh || st.ino !== this.ino) {
        await this.fh?.close().catch(() => undefined);
        this.fh = await open(this.walFile, 'r+');
        this.ino = (await this.fh.stat()).ino;
        await syncFolder(dirname(this.walFile));
      }
      await this.fh.datasync();
      this.flushes++;
      this.onFlush?.();
    } catch (err) {
      if (this.closed) return;
      this.failed = new DurabilityError(describe(err), { cause: err });
      throw this.failed;
    }
  }

  async close(): Promise<void> {
    await this.current?.catch(() => undefined);
    await this.next?.catch(() => undefined);
    this.closed = true;
    await this.fh?.close().catch(() => undefined);
    this.fh = undefined;
  }
}

const describe = (err: unknown): string =>
  (err as NodeJS.ErrnoException)?.code ?? (err as Error)?.message ?? String(err);

/** fsync a folder (its entries: a new file's name). Not possible on Windows, where NTFS journals names itself. */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * How `db` makes a commit durable: in WAL mode (the store's normal mode) the WAL flush above; if
 * SQLite could not use WAL here (a file system without shared memory), every commit is synced by
 * SQLite itself (`synchronous = FULL`) and there is nothing left to wait for.
 */
export function durableSyncFor(db: Database.Database, onFlush?: () => void): DurableSync {
  if (String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal') return new WalSync(db.name, onFlush);
  db.pragma('synchronous = FULL');
  return { sync: () => Promise.resolve(), close: () => Promise.resolve() };
}

interface Pending<T> {
  work: () => T;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

export interface GroupCommitOptions {
  /** Most units of work in one transaction (a larger backlog takes several turns). */
  maxBatch?: number;
  /** After each commit, with the number of units it wrote. */
  onCommit?: (units: number) => void;
}

/**
 * Runs units of work (each a function that writes to `db` synchronously and can be run again after
 * a rollback) together: every unit queued in the same turn of the event loop goes into one
 * IMMEDIATE transaction; `run` resolves with the unit's result once the transaction has committed
 * AND `sync` has made it durable. A unit that throws is rolled back alone (the others are written
 * again, each in its own transaction) and its promise rejects at once.
 */
export class GroupCommit {
  private queue: Array<Pending<unknown>> = [];
  private scheduled = false;
  private closing: Promise<void> | undefined;
  private readonly maxBatch: number;
  private readonly onCommit: ((units: number) => void) | undefined;
  private readonly unit;
  private readonly group;
  /** Transactions committed (tests, metrics). */
  commits = 0;

  constructor(
    db: Database.Database,
    private readonly durable: DurableSync,
    opts: GroupCommitOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 256;
    this.onCommit = opts.onCommit;
    // Prepared once.
    this.unit = db.transaction((work: () => unknown) => work());
    this.group = db.transaction((batch: Array<Pending<unknown>>) => batch.map((p) => p.work()));
  }

  run<T>(work: () => T): Promise<T> {
    if (this.closing) return Promise.reject(new Error('store closing'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve, reject } as Pending<unknown>);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the poll phase: every request whose body arrived in this turn is already queued.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): Promise<void> {
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length) this.schedule();
    if (!batch.length) return Promise.resolve();
    const done: Array<[Pending<unknown>, unknown]> = [];
    try {
      const values = this.group.immediate(batch);
      this.committed(batch.length);
      batch.forEach((p, i) => done.push([p, values[i]]));
    } catch (err) {
      // Nothing of this group was stored. One unit failed (or BEGIN/COMMIT did: disk full, locked
      // too long): each on its own, so only what really fails is refused.
      if (batch.length === 1) batch[0].reject(err);
      else
        for (const p of batch) {
          try {
            done.push([p, this.unit.immediate(p.work)]);
            this.committed(1);
          } catch (e) {
            p.reject(e);
          }
        }
    }
    if (!done.length) return Promise.resolve();
    return this.durable.sync().then(
      () => {
        for (const [p, v] of done) p.resolve(v);
      },
      (err) => {
        for (const [p] of done) p.reject(err);
      },
    );
  }

  private committed(units: number): void {
    this.commits++;
    this.onCommit?.(units);
  }

  /** Write what is queued, wait for its flush, then refuse new work. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      while (this.queue.length) await this.flush();
      await this.durable.close();
    })();
    return this.closing;
  }
}
