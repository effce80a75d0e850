// Runs one media check directly (no CLI) against the demo profile with a chosen device URI.
import { fileURLToPath } from 'node:url';
import { setMaxListeners } from 'node:events';
import type { Check, CheckContext, RoomContext } from '../../src/checks/types.js';
import type { CheckOutcome } from '../../src/domain/result.js';
import { createFormatter } from '../../src/i18n/format.js';
import { loadProfile } from '../../src/profiles/resolve.js';

export const FAKE_FFMPEG = fileURLToPath(new URL('../fixtures/fake-ffmpeg.mjs', import.meta.url));
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function demoRoom(
  devices: Record<string, string>,
  extra: Partial<RoomContext> = {},
): Promise<RoomContext> {
  const profile = await loadProfile('demo-simulated');
  const base: Record<string, string> = {};
  for (const r of profile.roles) if (r.device) base[r.id] = r.device;
  return { profile, devices: { ...base, ...devices }, ...extra };
}

export async function runCheck(
  check: Check,
  room: RoomContext,
  opts: { deadlineMs?: number; signal?: AbortSignal } = {},
): Promise<{ outcome: CheckOutcome; ms: number }> {
  const target = check.targets(room)[0];
  if (!target) throw new Error(`no target for ${check.id}`);
  const timeout = opts.deadlineMs ?? (typeof check.timeoutMs === 'function' ? check.timeoutMs(room) : check.timeoutMs);
  const signal = opts.signal ?? new AbortController().signal;
  setMaxListeners(32, signal);
  const ctx: CheckContext = {
    signal,
    deadline: Date.now() + timeout,
    log: { debug: () => {}, info: () => {}, warn: () => {} },
    t: createFormatter('en'),
    room,
  };
  const t0 = Date.now();
  const outcome = await check.run(target, ctx);
  return { outcome, ms: Date.now() - t0 };
}

export const metricOf = (o: CheckOutcome, id: string) => o.metrics?.find((m) => m.id === id)?.value;
export { alive } from '../helpers/process.js';

export const findingKeys = (o: CheckOutcome) => (o.findings ?? []).map((f) => f.key);
