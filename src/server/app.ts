import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { VERSION } from '../version.js';
import { TIME_HEADER } from '../net/clock-offset.js';
import { HttpError, sendJson } from './http.js';
import { MetricsRegistry } from './metrics.js';
import { SERVER_MODULES } from './modules.js';
import type { Route, ServerContext, ServerModule } from './types.js';

export interface ServeOptions {
  /** HOST:PORT; port 0 picks a free one. */
  listen: string;
  dataDir?: string;
  tlsCert?: string;
  tlsKey?: string;
  log?: (msg: string) => void;
  /** Module-specific options (admin token, limits, …). */
  options?: Record<string, unknown>;
  /** Override the module list (tests). */
  modules?: ServerModule[];
}

export interface RunningServer {
  url: string;
  ctx: ServerContext;
  modules: ServerModule[];
  close(): Promise<void>;
}

export function parseListen(listen: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(listen.trim());
  if (!m) throw new Error(`bad listen address "${listen}" (use HOST:PORT)`);
  const port = Number(m[3]);
  if (port > 65535) throw new Error(`bad port ${port}`);
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}

function compile(route: Route): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const re = new RegExp(
    '^' + route.path.replace(/\/:([a-zA-Z]+)/g, (_, n: string) => (names.push(n), '/([^/]+)')) + '/?$',
  );
  return (path) => {
    const m = re.exec(path);
    if (!m) return undefined;
    // A malformed escape (%ZZ) is the client's mistake: 400, never a 500 with a stack trace.
    return Object.fromEntries(
      names.map((n, i) => {
        try {
          return [n, decodeURIComponent(m[i + 1])];
        } catch {
          throw new HttpError(400, 'malformed percent-encoding in the path');
        }
      }),
    );
  };
}

/**
 * TLS 1.2 suites with forward secrecy only (ECDHE key exchange, AEAD), as in Mozilla's
 * "intermediate" configuration; TLS 1.3 suites are always forward-secret and unaffected by this list.
 */
const FORWARD_SECRET_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

/** Start the Department's server with every module; resolves once it listens. */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const { host, port } = parseListen(opts.listen);
  const log = opts.log ?? (() => {});
  const options = opts.options ?? {};
  // Modules first: a bad option value fails before anything is created on disk.
  const modules = opts.modules ?? (await Promise.all(SERVER_MODULES.map((f) => f(options))));
  // A data folder this server made for itself (no dataDir given) is its own: removed on close,
  // and when starting fails.
  const ownDir = opts.dataDir ? undefined : await mkdtemp(join(os.tmpdir(), 'wardkit-serve-'));
  const dataDir = opts.dataDir ?? ownDir!;
  const removeOwnDir = () => (ownDir ? rm(ownDir, { recursive: true, force: true }) : Promise.resolve());
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    await removeOwnDir();
    throw err;
  }
  const routes = modules.flatMap((m) => m.routes.map((r) => ({ ...r, match: compile(r) })));
  const ctx: ServerContext = { baseUrl: '', host, port, dataDir, log, options, metrics: new MetricsRegistry() };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://x');
      decodeURIComponent(url.pathname);
    } catch {
      return sendJson(res, 400, { error: 'malformed request path' });
    }
    try {
      if (url.pathname === '/api/v1/info' && req.method === 'GET') {
        const info: Record<string, unknown> = { name: 'wardkit', version: VERSION };
        for (const m of modules) if (m.info) info[m.name] = m.info();
        return sendJson(res, 200, info);
      }
      let pathMatched = false;
      for (const r of routes) {
        const params = r.match(url.pathname);
        if (!params) continue;
        pathMatched = true;
        if (r.method !== req.method && !(r.method === 'GET' && req.method === 'HEAD')) continue;
        await r.handler(req, res, params, ctx);
        return;
      }
      if (url.pathname === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
        return sendJson(
          res,
          200,
          { name: 'wardkit', version: VERSION, info: '/api/v1/info' },
          { [TIME_HEADER]: String(Date.now()) },
        );
      }
      sendJson(res, pathMatched ? 405 : 404, { error: pathMatched ? 'method not allowed' : 'not found' });
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message }, err.headers);
      log(`internal error on ${req.method} ${url.pathname}: ${(err as Error).stack ?? err}`);
      sendJson(res, 500, { error: 'internal error' });
    }
  };

  let server: Server;
  try {
    server =
      opts.tlsCert && opts.tlsKey
        ? createHttps(
            {
              cert: readFileSync(opts.tlsCert),
              key: readFileSync(opts.tlsKey),
              minVersion: 'TLSv1.2',
              ciphers: FORWARD_SECRET_CIPHERS,
              honorCipherOrder: true,
            },
            (q, s) => void handle(q, s),
          )
        : createHttp((q, s) => void handle(q, s));
    server.headersTimeout = 15_000;
    server.requestTimeout = 120_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (err) {
    await removeOwnDir();
    throw err;
  }
  const addr = server.address() as AddressInfo;
  ctx.port = addr.port;
  const scheme = opts.tlsCert ? 'https' : 'http';
  ctx.baseUrl = `${scheme}://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`;
  const started: ServerModule[] = [];
  try {
    for (const m of modules) {
      await m.start?.(ctx);
      started.push(m);
    }
  } catch (err) {
    await Promise.allSettled(started.map((m) => m.stop?.()));
    server.close();
    await removeOwnDir();
    throw err;
  }
  return {
    url: ctx.baseUrl,
    ctx,
    modules,
    async close() {
      await Promise.allSettled(modules.map((m) => m.stop?.()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await removeOwnDir();
    },
  };
}
