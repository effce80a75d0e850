/** `90`, `90s`, `30m`, `2h`, `1h30m` → ms; undefined when malformed or over 24 h. */
export function parseDuration(spec: string): number | undefined {
  const s = spec.trim().toLowerCase();
  if (/^\d+$/.test(s)) return check(Number(s) * 1000);
  const m = /^(?:(\d+)h)?(?:(\d+)m(?:in)?)?(?:(\d+)s)?$/.exec(s);
  if (!m || !s || (!m[1] && !m[2] && !m[3])) return undefined;
  return check(((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000);
}

const check = (ms: number) => (Number.isFinite(ms) && ms <= 86_400_000 ? ms : undefined);

/** `HH:MM`, 24-hour clock → [hour, minute]. */
export function parseClock(spec: string): [number, number] | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(spec.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}
