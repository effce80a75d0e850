// `wardkit apply`: discover → match → decide → plan → apply → write the room file and the undo
// record. Every dependency that touches the outside (device discovery, prompts, platform actions,
// clock, host name) is injectable, so the flow is tested with real parts where they exist here
// (PulseAudio, files) and the rest behind the same interfaces.
import { explainError } from '../i18n/system-errors.js';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { EXIT, UsageError, WardkitError } from '../errors.js';
import type { Formatter } from '../i18n/format.js';
import type { Inventory } from '../media/inventory.js';
import {
  actionsFor as defaultActionsFor,
  type AppliedChange,
  type Change,
  type ManualStep,
  type PlatformActions,
} from '../platform/index.js';
import { loadProfile } from '../profiles/resolve.js';
import {
  ROOM_KEY_ORDER,
  readRoomFile,
  renderRoomFile,
  sameRoomContent,
  writeRoomFile,
  type RoomApplyRecord,
  type RoomFile,
} from '../profiles/room.js';
import type { ResolvedProfile } from '../profiles/types.js';
import { VERSION } from '../version.js';
import { roleTitle } from '../profiles/role-names.js';
import { readAnswers, type Answers } from './answers.js';
import { preBind, type Binding, type PendingDecision } from './decide.js';
import { matchRoles } from './match.js';
import { buildPlan, type Plan } from './plan.js';
import type { Prompter } from './prompt.js';
import {
  defaultInventorySource,
  emptyInventory,
  needsDiscovery,
  type InventorySource,
} from '../media/inventory-source.js';
import { mergeUndo, readUndo, removeUndo, reverse, writeUndo, type UndoEntry } from './undo.js';

export interface ApplyOptions {
  profile?: string;
  ward: string;
  wardName?: string;
  roomFile?: string;
  plan?: boolean;
  yes?: boolean;
  answers?: string;
  undo?: boolean;
}

export interface ApplyDeps {
  t: Formatter;
  /** Is there a person at a terminal to answer prompts? */
  interactive: boolean;
  prompter?: Prompter;
  source?: InventorySource;
  actionsFor?: (uri: string) => Promise<PlatformActions>;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  now?: () => Date;
  hostname?: string;
  cwd?: string;
  /** Progress lines (stderr). */
  log?: (line: string) => void;
}

/** A binding as shown in plans, results and JSON. */
export interface BindingView {
  role: string;
  /** What people call the role, in the interface language. */
  title: string;
  kind: string;
  required: boolean;
  uri?: string;
  name?: string;
  how: Binding['how'];
  previousUri?: string;
}

export interface PendingView {
  role: string;
  title: string;
  kind: string;
  required: boolean;
  status: 'ambiguous' | 'missing';
  choices: Array<{ uri: string; name: string }>;
}

export interface PlanView {
  mode: 'plan';
  ward: string;
  roomFile: string;
  profile: { id: string; hash: string };
  bindings: BindingView[];
  pending: PendingView[];
  simulated: string[];
  settings: Array<Change & { ok: boolean; actions: string; tool?: string }>;
  /** Would the room file change? */
  roomChanges: boolean;
  /** Required roles with no device at all: the room cannot match the profile (exit 1). */
  missingRequired: string[];
}

export interface ApplyResultView {
  mode: 'apply';
  ward: string;
  roomFile: string;
  profile: { id: string; hash: string };
  /** False: "no changes" — nothing applied, room file not rewritten. */
  changed: boolean;
  roomWritten: boolean;
  bindings: BindingView[];
  simulated: string[];
  applied: Array<Change & { via: string }>;
  manual: ManualStep[];
  missing: string[];
  /** Required roles left without a device: the room does not match the profile (exit 1). */
  missingRequired: string[];
}

export interface UndoResultView {
  mode: 'undo';
  roomFile: string;
  restored: Array<Change & { via: string }>;
  manual: ManualStep[];
  room: 'restored' | 'removed' | 'unchanged';
}

export type ApplyOutcome = PlanView | ApplyResultView | UndoResultView;

export const defaultRoomPath = (ward: string, cwd = process.cwd()): string =>
  resolve(cwd, 'rooms', `${ward.replace(/[^\p{L}\p{N}._-]+/gu, '_')}.yaml`);

