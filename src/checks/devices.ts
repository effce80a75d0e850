// `devices`: is every device the room file binds still connected? A room file names real devices
// (pulse:, v4l2:, alsa:, dshow:, avfoundation:); when one has been unplugged or replaced, the
// media checks would fail with an ffmpeg error — this check says plainly "device missing" and
// what to do. Simulated devices (sim:, lavfi:, file:) are not looked for. A role with no device at
// all (recorded as missing by apply) fails when required, warns when optional.
import { deviceStillPresent } from '../media/presence.js';
import { defaultInventorySource, type InventorySource } from '../media/inventory-source.js';
import type { Inventory } from '../media/inventory.js';
import { isSimulated } from '../media/uri.js';
import { roleTargets } from './targets.js';
import type { Check, RoomContext } from './types.js';
import { failed, type CheckOutcome } from '../domain/result.js';

export function createDevicesCheck(source: InventorySource): Check {
  // One discovery per room context, shared by every target of one run.
  const cache = new WeakMap<RoomContext, Promise<Inventory>>();
  return {
    id: 'devices',
    titleKey: 'check.title.devices',
    timeoutMs: 15_000,
    // Roles bound to a real device, and roles bound to nothing (recorded as missing by apply).
    targets: (room) => roleTargets(room, (r) => !room.devices[r.id] || !isSimulated(room.devices[r.id])),
    resources: () => [],
    async run(target, ctx): Promise<CheckOutcome> {
      if (!target.uri) {
        // Missing is this check's finding, not "could not look": an optional role that apply
        // recorded as missing still shows (the runner turns it into a warning).
        return failed('devices.roleMissing', { role: target.id }, 'devices.roleMissing.remedy');
      }
      let p = cache.get(ctx.room);
      if (!p) {
        p = source({ signal: ctx.signal });
        cache.set(ctx.room, p);
      }
      const inventory = await p;
      const uri = target.uri!;
      const presence = deviceStillPresent(uri, inventory);
      const params = { role: target.role?.id ?? target.id, uri };
      if (presence === 'present')
        return { status: 'pass', findings: [{ severity: 'info', key: 'devices.present', params }] };
      if (presence === 'missing') return failed('devices.missing', params, 'devices.missing.remedy');
      const reason = inventory.unavailable.map((u) => `${u.source}: ${u.reason}`).join('; ') || '?';
      return {
        status: 'warn',
        findings: [{ severity: 'warn', key: 'devices.unknown', params: { ...params, reason } }],
      };
    },
  };
}

export const devicesCheck: Check = createDevicesCheck(defaultInventorySource);
