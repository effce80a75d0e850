// Report intake in memory, for the in-process demo server (`wardkit check --demo`): the SQLite
// store's intake rules (each id once, compared in lower case; the same id from another ward is a
// conflict; tokens kept as sha256 only) with nothing on disk and no native addon, so the ward side
// runs where better-sqlite3 cannot be installed. The demo has no console: nothing reads reports
// back, so only ids and wards are kept, and everything is gone when the demo ends.
import { randomBytes } from 'node:crypto';
import type { Report } from '../../report/model.js';
import { hashToken, type IntakeStore, type StoreOutcome } from './store.js';

export class MemoryIntakeStore implements IntakeStore {
  /** report id (lower case) → ward */
  private readonly reports = new Map<string, string>();
  /** token sha256 → who */
  private readonly tokens = new Map<string, { id: string; ward: string | null; admin: boolean }>();

  put(report: Report): StoreOutcome {
    const id = report.id.toLowerCase();
    const ward = this.reports.get(id);
    if (ward !== undefined) return ward === report.ward ? 'duplicate' : 'conflict';
    this.reports.set(id, report.ward);
    return 'stored';
  }

  addToken(token: string, o: { ward?: string; admin?: boolean }): void {
    const hash = hashToken(token);
    if (this.tokens.has(hash)) return;
    this.tokens.set(hash, { id: randomBytes(4).toString('hex'), ward: o.ward ?? null, admin: Boolean(o.admin) });
  }

  authenticate(token: string | undefined): { id: string; ward: string | null; admin: boolean } | undefined {
    if (!token || token.length > 200) return undefined;
    const who = this.tokens.get(hashToken(token));
    return who && { ...who };
  }

  close(): void {
    this.reports.clear();
    this.tokens.clear();
  }
}
