import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsRegistry } from './metrics.js';

export interface ServerContext {
  /** Base URL clients use, e.g. http://127.0.0.1:8470 */
  baseUrl: string;
  host: string;
  port: number;
  /** Data directory (store, tokens); a temporary one for the demo. */
  dataDir: string;
  log: (msg: string) => void;
  /** Counters every module adds to, rendered by /metrics. */
  metrics: MetricsRegistry;
  /** Options given to `wardkit serve`, for modules that read their own (admin token, limits…). */
  options: Record<string, unknown>;
}

export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
  ctx: ServerContext,
) => Promise<void> | void;

export interface Route {
  method: string;
  /** Exact path, or a pattern with `:name` segments, e.g. `/whip/:session`. */
  path: string;
  handler: Handler;
}

/**
 * A part of the Department's server (probe endpoints, WHIP echo peer, report intake…).
 * Modules own their routes and any extra sockets; they add what clients must know to /api/v1/info.
 */
export interface ServerModule {
  name: string;
  routes: Route[];
  start?(ctx: ServerContext): Promise<void>;
  stop?(): Promise<void>;
  info?(): Record<string, unknown>;
}
