// The WHIP echo peer of `wardkit serve` (RFC 9725):
//   POST   /api/v1/whip            application/sdp offer → 201 + answer + Location (+ Link ice-server)
//   OPTIONS /api/v1/whip           204 + Link ice-server headers (for clients that gather first)
//   DELETE /api/v1/whip/:session   ends the call and frees it
// 415 other content type, 400 unusable SDP, 401 wrong bearer token (when one is set),
// 503 + Retry-After at capacity. Sessions end on their own after `--whip-max-seconds`.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatIceLink } from '../../net/whip-link.js';
import { WHIP_PATH } from '../../net/whip-client.js';
import type { IceServerConfig } from '../../net/webrtc-peer.js';
import { parseNumberOption } from '../../number-option.js';
import { HttpError, bearer, readBody, sendText } from '../http.js';
import { SourceSlots } from '../limits.js';
import type { ServerContext, ServerModule } from '../types.js';
import { EchoSession, SdpError } from './echo-session.js';
import { describeOfferProblem, OFFER_LIMITS, offerProblem } from './offer-limits.js';

export interface WhipOptions {
  token?: string;
  maxCalls: number;
  /** Concurrent calls one source address may hold (default 2). */
  maxCallsPerSource?: number;
  maxSeconds: number;
  iceServers: IceServerConfig[];
  /** false: receive only (tests); default true. */
  echo?: boolean;
  /** Origins of web pages allowed to call the endpoint (CORS); ['*'] = any (the default). */
  corsOrigins?: string[];
}

/** Response header saying this server echoes packet for packet (the client may then count the round trip). */
export const ECHO_HEADER = 'x-wardkit-echo';

/** What --whip-max-calls, --whip-max-calls-per-source and --whip-max-seconds accept. */
export const WHIP_LIMITS = {
  maxCalls: { min: 1, max: 10_000 },
  maxCallsPerSource: { min: 1, max: 10_000 },
  maxSeconds: { min: 1, max: 86_400 },
} as const;

/** `wardkit serve` options: --whip-token (or WARDKIT_WHIP_TOKEN), --whip-max-calls, --whip-max-seconds, --whip-ice URL[,user,pass]. */
export function whipOptionsFrom(o: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): WhipOptions {
  const ice = ([] as unknown[]).concat(o.whipIce ?? []).map(String);
  return {
    token: (o.whipToken as string | undefined) || env.WARDKIT_WHIP_TOKEN || undefined,
    maxCalls: Math.floor(parseNumberOption('--whip-max-calls', o.whipMaxCalls, WHIP_LIMITS.maxCalls) ?? 20),
    maxCallsPerSource: Math.floor(
      parseNumberOption('--whip-max-calls-per-source', o.whipMaxCallsPerSource, WHIP_LIMITS.maxCallsPerSource) ?? 2,
    ),
    maxSeconds: parseNumberOption('--whip-max-seconds', o.whipMaxSeconds, WHIP_LIMITS.maxSeconds) ?? 120,
    corsOrigins: ([] as unknown[]).concat(o.whipCorsOrigin ?? []).map(String),
    iceServers: ice.map((spec) => {
      const [url, username, credential] = spec.split(',');
      return { urls: [url], ...(username ? { username } : {}), ...(credential ? { credential } : {}) };
    }),
  };
}

