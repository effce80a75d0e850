import { UsageError } from '../errors.js';

/** Comma-separated list option, repeatable: `--only a,b --only c`. */
export const list = (value: string, prev: string[] = []): string[] => [
  ...prev,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export const collect = (value: string, prev: string[] = []): string[] => [...prev, value];

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError('cli.badFormat', { format: value, allowed: allowed.join(', ') });
  return value as T;
}
