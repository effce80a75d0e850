// Matching discovered devices to a profile's roles. A pattern is a glob (`*Jabra*`, case-insensitive,
// `*` any run, `?` one character) or a regex written `/…/flags` (src/profiles/patterns.ts). A
// device matches a role when its kind is the role's kind and every criterion the role gives (name,
// vendor, connection) matches; a criterion the role does not give is no constraint.
// A name pattern is tried on the name the OS shows and on the device's own id (the URI after
// `backend:`, e.g. the PulseAudio node name `alsa_output.usb-Jabra…` or `/dev/video0`).
import type { Inventory, InventoryDevice } from '../media/inventory.js';
import { matchesAny, patternMatches } from '../profiles/patterns.js';
import type { Pattern, Role } from '../profiles/types.js';

/** A device is a candidate for role matching unless it only mirrors another (a sink's monitor). */
export const isCandidate = (d: InventoryDevice): boolean => d.caps?.monitor !== true;

export interface Candidate {
  device: InventoryDevice;
  /** Higher is better: criteria matched, then exact (no-wildcard) name, then being the system default. */
  score: number;
  exact: boolean;
}

export type MatchStatus =
  /** The profile fixes the device URI (simulated rooms, tests). */
  | 'fixed'
  /** Exactly one device fits, or one fits clearly better (an exact name beats a pattern). */
  | 'matched'
  /** Several devices fit equally well: a person must choose. */
  | 'ambiguous'
  /** No device fits. */
  | 'missing';

export interface RoleMatch {
  role: Role;
  status: MatchStatus;
  /** Best first. */
  candidates: Candidate[];
  /** The chosen device URI when status is fixed or matched. */
  uri?: string;
  device?: InventoryDevice;
}

const isLiteral = (p: Pattern) => !/^\/.*\/[a-z]*$/s.test(p) && !/[*?]/.test(p);

function scoreDevice(role: Role, d: InventoryDevice): Candidate | undefined {
  if (d.kind !== role.kind || !isCandidate(d)) return undefined;
  const m = role.match ?? {};
  let score = 0;
  let exact = false;
  if (m.name?.length) {
    const target = d.uri.slice(d.uri.indexOf(':') + 1);
    const hit = m.name.find((p) => patternMatches(p, d.name) || patternMatches(p, target));
    if (!hit) return undefined;
    score += 10;
    if (isLiteral(hit)) {
      score += 5;
      exact = true;
    }
  }
  if (m.vendor?.length) {
    if (!matchesAny(m.vendor, d.vendor)) return undefined;
    score += 10;
  }
  if (m.connection?.length) {
    if (!d.connection || !m.connection.includes(d.connection.toLowerCase())) return undefined;
    score += 10;
  }
  return { device: d, score, exact };
}

/** Match one role. A role without any pattern matches every device of its kind (so several → ambiguous). */
export function matchRole(role: Role, inventory: Inventory): RoleMatch {
  if (role.device) return { role, status: 'fixed', candidates: [], uri: role.device };
  const candidates = inventory.devices
    .map((d) => scoreDevice(role, d))
    .filter((c): c is Candidate => c !== undefined)
    .sort((a, b) => b.score - a.score || a.device.name.localeCompare(b.device.name));
  if (!candidates.length) return { role, status: 'missing', candidates };
  const top = candidates.filter((c) => c.score === candidates[0].score);
  if (top.length === 1) return { role, status: 'matched', candidates, uri: top[0].device.uri, device: top[0].device };
  return { role, status: 'ambiguous', candidates: top };
}

/**
 * Match every role. One device may serve one role of a kind only once: when a device was already
 * chosen for an earlier role, later roles that would take it too become ambiguous (a person decides).
 */
export function matchRoles(roles: Role[], inventory: Inventory): RoleMatch[] {
  const out = roles.map((r) => matchRole(r, inventory));
  const taken = new Map<string, string>();
  for (const m of out) {
    if (m.status !== 'matched' || !m.uri) continue;
    const key = `${m.role.kind}\u0000${m.uri}`;
    if (taken.has(key)) {
      m.status = 'ambiguous';
      m.uri = undefined;
      m.device = undefined;
    } else taken.set(key, m.role.id);
  }
  return out;
}

/** Find a device by URI, else by exact name (case-insensitive), among devices of a kind. */
export function findDevice(inventory: Inventory, kind: Role['kind'], uriOrName: string): InventoryDevice | undefined {
  const ofKind = inventory.devices.filter((d) => d.kind === kind);
  return (
    ofKind.find((d) => d.uri === uriOrName) ?? ofKind.find((d) => d.name.toLowerCase() === uriOrName.toLowerCase())
  );
}
