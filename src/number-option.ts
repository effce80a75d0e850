// The one parser for numeric options, on the command line (`--duration 30`) and in the option
// objects the server modules take (`{ maxProbes: '8' }`). Absent (undefined, null) gives
// undefined so the caller applies its default; anything else that is not a finite number in
// [min, max] — an empty string too — is a usage error (exit 64), never a silent fall-back to the
// default.
import { UsageError } from './errors.js';

export interface NumberRange {
  min: number;
  max: number;
}

export function parseNumberOption(option: string, value: unknown, { min, max }: NumberRange): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) {
    const err = new UsageError('cli.badNumber', { option, value: String(value), min, max });
    // The key alone says little in a stack trace or to a programmatic caller: name the option.
    err.message = `cli.badNumber: ${option} "${String(value)}" is not a number from ${min} to ${max}`;
    throw err;
  }
  return n;
}
