// The plan: which device each role gets (before → after) and which settings change (before →
// after). Building it reads the current state and changes nothing.
import { isSimulated } from '../media/uri.js';
import {
  actionsFor,
  type ActionOptions,
  type Change,
  type DeviceState,
  type PlatformActions,
  type SettingKey,
  type SettingValue,
} from '../platform/index.js';
import type { Role } from '../profiles/types.js';
import type { Binding } from './decide.js';

/** The values the profile asks for, per setting, for a role bound to `uri`. */
export function desiredSettings(role: Role, uri: string): Array<[SettingKey, SettingValue]> {
  const s = role.settings ?? {};
  const out: Array<[SettingKey, SettingValue]> = [];
  if (role.kind === 'speaker' || role.kind === 'microphone') {
    if (s.setDefault) out.push(['default', uri]);
    if (s.volume !== undefined) out.push(['volume', Math.round(s.volume)]);
    if (s.unmute) out.push(['muted', false]);
  } else if (role.kind === 'camera') {
    if (s.resolution) out.push(['resolution', s.resolution]);
    if (s.frameRate !== undefined) out.push(['frameRate', s.frameRate]);
    if (s.autofocus !== undefined) out.push(['autofocus', s.autofocus]);
  } else if (role.kind === 'display') {
    if (s.resolution) out.push(['displayMode', s.resolution]);
  }
  return out;
}

export interface SettingPlan {
  change: Change;
  /** Already at the wanted value: nothing to do. */
  ok: boolean;
}

export interface RolePlan {
  binding: Binding;
  /** Device URI in the existing room file (undefined: none). */
  previousUri?: string;
  /** `simulated`: nothing to apply; `none`: no device (missing); else the actions' id. */
  actions: 'simulated' | 'none' | string;
  /** The tool that will make the changes, as the actions describe it (e.g. `pactl 16.1`). */
  tool?: string;
  settings: SettingPlan[];
}

export interface Plan {
  roles: RolePlan[];
  /** Settings that will be changed (not already ok). */
  changes: Change[];
  /** Roles whose binding differs from the existing room file. */
  rebound: RolePlan[];
}

const same = (a: SettingValue | undefined, b: SettingValue): boolean =>
  typeof b === 'number' && typeof a === 'number' ? Math.abs(a - b) < 0.5 : a === b;

export interface PlanDeps {
  actionsFor?: (uri: string) => Promise<PlatformActions>;
}

export async function buildPlan(
  bindings: Binding[],
  previous: Record<string, string>,
  o: ActionOptions & PlanDeps = {},
): Promise<Plan> {
  const getActions = o.actionsFor ?? ((uri: string) => actionsFor(uri));
  const roles: RolePlan[] = [];
  const tools = new Map<string, Promise<string>>();
  for (const b of bindings) {
    const previousUri = previous[b.role.id];
    if (!b.uri) {
      roles.push({ binding: b, previousUri, actions: 'none', settings: [] });
      continue;
    }
    if (isSimulated(b.uri)) {
      roles.push({ binding: b, previousUri, actions: 'simulated', settings: [] });
      continue;
    }
    const wanted = desiredSettings(b.role, b.uri);
    const actions = await getActions(b.uri);
    const state: DeviceState = wanted.length ? await actions.getState(b.role.kind, b.uri, o) : {};
    const settings = wanted.map(([setting, after]): SettingPlan => {
      const before = state[setting] ?? null;
      return {
        change: { role: b.role.id, kind: b.role.kind, uri: b.uri!, setting, before, after },
        ok: before !== null && same(before, after),
      };
    });
    if (wanted.length && !tools.has(actions.id)) tools.set(actions.id, actions.describe(o));
    roles.push({
      binding: b,
      previousUri,
      actions: actions.id,
      tool: wanted.length ? await tools.get(actions.id) : undefined,
      settings,
    });
  }
  // Defaults first: on some platforms volume and mute can only be set on the default device.
  const order = (c: Change) => (c.setting === 'default' ? 0 : 1);
  const changes = roles
    .flatMap((r) => r.settings.filter((s) => !s.ok).map((s) => s.change))
    .sort((a, b) => order(a) - order(b));
  const rebound = roles.filter((r) => r.previousUri !== r.binding.uri);
  return { roles, changes, rebound };
}
