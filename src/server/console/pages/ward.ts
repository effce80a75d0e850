// The ward page (`/wards/<id>`): the latest report as `check --format html` renders it, what
// changed since the report before, open and recent incidents, a 90-day history strip (a cell per
// day, coloured by the day's worst readiness, linking to that report), trend charts and the
// devices the ward last reported. Pure: the model comes in, HTML goes out.
import { formatDay, formatNumber } from '../../../i18n/format.js';
import type { Report } from '../../../report/model.js';
import { markup, raw, type Safe } from '../../../report/render/escape.js';
import { FIGURES, devicesOf, figureThreshold, type Change } from '../figures.js';
import type { Incident } from '../incidents.js';
import type { DayCell, HistoryRow } from '../store.js';
import { link, page, timeOn, type PageContext } from './layout.js';
import { keyName, readinessBadge } from './names.js';
import { trendChart } from './trend.js';

export interface WardModel {
  ward: string;
  latest?: Report;
  /** Report time of the latest report (ISO) and when it arrived. */
  latestAt?: string;
  receivedAt?: string | null;
  stale: boolean;
  changes?: Change[];
  previousId?: string;
  history: HistoryRow[];
  /** The strip's days, oldest first. */
  days: string[];
  dayCells: DayCell[];
  incidents: Incident[];
  /** The latest report rendered by the HTML report renderer (a whole document). */
  reportHtml?: string;
}

export const reportPath = (ward: string, id: string): string =>
  `/wards/${encodeURIComponent(ward)}/reports/${encodeURIComponent(id)}`;

/** The renderer's document split into its style and its body, to show it inside this page. */
export function splitDocument(html: string): { css: string; body: string } {
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
  return { css, body };
}

/** The report's CSS confined to its frame (its `body`, `h1`… rules must not restyle the console). */
export function scopeCss(css: string, scope: string): string {
  return css.replace(/(^|})\s*([^{}@]+)\{/g, (_w, brace: string, sel: string) => {
    const scoped = sel
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => (s === 'body' || s === ':root' || s === '*' ? scope : `${scope} ${s.replace(/^body\s*/, '')}`))
      .join(',');
    return `${brace}${scoped}{`;
  });
}

function changesList(c: PageContext, m: WardModel): Safe {
  const { t } = c;
  if (!m.latest) return markup``;
  if (!m.changes) return markup`<p class="muted">${t('console.ward.firstReport')}</p>`;
  if (!m.changes.length) return markup`<p class="muted" id="no-changes">${t('console.ward.noChanges')}</p>`;
  const items = m.changes.map((ch) => {
    switch (ch.kind) {
      case 'readiness':
        return markup`<li data-change="readiness">${t('console.change.readiness', { from: t(`readiness.${ch.from}`), to: t(`readiness.${ch.to}`) })}</li>`;
      case 'startedFailing':
        return markup`<li data-change="startedFailing" data-key="${ch.key}" class="r-NOT_READY">✘ ${t('console.change.startedFailing', { check: keyName(t, ch.key) })}</li>`;
      case 'stoppedFailing':
        return markup`<li data-change="stoppedFailing" data-key="${ch.key}" class="r-READY">✔ ${t('console.change.stoppedFailing', { check: keyName(t, ch.key) })}</li>`;
      case 'deviceAppeared':
        return markup`<li data-change="deviceAppeared">${t('console.change.deviceAppeared', { role: ch.device.role, name: ch.device.label })}</li>`;
      case 'deviceVanished':
        return markup`<li data-change="deviceVanished">${t('console.change.deviceVanished', { role: ch.device.role, name: ch.device.label })}</li>`;
      case 'deviceChanged':
        return markup`<li data-change="deviceChanged">${t('console.change.deviceChanged', { role: ch.after.role, before: ch.before.label, after: ch.after.label })}</li>`;
    }
  });
  return markup`<ul class="changes" id="changes">${items}</ul>${m.previousId ? markup`<p class="muted"><a href="${link(c, reportPath(m.ward, m.previousId))}">${t('console.ward.previousReport')}</a></p>` : ''}`;
}

