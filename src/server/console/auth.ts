// Browser sessions of the console: the token pasted once lives in the `wardkit_admin` cookie
// (HttpOnly, SameSite=Strict, Secure over https; the name predates viewer tokens and is kept), and
// the page language comes from ?lang=, else the browser's first Accept-Language tag.
import type { IncomingMessage } from 'node:http';
import type { Lang } from '../../i18n/format.js';

export const ADMIN_COOKIE = 'wardkit_admin';

export function cookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** ?lang= wins, then the browser's first Accept-Language tag; Vietnamese by default. */
export function pageLang(query: string | null, acceptLanguage: string | undefined): Lang {
  if (query === 'vi' || query === 'en') return query;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}
