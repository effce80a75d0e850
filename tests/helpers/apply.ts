// Runs the `devices` check against a room file with a given inventory.
import { dirname, resolve } from 'node:path';
import { createDevicesCheck } from '../../src/checks/devices.js';
import type { CheckOutcome } from '../../src/domain/result.js';
import { createFormatter } from '../../src/i18n/format.js';
import type { Inventory } from '../../src/media/inventory.js';
import { loadProfile } from '../../src/profiles/resolve.js';
import { readRoomFile } from '../../src/profiles/room.js';

export async function devicesCheckFor(roomFile: string, inventory: Inventory): Promise<CheckOutcome> {
  const room = await readRoomFile(roomFile);
  const profile = await loadProfile(room.profile.file ?? room.profile.id, dirname(resolve(roomFile)));
  const check = createDevicesCheck(async () => inventory);
  const ctx = { profile, devices: room.devices };
  const [target] = check.targets(ctx);
  return check.run(target, {
    signal: new AbortController().signal,
    deadline: Date.now() + 10_000,
    log: { debug() {}, info() {}, warn() {} },
    t: createFormatter('en'),
    room: ctx,
  });
}
