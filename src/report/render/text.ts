import type { Status } from '../../checks/types.js';
import type { Formatter } from '../../i18n/format.js';
import type { Report } from '../model.js';

export interface Style {
  ok(s: string): string;
  warn(s: string): string;
  bad(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export const plainStyle: Style = { ok: (s) => s, warn: (s) => s, bad: (s) => s, dim: (s) => s, bold: (s) => s };

const MARK: Record<Status, string> = { pass: '✔', warn: '!', fail: '✘', error: '✘', skip: '–' };

function paint(style: Style, status: Status, s: string): string {
  if (status === 'pass') return style.ok(s);
  if (status === 'warn') return style.warn(s);
  if (status === 'skip') return style.dim(s);
  return style.bad(s);
}

function fmtValue(v: number | null, unit: string): string {
  if (v === null) return '—';
  const n = Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  return unit && unit !== 'count' && unit !== 'ratio' ? `${n} ${unit}` : n;
}

/** The console view: what is wrong and what to do, at a glance. Pure function of the report. */
export function renderText(report: Report, t: Formatter, style: Style = plainStyle): string {
  const lines: string[] = [];
  lines.push(style.bold(`wardkit ${report.tool.version} — ${report.ward} — ${report.profile.id} — ${report.startedAt}`));
  lines.push('');
  for (const r of report.results) {
    const title = t.has(`check.title.${r.checkId}`) ? t(`check.title.${r.checkId}`) : r.checkId;
    const target = r.targetId === 'default' ? '' : ` (${r.label})`;
    const req = r.required ? '' : style.dim(' [optional]');
    lines.push(paint(style, r.status, `${MARK[r.status]} ${title}${target}: ${t(`status.${r.status}`)}`) + req + style.dim(` ${(r.durationMs / 1000).toFixed(1)} s`));
    const shown = r.metrics.filter((m) => m.value !== null || m.verdict);
    if (shown.length) {
      lines.push(
        '    ' +
          shown
            .map((m) => {
              const s = `${m.id} ${fmtValue(m.value, m.unit)}`;
              return m.verdict && m.verdict !== 'pass' ? paint(style, m.verdict, s) : s;
            })
            .join(' · '),
      );
    }
    for (const f of r.findings) {
      if (f.severity === 'info' && r.status !== 'skip') continue;
      lines.push(`    ${f.severity === 'info' ? '·' : '→'} ${f.message}`);
      if (f.remedy) lines.push(style.dim(`      ${f.remedy}`));
    }
  }
  lines.push('');
  const s = report.summary;
  const secs = ((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000).toFixed(1);
  const verdict = t(`readiness.${report.readiness}`);
  const colored = report.readiness === 'READY' ? style.ok(verdict) : report.readiness === 'DEGRADED' ? style.warn(verdict) : style.bad(verdict);
  lines.push(style.bold(t('check.summary', { readiness: colored, pass: s.pass, warn: s.warn, fail: s.fail, error: s.error, skip: s.skip, seconds: secs })));
  return lines.join('\n') + '\n';
}
