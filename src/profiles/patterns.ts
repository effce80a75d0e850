// Device match patterns (a profile role's `match.name` / `match.vendor`, the `display:NAME` URI):
// the one implementation, used by profile validation, `apply` and the display check. A pattern is
// a case-insensitive glob (`*` any run of characters, `?` one character, everything else literal,
// whole string; flags i, s, u so that `*` crosses line breaks and `?` is one code point) or a
// regular expression written `/…/flags` (flags from i, m, s, u; unanchored, as in JavaScript).
// A pattern that does not compile matches nothing (profile validation reports it first).
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
    if (!/^[imsu]*$/.test(flags) || new Set(flags).size !== flags.length)
      return { ok: false, reason: `flags "${flags}"` };
    try {
      return { ok: true, re: new RegExp(body, flags) };
    } catch (err) {
      return { ok: false, reason: (err as Error).message.replace(/^Invalid regular expression: /, '') };
    }
  }
  const body = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return { ok: true, re: new RegExp(`^${body}$`, 'isu') };
}

/** Does `pattern` match `value`? A missing value, or a pattern that does not compile, never matches. */
export function patternMatches(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  const c = compilePattern(pattern);
  return c.ok && c.re.test(value);
}

/**
 * Does any of `patterns` match any of `values`? An empty or absent list matches nothing: "any of
 * none" is false. A caller for which an absent criterion means "no constraint" (a role without
 * `match.vendor` accepts every vendor) says so where it calls: `!list?.length || matchesAny(…)`.
 */
export function matchesAny(
  patterns: readonly string[] | undefined,
  values: string | undefined | ReadonlyArray<string | undefined>,
): boolean {
  if (!patterns?.length) return false;
  const vs = typeof values === 'string' || values === undefined ? [values] : values;
  return patterns.some((p) => vs.some((v) => patternMatches(p, v)));
}

/**
 * Does a device fit a role's match rules? Name and vendor lists are alternatives (either may
 * match); a connection list, when given, must contain the device's connection. A role with no
 * name or vendor patterns matches nothing by itself (it must be bound explicitly).
 */
export function deviceMatches(
  match: DeviceMatch | undefined,
  device: { name?: string; vendor?: string; connection?: string },
): boolean {
  if (!match) return false;
  const byName = matchesAny(match.name, device.name) || matchesAny(match.vendor, device.vendor);
  if (!byName) return false;
  if (match.connection?.length && device.connection !== undefined) return match.connection.includes(device.connection);
  return true;
}
