import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/runner.js';
import type { Check, ResourceClaim, RoomContext, Target } from '../../src/checks/types.js';
import type { CheckOutcome } from '../../src/domain/result.js';
import { createFormatter } from '../../src/i18n/format.js';
import { runProcess } from '../../src/proc/process.js';
import type { ResolvedProfile, Role } from '../../src/profiles/types.js';
import { readinessOf } from '../../src/report/model.js';
import { alive } from '../helpers/process.js';
import { tempDir } from '../helpers/temp.js';

const t = createFormatter('en');
const log = { debug() {}, info() {}, warn() {} };
const dir = tempDir('wardkit-runner-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function room(checks: ResolvedProfile['checks'] = {}, roles: Role[] = []): RoomContext {
  return { profile: { id: 'test', roles, checks } as unknown as ResolvedProfile, devices: {} };
}

function check(
  id: string,
  run: (target: Target, signal: AbortSignal) => Promise<CheckOutcome>,
  opts: Partial<Check> = {},
): Check {
  return {
    id,
    titleKey: `check.title.${id}`,
    timeoutMs: 5000,
    targets: () => [{ id: 'default', label: id }],
    resources: () => [],
    run: (target, ctx) => run(target, ctx.signal),
    ...opts,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pass = async (): Promise<CheckOutcome> => ({ status: 'pass' });

async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (cond()) return true;
    await sleep(20);
  }
  return cond();
}

// A child that starts a grandchild in its own process group, writes both pids, and waits forever.
const TREE = `
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
fs.writeFileSync(process.argv[1], JSON.stringify({ child: process.pid, grandchild: g.pid }));
setInterval(() => {}, 1000);
`;

function treeCheck(id: string, pidFile: string, timeoutMs: number): Check {
  return check(
    id,
    async (_t, signal) => {
      const r = await runProcess(process.execPath, ['-e', TREE, pidFile], { timeoutMs: 60_000, signal });
      return { status: r.aborted ? 'error' : 'pass' };
    },
    { timeoutMs },
  );
}

