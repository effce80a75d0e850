import { mkdir, rename, writeFile } from 'node:fs/promises';
import { MAX_TEXT_FILE_BYTES, readInput } from '../input-file.js';
import { dirname } from 'node:path';
import { Document, parse } from 'yaml';
import { WardkitError } from '../errors.js';

/** A ward's actual room, written by `wardkit apply` and read by `wardkit check --room`. */
export interface RoomFile {
  apiVersion: 'wardkit/v1';
  kind: 'Room';
  ward: string;
  name?: string;
  /** Bundled profile id or a path (relative to the room file). */
  profile: { id: string; file?: string; hash?: string };
  /** Role id → device URI. */
  devices: Record<string, string>;
  server?: { url?: string };
  [extra: string]: unknown;
}

export async function readRoomFile(file: string): Promise<RoomFile> {
  const text = await readInput(file, 'room', MAX_TEXT_FILE_BYTES, {
    notFound: () => new WardkitError('check.roomNotFound', { file }),
  });
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch (err) {
    throw new WardkitError('room.invalid', { file, detail: (err as Error).message.split('\n')[0] });
  }
  const r = data as Partial<RoomFile> | null;
  if (
    !r ||
    typeof r !== 'object' ||
    r.kind !== 'Room' ||
    typeof r.ward !== 'string' ||
    !r.profile ||
    typeof r.profile.id !== 'string'
  ) {
    throw new WardkitError('room.invalid', { file, detail: 'expected kind: Room with ward and profile.id' });
  }
  return { ...r, devices: r.devices ?? {} } as RoomFile;
}

/** What `wardkit apply` records besides the devices (all optional for readers). */
export interface RoomApplyRecord {
  /** Roles recorded as missing by the technician (or by --yes for optional roles). */
  missing?: string[];
  /** Per role: the settings now in place (`simulated: true` for a simulated device). Keys and values, never sentences. */
  settings?: Record<string, Record<string, string | number | boolean | null> | string>;
  /** What is left to do by hand, as message keys and parameters (rendered in the reader's language). */
  manualSteps?: Array<{
    role: string;
    setting: string;
    key: string;
    hintKey?: string;
    params?: Record<string, string | number | boolean | null | undefined>;
  }>;
  applied?: { at: string; host: string; by: string };
}

/** The room file's own keys, in the order they are written, so the file reads top-down like a form. */
export const ROOM_KEY_ORDER = [
  'apiVersion',
  'kind',
  'ward',
  'name',
  'profile',
  'server',
  'devices',
  'missing',
  'settings',
  'manualSteps',
  'applied',
];

/** The room file's text: a header comment (one line per entry) and YAML that never folds long names. */
export function renderRoomFile(room: RoomFile & RoomApplyRecord, header: string[] = []): string {
  const ordered: Record<string, unknown> = {};
  for (const k of ROOM_KEY_ORDER) if (room[k] !== undefined) ordered[k] = room[k];
  for (const [k, v] of Object.entries(room)) if (!(k in ordered) && v !== undefined) ordered[k] = v;
  const doc = new Document(ordered);
  if (header.length) doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}

/** Write atomically (temporary file + rename) so a check never reads half a room file. */
export async function writeRoomFile(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, file);
}

/** Same content apart from when it was written (`applied.at`)? */
export function sameRoomContent(a: Record<string, unknown> | undefined, b: Record<string, unknown>): boolean {
  if (!a) return false;
  const strip = (r: Record<string, unknown>) => {
    const applied =
      r.applied && typeof r.applied === 'object'
        ? { ...(r.applied as Record<string, unknown>), at: undefined }
        : r.applied;
    return JSON.stringify({ ...r, applied }, (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)))
        : v,
    );
  };
  return strip(a) === strip(b);
}