async function readTextIfAny(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

const view = (t: Formatter, b: Binding, previous: Record<string, string>): BindingView => ({
  role: b.role.id,
  title: roleTitle(b.role, t),
  kind: b.role.kind,
  required: b.role.required,
  uri: b.uri,
  name: b.name,
  how: b.how,
  previousUri: previous[b.role.id],
});

const pendingView = (t: Formatter, p: PendingDecision): PendingView => ({
  role: p.match.role.id,
  title: roleTitle(p.match.role, t),
  kind: p.match.role.kind,
  required: p.match.role.required,
  status: p.match.status === 'ambiguous' ? 'ambiguous' : 'missing',
  choices: p.choices.map((d) => ({ uri: d.uri, name: d.name })),
});

/** One line per undecided role, for the exit-1 (--yes) and exit-64 (no terminal) messages. */
export function describePending(t: Formatter, pending: PendingView[]): string {
  return pending
    .map((p) =>
      t(
        p.status === 'ambiguous'
          ? 'apply.pending.ambiguous'
          : p.choices.length
            ? 'apply.pending.missing'
            : 'apply.pending.none',
        {
          role: p.role,
          title: p.title,
          kind: t(`apply.kind.${p.kind}`),
          choices: p.choices.map((c) => `${c.uri} (${c.name})`).join(', ') || '—',
        },
      ),
    )
    .join('\n');
}

export async function runApply(o: ApplyOptions, deps: ApplyDeps): Promise<ApplyOutcome> {
  const { t } = deps;
  const cwd = deps.cwd ?? process.cwd();
  const roomPath = o.roomFile ? resolve(cwd, o.roomFile) : defaultRoomPath(o.ward, cwd);
  const shown = o.roomFile ?? relative(cwd, roomPath);
  const aOpts = { env: deps.env, signal: deps.signal };
  const getActions = deps.actionsFor ?? ((uri: string) => defaultActionsFor(uri));
  if (o.undo) return { ...(await runUndo(roomPath, getActions, aOpts)), roomFile: shown };
  if (!o.profile) throw new UsageError('apply.needProfile');

  const profile = await loadProfile(o.profile, cwd);
  const existingText = await readTextIfAny(roomPath);
  const existing: RoomFile | undefined = existingText === null ? undefined : await readRoomFile(roomPath);
  if (existing && existing.ward !== o.ward)
    throw new WardkitError('apply.otherWard', { file: roomPath, ward: existing.ward, wanted: o.ward });
  const answers: Answers = o.answers ? await readAnswers(resolve(cwd, o.answers)) : {};

  // Unattended without a decision path: never wait on a prompt.
  if (!o.plan && !deps.interactive && !o.yes && !o.answers) throw new UsageError('apply.noTerminal');

  let inventory: Inventory = emptyInventory();
  if (needsDiscovery(profile.roles)) {
    deps.log?.(t('apply.discovering'));
    inventory = await (deps.source ?? defaultInventorySource)(aOpts);
    for (const u of inventory.unavailable)
      deps.log?.(
        t('apply.sourceUnavailable', {
          source: u.source,
          reason: u.reason,
          why: explainError(u.reason, /pulse|pactl|pipewire/i.test(u.source) ? 'audio' : 'device').key,
        }),
      );
  }
  const matches = matchRoles(profile.roles, inventory);
  const { bindings, pending } = preBind(matches, inventory, existing, answers);
  const previous = existing?.devices ?? {};

  if (o.plan) {
    const plan = await buildPlan(bindings, previous, { ...aOpts, actionsFor: getActions });
    const room = roomRecord(o, profile, roomPath, existing, plan, [], deps);
    return {
      mode: 'plan',
      ward: o.ward,
      roomFile: shown,
      profile: { id: profile.id, hash: profile.source.hash },
      bindings: bindings.map((b) => view(t, b, previous)),
      pending: pending.map((p) => pendingView(t, p)),
      simulated: plan.roles.filter((r) => r.actions === 'simulated').map((r) => r.binding.role.id),
      settings: plan.roles.flatMap((r) =>
        r.settings.map((s) => ({ ...s.change, ok: s.ok, actions: r.actions, tool: r.tool })),
      ),
      roomChanges: !sameRoomContent(existing as Record<string, unknown> | undefined, room),
      missingRequired: profile.roles
        .filter(
          (r) =>
            r.required &&
            !bindings.some((b) => b.role.id === r.id && b.uri) &&
            !pending.some((p) => p.match.role.id === r.id && p.choices.length),
        )
        .map((r) => r.id),
    };
  }

  if (pending.length) {
    const views = pending.map((p) => pendingView(t, p));
    if (o.yes) {
      // A choice among devices needs a person; a role with no device at all is recorded as
      // missing (the room file says so and the exit code is 1), so the rest is still applied.
      const ambiguous = views.filter((p) => p.required && p.choices.length);
      if (ambiguous.length)
        throw new WardkitError('apply.needsDecision', { list: describePending(t, ambiguous) }, EXIT.INVALID);
      const missingNow = views.filter((p) => p.required);
      if (missingNow.length) deps.log?.(describePending(t, missingNow));
    } else if (!deps.interactive || !deps.prompter) {
      throw new UsageError('apply.needsAnswers', {
        list: describePending(t, views),
        roles: views.map((p) => p.role).join(', '),
      });
    }
    for (const p of pending) {
      if (o.yes) bindings.push({ role: p.match.role, how: 'missing' });
      else {
        const uri = await deps.prompter!.chooseDevice(p);
        const dev = p.choices.find((d) => d.uri === uri);
        bindings.push(
          uri ? { role: p.match.role, uri, name: dev?.name, how: 'chosen' } : { role: p.match.role, how: 'missing' },
        );
      }
    }
    // Keep the profile's role order.
    const order = new Map(profile.roles.map((r, i) => [r.id, i]));
    bindings.sort((a, b) => order.get(a.role.id)! - order.get(b.role.id)!);
  }

  const plan = await buildPlan(bindings, previous, { ...aOpts, actionsFor: getActions });
  if (deps.interactive && !o.yes && !o.answers && deps.prompter && (plan.changes.length || plan.rebound.length)) {
    // The question lists what it asks about: every device change and every setting change.
    const titleOf = (id: string) => {
      const role = profile.roles.find((r) => r.id === id);
      return role ? roleTitle(role, t) : id;
    };
    const lines = [
      ...plan.rebound.map(
        (r) => `  • ${titleOf(r.binding.role.id)}: ${r.previousUri ?? '—'} → ${r.binding.uri ?? t('device.unbound')}`,
      ),
      ...plan.changes.map(
        (c) =>
          `  • ${titleOf(c.role)}: ${t(`apply.setting.${c.setting}`)} ${fmtValue(t, c.setting, c.before)} → ${fmtValue(t, c.setting, c.after)}`,
      ),
    ];
    const ok = await deps.prompter.confirm(
      `${t('apply.confirm', { changes: plan.changes.length, room: shown })}\n${lines.join('\n')}\n`,
    );
    if (!ok) throw new WardkitError('apply.cancelled', {}, EXIT.INVALID);
  }

  const applied: AppliedChange[] = [];
  const manual: ManualStep[] = [];
  for (const c of plan.changes) {
    const actions = await getActions(c.uri);
    const r = await actions.apply(c, aOpts);
    if (r.type === 'applied') applied.push(r);
    else manual.push(r);
  }

  const room = roomRecord(o, profile, roomPath, existing, plan, manual, deps);
  const roomWritten = !sameRoomContent(existing as Record<string, unknown> | undefined, room);
  if (roomWritten) await writeRoomFile(roomPath, renderRoomFile(room, roomHeader(t, o.ward, profile.id)));
  if (roomWritten || applied.length) {
    const at = new Date().toISOString();
    const entries: UndoEntry[] = applied.map((a) => ({ ...a.change, via: a.via, at }));
    await writeUndo(roomPath, mergeUndo(await readUndo(roomPath), existingText, entries));
  }
  const missing = bindings.filter((b) => !b.uri).map((b) => b.role.id);
  const missingRequired = bindings.filter((b) => !b.uri && b.role.required).map((b) => b.role.id);
  return {
    mode: 'apply',
    ward: o.ward,
    roomFile: shown,
    profile: { id: profile.id, hash: profile.source.hash },
    changed: roomWritten || applied.length > 0,
    roomWritten,
    bindings: bindings.map((b) => view(t, b, previous)),
    simulated: plan.roles.filter((r) => r.actions === 'simulated').map((r) => r.binding.role.id),
    applied: applied.map((a) => ({ ...a.change, via: a.via })),
    manual,
    missing,
    missingRequired,
  };
}

export function fmtValue(t: Formatter, setting: string, v: unknown): string {
  if (v === null || v === undefined) return '?';
  if (typeof v === 'boolean') return t(v ? 'apply.value.yes' : 'apply.value.no');
  if (setting === 'volume') return `${v} %`;
  return String(v);
}

function roomHeader(t: Formatter, ward: string, profileId: string): string[] {
  return t('apply.room.header', { ward, profile: profileId }).split('\n');
}

// The keys apply itself writes; anything else a technician added to the room file is kept.
const KNOWN = new Set<string>(ROOM_KEY_ORDER);

function roomRecord(
  o: ApplyOptions,
  profile: ResolvedProfile,
  roomPath: string,
  existing: RoomFile | undefined,
  plan: Plan,
  manual: ManualStep[],
  deps: ApplyDeps,
): RoomFile & RoomApplyRecord {
  const devices: Record<string, string> = {};
  const settings: NonNullable<RoomApplyRecord['settings']> = {};
  const manualChanges = new Set(manual.map((m) => m.change));
  for (const r of plan.roles) {
    const id = r.binding.role.id;
    if (r.binding.uri) devices[id] = r.binding.uri;
    if (r.actions === 'simulated') settings[id] = { simulated: true };
    else if (r.settings.length) {
      const inPlace: Record<string, string | number | boolean | null> = {};
      for (const s of r.settings) {
        if (manualChanges.has(s.change)) continue;
        // Settings planned but not applied (plan mode) are shown as their target.
        inPlace[s.change.setting] = s.change.setting === 'default' ? true : s.change.after;
      }
      if (Object.keys(inPlace).length) settings[id] = inPlace;
    }
  }
  const missing = plan.roles.filter((r) => !r.binding.uri).map((r) => r.binding.role.id);
  const file =
    !profile.source.builtin && profile.source.file
      ? relative(dirname(roomPath), profile.source.file) || profile.source.file
      : undefined;
  const extras = Object.fromEntries(Object.entries(existing ?? {}).filter(([k]) => !KNOWN.has(k)));
  const room: RoomFile & RoomApplyRecord = {
    apiVersion: 'wardkit/v1',
    kind: 'Room',
    ward: o.ward,
    name: o.wardName ?? existing?.name,
    profile: { id: profile.id, ...(file ? { file } : {}), hash: profile.source.hash },
    server: existing?.server,
    devices,
    ...(missing.length ? { missing } : {}),
    ...(Object.keys(settings).length ? { settings } : {}),
    ...(manual.length
      ? {
          manualSteps: manual.map((m) => ({
            role: m.change.role,
            setting: m.change.setting,
            key: m.key,
            ...(m.hintKey ? { hintKey: m.hintKey } : {}),
            ...(m.params ? { params: m.params } : {}),
          })),
        }
      : {}),
    ...extras,
    applied: {
      at: (deps.now ?? (() => new Date()))().toISOString(),
      host: deps.hostname ?? os.hostname(),
      by: `wardkit ${VERSION}`,
    },
  };
  for (const k of Object.keys(room)) if (room[k] === undefined) delete room[k];
  return room;
}

async function runUndo(
  roomPath: string,
  getActions: (uri: string) => Promise<PlatformActions>,
  aOpts: { env?: NodeJS.ProcessEnv; signal?: AbortSignal },
): Promise<UndoResultView> {
  const state = await readUndo(roomPath);
  if (!state) throw new WardkitError('apply.undo.nothing', { file: roomPath });
  const restored: Array<Change & { via: string }> = [];
  const manual: ManualStep[] = [];
  for (const e of [...state.changes].reverse()) {
    const back = reverse(e);
    if (back.after === null) continue; // the earlier value was unknown: nothing to restore it to
    const r = await (await getActions(back.uri)).apply(back, aOpts);
    if (r.type === 'applied') restored.push({ ...back, via: r.via });
    else manual.push(r);
  }
  let room: UndoResultView['room'] = 'unchanged';
  if (state.previousRoom === null) {
    if ((await readTextIfAny(roomPath)) !== null) {
      await rm(roomPath, { force: true });
      room = 'removed';
    }
  } else {
    await writeRoomFile(roomPath, state.previousRoom);
    room = 'restored';
  }
  await removeUndo(roomPath);
  return { mode: 'undo', roomFile: roomPath, restored, manual, room };
}
