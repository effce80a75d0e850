// The machine's network interfaces and default gateway, read with systeminformation in a worker
// thread. On Linux its networkInterfaces() runs synchronous commands per interface and holds the
// event loop for a second or more: in the main thread that stall lands in the timestamps of
// every probe running beside it (the latency check's RTT and jitter). The worker has a deadline
// and is terminated on it, on abort, and when done.
import { createRequire } from 'node:module';
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
