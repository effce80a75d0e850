// The network check's interface facts without blocking the event loop: on Linux read from /sys and
// /proc, checked against systeminformation (the independent reading the check used before), which
// also runs in a worker thread elsewhere. Neither may stall the event loop the way
// systeminformation's own networkInterfaces() does in the main thread.
import si from 'systeminformation';
import { describe, expect, it } from 'vitest';
import { fromSysfs, inWorker } from '../../src/net/local-interfaces.js';

/** Longest gap of a 10 ms interval timer while `work` runs. */
async function maxLag<T>(work: () => Promise<T>): Promise<{ value: T; lagMs: number }> {
  let last = performance.now();
  let lag = 0;
  const iv = setInterval(() => {
    const now = performance.now();
    lag = Math.max(lag, now - last - 10);
    last = now;
  }, 10);
  try {
    const value = await work();
    await new Promise((r) => setTimeout(r, 30));
    return { value, lagMs: lag };
  } finally {
    clearInterval(iv);
  }
}

describe.skipIf(process.platform !== 'linux')('local interfaces (Linux)', () => {
  it('/sys and /proc agree with systeminformation: name, address, type, state, speed, default route', async () => {
    const { value: ours, lagMs } = await maxLag(() => fromSysfs());
    const theirs = await si.networkInterfaces();
    const gateway = await si.networkGatewayDefault();
    const list = Array.isArray(theirs) ? theirs : [theirs];
    expect(ours.list.length).toBeGreaterThan(0);
    for (const i of ours.list) {
      const s = list.find((x) => x.iface === i.iface);
      expect(s, i.iface).toBeDefined();
      expect([i.iface, i.ip4, i.type, i.operstate, i.speed ?? null]).toEqual([
        s!.iface,
        s!.ip4,
        s!.type,
        s!.operstate,
        s!.speed ?? null,
      ]);
      expect(i.default, i.iface).toBe(s!.default);
    }
    expect(ours.gateway ?? '').toBe(gateway);
    // A busy shared machine gets some lag from others; the synchronous reading takes > 1 s here.
    expect(lagMs).toBeLessThan(250);
  }, 30_000);

  it('the worker (used on Windows and macOS) answers the same, and is stopped on abort', async () => {
    const viaWorker = await inWorker({ timeoutMs: 20_000 });
    const ours = await fromSysfs();
    expect(viaWorker.list.map((i) => [i.iface, i.ip4]).sort()).toEqual(ours.list.map((i) => [i.iface, i.ip4]).sort());
    const ac = new AbortController();
    const pending = inWorker({ timeoutMs: 20_000, signal: ac.signal });
    ac.abort();
    await expect(pending).rejects.toThrow(/aborted/);
  }, 40_000);
});
