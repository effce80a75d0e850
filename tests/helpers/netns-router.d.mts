// Types of netns-router.mjs (plain JavaScript so that the bufferbloat bench can load it too).
import type { ChildProcess } from 'node:child_process';

export interface RouterPath {
  ward: string;
  router: string;
  server: string;
  wardIp: string;
  serverIp: string;
  exec(ns: string, cmd: string, args: string[], opts?: { timeoutMs?: number }): string;
  spawn(ns: string, cmd: string, args: string[]): ChildProcess;
  /**
   * Shape the router's egress in one direction ('download' = towards the ward, 'upload' = towards
   * the server): tbf at `mbit` with a queue limit of `latencyMs` worth of bytes. Returns the limit and
   * the queue delay when the queue is full (limit / rate): the truth for loaded latency.
   */
  shape(direction: 'download' | 'upload', mbit: number, latencyMs: number): { limitBytes: number; queueMs: number };
  cleanup(): void;
}

export function createRouterPath(): RouterPath;

/** Anything that spawns a process inside a namespace: a RouterPath, a netns.ts NsLink, the bench's link. */
export interface Spawner {
  spawn(ns: string, cmd: string, args: string[]): ChildProcess;
}

export interface ServeOptions {
  ns: string;
  ip: string;
  /** default 8470 */
  port?: number;
  /** bin/wardkit.js */
  wardkit: string;
  dataDir: string;
  /** more `wardkit serve` arguments */
  extra?: string[];
  /** default 20 000 */
  timeoutMs?: number;
}

/** `wardkit serve` in `ns` on `ip:port`; resolves once it prints its URL, rejects if it exits or times out. */
export function serveInNamespace(host: Spawner, o: ServeOptions): Promise<{ url: string; child: ChildProcess }>;

/** `wardkit serve` (bin/wardkit.js) on the server at serverIp:8470; resolves with its URL once it listens. */
export function serveOnServer(path: RouterPath, wardkit: string, dataDir: string, timeoutMs?: number): Promise<string>;

export interface LoadedCheckOptions {
  /** bin/wardkit.js */
  wardkit: string;
  profile: string;
  url: string;
  iperfPort: number;
  /** The router's shaped rate: the UDP load is twice it. */
  rateMbit: number;
  fill: boolean;
}

/** The bandwidth check's result as `--format json` prints it (the test reads its own fields of it). */
export function loadedCheck(path: RouterPath, o: LoadedCheckOptions): Promise<unknown>;
