// Webhook alerts with at-least-once delivery. Incident transitions are written to the
// `webhook_outbox` table inside the intake transaction (one row per receiver, the JSON body fixed
// there); a worker on the event loop posts due rows in order per receiver, signs each body with
// HMAC-SHA256, and retries with exponential backoff until the receiver answers 2xx or the row is
// older than the give-up age. Intake never waits for a receiver: a receiver that is down only
// delays its own rows, and a server restart resumes from the table.
//
// Cost per delivery matters (every incident change at intake rate): requests go through
// node:http(s) with a kept-alive connection per receiver (fetch costs about five times the CPU
// per request), rows are read a page at a time, and the rows a page delivered are marked in one
// transaction. A crash between a delivery and its mark sends it again: at least once, as promised.
import { createHmac } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type Database from 'better-sqlite3';
import { VERSION } from '../../version.js';

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface WebhookOptions {
  targets: WebhookTarget[];
  /** First retry delay; doubles per attempt up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A row still undelivered after this long is given up (logged, counted). Default 7 days. */
  giveUpMs?: number;
  /** Per request. */
  timeoutMs?: number;
  /** How often the worker looks for due rows. */
  pollMs?: number;
  log?: (msg: string) => void;
}

const SIGNATURE_HEADER = 'x-wardkit-signature';
const EVENT_HEADER = 'x-wardkit-event';
const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Rows read per query from a receiver's queue. */
const PAGE = 64;

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes with the receiver's shared secret. */
export const sign = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

interface OutRow {
  id: number;
  idem_key: string;
  url: string;
  event: string;
  body: string;
  created_at: string;
  attempts: number;
}

export interface WebhookStats {
  pending: number;
  delivered: number;
  failedAttempts: number;
  givenUp: number;
  oldestPendingSeconds: number | null;
}

/** A URL shown in logs: scheme, host and path only (a query may hold a receiver's key). */
export const logUrl = (u: string): string => {
  try {
    const x = new URL(u);
    return `${x.protocol}//${x.host}${x.pathname}`;
  } catch {
    return '(bad url)';
  }
};

export class WebhookOutbox {
  private readonly q;
  private readonly secrets: Map<string, string>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly inflight = new Set<AbortController>();
  private readonly agents = new Map<string, HttpAgent>();
  private counters = { delivered: 0, failedAttempts: 0, givenUp: 0 };
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  readonly giveUpMs: number;
  readonly timeoutMs: number;
  readonly pollMs: number;

  constructor(
    private readonly db: Database.Database,
    private readonly opts: WebhookOptions,
  ) {
    this.secrets = new Map(opts.targets.map((t) => [t.url, t.secret]));
    this.backoffMs = opts.backoffMs ?? 2000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 10 * 60_000;
    this.giveUpMs = opts.giveUpMs ?? 7 * 24 * 3600_000;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.pollMs = opts.pollMs ?? Math.min(1000, this.backoffMs);
    this.q = {
      insert: db.prepare(
        'INSERT OR IGNORE INTO webhook_outbox (idem_key, url, event, body, created_at, next_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      // The oldest undelivered rows of one receiver (its queue from the head): an index range,
      // however long the queue of a receiver that is down has grown.
      head: db.prepare<[string, number], OutRow & { next_at: number }>(
        'SELECT id, idem_key, url, event, body, created_at, attempts, next_at FROM webhook_outbox WHERE url = ? AND delivered_at IS NULL AND gave_up_at IS NULL ORDER BY id LIMIT ?',
      ),
      delivered: db.prepare(
        'UPDATE webhook_outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?',
      ),
      failed: db.prepare('UPDATE webhook_outbox SET attempts = attempts + 1, next_at = ?, last_error = ? WHERE id = ?'),
      giveUp: db.prepare(
        'UPDATE webhook_outbox SET attempts = attempts + 1, gave_up_at = ?, last_error = ? WHERE id = ?',
      ),
      pending: db.prepare<[], { n: number; oldest: string | null }>(
        'SELECT count(*) AS n, min(created_at) AS oldest FROM webhook_outbox WHERE delivered_at IS NULL AND gave_up_at IS NULL',
      ),
      prune: db.prepare(
        'DELETE FROM webhook_outbox WHERE (delivered_at IS NOT NULL AND delivered_at < ?) OR (gave_up_at IS NOT NULL AND gave_up_at < ?)',
      ),
    };
  }

  get enabled(): boolean {
    return this.opts.targets.length > 0;
  }

  /** Queue one event for every receiver. Call inside the transaction that made the event. */
  enqueue(idemKey: string, event: string, payload: Record<string, unknown>, now = Date.now()): void {
    if (!this.enabled) return;
    const body = JSON.stringify({ id: idemKey, event, ...payload });
    const created = new Date(now).toISOString();
    for (const t of this.opts.targets) this.q.insert.run(idemKey, t.url, event, body, created, now);
    this.kick();
  }

  start(): void {
    if (!this.enabled || this.timer) return;
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const c of this.inflight) c.abort();
    await this.running?.catch(() => {});
    for (const a of this.agents.values()) a.destroy();
    this.agents.clear();
  }

