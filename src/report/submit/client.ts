// POST one report to the Department's server with retries: exponential backoff with jitter,
// bounded by a total time budget. The server stores each report id once and answers 200 for an id
// it already has, so a retry after a lost response never makes a duplicate.
import { describeError, redact } from './redact.js';

export interface SubmitOptions {
  server: string;
  token: string;
  signal?: AbortSignal;
  /** Debug log (already redacted by the caller's sink? No: everything passed here is redacted). */
  log?: (msg: string) => void;
  /** Total time for all attempts, ms. */
  budgetMs?: number;
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  requestTimeoutMs?: number;
  random?: () => number;
}

export type SubmitResult =
  | { ok: true; status: number; outcome: 'stored' | 'duplicate'; attempts: number }
  | {
      ok: false;
      /** Retrying the same report can never succeed (400 malformed, 403 not this ward's, 409 id conflict, 413 too large, 422). */
      rejected: boolean;
      /** 401: the token is wrong, expired or revoked — no report can go until it is replaced. */
      tokenRefused?: boolean;
      /** 3xx: where the server points (never followed: the token must not go elsewhere). */
      location?: string;
      status?: number;
      /** Redacted reason, for messages. */
      reason: string;
      attempts: number;
    };

/** Statuses worth retrying: the server or the path to it may recover. */
export const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);
/** Statuses that mean "this report will never be accepted as is" (403: this token may not send it). */
export const REJECTED = new Set([400, 403, 409, 413, 422]);

export function reportsUrl(server: string): URL {
  return new URL('api/v1/reports', server.endsWith('/') ? server : `${server}/`);
}

/** Delay before retry n (0-based): half of min(max, base·2ⁿ) plus a random part of the other half. */
export function backoffDelay(n: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const cap = Math.min(maxMs, baseMs * 2 ** n);
  return Math.round(cap / 2 + random() * (cap / 2));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function submitReport(body: string, reportId: string, o: SubmitOptions): Promise<SubmitResult> {
  const log = o.log ?? (() => {});
  const secrets = [o.token];
  const attempts = o.attempts ?? 6;
  const budget = o.budgetMs ?? 60_000;
  const base = o.baseDelayMs ?? 500;
  const max = o.maxDelayMs ?? 10_000;
  const perRequest = o.requestTimeoutMs ?? 15_000;
  const deadline = Date.now() + budget;
  const url = reportsUrl(o.server);
  let last: SubmitResult = { ok: false, rejected: false, reason: 'not attempted', attempts: 0 };
  for (let n = 0; n < attempts; n++) {
    const left = deadline - Date.now();
    if (left <= 0 || o.signal?.aborted) break;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json', accept: 'application/json' },
        body,
        redirect: 'manual', // never replay the token to wherever a redirect points: report it instead
        signal: AbortSignal.any([...(o.signal ? [o.signal] : []), AbortSignal.timeout(Math.min(perRequest, left))]),
      });
      const text = await res.text().catch(() => '');
      log(`POST ${url.href} report ${reportId}: HTTP ${res.status} (attempt ${n + 1})`);
      if (res.status === 200 || res.status === 201)
        return { ok: true, status: res.status, outcome: res.status === 201 ? 'stored' : 'duplicate', attempts: n + 1 };
      let reason = `HTTP ${res.status}`;
      try {
        const j = JSON.parse(text) as { error?: string; details?: string[] };
        if (j.error) reason += ` ${j.error}${j.details?.length ? ` (${j.details.slice(0, 3).join('; ')})` : ''}`;
      } catch {
        /* not JSON */
      }
      const location = res.status >= 300 && res.status < 400 ? (res.headers.get('location') ?? undefined) : undefined;
      if (location !== undefined) reason += ` → ${location}`;
      last = {
        ok: false,
        rejected: REJECTED.has(res.status),
        status: res.status,
        reason: redact(reason, secrets),
        attempts: n + 1,
        ...(res.status === 401 ? { tokenRefused: true } : {}),
        ...(location !== undefined ? { location: redact(location, secrets) } : {}),
      };
      if (!RETRYABLE.has(res.status)) return last;
    } catch (err) {
      if (o.signal?.aborted) return { ok: false, rejected: false, reason: 'cancelled', attempts: n + 1 };
      last = { ok: false, rejected: false, reason: describeError(err, secrets), attempts: n + 1 };
      log(`POST ${url.href} report ${reportId} failed: ${last.reason} (attempt ${n + 1})`);
    }
    if (n + 1 >= attempts) break;
    const wait = Math.min(backoffDelay(n, base, max, o.random), deadline - Date.now());
    if (wait <= 0) break;
    try {
      await sleep(wait, o.signal);
    } catch {
      return { ok: false, rejected: false, reason: 'cancelled', attempts: n + 1 };
    }
  }
  return last;
}
