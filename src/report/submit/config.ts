// Where submission gets its settings: the ward token from WARDKIT_TOKEN or the config file, the
// server URL and the spool folder. A config file that holds a token must be private (mode 0600):
// one readable by the group or others is refused, never silently used.
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { WardkitError } from '../../errors.js';

export interface SubmitConfig {
  token?: string;
  server?: string;
  spool: string;
  /** Where the token came from, for messages (never the token itself). */
  tokenSource?: 'env' | 'config' | 'demo';
  configFile?: string;
}

export function defaultConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.WARDKIT_CONFIG) return env.WARDKIT_CONFIG;
  if (process.platform === 'win32')
    return join(env.APPDATA ?? join(os.homedir(), 'AppData', 'Roaming'), 'wardkit', 'config.yaml');
  return join(env.XDG_CONFIG_HOME || join(os.homedir(), '.config'), 'wardkit', 'config.yaml');
}

export function defaultSpoolDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.WARDKIT_SPOOL) return env.WARDKIT_SPOOL;
  if (process.platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(os.homedir(), 'AppData', 'Local'), 'wardkit', 'spool');
  return join(env.XDG_STATE_HOME || join(os.homedir(), '.local', 'state'), 'wardkit', 'spool');
}

/** Refuse a config file others can read (POSIX; on Windows ACLs decide and mode bits mean nothing). */
export function assertPrivate(file: string, mode: number): void {
  if (process.platform === 'win32') return;
  if ((mode & 0o077) !== 0) {
    throw new WardkitError('submit.configNotPrivate', { file, mode: (mode & 0o777).toString(8).padStart(4, '0') });
  }
}

export interface ConfigSources {
  /** --config FILE: must exist. */
  configFile?: string;
  server?: string;
  spool?: string;
  env?: NodeJS.ProcessEnv;
}

export function loadSubmitConfig(src: ConfigSources): SubmitConfig {
  const env = src.env ?? process.env;
  const file = src.configFile ?? defaultConfigFile(env);
  let fromFile: { token?: unknown; server?: unknown; spool?: unknown } = {};
  let st;
  try {
    st = statSync(file);
  } catch {
    if (src.configFile) throw new WardkitError('submit.configMissing', { file });
  }
  if (st) {
    assertPrivate(file, st.mode);
    try {
      fromFile = (parse(readFileSync(file, 'utf8')) as typeof fromFile) ?? {};
    } catch (err) {
      // The YAML parser's message may quote the file's text, i.e. the token: keep only the position.
      const pos = (err as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
      throw new WardkitError('submit.configInvalid', { file, detail: pos ? `line ${pos}` : 'not YAML' });
    }
    if (typeof fromFile !== 'object' || Array.isArray(fromFile))
      throw new WardkitError('submit.configInvalid', { file, detail: 'expected a mapping' });
  }
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const envToken = str(env.WARDKIT_TOKEN);
  const fileToken = str(fromFile.token);
  // A token must be one printable word (it goes into an HTTP header); never quote it back.
  const token = envToken ?? fileToken;
  if (token && !/^[\x21-\x7e]{8,512}$/.test(token))
    throw new WardkitError('submit.badToken', { source: envToken ? 'WARDKIT_TOKEN' : file });
  return {
    token,
    tokenSource: envToken ? 'env' : fileToken ? 'config' : undefined,
    server: src.server ?? str(env.WARDKIT_SERVER) ?? str(fromFile.server),
    spool: src.spool ?? str(env.WARDKIT_SPOOL) ?? str(fromFile.spool) ?? defaultSpoolDir(env),
    configFile: st ? file : undefined,
  };
}