export function incidentsTable(c: PageContext, list: Incident[], showWard: boolean): Safe {
  const { t } = c;
  if (!list.length) return markup`<p class="muted">${t('console.incidents.none')}</p>`;
  return markup`<table class="wk incidents"><thead><tr><th>${t('console.col.incident')}</th>${showWard ? markup`<th>${t('serve.dashboard.col.ward')}</th>` : ''}<th>${t('console.col.check')}</th><th>${t('console.col.severity')}</th><th>${t('console.col.state')}</th><th>${t('console.col.opened')}</th><th>${t('console.col.lastSeen')}</th><th>${t('console.col.closed')}</th><th>${t('console.col.flaps')}</th></tr></thead><tbody>${list.map(
    (i) =>
      markup`<tr id="${i.id}" data-incident="${i.id}" data-state="${i.state}" data-key="${i.key}" data-ward="${i.ward}"><td><code>${i.id}</code></td>${showWard ? markup`<td><a href="${link(c, `/wards/${encodeURIComponent(i.ward)}`)}">${i.ward}</a></td>` : ''}<td>${keyName(t, i.key)}${i.label && i.label !== i.checkId && i.key !== 'stale' ? markup` <span class="muted">${i.label}</span>` : ''}</td><td class="${i.severity === 'critical' ? 'r-NOT_READY' : 'r-DEGRADED'}">${t(`console.severity.${i.severity}`)}</td><td>${i.state === 'open' ? markup`<span class="badge r-NOT_READY">${t('console.incident.open')}</span>` : markup`<span class="badge r-READY">${t('console.incident.closed')}</span>`}</td><td>${timeOn(c, i.openedAt)}</td><td>${timeOn(c, i.lastSeenAt)}</td><td>${timeOn(c, i.closedAt)}</td><td class="num">${i.flaps}</td></tr>`,
  )}</tbody></table>`;
}

function historyStrip(c: PageContext, m: WardModel): Safe {
  const { t } = c;
  const byDay = new Map(m.dayCells.map((d) => [d.day, d]));
  const cells = m.days.map((day) => {
    const d = byDay.get(day);
    if (!d)
      return markup`<span class="cn" data-day="${day}" data-readiness="none" title="${formatDay(day, c.lang)}: ${t('console.noReport')}"></span>`;
    const rank = d.readiness === 'READY' ? 0 : d.readiness === 'DEGRADED' ? 1 : 2;
    return markup`<a class="c${rank}" href="${link(c, reportPath(m.ward, d.reportId))}" data-day="${day}" data-readiness="${d.readiness}" data-report="${d.reportId}" title="${formatDay(day, c.lang)}: ${t(`readiness.${d.readiness}`)}" aria-label="${formatDay(day, c.lang)}: ${t(`readiness.${d.readiness}`)}"></a>`;
  });
  const n = { READY: 0, DEGRADED: 0, NOT_READY: 0 };
  for (const d of m.dayCells) n[d.readiness]++;
  return markup`<div class="strip" id="history-strip">${cells}</div><p class="muted">${t('console.ward.stripSummary', { days: m.days.length, ready: n.READY, degraded: n.DEGRADED, notReady: n.NOT_READY, none: m.days.length - m.dayCells.length, from: formatDay(m.days[0], c.lang), to: formatDay(m.days[m.days.length - 1], c.lang) })}</p>`;
}

