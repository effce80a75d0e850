// Fair shares of the server's shared resources. Every probe slot, UDP session and WHIP call is
// held by one source address; these helpers keep one address from taking what every ward needs:
//   - SourceSlots: at most N concurrent holds per address (and a total), released exactly once;
//   - RateLimiter: a token bucket per address (packets/s, failed logins/min…), with a bounded
//     table so a flood of spoofed sources cannot grow memory without end.
// Deadlines are enforced by timers (holdFor), never by the client's traffic.

/** A source address as the limits see it: IPv4-mapped IPv6 folded to IPv4, zone dropped. */
export function sourceKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const a = address.replace(/%.*$/, '');
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

export interface SlotLimits {
  /** Concurrent holds in total. */
  total: number;
  /** Concurrent holds per source address. */
  perSource: number;
}

export type SlotRefusal = 'total' | 'source';

/** Concurrent holds, counted in total and per source. acquire() returns a release function (idempotent) or the reason it refused. */
export class SourceSlots {
  private readonly bySource = new Map<string, number>();
  private count = 0;

  constructor(private readonly limits: SlotLimits) {}

  get active(): number {
    return this.count;
  }

  heldBy(source: string): number {
    return this.bySource.get(sourceKey(source)) ?? 0;
  }

  acquire(source: string): { release: () => void } | { refused: SlotRefusal } {
    const key = sourceKey(source);
    const mine = this.bySource.get(key) ?? 0;
    if (this.count >= this.limits.total) return { refused: 'total' };
    if (mine >= this.limits.perSource) return { refused: 'source' };
    this.count++;
    this.bySource.set(key, mine + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.count--;
        const n = (this.bySource.get(key) ?? 1) - 1;
        if (n <= 0) this.bySource.delete(key);
        else this.bySource.set(key, n);
      },
    };
  }
}

/**
 * Run `onExpire` after `ms` unless the returned cancel function is called first: the hard
 * wall-clock limit of a held resource. The timer is unref'd so it never keeps the process alive.
 */
export function holdFor(ms: number, onExpire: () => void): () => void {
  const t = setTimeout(onExpire, ms);
  t.unref();
  return () => clearTimeout(t);
}

export interface RateOptions {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size: the burst one source may spend at once. */
  burst: number;
  /** Sources tracked at once; beyond it the least recently seen are forgotten. */
  maxSources?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per source. allow() spends `cost` tokens when the source has them. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly max: number;
  private readonly now: () => number;

  constructor(private readonly o: RateOptions) {
    this.max = o.maxSources ?? 65_536;
    this.now = o.now ?? (() => performance.now());
  }

  private bucket(key: string): Bucket {
    const t = this.now();
    let b = this.buckets.get(key);
    if (b) {
      b.tokens = Math.min(this.o.burst, b.tokens + ((t - b.at) / 1000) * this.o.perSecond);
      b.at = t;
      // Most recently seen last: Map keeps insertion order, so re-insert.
      this.buckets.delete(key);
    } else {
      b = { tokens: this.o.burst, at: t };
      if (this.buckets.size >= this.max) this.buckets.delete(this.buckets.keys().next().value as string);
    }
    this.buckets.set(key, b);
    return b;
  }

  allow(source: string, cost = 1): boolean {
    const b = this.bucket(sourceKey(source));
    if (b.tokens < cost) return false;
    b.tokens -= cost;
    return true;
  }

  /** Would allow() refuse now? (does not spend) */
  blocked(source: string, cost = 1): boolean {
    const key = sourceKey(source);
    if (!this.buckets.has(key)) return false;
    return this.bucket(key).tokens < cost;
  }

  /** Seconds until `cost` tokens are back (for Retry-After). */
  retryAfter(source: string, cost = 1): number {
    const key = sourceKey(source);
    if (!this.buckets.has(key)) return 0;
    const b = this.bucket(key);
    return b.tokens >= cost ? 0 : Math.ceil((cost - b.tokens) / this.o.perSecond);
  }

  get sources(): number {
    return this.buckets.size;
  }
}
