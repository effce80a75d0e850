// The report store in memory, for the in-process demo server (`wardkit check --demo`): the same
// rules as the SQLite store (each id once per ward, latest by the ward's clock capped at arrival,
// tokens kept as sha256) with nothing on disk and no native addon, so the ward side runs where
// better-sqlite3 cannot be installed. Everything is gone when the demo ends, as the demo wants.
import { randomBytes } from 'node:crypto';
import type { Report } from '../../report/model.js';
import {
  failingChecks,
  hashToken,
  newToken,
  type ReportStoreApi,
  type StoreOutcome,
  type TokenRow,
  type WardRow,
} from './store.js';

interface TokenRec extends TokenRow {
  hash: string;
}

export class MemoryReportStore implements ReportStoreApi {
  private readonly reports = new Map<string, { ward: string; body: string }>();
  private readonly latest = new Map<string, { row: WardRow; sortAt: string }>();
  private readonly tokens: TokenRec[] = [];

  put(report: Report, body: string, now = new Date(), tokenId?: string): StoreOutcome {
    const received = now.toISOString();
    if (tokenId) {
      const t = this.tokens.find((x) => x.id === tokenId);
      if (t) t.lastUsedAt = received;
    }
    const prev = this.reports.get(report.id);
    if (prev) return prev.ward === report.ward ? 'duplicate' : 'conflict';
    this.reports.set(report.id, { ward: report.ward, body });
    const finished = new Date(report.finishedAt);
    const sortAt = (Number.isNaN(finished.getTime()) || finished > now ? now : finished).toISOString();
    const cur = this.latest.get(report.ward);
    if (!cur || sortAt >= cur.sortAt) {
      this.latest.set(report.ward, {
        sortAt,
        row: {
          ward: report.ward,
          reportId: report.id,
          readiness: report.readiness,
          finishedAt: report.finishedAt,
          receivedAt: received,
          failing: failingChecks(report),
        },
      });
    }
    return 'stored';
  }

  get(id: string): Report | undefined {
    const r = this.reports.get(id);
    return r ? (JSON.parse(r.body) as Report) : undefined;
  }

  count(ward?: string): number {
    if (!ward) return this.reports.size;
    let n = 0;
    for (const r of this.reports.values()) if (r.ward === ward) n++;
    return n;
  }

  wards(): WardRow[] {
    const names = new Set<string>(this.latest.keys());
    for (const t of this.tokens) if (t.ward && !t.revokedAt) names.add(t.ward);
    return [...names].sort().map(
      (ward) =>
        this.latest.get(ward)?.row ?? {
          ward,
          reportId: null,
          readiness: null,
          finishedAt: null,
          receivedAt: null,
          failing: [],
        },
    );
  }

  createToken(o: { ward?: string; admin?: boolean; label?: string }, now = new Date()): { id: string; token: string } {
    const token = newToken();
    const id = randomBytes(4).toString('hex');
    this.tokens.push({
      id,
      hash: hashToken(token),
      ward: o.ward ?? null,
      admin: Boolean(o.admin),
      label: o.label ?? null,
      createdAt: now.toISOString(),
      revokedAt: null,
      lastUsedAt: null,
    });
    return { id, token };
  }

  addToken(token: string, o: { ward?: string; admin?: boolean; label?: string }): void {
    const hash = hashToken(token);
    if (this.tokens.some((t) => t.hash === hash)) return;
    this.tokens.push({
      id: randomBytes(4).toString('hex'),
      hash,
      ward: o.ward ?? null,
      admin: Boolean(o.admin),
      label: o.label ?? null,
      createdAt: new Date().toISOString(),
      revokedAt: null,
      lastUsedAt: null,
    });
  }

  listTokens(): TokenRow[] {
    return this.tokens
      .map(({ hash: _hash, ...row }) => ({ ...row }))
      .sort((a, b) => (a.ward ?? '').localeCompare(b.ward ?? '') || a.createdAt.localeCompare(b.createdAt));
  }

  revoke(by: { id?: string; ward?: string }, now = new Date()): number {
    let n = 0;
    for (const t of this.tokens) {
      if (t.revokedAt) continue;
      if ((by.id && t.id === by.id) || (!by.id && by.ward && t.ward === by.ward)) {
        t.revokedAt = now.toISOString();
        n++;
      }
    }
    return n;
  }

  authenticate(token: string | undefined): { id: string; ward: string | null; admin: boolean } | undefined {
    if (!token || token.length > 200) return undefined;
    const hash = hashToken(token);
    const t = this.tokens.find((x) => x.hash === hash);
    if (!t || t.revokedAt) return undefined;
    return { id: t.id, ward: t.ward, admin: t.admin };
  }

  close(): void {
    this.reports.clear();
    this.latest.clear();
  }
}