function charts(c: PageContext, m: WardModel): Safe {
  const { t } = c;
  // The time axis spans the reports shown (at least a week), so a young history is not a dot.
  const first = m.history.length ? Date.parse(m.history[0].at) : c.now;
  const from = Math.min(first - 86400_000, c.now - 7 * 86400_000);
  const figs = FIGURES.map((def) => {
    const points = m.history
      .filter((h) => typeof h.figures[def.id] === 'number')
      .map((h) => ({ at: Date.parse(h.at), value: h.figures[def.id]!, reportId: h.reportId }));
    const title = t(`console.figure.${def.id}`, { unit: def.unit });
    if (!points.length)
      return markup`<figure data-figure="${def.id}"><figcaption>${title}</figcaption><p class="muted">${t('console.ward.noFigures')}</p></figure>`;
    const last = points[points.length - 1];
    const threshold = m.latest ? figureThreshold(m.latest, def) : undefined;
    return markup`<figure data-figure="${def.id}"><figcaption>${title} — ${t('console.ward.latestValue', { value: formatNumber(last.value, c.lang), unit: def.unit })}</figcaption>${trendChart({ id: def.id, title, unit: def.unit, points, from: Math.min(from, points[0].at), to: Math.max(c.now, last.at), threshold, t, timeZone: c.timeZone })}</figure>`;
  });
  return markup`<div class="charts" id="trends">${figs}</div>`;
}

function devices(c: PageContext, m: WardModel): Safe {
  const { t } = c;
  const list = m.latest ? devicesOf(m.latest) : [];
  if (!list.length) return markup`<p class="muted">${t('console.ward.noDevices')}</p>`;
  return markup`<table class="wk devices" id="devices"><thead><tr><th>${t('console.col.role')}</th><th>${t('console.col.device')}</th><th>${t('console.col.kind')}</th><th>URI</th></tr></thead><tbody>${list.map(
    (d) =>
      markup`<tr data-role="${d.role}"><td>${d.role}</td><td>${d.label}</td><td>${d.kind || '—'}</td><td><code>${d.uri || '—'}</code></td></tr>`,
  )}</tbody></table>`;
}

export function renderWard(c: PageContext, m: WardModel): string {
  const { t } = c;
  const exportLinks = markup`<a href="${link(c, `/api/v1/wards/${encodeURIComponent(m.ward)}/history`, { format: 'csv' })}">${t('console.ward.exportCsv')}</a> · <a href="${link(c, `/api/v1/wards/${encodeURIComponent(m.ward)}/history`, { format: 'json' })}">${t('console.ward.exportJson')}</a>`;
  const open = m.incidents.filter((i) => i.state === 'open');
  const report = m.reportHtml ? splitDocument(m.reportHtml) : undefined;
  const failing = m.latest ? (m.history.at(-1)?.failing ?? []) : [];
  const content = markup`<h1 id="ward" data-ward="${m.ward}">${t('console.ward.title', { ward: m.ward })}</h1>
<p>${readinessBadge(t, m.latest?.readiness ?? null, m.stale)} ${m.latestAt ? t('console.ward.lastReport', { when: timeOn(c, m.latestAt), received: timeOn(c, m.receivedAt ?? null) }) : t('console.noReport')} · ${exportLinks}</p>
${failing.length ? markup`<p>${t('serve.dashboard.col.failing')}: ${failing.map((k) => keyName(t, k)).join(', ')}</p>` : ''}
<h2>${t('console.ward.changes')}</h2>
${changesList(c, m)}
<h2 id="incidents">${t('console.ward.incidents', { open: open.length })}</h2>
${incidentsTable(c, m.incidents, false)}
<h2>${t('console.ward.history', { days: m.days.length })}</h2>
${historyStrip(c, m)}
<h2>${t('console.ward.trends')}</h2>
${charts(c, m)}
<h2>${t('console.ward.devices')}</h2>
${devices(c, m)}
<h2 id="latest-report">${t('console.ward.latestReport')}</h2>
${report ? markup`<div class="report-frame" id="report">${raw(report.body)}</div>` : markup`<p class="muted">${t('console.noReport')}</p>`}`;
  return page(c, t('console.ward.title', { ward: m.ward }), content, {
    css: report ? scopeCss(report.css, '.report-frame') : '',
    active: 'dashboard',
  });
}
