// `wardkit report show FILE [--format text|json|junit|html] [--out FILE]`: re-render a saved
// JSON report. Exit 0 when rendered; 1 for a missing or invalid file; 64 for a bad --format.
import { writePrivateFile } from '../report/write-file.js';
import { dirname, resolve } from 'node:path';
import { EXIT, UsageError, WardkitError } from '../errors.js';
import { CHECK_FORMATS } from './check.js';
import type { CliContext, Register } from './context.js';
import { oneOf } from './options.js';

export interface ReportShowOptions {
  format?: string;
  out?: string;
  /** --spool [dir]: list the spool instead of rendering a file (true: the configured spool). */
  spool?: string | boolean;
  config?: string;
}

/** `report show --spool`: what waits in the spool and what was set aside (text or --format json). */
async function showSpool(o: ReportShowOptions, ctx: CliContext): Promise<number> {
  const format = oneOf(o.format, ['text', 'json'] as const, 'text');
  const { loadSettings } = await import('./submit-common.js');
  const { listSpoolForPeople } = await import('../report/submit/spool-admin.js');
  const { join } = await import('node:path');
  const cfg = await loadSettings({ config: o.config, spool: typeof o.spool === 'string' ? o.spool : undefined });
  const l = await listSpoolForPeople(cfg.spool);
  if (format === 'json') {
    ctx.stdout.write(JSON.stringify(l, null, 2) + '\n');
    return EXIT.OK;
  }
  const { t } = ctx;
  const lines: string[] = [];
  const section = (title: string, rows: typeof l.queued, reasonKey: string) => {
    lines.push(title);
    if (!rows.length) lines.push(t('spool.show.none'));
    for (const r of rows) {
      if (r.damaged) {
        lines.push(t('spool.show.damaged', { file: r.file }));
        continue;
      }
      lines.push(
        t('spool.show.entry', {
          id: r.id ?? '',
          ward: r.ward ?? '',
          queuedAt: (r.queuedAt ?? '').slice(0, 16).replace('T', ' '),
        }),
      );
      if (r.reason) lines.push(t(reasonKey, { reason: r.reason }));
    }
  };
  section(t('spool.show.queued', { n: l.queued.length, dir: l.dir }), l.queued, 'spool.show.lastError');
  section(
    t('spool.show.rejected', { n: l.rejected.length, dir: join(l.dir, 'rejected') }),
    l.rejected,
    'spool.show.reason',
  );
  ctx.stdout.write(lines.join('\n') + '\n');
  return EXIT.OK;
}

export async function executeReportShow(
  file: string | undefined,
  o: ReportShowOptions,
  ctx: CliContext,
): Promise<number> {
  if (o.spool !== undefined && o.spool !== false) return showSpool(o, ctx);
  if (!file) throw new UsageError('cli.commander.missingArgument', { name: 'file' });
  const format = oneOf(o.format, CHECK_FORMATS, 'text');
  const { readReportFile } = await import('../report/load.js');
  const { RENDERERS, embedEvidence } = await import('../report/render/index.js');
  const { makeStyle } = await import('../ui/style.js');
  let report = await readReportFile(file);
  if (format === 'html') report = await embedEvidence(report, dirname(resolve(file)));
  const rendered = RENDERERS[format](report, ctx.t, makeStyle(ctx.color && !o.out && format === 'text'));
  if (o.out) {
    try {
      await writePrivateFile(o.out, rendered);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new WardkitError(
        'cmd.report.show.cannotWrite',
        { file: o.out, reason: e.code ?? e.message },
        EXIT.INVALID,
        { cause: err },
      );
    }
    ctx.stderr.write(ctx.t('cmd.report.show.wrote', { file: o.out }) + '\n');
  } else {
    ctx.stdout.write(rendered);
  }
  return EXIT.OK;
}

export const registerReportShow: Register = (group, getCtx, run) => {
  const { t } = getCtx();
  group
    .command('show')
    .argument('[file]')
    .description(t('cmd.report.show.description'))
    .option('--format <format>', t('cmd.report.show.opt.format'))
    .option('--out <file>', t('cmd.report.show.opt.out'))
    .option('--spool [dir]', t('cmd.report.show.opt.spool'))
    .option('--config <file>', t('cmd.report.submit.opt.config'))
    .addHelpText('after', t('cmd.report.show.help.after'))
    .action((file: string | undefined, o: ReportShowOptions) => run(() => executeReportShow(file, o, getCtx())));
};
