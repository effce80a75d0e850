// Device match patterns of a profile role (`match.name`, `match.vendor`): a case-insensitive glob
// (`*` any run of characters, `?` one character, everything else literal, whole string) or a
// regular expression written `/…/flags` (flags from i, m, s, u; unanchored, as in JavaScript).
import type { DeviceMatch } from './types.js';

export type CompiledPattern = { ok: true; re: RegExp } | { ok: false; reason: string };

const REGEX_FORM = /^\/(.*)\/([a-z]*)$/s;

const compiled = new Map<string, CompiledPattern>();

/** Compile a pattern (memoised: profiles repeat the same patterns, a folder of rooms even more). */
export function compilePattern(pattern: string): CompiledPattern {
  let c = compiled.get(pattern);
  if (!c) {
    c = compileUncached(pattern);
    if (compiled.size > 5000) compiled.clear();
    compiled.set(pattern, c);
  }
  return c;
}

function compileUncached(pattern: string): CompiledPattern {
  const m = REGEX_FORM.exec(pattern);
  if (m && pattern.length >= 2) {
    const [, body, flags] = m;
    if (!/^[imsu]*$/.test(flags) || new Set(flags).size !== flags.length) return { ok: false, reason: `flags "${flags}"` };
    try {
      return { ok: true, re: new RegExp(body, flags) };
    } catch (err) {
      return { ok: false, reason: (err as Error).message.replace(/^Invalid regular expression: /, '') };
    }
  }
  const body = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
  return { ok: true, re: new RegExp(`^${body}$`, 'is') };
}

function regexOf(pattern: string): RegExp | null {
  const c = compilePattern(pattern);
  return c.ok ? c.re : null;
}

/** Does any of `patterns` match `text`? An invalid pattern matches nothing. */
export function matchesAny(patterns: readonly string[] | undefined, text: string | undefined): boolean {
  if (!patterns?.length || text === undefined) return false;
  return patterns.some((p) => regexOf(p)?.test(text) ?? false);
}

/**
 * Does a device fit a role's match rules? Name and vendor lists are alternatives (either may
 * match); a connection list, when given, must contain the device's connection. A role with no
 * name or vendor patterns matches nothing by itself (it must be bound explicitly).
 */
export function deviceMatches(match: DeviceMatch | undefined, device: { name?: string; vendor?: string; connection?: string }): boolean {
  if (!match) return false;
  const byName = matchesAny(match.name, device.name) || matchesAny(match.vendor, device.vendor);
  if (!byName) return false;
  if (match.connection?.length && device.connection !== undefined) return match.connection.includes(device.connection);
  return true;
}
