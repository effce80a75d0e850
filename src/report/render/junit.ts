// JUnit XML for CI and monitoring systems: one <testsuite> (the root), one <testcase> per check
// target with classname wardkit.<check>. Valid against Jenkins xunit's junit-10.xsd and the
// Surefire 3.0 schema (tests/system/junit-xsd.test.ts runs xmllint with both).
// fail → <failure>, error → <error>, skip → <skipped/>, warn → a passed testcase whose
// <system-out> carries the warnings. Every value is escaped and stripped of characters XML
// forbids; nothing precedes the XML declaration.
import type { Formatter } from '../../i18n/format.js';
import type { Report } from '../model.js';
import { escapeAttr, escapeText } from './escape.js';
import {
  findingMessage,
  findingRemedy,
  metricName,
  shownMetrics,
  metricThreshold,
  metricValue,
  visibleFindings,
  type ReportResult,
} from './present.js';

const secs = (ms: number) => (Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0).toFixed(3);

/** Plain-text body: findings with remedies, then metrics with their thresholds. */
function body(t: Formatter, r: ReportResult): string {
  const lines: string[] = [];
  for (const f of visibleFindings(r)) {
    lines.push(f.severity === 'info' ? findingMessage(t, f) : `${t(`status.${f.severity}`)}: ${findingMessage(t, f)}`);
    const remedy = findingRemedy(t, f);
    if (remedy) lines.push(`  ${t('render.remedy')}: ${remedy}`);
  }
  for (const m of shownMetrics(r)) {
    const th = metricThreshold(t, r.checkId, m);
    lines.push(
      `${metricName(t, r.checkId, m.id)} = ${metricValue(t, r.checkId, m)}${m.verdict ? ` [${t(`status.${m.verdict}`)}]` : ''}${th ? ` (${th})` : ''}`,
    );
  }
  return lines.join('\n');
}

function firstMessage(t: Formatter, r: ReportResult): string {
  const f = visibleFindings(r).find((x) => x.severity !== 'info') ?? visibleFindings(r)[0];
  return f ? findingMessage(t, f) : t(`status.${r.status}`);
}

function testcase(t: Formatter, r: ReportResult): string {
  const name = r.targetId === 'default' ? r.label || r.checkId : `${r.targetId}: ${r.label}`;
  const open = `  <testcase classname="${escapeAttr(`wardkit.${r.checkId}`)}" name="${escapeAttr(name)}" time="${secs(r.durationMs)}"`;
  const text = body(t, r);
  const out = text ? `    <system-out>${escapeText(text)}</system-out>\n` : '';
  switch (r.status) {
    case 'fail':
      return `${open}>\n    <failure message="${escapeAttr(firstMessage(t, r))}" type="${r.required ? 'fail' : 'fail-optional'}">${escapeText(text)}</failure>\n  </testcase>\n`;
    case 'error':
      return `${open}>\n    <error message="${escapeAttr(firstMessage(t, r))}" type="error">${escapeText(text)}</error>\n  </testcase>\n`;
    case 'skip':
      return `${open}>\n    <skipped message="${escapeAttr(firstMessage(t, r))}"/>\n  </testcase>\n`;
    default:
      return out ? `${open}>\n${out}  </testcase>\n` : `${open}/>\n`;
  }
}

export function renderJunit(report: Report, t: Formatter): string {
  // One <testsuite> as the root: the only root the Surefire schema (GitLab, most readers) allows,
  // and valid for Jenkins xunit's junit-10.xsd. The check is the test case's classname
  // (wardkit.camera …), so readers still group by check. Surefire has no timestamp or hostname
  // attribute: they are properties.
  const count = (rs: ReportResult[], s: string) => rs.filter((r) => r.status === s).length;
  const time = (rs: ReportResult[]) =>
    secs(rs.reduce((a, r) => a + (Number.isFinite(r.durationMs) ? r.durationMs : 0), 0));
  const all = report.results;
  const title = `wardkit ${report.ward}${report.room ? ` / ${report.room}` : ''}`;
  let xml = '<?xml version="1.0" encoding="UTF-8"?>\n';
  xml += `<testsuite name="${escapeAttr(title)}" tests="${all.length}" failures="${count(all, 'fail')}" errors="${count(all, 'error')}" skipped="${count(all, 'skip')}" time="${time(all)}">\n`;
  xml += '  <properties>\n';
  const props: Array<[string, unknown]> = [
    ['ward', report.ward],
    ['room', report.room],
    ['profile', report.profile?.id],
    ['profileHash', report.profile?.hash],
    ['readiness', report.readiness],
    ['reportId', report.id],
    ['toolVersion', report.tool?.version],
    ['timestamp', report.startedAt],
    ['hostname', report.host?.name],
  ];
  for (const [k, v] of props)
    if (v !== undefined && v !== null && v !== '') xml += `    <property name="${k}" value="${escapeAttr(v)}"/>\n`;
  xml += '  </properties>\n';
  for (const r of all) xml += testcase(t, r);
  xml += '</testsuite>\n';
  return xml;
}
