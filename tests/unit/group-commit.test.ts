// Group commit for intake, on a real SQLite file: reports that arrive together share one
// transaction and one flush to disk, none is acknowledged before the flush, one that fails never
// takes the others with it, and a flush the disk refused is never taken for a success.
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DurabilityError,
  type DurableSync,
  durableSyncFor,
  GroupCommit,
  WalSync,
} from '../../src/server/reports/group-commit.js';
import { tempDir } from '../helpers/temp.js';

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

function walDb(): Database.Database {
  const db = new Database(join(tempDir('wardkit-group-commit-'), 'store.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, v INTEGER NOT NULL)');
  open.push(db);
  return db;
}

/** A flush the test releases by hand. */
class HeldSync implements DurableSync {
  calls = 0;
  private waiting: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  sync(): Promise<void> {
    this.calls++;
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
  release(err?: Error): void {
    for (const w of this.waiting.splice(0)) err ? w.reject(err) : w.resolve();
  }
  close = () => Promise.resolve();
}

const settled = async <T>(p: Promise<T>) => {
  let state = 'pending';
  p.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  return state;
};

describe('GroupCommit', () => {
  it('writes what arrives in one turn in one transaction, and answers only after the flush', async () => {
    const db = walDb();
    const held = new HeldSync();
    const gc = new GroupCommit(db, held);
    const insert = db.prepare('INSERT INTO t (id, v) VALUES (?, ?)');
    const runs = Array.from({ length: 20 }, (_, i) => gc.run(() => insert.run(`r${i}`, i).changes));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(gc.commits).toBe(1);
    expect(held.calls).toBe(1);
    // Committed (another reader sees the rows) but not yet on disk: nobody has an answer.
    expect((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(20);
    expect(await settled(runs[0])).toBe('pending');
    held.release();
    expect(await Promise.all(runs)).toEqual(Array(20).fill(1));
  });

  it('a unit that fails is refused alone; the others of its group are stored', async () => {
    const db = walDb();
    const held = new HeldSync();
    const gc = new GroupCommit(db, held);
    const insert = db.prepare('INSERT INTO t (id, v) VALUES (?, ?)');
    const good1 = gc.run(() => insert.run('a', 1).changes);
    const bad = gc.run(() => {
      insert.run('b', 2);
      throw new Error('broken report');
    });
    const good2 = gc.run(() => insert.run('c', 3).changes);
    const refused = expect(bad).rejects.toThrow('broken report');
    await new Promise((r) => setImmediate(r));
    await refused;
    held.release();
    await expect(good1).resolves.toBe(1);
    await expect(good2).resolves.toBe(1);
    expect(db.prepare('SELECT id FROM t ORDER BY id').all()).toEqual([{ id: 'a' }, { id: 'c' }]);
  });

  it('when the disk refuses the flush, the group is not acknowledged', async () => {
    const db = walDb();
    const held = new HeldSync();
    const gc = new GroupCommit(db, held);
    const p = gc.run(() => db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run('x', 1).changes);
    await new Promise((r) => setImmediate(r));
    held.release(new DurabilityError('EIO'));
    await expect(p).rejects.toBeInstanceOf(DurabilityError);
  });

  it('close() writes and flushes what is queued, then refuses new work', async () => {
    const db = walDb();
    const wal = new WalSync(db.name);
    const gc = new GroupCommit(db, wal);
    const p = gc.run(() => db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run('q', 1).changes);
    await gc.close();
    await expect(p).resolves.toBe(1);
    expect(wal.flushes).toBe(1);
    await expect(gc.run(() => 1)).rejects.toThrow(/closing/);
  });
});

describe('WalSync', () => {
  it('flushes the WAL file; callers during a flush share the next one', async () => {
    const db = walDb();
    const wal = new WalSync(db.name);
    db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run('a', 1);
    await wal.sync();
    expect(wal.flushes).toBe(1);
    const all = Array.from({ length: 10 }, () => wal.sync());
    await Promise.all(all);
    // The first starts a flush, the nine others wait for the one after it: two, not ten.
    expect(wal.flushes).toBe(3);
    await wal.close();
  });

  it('after a failed flush every later one fails too (a later success would prove nothing)', async () => {
    const db = walDb();
    const wal = new WalSync(db.name);
    db.prepare('INSERT INTO t (id, v) VALUES (?, ?)').run('a', 1);
    await wal.sync();
    unlinkSync(wal.walFile); // the WAL file is gone: nothing can be confirmed any more
    await expect(wal.sync()).rejects.toBeInstanceOf(DurabilityError);
    await expect(wal.sync()).rejects.toThrow(/did not confirm/);
    await wal.close();
  });

  it('without WAL (a file system that cannot share memory) SQLite syncs every commit itself', () => {
    const db = new Database(join(tempDir('wardkit-group-commit-'), 'store.sqlite'));
    open.push(db);
    db.pragma('journal_mode = DELETE');
    const s = durableSyncFor(db);
    expect(s).not.toBeInstanceOf(WalSync);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(durableSyncFor(walDb())).toBeInstanceOf(WalSync);
  });
});
