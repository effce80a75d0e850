// What `apply` changed, kept next to the room file (`<room>.undo.json`) so `--undo` can restore
// the state before wardkit's first apply: every changed setting's earlier value, and the room
// file's earlier text (null when there was none). A later apply merges into the same record and
// keeps the oldest `before` of each setting.
import { readFile, rm, writeFile } from 'node:fs/promises';
import type { Change } from '../platform/index.js';

export interface UndoEntry extends Change {
  via: string;
  at: string;
}

export interface UndoState {
  version: 1;
  /** The room file's text before the first apply; null: it did not exist. */
  previousRoom: string | null;
  changes: UndoEntry[];
}

export const undoPath = (roomFile: string): string => `${roomFile}.undo.json`;

export async function readUndo(roomFile: string): Promise<UndoState | undefined> {
  try {
    const s = JSON.parse(await readFile(undoPath(roomFile), 'utf8')) as UndoState;
    return s && s.version === 1 && Array.isArray(s.changes) ? s : undefined;
  } catch {
    return undefined;
  }
}

/** One setting identity: `default` is per kind and backend (one default sink), the others per device. */
const key = (c: Change) =>
  c.setting === 'default'
    ? `default\u0000${c.kind}\u0000${c.uri.slice(0, c.uri.indexOf(':'))}`
    : `${c.setting}\u0000${c.uri}`;

export function mergeUndo(prev: UndoState | undefined, previousRoom: string | null, applied: UndoEntry[]): UndoState {
  const state: UndoState = prev ? { ...prev, changes: [...prev.changes] } : { version: 1, previousRoom, changes: [] };
  for (const e of applied) {
    const i = state.changes.findIndex((x) => key(x) === key(e));
    if (i >= 0) state.changes[i] = { ...e, before: state.changes[i].before };
    else state.changes.push(e);
  }
  return state;
}

export async function writeUndo(roomFile: string, state: UndoState): Promise<void> {
  await writeFile(undoPath(roomFile), JSON.stringify(state, null, 2) + '\n', { encoding: 'utf8', mode: 0o600 });
}

export async function removeUndo(roomFile: string): Promise<void> {
  await rm(undoPath(roomFile), { force: true });
}

/** The change that puts one recorded entry back. */
export const reverse = (e: UndoEntry): Change => ({
  role: e.role,
  kind: e.kind,
  uri: e.uri,
  setting: e.setting,
  before: e.after,
  after: e.before,
});
