// `wardkit profiles validate|list|schema|show`: declares the options; the work is imported lazily.
import { EXIT, UsageError, WardkitError } from '../errors.js';
import type { Diagnostic } from '../profiles/diagnostics.js';
import type { ValidateFormat } from '../profiles/report.js';
import type { CliContext, Register } from './context.js';
import { oneOf } from './options.js';

export const VALIDATE_FORMATS = ['text', 'json', 'github', 'junit'] as const;

export interface ValidateCliOptions {
  format?: string;
}
export interface ListCliOptions {
  json?: boolean;
}
export interface ShowCliOptions {
  resolved?: boolean;
  json?: boolean;
}

export const registerProfiles: Register = (program, getCtx, run) => {
  const { t } = getCtx();
  const profiles = program.command('profiles').description(t('cmd.profiles.description'));
  profiles
    .command('validate')
    .description(t('cmd.profiles.validate.description'))
    .argument('[paths...]', t('cmd.profiles.validate.arg'))
    .option('--format <format>', t('cmd.profiles.validate.opt.format'))
    .addHelpText('after', t('cmd.profiles.validate.help.after'))
    .action((paths: string[], o: ValidateCliOptions) => run(() => executeValidate(paths, o, getCtx())));
  profiles
    .command('list')
    .description(t('cmd.profiles.list.description'))
    .option('--json', t('cmd.profiles.opt.json'))
    .action((o: ListCliOptions) => run(() => executeList(o, getCtx())));
  profiles
    .command('schema')
    .description(t('cmd.profiles.schema.description'))
    .action(() =>
      run(async () => {
        const { profileSchema } = await import('../profiles/schema/index.js');
        getCtx().stdout.write(JSON.stringify(profileSchema, null, 2) + '\n');
      }),
    );
  profiles
    .command('show')
    .description(t('cmd.profiles.show.description'))
    .argument('<profile>', t('cmd.profiles.show.arg'))
    .option('--resolved', t('cmd.profiles.show.opt.resolved'))
    .option('--json', t('cmd.profiles.opt.json'))
    .action((ref: string, o: ShowCliOptions) => run(() => executeShow(ref, o, getCtx())));
};

/** `wardkit profiles validate`: 0 all valid, 1 any invalid (or nothing to validate). */
async function executeValidate(paths: string[], o: ValidateCliOptions, ctx: CliContext): Promise<number> {
  const format: ValidateFormat = oneOf(o.format, VALIDATE_FORMATS, 'text');
  if (!paths.length) throw new UsageError('profile.validate.noArgs');
  const { validateInputs } = await import('../profiles/validate-files.js');
  const { renderValidation } = await import('../profiles/report.js');
  const { makeStyle } = await import('../ui/style.js');
  const results = await validateInputs(paths);
  const style = makeStyle(ctx.color && format === 'text');
  ctx.stdout.write(renderValidation(format, results, ctx.t, { ok: style.ok, bad: style.bad, dim: style.dim }));
  return results.length > 0 && results.every((r) => r.valid) ? EXIT.OK : EXIT.INVALID;
}

/** `wardkit profiles list`: the bundled profiles. */
async function executeList(o: ListCliOptions, ctx: CliContext): Promise<number> {
  const { listBundledProfiles } = await import('../profiles/list.js');
  const { t } = ctx;
  const entries = await listBundledProfiles(t.lang);
  if (o.json) {
    ctx.stdout.write(JSON.stringify(entries, null, 2) + '\n');
    return EXIT.OK;
  }
  const rows = entries.map((e) => [
    e.id,
    (e.name ?? '') + (e.valid ? '' : ` (${t('profile.list.invalid')})`),
    e.roles.map((r) => `${r.name} [${r.id}]${r.required ? '' : '?'}`).join(', ') || '—',
  ]);
  const head = [t('profile.list.id'), t('profile.list.name'), t('profile.list.roles')];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  ctx.stdout.write([line(head), ...rows.map(line)].join('\n') + '\n');
  if (entries.some((e) => e.roles.some((r) => !r.required))) ctx.stdout.write(t('profile.list.optionalNote') + '\n');
  return EXIT.OK;
}

/** `wardkit profiles show`: the file as written, or resolved (parents and defaults merged). */
async function executeShow(ref: string, o: ShowCliOptions, ctx: CliContext): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const { parseProfileFile } = await import('../profiles/parse.js');
  const { locateProfile, resolveProfileFile } = await import('../profiles/resolve.js');
  const { displayPath } = await import('../profiles/validate-files.js');
  const { where } = await import('../profiles/report.js');
  const invalid = (ds: Diagnostic[], file: string) => {
    for (const d of ds) ctx.stderr.write(`${where({ ...d, file: displayPath(d.file) })}: ${ctx.t(d.key, d.params)}\n`);
    return new WardkitError('profile.invalidFile', { file: displayPath(file) });
  };
  const file = locateProfile(ref);
  if (!file) throw new WardkitError('profile.refNotFound', { ref });
  if (!o.resolved) {
    const parsed = await parseProfileFile(file);
    if (parsed.diagnostics.length || (o.json && !parsed.data)) throw invalid(parsed.diagnostics, file);
    ctx.stdout.write(o.json ? JSON.stringify(parsed.data, null, 2) + '\n' : await readFile(file, 'utf8'));
    return EXIT.OK;
  }
  const { profile, diagnostics } = await resolveProfileFile(file);
  if (!profile) throw invalid(diagnostics, file);
  const shown = {
    ...profile,
    source: { ...profile.source, file: profile.source.file ? displayPath(profile.source.file) : undefined },
  };
  if (o.json) ctx.stdout.write(JSON.stringify(shown, null, 2) + '\n');
  else {
    const { stringify } = await import('yaml');
    ctx.stdout.write(
      `# ${ctx.t('profile.show.resolvedHeader', { chain: profile.source.chain.join(' → ') })}\n` +
        stringify(shown, { lineWidth: 0 }),
    );
  }
  return EXIT.OK;
}
