// The console view. A technician reads the verdict first, then what to fix (each problem with its
// figures against the threshold and the remedy), then every check in one line or two. Status is
// always spelled out in words and marks, so the view reads the same without colour.
import type { Metric, Status } from '../../domain/result.js';
import { formatDate, formatList, formatNumber, type Formatter } from '../../i18n/format.js';
import type { Report } from '../model.js';
import { plainStyle, type Style } from '../../ui/style.js';
import {
  blockedBy,
  durationSeconds,
  findingMessage,
  findingRemedy,
  metricName,
  problems,
  resultName,
  shownMetrics,
  metricThreshold,
  metricValue,
  visibleFindings,
  type ReportFinding,
  type ReportResult,
} from './present.js';

export const MARK: Record<Status, string> = { pass: '✔', warn: '!', fail: '✘', error: '✘', skip: '–' };

function paint(style: Style, status: Status | undefined, s: string): string {
  if (status === 'pass') return style.ok(s);
  if (status === 'warn') return style.warn(s);
  if (status === 'skip' || status === undefined) return style.dim(s);
  return style.bad(s);
}

const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g, '');

function metricText(t: Formatter, r: ReportResult, m: Metric, withThreshold: boolean): string {
  const value = `${metricName(t, r.checkId, m.id)} ${metricValue(t, r.checkId, m)}`;
  const th = withThreshold && m.verdict && m.verdict !== 'pass' ? metricThreshold(t, r.checkId, m) : '';
  return th ? `${value} (${th})` : value;
}

/** The console view: what is wrong and what to do, at a glance. Pure function of the report. */
export function renderText(report: Report, t: Formatter, style: Style = plainStyle): string {
  const lang = t.lang;
  const L: string[] = [];
  const where = [report.ward, report.room]
    .filter(Boolean)
    .map((s) => oneLine(String(s)))
    .join(' · ');
  L.push(
    style.bold(
      `wardkit ${oneLine(report.tool?.version ?? '')} — ${where} — ${oneLine(report.profile?.id ?? '')} — ${formatDate(report.startedAt, lang)}`,
    ),
  );
  L.push('');

  // 1. The verdict.
  const s = report.summary;
  const verdict = t(`readiness.${report.readiness}`);
  const vStatus: Status = report.readiness === 'READY' ? 'pass' : report.readiness === 'DEGRADED' ? 'warn' : 'fail';
  const counts = t('render.counts', { pass: s.pass, warn: s.warn, fail: s.fail, error: s.error, skip: s.skip });
  L.push('  ' + paint(style, vStatus, style.bold(`${MARK[vStatus]} ${verdict}`)) + ` — ${counts}`);
  L.push('');

  // 2. What to fix, most serious first.
  const todo = problems(report);
  if (todo.length) {
    L.push(style.bold(t('render.text.toFix')));
    todo.forEach((r, i) => {
      const opt = r.required ? '' : ` [${t('render.optional')}]`;
      L.push(
        paint(
          style,
          r.status,
          `  ${i + 1}. ${MARK[r.status]} ${oneLine(resultName(t, r))}: ${t(`status.${r.status}`)}`,
        ) + style.dim(opt),
      );
      for (const f of visibleFindings(r)) {
        L.push(`     ${oneLine(findingMessage(t, f))}`);
        const remedy = findingRemedy(t, f);
        if (remedy) L.push(`       ${style.bold('→')} ${oneLine(remedy)}`);
      }
      const blocked = blockedBy(t, report, r);
      if (blocked.length)
        L.push(style.dim(`     ${oneLine(t('diagnose.blockedList', { checks: formatList(blocked, lang) }))}`));
      // A figure that could not be measured ("—") adds nothing when a finding already says why
      // (an encoder timeout blanks five figures); it still shows under "all checks".
      const explained = visibleFindings(r).some((f) => f.severity === 'fail' || f.severity === 'error');
      const bad = shownMetrics(r).filter(
        (m) =>
          (m.verdict === 'fail' || m.verdict === 'warn' || m.verdict === 'error') && !(explained && m.value === null),
      );
      for (const m of bad) L.push(paint(style, m.verdict, `     ${MARK[m.verdict!]} ${metricText(t, r, m, true)}`));
    });
  } else if (report.readiness === 'NOT_READY') {
    // Every check skipped: nothing to fix, but nothing vouches for the room either.
    L.push(style.bad(t('render.text.nothingMeasured')));
  } else {
    L.push(style.ok(t('render.text.nothingToFix')));
  }
  L.push('');

  // 3. Every check, in the runner's order.
  L.push(style.bold(t('render.text.allChecks')));
  for (const r of report.results) {
    const opt = r.required ? '' : ` [${t('render.optional')}]`;
    const secs = `${formatNumber(Math.round((r.durationMs ?? 0) / 100) / 10, lang)} s`;
    L.push(
      paint(style, r.status, `  ${MARK[r.status]} ${oneLine(resultName(t, r))}: ${t(`status.${r.status}`)}`) +
        style.dim(`${opt} · ${secs}`),
    );
    const ms = shownMetrics(r);
    if (ms.length) {
      L.push(
        '      ' +
          ms
            .map((m) =>
              m.verdict && m.verdict !== 'pass'
                ? paint(style, m.verdict, metricText(t, r, m, false))
                : metricText(t, r, m, false),
            )
            .join(style.dim(' · ')),
      );
    }
    if (r.status === 'skip')
      for (const f of visibleFindings(r)) L.push(style.dim(`      ${oneLine(findingMessage(t, f))}`));
    for (const e of Array.isArray(r.evidence) ? r.evidence : []) {
      if (e && typeof e.path === 'string')
        L.push(
          style.dim(
            `      ${t('render.text.evidence', { label: oneLine(String(e.label ?? e.kind ?? '')), path: oneLine(e.path) })}`,
          ),
        );
    }
    if (r.status === 'pass') {
      for (const f of ((r.findings ?? []) as ReportFinding[]).filter((x) => x.severity === 'info'))
        L.push(style.dim(`      ${oneLine(findingMessage(t, f))}`));
    }
  }
  L.push('');
  const colored = paint(style, vStatus, verdict);
  L.push(
    style.bold(
      t('check.summary', {
        readiness: colored,
        pass: s.pass,
        warn: s.warn,
        fail: s.fail,
        error: s.error,
        skip: s.skip,
        seconds: formatNumber(Math.round(durationSeconds(report) * 10) / 10, lang),
      }),
    ),
  );
  return L.join('\n') + '\n';
}
