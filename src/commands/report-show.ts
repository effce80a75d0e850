// `wardkit report show FILE [--format text|json|junit|html] [--out FILE]`: re-render a saved
// JSON report. Exit 0 when rendered; 1 for a missing or invalid file; 64 for a bad --format.
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { EXIT, WardkitError } from '../errors.js';
import { CHECK_FORMATS } from './check.js';
import type { CliContext, Register } from './context.js';
import { oneOf } from './options.js';

export interface ReportShowOptions {
  format?: string;
  out?: string;
}

export async function executeReportShow(file: string, o: ReportShowOptions, ctx: CliContext): Promise<number> {
  const format = oneOf(o.format, CHECK_FORMATS, 'text');
  const { readReportFile } = await import('../report/load.js');
  const { RENDERERS, embedEvidence } = await import('../report/render/index.js');
  const { makeStyle } = await import('../ui/style.js');
  let report = await readReportFile(file);
  if (format === 'html') report = await embedEvidence(report, dirname(resolve(file)));
  const rendered = RENDERERS[format](report, ctx.t, makeStyle(ctx.color && !o.out && format === 'text'));
  if (o.out) {
    try {
      await writeFile(o.out, rendered, { mode: 0o644 });
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
    .argument('<file>')
    .description(t('cmd.report.show.description'))
    .option('--format <format>', t('cmd.report.show.opt.format'))
    .option('--out <file>', t('cmd.report.show.opt.out'))
    .addHelpText('after', t('cmd.report.show.help.after'))
    .action((file: string, o: ReportShowOptions) => run(() => executeReportShow(file, o, getCtx())));
};
