// Store migrations: named steps applied once each, in order, each in its own transaction, and
// recorded in `schema_migrations`. Named rather than numbered so that parts of the server added
// independently never fight over one version counter; a step never changes once released.
import type Database from 'better-sqlite3';

export interface Migration {
  name: string;
  up(db: Database.Database): void;
}

/** Apply the steps not yet recorded; returns the names applied now. */
export function migrate(db: Database.Database, steps: Migration[], now = new Date()): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set(
    (db.prepare('SELECT name FROM schema_migrations').all() as Array<{ name: string }>).map((r) => r.name),
  );
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  const applied: string[] = [];
  for (const step of steps) {
    if (done.has(step.name)) continue;
    db.transaction(() => {
      step.up(db);
      record.run(step.name, now.toISOString());
    }).immediate();
    applied.push(step.name);
  }
  return applied;
}
