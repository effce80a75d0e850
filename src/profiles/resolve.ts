import { createHash } from 'node:crypto';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, relative, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WardkitError } from '../errors.js';
import {
  DEFAULT_CALL,
  DEFAULT_CHECK_POLICIES,
  DEFAULT_NETWORK,
  DEFAULT_RECORDING,
  DEFAULT_THRESHOLDS,
} from './defaults.js';
import { closest } from '../i18n/suggest.js';
import { isError, ProfileError, type Diagnostic } from './diagnostics.js';
import { parseProfileFile, type ParsedProfile } from './parse.js';
import { fileDiagnostics, semanticDiagnostics } from './rules.js';
import type { ResolvedProfile, Role } from './types.js';

/** Folder of the bundled profiles (`profiles/` at the package root). */
export const BUNDLED_DIR = resolvePath(dirname(fileURLToPath(import.meta.url)), '../../profiles');

export function bundledProfilePath(id: string): string | undefined {
  const p = join(BUNDLED_DIR, `${id}.yaml`);
  return /^[a-z0-9][a-z0-9-]*$/.test(id) && existsSync(p) ? p : undefined;
}

/** The bundled profile closest to a mistyped reference (`ward-standrad` → `ward-standard`), if any. */
export function suggestProfile(ref: string): string | undefined {
  let ids: string[] = [];
  try {
    ids = readdirSync(BUNDLED_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5));
  } catch {
    return undefined;
  }
  return closest(
    ref
      .replace(/\.ya?ml$/i, '')
      .split(/[/\\]/)
      .pop() ?? ref,
    ids,
  );
}

/** A profile reference is a bundled id or a path. Paths win when the file exists. */
export function locateProfile(ref: string, baseDir = process.cwd()): string | undefined {
  const asPath = isAbsolute(ref) ? ref : resolvePath(baseDir, ref);
  if (/[/\\.]/.test(ref) && existsSync(asPath)) return asPath;
  return bundledProfilePath(ref) ?? (existsSync(asPath) ? asPath : undefined);
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge: maps merge, everything else (arrays included) is replaced by the child. */
export function deepMerge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isPlain(v) && isPlain(out[k]) ? deepMerge(out[k] as Plain, v) : v;
  }
  return out;
}

/** Roles merge by id: a child's role with a parent's id refines it; new ids are appended. */
function mergeRoles(base: Plain[], over: Plain[]): Plain[] {
  const out = base.map((r) => ({ ...r }));
  for (const r of over) {
    const i = out.findIndex((b) => b.id === r.id);
    if (i >= 0) out[i] = deepMerge(out[i], r);
    else out.push(r);
  }
  return out;
}

interface Loaded {
  parsed: ParsedProfile;
  merged: Plain;
  chain: string[];
  /** Every file of the chain, parents first, this one last (for positions of inherited values). */
  files: ParsedProfile[];
}

/**
 * Parents (files reached through `extends`) parsed in this process, keyed by path and checked
 * against the file's size, mtime and inode: validating a folder of 80 rooms that all extend
 * ward-standard parses ward-standard once. The file named by the caller is always read afresh.
 */
const parentCache = new Map<string, { stamp: string; parsed: ParsedProfile }>();
const PARENT_CACHE_MAX = 256;

async function parseParent(file: string): Promise<ParsedProfile> {
  let stamp: string;
  try {
    // Synchronous, as in parse.ts: a thread-pool round trip per file costs more than the stat.
    const st = statSync(file);
    stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    return parseProfileFile(file);
  }
  const hit = parentCache.get(file);
  if (hit && hit.stamp === stamp) return hit.parsed;
  const parsed = await parseProfileFile(file);
  if (parentCache.size >= PARENT_CACHE_MAX) parentCache.delete(parentCache.keys().next().value as string);
  parentCache.set(file, { stamp, parsed });
  return parsed;
}