  /** Look for due rows soon (after the current transaction has committed). */
  kick(): void {
    if (this.stopped || !this.enabled) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.round())
      .catch((err) => this.opts.log?.(`webhooks: ${(err as Error).message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Wait until nothing is due now (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private backoff(attempts: number): number {
    const base = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** Math.min(attempts, 30));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  /** Each receiver's queue from its head, in order; a row that fails holds back the later ones. */
  private async round(): Promise<void> {
    await Promise.all(this.opts.targets.map(({ url }) => this.drain(url)));
  }

  /** One receiver's queue from its head, in order, up to 500 deliveries per round. */
  private async drain(url: string): Promise<void> {
    const delivered: number[] = [];
    try {
      for (let n = 0; n < 500; ) {
        if (this.stopped || !this.db.open) return;
        const rows = this.q.head.all(url, PAGE);
        for (const row of rows) {
          if (this.stopped || row.next_at > Date.now()) return;
          const r = await this.deliver(row);
          if (r === 'failed') return;
          if (r === 'delivered') delivered.push(row.id);
          n++;
        }
        if (rows.length < PAGE) return;
        this.markDelivered(delivered.splice(0));
      }
      this.again = true; // more to send: another round right after this one
    } finally {
      this.markDelivered(delivered);
    }
  }

  private markDelivered(ids: number[]): void {
    if (!ids.length || !this.db.open) return;
    this.markAll(new Date().toISOString(), ids);
  }

  private readonly markAll = (at: string, ids: number[]) =>
    this.db.transaction(() => {
      for (const id of ids) this.q.delivered.run(at, id);
    })();

  private agent(u: URL): HttpAgent {
    let a = this.agents.get(u.origin);
    if (!a) {
      a = u.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
      this.agents.set(u.origin, a);
    }
    return a;
  }

  /** POST `body` to `url`; resolves with the status once the answer has been read. */
  private post(url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<number> {
    const u = new URL(url);
    const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        u,
        {
          method: 'POST',
          agent: this.agent(u),
          signal,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          res.on('error', reject);
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.resume();
        },
      );
      req.on('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
      req.end(body);
    });
  }

  private async deliver(row: OutRow): Promise<'delivered' | 'failed' | 'gaveUp'> {
    const secret = this.secrets.get(row.url);
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), this.timeoutMs);
    this.inflight.add(ctl);
    let error: string;
    try {
      const headers = {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': `wardkit/${VERSION}`,
        [EVENT_HEADER]: row.event,
        [IDEMPOTENCY_HEADER]: row.idem_key,
        'x-wardkit-delivery': String(row.id),
        ...(secret ? { [SIGNATURE_HEADER]: sign(secret, row.body) } : {}),
      };
      let status: number;
      try {
        status = await this.post(row.url, headers, row.body, ctl.signal);
      } catch (err) {
        // A kept-alive connection the receiver closed just as we used it: once more on a new one.
        const e = err as NodeJS.ErrnoException & { reusedSocket?: boolean };
        if (!e.reusedSocket || ctl.signal.aborted || (e.code !== 'ECONNRESET' && e.code !== 'EPIPE')) throw err;
        status = await this.post(row.url, headers, row.body, ctl.signal);
      }
      // Redirects are not followed (a 3xx is a failure, retried like any other).
      if (status >= 200 && status < 300) {
        this.counters.delivered++;
        return 'delivered';
      }
      error = `HTTP ${status}`;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      error = this.stopped
        ? 'stopped'
        : ctl.signal.aborted
          ? `no answer in ${this.timeoutMs} ms`
          : (e.code ?? e.message);
    } finally {
      clearTimeout(timer);
      this.inflight.delete(ctl);
    }
    if (!this.db.open || this.stopped) return 'failed';
    this.counters.failedAttempts++;
    if (Date.now() - Date.parse(row.created_at) > this.giveUpMs) {
      this.q.giveUp.run(new Date().toISOString(), error, row.id);
      this.counters.givenUp++;
      this.opts.log?.(
        `webhook ${row.idem_key} to ${logUrl(row.url)}: given up after ${row.attempts + 1} attempts (${error})`,
      );
      return 'gaveUp';
    }
    const wait = this.backoff(row.attempts);
    this.q.failed.run(Date.now() + wait, error, row.id);
    if (row.attempts === 0 || row.attempts % 10 === 9)
      this.opts.log?.(
        `webhook ${row.idem_key} to ${logUrl(row.url)}: ${error}; retrying in ${Math.round(wait / 1000)} s`,
      );
    return 'failed';
  }

  stats(now = Date.now()): WebhookStats {
    const p = this.q.pending.get()!;
    return {
      pending: p.n,
      ...this.counters,
      oldestPendingSeconds: p.oldest ? Math.max(0, Math.round((now - Date.parse(p.oldest)) / 1000)) : null,
    };
  }

  /** Forget rows delivered or given up more than `keepMs` ago. */
  prune(now: number, keepMs: number): number {
    const cut = new Date(now - keepMs).toISOString();
    return this.q.prune.run(cut, cut).changes;
  }
}
