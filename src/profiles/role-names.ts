// What people call a role: the profile's name for it in their language (`name: { vi: Camera phòng,
// en: Room camera }`), else the device kind in their language — never the profile's free-text
// description, which is written in one language only.
import { catalogs } from '../i18n/catalog/index.js';
import { localize, type Formatter, type Lang } from '../i18n/format.js';
import type { Role } from './types.js';

/** The role's title in the reader's language. */
export function roleTitle(role: Pick<Role, 'name' | 'kind'>, t: Pick<Formatter, 'lang'>): string {
  return localize(role.name, t.lang) ?? catalogs[t.lang][`kind.${role.kind}`] ?? role.kind;
}

/** The role's title in every interface language (stored in reports so any reader's language works). */
export function roleNames(role: Pick<Role, 'name' | 'kind'>): Record<Lang, string> {
  return { vi: roleTitle(role, { lang: 'vi' }), en: roleTitle(role, { lang: 'en' }) };
}