/**
 * Folders an `extends` path may point into: the folder of the profile being resolved (and below),
 * and those listed in WARDKIT_PROFILE_PATH. Anything else (`../../../../etc/shadow`) is refused
 * before it is read, so no foreign file's lines ever reach a diagnostic.
 */
function allowedRoots(rootFile: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = (env.WARDKIT_PROFILE_PATH ?? '').split(delimiter).filter(Boolean);
  return [dirname(rootFile), ...extra].map((d) => real(resolvePath(d)));
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

const inside = (file: string, root: string) => {
  const r = relative(root, file);
  return r !== '' && !r.startsWith('..') && !isAbsolute(r);
};

type Memo = Map<string, Promise<Loaded | undefined>>;

async function loadChain(
  file: string,
  stack: string[],
  diags: Diagnostic[],
  memo: Memo = new Map(),
  roots: string[] = allowedRoots(file),
): Promise<Loaded | undefined> {
  const parsed = stack.length ? await parseParent(file) : await parseProfileFile(file);
  if (parsed.diagnostics.length || !parsed.data) {
    diags.push(...parsed.diagnostics);
    return undefined;
  }
  const own = fileDiagnostics(parsed);
  if (own.length) {
    diags.push(...own);
    return undefined;
  }
  const data = parsed.data;
  const parents =
    data.extends === undefined
      ? []
      : Array.isArray(data.extends)
        ? (data.extends as string[])
        : [data.extends as string];
  let merged: Plain = {};
  const chain: string[] = [];
  const files: ParsedProfile[] = [];
  for (const [i, ref] of parents.entries()) {
    // Only on error: the position needs the Document, which a valid file never builds (parse.ts).
    const pos = () => parsed.lineCounter.linePos(extendsOffset(parsed, Array.isArray(data.extends) ? i : undefined));
    const parentFile = locateProfile(ref, dirname(file));
    if (!parentFile) {
      const { line, col } = pos();
      const hint = suggestProfile(ref);
      diags.push({
        file,
        line,
        col,
        key: hint ? 'profile.extendsMissingHint' : 'profile.extendsMissing',
        params: { ref, hint: hint ?? '' },
        path: '/extends',
      });
      continue;
    }
    if (!parentFile.startsWith(BUNDLED_DIR) && !roots.some((r) => inside(real(parentFile), r))) {
      const { line, col } = pos();
      diags.push({
        file,
        line,
        col,
        key: 'profile.extendsOutside',
        params: { ref, root: dirname(stack[0] ?? file) },
        path: '/extends',
      });
      continue;
    }
    const self = resolvePath(file);
    if (stack.includes(parentFile) || parentFile === self) {
      const { line, col } = pos();
      diags.push({
        file,
        line,
        col,
        key: 'profile.extendsCycle',
        params: { ref, chain: [...stack, self, parentFile].map(shortName).join(' → ') },
        path: '/extends',
      });
      continue;
    }
    // Memoised per resolution: a diamond (`extends: [x, x]`, or two parents sharing one) loads
    // each file once, so the work is linear in the number of files, not exponential in depth.
    let pending = memo.get(parentFile);
    if (!pending) {
      pending = loadChain(parentFile, [...stack, self], diags, memo, roots);
      memo.set(parentFile, pending);
    }
    const parent = await pending;
    if (!parent) continue;
    merged = mergeLayer(merged, parent.merged);
    // A file reached twice (a diamond) is listed once.
    for (const c of parent.chain) if (!chain.includes(c)) chain.push(c);
    for (const f of parent.files) if (!files.includes(f)) files.push(f);
  }
  const layer = { ...data };
  delete layer.extends;
  merged = mergeLayer(merged, layer);
  chain.push(String(data.id ?? file));
  files.push(parsed);
  return { parsed, merged, chain, files };
}

function mergeLayer(base: Plain, over: Plain): Plain {
  const roles = mergeRoles((base.roles as Plain[]) ?? [], (over.roles as Plain[]) ?? []);
  const out = deepMerge(base, { ...over, roles: undefined });
  out.roles = roles;
  return out;
}

function extendsOffset(parsed: ParsedProfile, index?: number): number {
  const node = parsed.doc?.getIn(index === undefined ? ['extends'] : ['extends', index], true) as
    | { range?: number[] }
    | undefined;
  return node?.range?.[0] ?? 0;
}

const shortName = (f: string) => f.split(/[/\\]/).pop() ?? f;

function withDefaults(merged: Plain, file: string, chain: string[], builtin: boolean): ResolvedProfile {
  const thresholds = deepMerge(DEFAULT_THRESHOLDS as unknown as Plain, (merged.thresholds as Plain) ?? {});
  const network = deepMerge(DEFAULT_NETWORK as unknown as Plain, (merged.network as Plain) ?? {});
  const call = deepMerge(DEFAULT_CALL as unknown as Plain, (merged.call as Plain) ?? {});
  const roles = ((merged.roles as Plain[]) ?? []).map((r) => ({
    ...r,
    required: (r.required as boolean | undefined) ?? true,
  })) as unknown as Role[];
  const recording = deepMerge(DEFAULT_RECORDING as unknown as Plain, (merged.recording as Plain) ?? {});
  const checks: ResolvedProfile['checks'] = {};
  const policies = { ...DEFAULT_CHECK_POLICIES, ...((merged.checks as Record<string, Plain>) ?? {}) } as Record<
    string,
    Plain
  >;
  for (const [id, p] of Object.entries(policies)) {
    checks[id] = {
      required: (p.required as boolean) ?? (DEFAULT_CHECK_POLICIES[id]?.required as boolean | undefined) ?? true,
      enabled: (p.enabled as boolean) ?? true,
      ...(Array.isArray(p.roles) ? { roles: p.roles as string[] } : {}),
    };
  }
  const content = {
    apiVersion: merged.apiVersion,
    kind: merged.kind,
    id: merged.id,
    name: (merged.name as ResolvedProfile['name']) ?? String(merged.id),
    description: merged.description,
    roles,
    thresholds,
    network,
    server: (merged.server as Plain) ?? {},
    ice: deepMerge({ servers: [] }, (merged.ice as Plain) ?? {}),
    call,
    recording,
    checks,
  };
  const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  return { ...(content as unknown as Omit<ResolvedProfile, 'source'>), source: { file, builtin, hash, chain } };
}

/**
 * Load a profile by bundled id or path, resolve `extends`, fill defaults and apply the semantic
 * rules. Throws ProfileError with every positioned diagnostic, or WardkitError when not found.
 * Warnings (see rules.ts) do not stop loading; `resolveProfileFile` returns them.
 */
export async function loadProfile(ref: string, baseDir = process.cwd()): Promise<ResolvedProfile> {
  const file = locateProfile(ref, baseDir);
  if (!file) {
    const hint = suggestProfile(ref);
    throw new WardkitError(hint ? 'profile.refNotFoundHint' : 'profile.refNotFound', { ref, hint: hint ?? '' });
  }
  const { profile, diagnostics } = await resolveProfileFile(file);
  if (!profile) throw new ProfileError(diagnostics);
  return profile;
}

export async function resolveProfileFile(
  file: string,
): Promise<{ profile?: ResolvedProfile; diagnostics: Diagnostic[] }> {
  const diags: Diagnostic[] = [];
  const loaded = await loadChain(file, [], diags);
  if (!loaded || diags.length) return { diagnostics: diags };
  const profile = withDefaults(loaded.merged, file, loaded.chain, file.startsWith(BUNDLED_DIR));
  const semantic = semanticDiagnostics(profile, loaded.files);
  // Warnings leave the profile usable; any error withholds it.
  return semantic.some(isError) ? { diagnostics: semantic } : { profile, diagnostics: semantic };
}
