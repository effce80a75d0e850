// Who is calling: a ward token (Bearer) for intake; an admin token for the dashboard, the wards
// export and /metrics — as a Bearer header, or for browsers the `wardkit_admin` cookie, which
// `GET /dashboard?token=…` sets once (then redirects, so the token leaves the address bar).
import type { IncomingMessage } from 'node:http';
import { bearer, HttpError } from '../http.js';
import { sameToken, type ReportStore } from './store.js';

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

/** The admin token presented by header or cookie (not the query: that only sets the cookie). */
export const presentedAdmin = (req: IncomingMessage): string | undefined => bearer(req) ?? cookie(req, ADMIN_COOKIE);

export function isAdmin(token: string | undefined, store: ReportStore, configured: string | undefined): boolean {
  if (!token) return false;
  if (sameToken(token, configured)) return true;
  return store.authenticate(token)?.admin === true;
}

export function requireAdmin(req: IncomingMessage, store: ReportStore, configured: string | undefined): void {
  if (!isAdmin(presentedAdmin(req), store, configured))
    throw new HttpError(401, 'admin token required', { 'www-authenticate': 'Bearer realm="wardkit"' });
}
