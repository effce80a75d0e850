// How this run must behave before commander has parsed anything: is it a monitoring-plugin run
// (stderr silent, every error an UNKNOWN line on stdout) and does it have a --timeout. Read from
// argv the way commander will read it, so that parse errors are reported in the right mode too.
import { Writable } from 'node:stream';
import { parseNumberOption } from '../number-option.js';

/** Program options that take a value (their value is not the command name). */
const VALUE_OPTIONS = new Set(['--lang', '--timeout']);

/** The first word that is not an option: the command name. */
function commandName(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return args[i + 1];
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** The value of `--name V` or `--name=V` (the last one wins, as in commander). */
export function optionValue(args: string[], name: string): string | undefined {
  let v: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--') break;
    if (args[i] === name) v = args[i + 1];
    else if (args[i].startsWith(`${name}=`)) v = args[i].slice(name.length + 1);
  }
  return v;
}

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());

/** `wardkit check` with --plugin, --format nagios or WARDKIT_PLUGIN=1. */
export function isPluginRun(args: string[], env: NodeJS.ProcessEnv): boolean {
  if (commandName(args) !== 'check') return false;
  const dashdash = args.indexOf('--');
  const opts = dashdash < 0 ? args : args.slice(0, dashdash);
  const format = optionValue(opts, '--format');
  // WARDKIT_PLUGIN=1 (set once in an agent's environment) gives way to an explicit --format.
  return opts.includes('--plugin') || format === 'nagios' || (format === undefined && truthy(env.WARDKIT_PLUGIN));
}

/** --timeout SECONDS: from a tenth of a second to a week (the one numeric-option parser). */
export const parseTimeout = (value: string): number =>
  parseNumberOption('--timeout', value, { min: 0.1, max: 7 * 24 * 3600 })!;

/** Where stderr goes in a quiet run. */
export const discard = (): Writable =>
  new Writable({
    write(_chunk, _enc, cb) {
      cb();
    },
  });
