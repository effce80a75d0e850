// From matches to bindings: the technician's answers first, then the profile's fixed devices,
// then what the room file already binds (if the device is still there), then unambiguous
// matches. What is left — ambiguous or missing roles — needs a decision (prompt, --answers) .
import { UsageError, WardkitError } from '../errors.js';
import type { Inventory, InventoryDevice } from '../media/inventory.js';
import { parseDeviceUri } from '../media/uri.js';
import type { RoomFile } from '../profiles/room.js';
import type { Role } from '../profiles/types.js';
import { MISSING, type Answers } from './answers.js';
import { findDevice, isCandidate, type RoleMatch } from './match.js';
import { deviceStillPresent } from '../media/presence.js';

export type BindingHow = 'fixed' | 'matched' | 'kept' | 'answer' | 'chosen' | 'missing';

export interface Binding {
  role: Role;
  /** Undefined when the role is recorded as missing. */
  uri?: string;
  /** The device's human name when known. */
  name?: string;
  how: BindingHow;
}

export interface PendingDecision {
  match: RoleMatch;
  /** Devices the technician may pick from (the tied best matches, or every device of the kind). */
  choices: InventoryDevice[];
}

export function choicesFor(m: RoleMatch, inventory: Inventory): InventoryDevice[] {
  if (m.status === 'ambiguous') return m.candidates.map((c) => c.device);
  return inventory.devices.filter((d) => d.kind === m.role.kind && isCandidate(d));
}

function fromAnswer(role: Role, answer: string, inventory: Inventory): Binding {
  if (answer.trim().toLowerCase() === MISSING) return { role, how: 'missing' };
  const dev = findDevice(inventory, role.kind, answer);
  if (dev) return { role, uri: dev.uri, name: dev.name, how: 'answer' };
  // A URI of a device that needs no discovery (simulation, a file) is taken as given.
  try {
    const u = parseDeviceUri(answer);
    if (u.backend === 'sim' || u.backend === 'lavfi' || u.backend === 'file')
      return { role, uri: answer, how: 'answer' };
  } catch {
    /* not a URI: a name that matched nothing */
  }
  throw new WardkitError('apply.answerNoDevice', { role: role.id, answer, kind: role.kind });
}

export function preBind(
  matches: RoleMatch[],
  inventory: Inventory,
  existing?: RoomFile,
  answers: Answers = {},
): { bindings: Binding[]; pending: PendingDecision[] } {
  const roleIds = new Set(matches.map((m) => m.role.id));
  for (const k of Object.keys(answers))
    if (!roleIds.has(k)) throw new UsageError('apply.answerUnknownRole', { role: k, roles: [...roleIds].join(', ') });
  const previouslyMissing = new Set(
    Array.isArray(existing?.missing) ? (existing.missing as unknown[]).map(String) : [],
  );
  const bindings: Binding[] = [];
  const pending: PendingDecision[] = [];
  for (const m of matches) {
    const { role } = m;
    const answer = answers[role.id];
    const kept = existing?.devices[role.id];
    if (answer !== undefined) bindings.push(fromAnswer(role, answer, inventory));
    else if (m.status === 'fixed') bindings.push({ role, uri: m.uri, how: 'fixed' });
    else if (kept && deviceStillPresent(kept, inventory) !== 'missing')
      bindings.push({ role, uri: kept, name: inventory.devices.find((d) => d.uri === kept)?.name, how: 'kept' });
    else if (m.status === 'matched') bindings.push({ role, uri: m.uri, name: m.device?.name, how: 'matched' });
    else if (previouslyMissing.has(role.id) && !kept) bindings.push({ role, how: 'missing' });
    else pending.push({ match: m, choices: choicesFor(m, inventory) });
  }
  return { bindings, pending };
}
