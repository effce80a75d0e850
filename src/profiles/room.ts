import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
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
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new WardkitError('check.roomNotFound', { file });
  }
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch (err) {
    throw new WardkitError('room.invalid', { file, detail: (err as Error).message.split('\n')[0] });
  }
  const r = data as Partial<RoomFile> | null;
  if (!r || typeof r !== 'object' || r.kind !== 'Room' || typeof r.ward !== 'string' || !r.profile || typeof r.profile.id !== 'string') {
    throw new WardkitError('room.invalid', { file, detail: 'expected kind: Room with ward and profile.id' });
  }
  return { ...r, devices: r.devices ?? {} } as RoomFile;
}
