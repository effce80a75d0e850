// The bundled profiles as `wardkit profiles list` shows them: id, name, parents, roles, validity.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseProfileFile } from './parse.js';
import { BUNDLED_DIR, resolveProfileFile } from './resolve.js';
import { roleTitle } from './role-names.js';
import type { Localized } from './types.js';
import { localize, type Lang } from '../i18n/format.js';

export interface ProfileListEntry {
  id: string;
  name?: string;
  description?: string;
  file: string;
  extends?: string[];
  roles: Array<{ id: string; kind: string; required: boolean; name: string }>;
  valid: boolean;
}

/** The bundled profiles; names (`name: { vi, en }`) in `lang`. */
export async function listBundledProfiles(lang: Lang = 'en'): Promise<ProfileListEntry[]> {
  const files = readdirSync(BUNDLED_DIR)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort();
  const entries: ProfileListEntry[] = [];
  for (const f of files) {
    const file = join(BUNDLED_DIR, f);
    const { profile } = await resolveProfileFile(file);
    const raw = profile ? undefined : (await parseProfileFile(file)).data;
    const ext = profile?.source.chain.slice(0, -1);
    entries.push({
      id: profile?.id ?? String(raw?.id ?? f.replace(/\.ya?ml$/i, '')),
      name: localize(profile?.name ?? (raw?.name as Localized | undefined), lang),
      ...(profile?.description ? { description: profile.description } : {}),
      file,
      ...(ext?.length ? { extends: ext } : {}),
      roles: (profile?.roles ?? []).map((r) => ({
        id: r.id,
        kind: r.kind,
        required: r.required,
        name: roleTitle(r, { lang }),
      })),
      valid: Boolean(profile),
    });
  }
  return entries;
}