function sameToken(given: string | undefined, want: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(want);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createWhipModule(
  opts: WhipOptions,
): ServerModule & { sessions: Map<string, EchoSession>; stats: Record<string, number> } {
  const sessions = new Map<string, EchoSession>();
  const stats = { created: 0, ended: 0, rejectedBusy: 0, rejectedOffer: 0, timedOut: 0 };
  const slots = new SourceSlots({ total: Number.MAX_SAFE_INTEGER, perSource: opts.maxCallsPerSource ?? 2 });
  let ctx: ServerContext | undefined;
  /** WHIP sessions by outcome, for /metrics (every series shown from the start, at 0). */
  const sessionCounter = (c: ServerContext) =>
    c.metrics.counter(
      'wardkit_whip_sessions_total',
      'WHIP test-call sessions: created, ended, refused because every slot was busy, ended by a time limit.',
      ['created', 'ended', 'rejected_busy', 'timed_out'].map((r) => ({ result: r })),
    );
  const count = (result: 'created' | 'ended' | 'rejected_busy' | 'timed_out') => {
    if (ctx) sessionCounter(ctx).inc({ result });
  };

  const links = (): Record<string, string | string[]> => {
    const l = opts.iceServers.flatMap(formatIceLink);
    return l.length ? { link: l } : {};
  };
  // CORS per the Fetch standard: a page on another origin may call the endpoint (and read Location,
  // Link and ETag); the preflight never needs the token (browsers send none with it).
  const origins = opts.corsOrigins?.length ? opts.corsOrigins : ['*'];
  const cors = (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    if (!origin) return false;
    res.setHeader('vary', 'Origin');
    const any = origins.includes('*');
    if (!any && !origins.includes(origin)) return false;
    res.setHeader('access-control-allow-origin', any ? '*' : origin);
    res.setHeader('access-control-expose-headers', 'Location, Link, ETag, X-Wardkit-Echo');
    return true;
  };
  /** true when this was a CORS preflight (answered here). */
  const preflight = (req: IncomingMessage, res: ServerResponse, methods: string): boolean => {
    if (req.method !== 'OPTIONS' || !req.headers.origin || !req.headers['access-control-request-method']) return false;
    if (cors(req, res)) {
      res.setHeader('access-control-allow-methods', methods);
      res.setHeader(
        'access-control-allow-headers',
        String(req.headers['access-control-request-headers'] ?? 'authorization, content-type, if-match'),
      );
      res.setHeader('access-control-max-age', '600');
    }
    res.writeHead(204, { 'content-length': 0 });
    res.end();
    return true;
  };
  const authorize = (req: IncomingMessage) => {
    if (opts.token && !sameToken(bearer(req), opts.token))
      throw new HttpError(401, 'unauthorized', { 'www-authenticate': 'Bearer' });
  };
  const hostAddresses = () => {
    const h = ctx?.host;
    return h && h !== '0.0.0.0' && h !== '::' && /^\d+\.\d+\.\d+\.\d+$/.test(h) ? [h] : undefined;
  };

  const post = async (req: IncomingMessage, res: ServerResponse) => {
    cors(req, res);
    authorize(req);
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (type !== 'application/sdp') throw new HttpError(415, 'expected application/sdp');
    // Bounded before werift parses it: an offer's cost grows with its m-sections and lines.
    const raw = await readBody(req, OFFER_LIMITS.maxBytes).catch((err: unknown) => {
      stats.rejectedOffer++;
      throw err;
    });
    const problem = offerProblem(raw);
    if (problem) {
      stats.rejectedOffer++;
      throw new HttpError(
        problem.status,
        problem.reason === 'not-sdp' ? 'not an SDP offer' : describeOfferProblem(problem),
      );
    }
    const body = raw.toString('utf8');
    if (sessions.size >= opts.maxCalls) {
      stats.rejectedBusy++;
      count('rejected_busy');
      throw new HttpError(503, 'too many calls', { 'retry-after': '10' });
    }
    const slot = slots.acquire(req.socket.remoteAddress ?? 'unknown');
    if ('refused' in slot) {
      stats.rejectedBusy++;
      throw new HttpError(429, 'too many calls from this address', { 'retry-after': '10' });
    }
    const session = new EchoSession({
      maxSeconds: opts.maxSeconds,
      // The advertised servers are for clients behind NAT; the echo peer itself answers from its own addresses.
      iceServers: [],
      hostAddresses: hostAddresses(),
      echo: opts.echo,
      onEnd: (s, why) => {
        slot.release();
        if (sessions.get(s.id) === s) {
          sessions.delete(s.id);
          stats.ended++;
          count('ended');
          if (why === 'max duration' || why === 'never connected') {
            stats.timedOut++;
            count('timed_out');
          }
          ctx?.log(`whip: session ${s.id.slice(0, 8)} ended (${why}); ${sessions.size} active`);
        }
      },
    });
    sessions.set(session.id, session); // counts toward the limit while it is being answered
    let answer: string;
    try {
      answer = await session.answer(body);
    } catch (err) {
      // A refused offer never was a call: it is counted apart, not as one that ended.
      sessions.delete(session.id);
      stats.rejectedOffer++;
      await session.close('bad offer');
      if (err instanceof SdpError) throw new HttpError(400, `unusable SDP: ${err.message}`);
      throw err;
    }
    stats.created++;
    count('created');
    const location = `${WHIP_PATH}/${session.id}`;
    res.writeHead(201, {
      'content-type': 'application/sdp',
      'content-length': Buffer.byteLength(answer),
      location,
      etag: `"${session.id}"`,
      // Packet-for-packet echo: the client may cross-check its loss by counting what comes back.
      ...(opts.echo !== false ? { [ECHO_HEADER]: 'packet' } : {}),
      ...links(),
    });
    res.end(answer);
  };

  return {
    name: 'whip',
    sessions,
    stats,
    routes: [
      { method: 'POST', path: WHIP_PATH, handler: (req, res) => post(req, res) },
      {
        method: 'OPTIONS',
        path: WHIP_PATH,
        handler: (req, res) => {
          if (preflight(req, res, 'POST, OPTIONS')) return;
          cors(req, res);
          authorize(req);
          res.writeHead(204, { allow: 'OPTIONS, POST', 'accept-post': 'application/sdp', ...links() });
          res.end();
        },
      },
      {
        method: 'DELETE',
        path: `${WHIP_PATH}/:session`,
        handler: async (req, res, params) => {
          cors(req, res);
          authorize(req);
          const s = sessions.get(params.session);
          if (!s) throw new HttpError(404, 'no such session');
          await s.close('deleted');
          res.writeHead(200, { 'content-length': 0 });
          res.end();
        },
      },
      {
        method: 'OPTIONS',
        path: `${WHIP_PATH}/:session`,
        handler: (req, res) => {
          if (preflight(req, res, 'DELETE, PATCH, OPTIONS')) return;
          cors(req, res);
          res.writeHead(204, { allow: 'DELETE, PATCH, OPTIONS', 'content-length': 0 });
          res.end();
        },
      },
      {
        method: 'PATCH',
        path: `${WHIP_PATH}/:session`,
        // Trickle ICE / ICE restart are optional in RFC 9725; this server gathers before answering.
        handler: (req, res) => {
          cors(req, res);
          authorize(req);
          sendText(res, 405, 'trickle ICE not supported', 'text/plain; charset=utf-8', { allow: 'DELETE' });
        },
      },
    ],
    async start(c) {
      ctx = c;
      sessionCounter(c);
    },
    async stop() {
      await Promise.allSettled([...sessions.values()].map((s) => s.close('server stopping')));
    },
    info: () => ({
      path: WHIP_PATH,
      active: sessions.size,
      maxCalls: opts.maxCalls,
      maxCallsPerSource: opts.maxCallsPerSource ?? 2,
      maxSeconds: opts.maxSeconds,
      auth: Boolean(opts.token),
      ...stats,
    }),
  };
}

export const whipModuleFactory = async (options: Record<string, unknown>): Promise<ServerModule> =>
  createWhipModule(whipOptionsFrom(options));
