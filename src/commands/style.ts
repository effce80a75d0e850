import chalk, { Chalk } from 'chalk';
import { plainStyle, type Style } from '../report/render/text.js';

export function makeStyle(color: boolean): Style {
  if (!color) return plainStyle;
  const c = new Chalk({ level: chalk.level || 1 });
  return { ok: c.green, warn: c.yellow, bad: c.red, dim: c.gray, bold: c.bold };
}
