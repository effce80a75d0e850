// Device-name patterns of profiles: a glob (`*Samsung*`, case-insensitive) or a regex `/…/flags`.
export function patternToRegExp(p: string): RegExp {
  const re = /^\/(.*)\/([a-z]*)$/s.exec(p);
  if (re) return new RegExp(re[1], re[2]);
  const body = p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

export const matchesAny = (patterns: string[] | undefined, values: Array<string | undefined>): boolean =>
  !patterns?.length || patterns.some((p) => values.some((v) => v !== undefined && patternToRegExp(p).test(v)));
