import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { EXIT, WardkitError } from '../errors.js';
import type { Diagnostic } from '../profiles/diagnostics.js';
import { parseProfileFile } from '../profiles/parse.js';
import { renderValidation, where, type ValidateFormat } from '../profiles/report.js';
import { BUNDLED_DIR, locateProfile, resolveProfileFile } from '../profiles/resolve.js';
import { displayPath, validateInputs } from '../profiles/validate-files.js';
import type { CliContext } from './context.js';
import { makeStyle } from '../ui/style.js';

/** `wardkit profiles validate`: 0 all valid, 1 any invalid (or nothing to validate). */
export async function executeValidate(paths: string[], format: ValidateFormat, ctx: CliContext): Promise<number> {
  const results = await validateInputs(paths);
  const style = makeStyle(ctx.color && format === 'text');
  ctx.stdout.write(renderValidation(format, results, ctx.t, { ok: style.ok, bad: style.bad, dim: style.dim }));
  return results.length > 0 && results.every((r) => r.valid) ? EXIT.OK : EXIT.INVALID;
}

function printDiagnostics(ds: Diagnostic[], ctx: CliContext): void {
  for (const d of ds) ctx.stderr.write(`${where({ ...d, file: displayPath(d.file) })}: ${ctx.t(d.key, d.params)}\n`);
}

interface ListEntry {
  id: string;
  name?: string;
  description?: string;
  file: string;
  extends?: string[];
  roles: Array<{ id: string; kind: string; required: boolean }>;
  valid: boolean;
}

/** `wardkit profiles list`: the bundled profiles. */
export async function executeList(json: boolean, ctx: CliContext): Promise<number> {
  const { t } = ctx;
  const files = readdirSync(BUNDLED_DIR)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort();
  const entries: ListEntry[] = [];
  for (const f of files) {
    const file = join(BUNDLED_DIR, f);
    const { profile } = await resolveProfileFile(file);
    const raw = profile ? undefined : (await parseProfileFile(file)).data;
    const ext = profile?.source.chain.slice(0, -1);
    entries.push({
      id: profile?.id ?? String(raw?.id ?? f.replace(/\.ya?ml$/i, '')),
      name: profile?.name ?? (raw?.name as string | undefined),
      ...(profile?.description ? { description: profile.description } : {}),
      file,
      ...(ext?.length ? { extends: ext } : {}),
      roles: (profile?.roles ?? []).map((r) => ({ id: r.id, kind: r.kind, required: r.required })),
      valid: Boolean(profile),
    });
  }
  if (json) {
    ctx.stdout.write(JSON.stringify(entries, null, 2) + '\n');
    return EXIT.OK;
  }
  const rows = entries.map((e) => [
    e.id,
    (e.name ?? '') + (e.valid ? '' : ` (${t('profile.list.invalid')})`),
    e.roles.map((r) => (r.required ? r.id : `${r.id}?`)).join(', ') || '—',
  ]);
  const head = [t('profile.list.id'), t('profile.list.name'), t('profile.list.roles')];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  ctx.stdout.write([line(head), ...rows.map(line)].join('\n') + '\n');
  if (entries.some((e) => e.roles.some((r) => !r.required))) ctx.stdout.write(t('profile.list.optionalNote') + '\n');
  return EXIT.OK;
}

/** `wardkit profiles show`: the file as written, or resolved (parents and defaults merged). */
export async function executeShow(ref: string, o: { resolved: boolean; json: boolean }, ctx: CliContext): Promise<number> {
  const file = locateProfile(ref);
  if (!file) throw new WardkitError('profile.refNotFound', { ref });
  if (!o.resolved) {
    if (!o.json) {
      const parsed = await parseProfileFile(file);
      if (parsed.diagnostics.length) {
        printDiagnostics(parsed.diagnostics, ctx);
        throw new WardkitError('profile.invalidFile', { file: displayPath(file) });
      }
      ctx.stdout.write(await readFile(file, 'utf8'));
      return EXIT.OK;
    }
    const parsed = await parseProfileFile(file);
    if (parsed.diagnostics.length || !parsed.data) {
      printDiagnostics(parsed.diagnostics, ctx);
      throw new WardkitError('profile.invalidFile', { file: displayPath(file) });
    }
    ctx.stdout.write(JSON.stringify(parsed.data, null, 2) + '\n');
    return EXIT.OK;
  }
  const { profile, diagnostics } = await resolveProfileFile(file);
  if (!profile) {
    printDiagnostics(diagnostics, ctx);
    throw new WardkitError('profile.invalidFile', { file: displayPath(file) });
  }
  const shown = { ...profile, source: { ...profile.source, file: profile.source.file ? displayPath(profile.source.file) : undefined } };
  if (o.json) ctx.stdout.write(JSON.stringify(shown, null, 2) + '\n');
  else ctx.stdout.write(`# ${ctx.t('profile.show.resolvedHeader', { chain: profile.source.chain.join(' → ') })}\n` + stringify(shown, { lineWidth: 0 }));
  return EXIT.OK;
}
