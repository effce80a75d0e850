// The machine's network interfaces and default gateway without blocking the event loop. On Linux
// systeminformation's networkInterfaces() runs synchronous commands per interface and held the
// event loop for ~1.3 s: in the main thread that stall lands in the timestamps of every probe
// running beside it (the latency check's RTT and jitter). So: on Linux, /sys/class/net and
// /proc/net/route read asynchronously; elsewhere systeminformation in a worker thread, with a
// deadline, terminated on it, on abort, and when done.
import { access, readFile, readlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

export interface LocalInterface {
  iface: string;
  ip4: string;
  ip6: string;
  type?: string;
  speed?: number | null;
  operstate?: string;
  default?: boolean;
}

// CommonJS in the worker: systeminformation is a CommonJS package, required by its resolved path.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const si = require(workerData.path);
Promise.all([si.networkInterfaces().catch(() => []), si.networkGatewayDefault().catch(() => '')]).then(
  ([ifaces, gateway]) => {
    const list = (Array.isArray(ifaces) ? ifaces : [ifaces]).map((i) => ({
      iface: i.iface, ip4: i.ip4, ip6: i.ip6, type: i.type, speed: i.speed, operstate: i.operstate, default: i.default,
    }));
    parentPort.postMessage({ list, gateway: gateway || undefined });
  },
  (err) => parentPort.postMessage({ error: String(err && err.message || err) }),
);
`;

export async function localInterfaces(o: {
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<{ list: LocalInterface[]; gateway?: string }> {
  // Linux: the same facts from /sys and /proc directly, without blocking (and without a worker's start-up).
  if (process.platform === 'linux') {
    const fast = await fromSysfs().catch(() => undefined);
    if (fast) return fast;
  }
  return inWorker(o);
}

const SAFE_NAME = /^[\w.:@-]{1,64}$/;
const readText = (path: string) => readFile(path, 'utf8').then((x) => x.trim());

/** The default route's interface and gateway from /proc/net/route (hex, little-endian IPv4). */
async function defaultRoute(): Promise<{ iface?: string; gateway?: string }> {
  const lines = (await readText('/proc/net/route')).split('\n').slice(1);
  for (const line of lines) {
    const [iface, dest, gw] = line.trim().split(/\s+/);
    if (dest !== '00000000' || !gw) continue;
    const n = Number.parseInt(gw, 16);
    const gateway = [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255].join('.');
    return { iface, gateway: gateway === '0.0.0.0' ? undefined : gateway };
  }
  return {};
}

export async function fromSysfs(): Promise<{ list: LocalInterface[]; gateway?: string }> {
  const route = await defaultRoute().catch(() => ({}) as { iface?: string; gateway?: string });
  const list: LocalInterface[] = [];
  for (const [iface, addrs] of Object.entries(os.networkInterfaces())) {
    if (!SAFE_NAME.test(iface) || iface.includes('..')) continue;
    const dir = `/sys/class/net/${iface}`;
    const [operstate, speedText, target, wireless] = await Promise.all([
      readText(`${dir}/operstate`).catch(() => undefined),
      readText(`${dir}/speed`).catch(() => undefined),
      readlink(dir).catch(() => ''),
      access(`${dir}/wireless`).then(
        () => true,
        () => false,
      ),
    ]);
    const speed = speedText !== undefined && /^-?\d+$/.test(speedText) ? Number(speedText) : null;
    list.push({
      iface,
      ip4: addrs?.find((a) => a.family === 'IPv4')?.address ?? '',
      ip6: addrs?.find((a) => a.family === 'IPv6')?.address ?? '',
      type: wireless ? 'wireless' : target.includes('/virtual/') ? 'virtual' : 'wired',
      speed,
      operstate,
      default: iface === route.iface,
    });
  }
  return { list, gateway: route.gateway };
}

/** Elsewhere (Windows, macOS): systeminformation in a worker thread. */
export async function inWorker(o: {
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<{ list: LocalInterface[]; gateway?: string }> {
  const path = createRequire(import.meta.url).resolve('systeminformation');
  const worker = new Worker(WORKER, { eval: true, workerData: { path } });
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`network interfaces: no answer within ${o.timeoutMs} ms`)),
        o.timeoutMs,
      );
      onAbort = () => reject(new Error('aborted'));
      o.signal?.addEventListener('abort', onAbort, { once: true });
      worker.once('message', (m: { list?: LocalInterface[]; gateway?: string; error?: string }) =>
        m.error ? reject(new Error(m.error)) : resolve({ list: m.list ?? [], gateway: m.gateway }),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`network interfaces: worker exited (${code})`)));
    });
  } finally {
    clearTimeout(timer);
    if (onAbort) o.signal?.removeEventListener('abort', onAbort);
    void worker.terminate();
  }
}
