// How terminal output is coloured: one small interface every text renderer takes (report, apply,
// profiles), so no renderer imports another one just for its colours.
import chalk, { Chalk } from 'chalk';

export interface Style {
  ok(s: string): string;
  warn(s: string): string;
  bad(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export const plainStyle: Style = { ok: (s) => s, warn: (s) => s, bad: (s) => s, dim: (s) => s, bold: (s) => s };

export function makeStyle(color: boolean): Style {
  if (!color) return plainStyle;
  const c = new Chalk({ level: chalk.level || 1 });
  return { ok: c.green, warn: c.yellow, bad: c.red, dim: c.gray, bold: c.bold };
}
