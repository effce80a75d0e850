// Test profiles on disk: the three lines every EquipmentProfile starts with, then the test's own body.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `apiVersion`, `kind` and `id`: three lines, so a body line N is line N + 3 in validation messages. */
export const profileHead = (id = 't') => `apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: ${id}\n`;

/** Write `dir/name` as the profile head plus `body` (YAML text); the id defaults to the file's name. Returns the path. */
export function writeProfile(dir: string, name: string, body = '', id = name.replace(/\.ya?ml$/, '')): string {
  const file = join(dir, name);
  writeFileSync(file, profileHead(id) + body);
  return file;
}