describe('check runner', () => {
  it('a check past its deadline becomes an error result; the others still run', async () => {
    const hang = check('hang', () => new Promise<CheckOutcome>(() => {}), { timeoutMs: 150 });
    const t0 = Date.now();
    const results = await runChecks([hang, check('ok', pass)], room(), { t, log, graceMs: 50 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(results.map((r) => [r.checkId, r.status])).toEqual([
      ['hang', 'error'],
      ['ok', 'pass'],
    ]);
    expect(results[0].findings[0].key).toBe('runner.timeout');
  });

  it('Ctrl-C stops waiting for a check that ignores its signal (after the grace period)', async () => {
    const deaf = check('deaf', () => new Promise<CheckOutcome>(() => {}), { timeoutMs: 60_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const t0 = Date.now();
    const [r] = await runChecks([deaf], room(), { t, log, signal: controller.signal, graceMs: 100 });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.findings[0].key).toBe('runner.aborted');
  });

  it('a throw becomes an error result with the message', async () => {
    const boom = check('boom', async () => {
      throw new Error('kaboom');
    });
    const [r] = await runChecks([boom], room(), { t, log });
    expect(r.status).toBe('error');
    expect(r.findings[0]).toMatchObject({ key: 'runner.crashed', params: { message: 'kaboom' } });
  });

  it('an invalid status is an error, not a pass', async () => {
    const odd = check('odd', async () => ({ status: 'great' }) as unknown as CheckOutcome);
    expect((await runChecks([odd], room(), { t, log }))[0].status).toBe('error');
  });

  it('checks sharing a resource run one after the other; others run at the same time', async () => {
    const spans: Record<string, [number, number]> = {};
    const timed = (id: string, res: string[]) =>
      check(
        id,
        async () => {
          const s = performance.now();
          await sleep(150);
          spans[id] = [s, performance.now()];
          return { status: 'pass' };
        },
        { resources: () => res },
      );
    await runChecks(
      [timed('a', ['audio-out']), timed('b', ['audio-out', 'audio-in']), timed('c', ['uplink'])],
      room(),
      { t, log },
    );
    const overlap = (x: [number, number], y: [number, number]) => x[0] < y[1] && y[0] < x[1];
    expect(overlap(spans.a, spans.b)).toBe(false);
    expect(overlap(spans.a, spans.c)).toBe(true);
  });

  it('shared claims run side by side, never beside an exclusive claim of the same resource', async () => {
    const spans: Record<string, [number, number]> = {};
    const timed = (id: string, res: ResourceClaim[], ms = 150) =>
      check(
        id,
        async () => {
          const s = performance.now();
          await sleep(ms);
          spans[id] = [s, performance.now()];
          return { status: 'pass' };
        },
        { resources: () => res },
      );
    const probe = { id: 'line', shared: true } as const;
    const results = await runChecks(
      [
        timed('network', [probe], 100),
        timed('bandwidth', ['line']),
        timed('latency', [probe], 200),
        timed('ice', [probe], 50),
        timed('call', ['line', probe]),
        timed('camera', ['camera:x'], 400),
      ],
      room(),
      { t, log },
    );
    const overlap = (x: [number, number], y: [number, number]) => x[0] < y[1] && y[0] < x[1];
    // The light probes run together (and beside the camera), the line fillers alone, one after the other.
    expect(overlap(spans.network, spans.latency)).toBe(true);
    expect(overlap(spans.latency, spans.ice)).toBe(true);
    expect(overlap(spans.latency, spans.camera)).toBe(true);
    for (const probeId of ['network', 'latency', 'ice'])
      for (const full of ['bandwidth', 'call'])
        expect(overlap(spans[probeId], spans[full]), `${probeId}/${full}`).toBe(false);
    expect(overlap(spans.bandwidth, spans.call)).toBe(false);
    // Started out of order, reported in order.
    expect(results.map((r) => r.checkId)).toEqual(['network', 'bandwidth', 'latency', 'ice', 'call', 'camera']);
  });

  it("wardkit's own checks: what fills the line never overlaps what measures it; devices stay apart", async () => {
    const { loadChecks, checkIds } = await import('../../src/checks/registry.js');
    const { loadProfile } = await import('../../src/profiles/resolve.js');
    const { bindDevices } = await import('../../src/app/check-session.js');
    const profile = await loadProfile('demo-simulated');
    const demo: RoomContext = {
      profile: { ...profile, recording: { ...profile.recording, folder: dir } },
      devices: bindDevices(profile, {}),
      serverUrl: 'http://127.0.0.1:1',
    };
    const checks = await loadChecks(checkIds());
    const claims = new Map<string, Array<{ id: string; shared: boolean }>>();
    for (const c of checks)
      for (const target of c.targets(demo))
        claims.set(
          c.id,
          c
            .resources(target, demo)
            .map((x) => (typeof x === 'string' ? { id: x, shared: false } : { ...x, shared: true })),
        );
    const conflict = (a: string, b: string) =>
      (claims.get(a) ?? []).some((x) => (claims.get(b) ?? []).some((y) => x.id === y.id && !(x.shared && y.shared)));
    for (const full of ['bandwidth', 'call'])
      for (const other of ['network', 'latency', 'ice', 'bandwidth', 'call'].filter((x) => x !== full))
        expect(conflict(full, other), `${full}/${other}`).toBe(true);
    expect(conflict('latency', 'network')).toBe(false);
    expect(conflict('latency', 'ice')).toBe(false);
    // Idle latency is measured while the camera and microphone are captured: nothing shared with them.
    for (const device of ['camera', 'microphone', 'recording']) expect(conflict('latency', device)).toBe(false);
    // It timestamps packets in this process: never beside what keeps the event loop busy.
    expect(conflict('latency', 'speaker')).toBe(true);
    expect(conflict('speaker', 'bandwidth')).toBe(false);
    expect(conflict('camera', 'recording')).toBe(true);
    expect(conflict('microphone', 'speaker')).toBe(true);
    expect(conflict('microphone', 'recording')).toBe(true);
  });

  it('many checks at once under one Ctrl-C signal: no listener-leak warning (it would print English)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const many = Array.from({ length: 14 }, (_, i) =>
        check(`c${i}`, async () => {
          await sleep(50);
          return { status: 'pass' };
        }),
      );
      await runChecks(many, room(), { t, log, signal: new AbortController().signal });
      await sleep(20);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('results come back in check order, whatever order they finish in', async () => {
    const slow = (id: string, ms: number) =>
      check(id, async () => {
        await sleep(ms);
        return { status: 'pass' };
      });
    const order: string[] = [];
    const results = await runChecks([slow('first', 200), slow('second', 100), slow('third', 10)], room(), {
      t,
      log,
      onResult: (r) => order.push(r.checkId),
    });
    expect(order).toEqual(['third', 'second', 'first']);
    expect(results.map((r) => r.checkId)).toEqual(['first', 'second', 'third']);
  });

  it('an optional check that fails makes the room DEGRADED; a required one NOT_READY', async () => {
    const failing = check('display', async () => ({ status: 'fail' }));
    const optional = await runChecks(
      [failing, check('host', pass)],
      room({ display: { required: false, enabled: true } }),
      { t, log },
    );
    expect(optional[0].required).toBe(false);
    expect(readinessOf(optional)).toBe('DEGRADED');
    const required = await runChecks([failing, check('host', pass)], room(), { t, log });
    expect(readinessOf(required)).toBe('NOT_READY');
  });

  it('an optional role makes its target optional', async () => {
    const roles = [{ id: 'doc-cam', kind: 'camera', required: false } as Role];
    const cam = check('camera', async () => ({ status: 'error' }), {
      targets: () => [{ id: 'doc-cam', label: 'doc', role: roles[0] }],
    });
    const results = await runChecks([cam], room({}, roles), { t, log });
    expect(results[0].required).toBe(false);
    expect(readinessOf(results)).toBe('DEGRADED');
  });

  it("optionality is the runner's: an optional fault is a warning, an optional device nobody could look at a skip", async () => {
    const roles = [
      { id: 'doc-cam', kind: 'camera', required: false } as Role,
      { id: 'cam', kind: 'camera', required: true } as Role,
    ];
    const targets = () => roles.map((r) => ({ id: r.id, label: r.id, role: r }));
    const finding = { severity: 'fail' as const, key: 'camera.black' };
    // The check says the same whatever the role: it never looks at `required`.
    const faulty = check('camera', async () => ({ status: 'fail', findings: [finding] }), { targets });
    const [optFault, reqFault] = await runChecks([faulty], room({}, roles), { t, log });
    expect([optFault.status, optFault.findings[0].severity]).toEqual(['warn', 'warn']);
    expect([reqFault.status, reqFault.findings[0].severity]).toEqual(['fail', 'fail']);
    expect(readinessOf([optFault])).toBe('DEGRADED');
    const unseen = check('camera', async () => ({ status: 'fail', unobserved: 'no-device', findings: [finding] }), {
      targets,
    });
    const [optUnseen, reqUnseen] = await runChecks([unseen], room({}, roles), { t, log });
    expect([optUnseen.status, optUnseen.findings[0].severity]).toEqual(['skip', 'info']);
    expect(reqUnseen.status).toBe('fail');
    // A check that could not run stays an error, optional or not.
    const crashed = check('camera', async () => ({ status: 'error' }), { targets });
    expect((await runChecks([crashed], room({}, roles), { t, log })).map((r) => r.status)).toEqual(['error', 'error']);
  });

  it('disabled checks and checks without targets are skipped; a policy may limit targets to roles', async () => {
    const seen: string[] = [];
    const cam = check(
      'camera',
      async (target) => {
        seen.push(target.id);
        return { status: 'pass' };
      },
      {
        targets: () =>
          ['a', 'b'].map((id) => ({ id, label: id, role: { id, kind: 'camera', required: true } as Role })),
      },
    );
    const none = check('display', pass, { targets: () => [] });
    const off = check('host', pass);
    const results = await runChecks(
      [cam, none, off],
      room({ camera: { required: true, enabled: true, roles: ['b'] }, host: { required: true, enabled: false } }),
      { t, log },
    );
    expect(seen).toEqual(['b']);
    expect(results.map((r) => [r.checkId, r.status, r.findings[0]?.key])).toEqual([
      ['camera', 'pass', undefined],
      ['display', 'skip', 'runner.notApplicable'],
      ['host', 'skip', 'runner.disabled'],
    ]);
  });
});

describe.skipIf(process.platform === 'win32')('process trees die with their check', () => {
  it('Ctrl-C (the outer signal) kills the child AND its grandchild', async () => {
    const pidFile = join(dir, 'abort.json');
    const controller = new AbortController();
    const running = runChecks([treeCheck('tree', pidFile, 30_000)], room(), {
      t,
      log,
      signal: controller.signal,
      graceMs: 3000,
    });
    expect(await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').length > 0, 10_000)).toBe(true);
    const { child, grandchild } = JSON.parse(readFileSync(pidFile, 'utf8'));
    expect(alive(child) && alive(grandchild)).toBe(true);
    controller.abort();
    const [r] = await running;
    expect(r.status).toBe('error');
    expect(await waitFor(() => !alive(child) && !alive(grandchild), 3000)).toBe(true);
  });

  it('the deadline kills the child AND its grandchild', async () => {
    const pidFile = join(dir, 'deadline.json');
    const t0 = Date.now();
    const running = runChecks([treeCheck('tree', pidFile, 1500)], room(), { t, log, graceMs: 3000 });
    expect(await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').length > 0, 10_000)).toBe(true);
    const { child, grandchild } = JSON.parse(readFileSync(pidFile, 'utf8'));
    const [r] = await running;
    expect(r.status).toBe('error');
    expect(r.findings[0].key).toBe('runner.timeout');
    expect(Date.now() - t0).toBeLessThan(6000);
    expect(await waitFor(() => !alive(child) && !alive(grandchild), 3000)).toBe(true);
  });

  it('runProcess on its own: a grandchild left behind by an exited child is cleaned up', async () => {
    const pidFile = join(dir, 'orphan.json');
    const script = `
      const { spawn } = require('node:child_process');
      const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      require('node:fs').writeFileSync(process.argv[1], String(g.pid));
      g.unref();`;
    writeFileSync(pidFile, '');
    const r = await runProcess(process.execPath, ['-e', script, pidFile], { timeoutMs: 10_000 });
    expect(r.exitCode).toBe(0);
    const g = Number(readFileSync(pidFile, 'utf8'));
    expect(g).toBeGreaterThan(0);
    expect(await waitFor(() => !alive(g), 3000)).toBe(true);
  });
});

describe('readiness', () => {
  const r = (status: 'pass' | 'warn' | 'fail' | 'skip' | 'error', required = true) =>
    ({ status, required }) as Parameters<typeof readinessOf>[0][number];
  it('READY only when everything passed or was skipped', () => {
    // Nothing measured — no results, or every one skipped — can never be READY.
    expect(readinessOf([])).toBe('NOT_READY');
    expect(readinessOf([r('pass'), r('skip')])).toBe('READY');
  });
  it('warnings and optional failures are DEGRADED', () => {
    expect(readinessOf([r('pass'), r('warn')])).toBe('DEGRADED');
    expect(readinessOf([r('pass'), r('fail', false)])).toBe('DEGRADED');
    expect(readinessOf([r('error', false)])).toBe('DEGRADED');
  });
  it('a required failure or error is NOT_READY, whatever else passed', () => {
    expect(readinessOf([r('pass'), r('warn'), r('fail')])).toBe('NOT_READY');
    expect(readinessOf([r('error'), r('pass')])).toBe('NOT_READY');
  });
});
