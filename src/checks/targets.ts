// The one way a check lists device roles as targets: one target per role (bound or not, so a
// required role with no device still fails), carrying the role itself so no check looks it up again.
import type { Role } from '../profiles/types.js';
import type { RoomContext, Target } from './types.js';

export function roleTargets(room: RoomContext, keep: (role: Role) => boolean): Target[] {
  return room.profile.roles
    .filter(keep)
    .map((role) => ({ id: role.id, label: role.description ?? role.id, role, uri: room.devices[role.id] }));
}

/** Every role of one kind (camera, microphone, speaker, display). */
export const kindTargets =
  (kind: Role['kind']) =>
  (room: RoomContext): Target[] =>
    roleTargets(room, (r) => r.kind === kind);
