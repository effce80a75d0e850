// The fleet page (`/dashboard`): counts, the next reception session and the wards not READY for
// it, filters (readiness, failing check, stale, search) as a plain GET form, and one row per
// ward with its last 30 days as a strip of day cells. Pure: the model comes in, HTML goes out.
import { formatDay } from '../../../i18n/format.js';
import type { Readiness } from '../../../report/model.js';
import { escapeText, markup, raw, type Safe } from '../../../report/render/escape.js';
import type { SessionView } from '../schedule.js';
import { READINESS_OF_RANK } from '../store.js';
import { link, page, timeOn, type PageContext } from './layout.js';
import { checkOf, keyName, readinessBadge, stateBadge } from './names.js';

export interface FleetRow {
  ward: string;
  readiness: Readiness | null;
  stale: boolean;
  /** Report time of the latest report (ISO) and when it arrived. */
  lastAt: string | null;
  receivedAt: string | null;
  ageSeconds: number | null;
  failing: string[];
  openIncidents: number;
}

export interface FleetModel {
  rows: FleetRow[];
  /** The grid's days, oldest first (local `yyyy-mm-dd`). */
  days: string[];
  /** ward → day → rank (0 READY, 1 DEGRADED, 2 NOT_READY). */
  grid: Map<string, Map<string, number>>;
  next?: SessionView;
  staleHours: number;
  openIncidents: number;
}

export interface FleetFilters {
  readiness?: Readiness | 'none';
  check?: string;
  stale?: boolean;
  q?: string;
}

export function filtersFrom(q: URLSearchParams): FleetFilters {
  const r = q.get('readiness');
  const f: FleetFilters = {};
  if (r === 'READY' || r === 'DEGRADED' || r === 'NOT_READY' || r === 'none') f.readiness = r;
  const c = q.get('check');
  if (c && /^[A-Za-z0-9._-]{1,64}$/.test(c)) f.check = c;
  if (q.get('stale') === '1') f.stale = true;
  const s = q.get('q')?.trim();
  if (s) f.q = s.slice(0, 100);
  return f;
}

/** Lower case, no diacritics, spaces as dashes: "Hải Châu 1" finds `hai-chau-1`. */
export const searchKey = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

export function applyFilters(rows: FleetRow[], f: FleetFilters): FleetRow[] {
  const q = f.q ? searchKey(f.q) : undefined;
  return rows.filter(
    (r) =>
      (f.readiness === undefined || (f.readiness === 'none' ? r.readiness === null : r.readiness === f.readiness)) &&
      (f.check === undefined || r.failing.some((k) => checkOf(k) === f.check)) &&
      (!f.stale || r.stale) &&
      (q === undefined || searchKey(r.ward).includes(q)),
  );
}

const ORDER: Record<Readiness, number> = { NOT_READY: 0, DEGRADED: 2, READY: 3 };
/** Worst first: NOT READY, stale or never reported, DEGRADED, READY; then by ward id. */
const rank = (w: FleetRow) => (w.readiness === 'NOT_READY' ? 0 : w.stale || !w.readiness ? 1 : ORDER[w.readiness]);
export const byAttention = (a: FleetRow, b: FleetRow): number =>
  rank(a) - rank(b) || (a.ward < b.ward ? -1 : a.ward > b.ward ? 1 : 0);

function age(c: PageContext, seconds: number | null): string {
  const { t } = c;
  if (seconds === null) return '—';
  if (seconds < 3600) return t('serve.dashboard.ageMinutes', { n: Math.floor(seconds / 60) });
  if (seconds < 172800) return t('serve.dashboard.ageHours', { n: Math.floor(seconds / 3600) });
  return t('serve.dashboard.ageDays', { n: Math.floor(seconds / 86400) });
}

/** The ward's days as runs of one colour (one element per run keeps 3,400 rows small). */
function strip(days: string[], short: string[], words: string[], cells: Map<string, number> | undefined): string {
  let out = '';
  let i = 0;
  while (i < days.length) {
    const v = cells?.get(days[i]) ?? -1;
    let j = i + 1;
    while (j < days.length && (cells?.get(days[j]) ?? -1) === v) j++;
    const range = j - i === 1 ? short[i] : `${short[i]}–${short[j - 1]}`;
    out += `<i class="${v < 0 ? 'cn' : `c${v}`} w${j - i}" title="${range}: ${words[v + 1]}"></i>`;
    i = j;
  }
  return out;
}

function nextSession(c: PageContext, v: SessionView | undefined): Safe {
  const { t } = c;
  if (!v)
    return markup`<p class="muted">${t('console.session.none')} <a href="${link(c, '/schedule')}">${t('console.nav.schedule')}</a></p>`;
  const notReady = v.wards.filter((w) => w.state !== 'READY');
  const title = t('console.session.next', {
    when: timeOn(c, v.startsAt),
    label: v.session.label ?? '',
  });
  return markup`<section class="next${notReady.length ? '' : ' all-ready'}" id="next-session" data-session="${v.session.id}"><h2>${title.trim()}</h2>
<p>${t('console.session.counts', { ready: v.counts.READY, degraded: v.counts.DEGRADED, notReady: v.counts.NOT_READY, stale: v.counts.stale, unknown: v.counts.unknown, total: v.wards.length })} <span class="muted">${t('console.session.cutoff', { when: timeOn(c, v.cutoff) })}</span></p>
${
  notReady.length
    ? markup`<table class="wk not-ready"><thead><tr><th>${t('serve.dashboard.col.ward')}</th><th>${t('console.col.state')}</th><th>${t('console.col.lastReport')}</th><th>${t('serve.dashboard.col.failing')}</th></tr></thead><tbody>${notReady.map(
        (w) =>
          markup`<tr data-ward="${w.ward}"><td><a href="${link(c, `/wards/${encodeURIComponent(w.ward)}`)}">${w.ward}</a></td><td>${stateBadge(t, w.state)}</td><td>${timeOn(c, w.lastReportAt)}</td><td>${w.failing.map((k) => keyName(t, k)).join(', ') || '—'}</td></tr>`,
      )}</tbody></table>`
    : markup`<p class="r-READY">${t('console.session.allReady')}</p>`
}</section>`;
}

export function renderFleet(c: PageContext, m: FleetModel): string {
  const { t } = c;
  const f = filtersFrom(c.url.searchParams);
  const count = { READY: 0, DEGRADED: 0, NOT_READY: 0, stale: 0, none: 0 };
  const checks = new Set<string>();
  for (const r of m.rows) {
    if (r.readiness) count[r.readiness]++;
    else count.none++;
    if (r.stale) count.stale++;
    for (const k of r.failing) checks.add(checkOf(k));
  }
  const rows = applyFilters(m.rows, f).sort(byAttention);
  const q = (o: Record<string, string>) => link(c, '/dashboard', o);
  const counts = markup`<div class="counts" id="counts">
<a href="${q({})}"><b>${m.rows.length}</b>${t('console.count.wards')}</a>
<a class="r-READY" href="${q({ readiness: 'READY' })}" data-count="READY"><b>${count.READY}</b>${t('readiness.READY')}</a>
<a class="r-DEGRADED" href="${q({ readiness: 'DEGRADED' })}" data-count="DEGRADED"><b>${count.DEGRADED}</b>${t('readiness.DEGRADED')}</a>
<a class="r-NOT_READY" href="${q({ readiness: 'NOT_READY' })}" data-count="NOT_READY"><b>${count.NOT_READY}</b>${t('readiness.NOT_READY')}</a>
<a class="r-stale" href="${q({ stale: '1' })}" data-count="stale"><b>${count.stale}</b>${t('console.count.stale', { hours: m.staleHours })}</a>
<a class="r-none" href="${q({ readiness: 'none' })}" data-count="none"><b>${count.none}</b>${t('console.noReport')}</a>
<a href="${link(c, '/incidents', { state: 'open' })}" data-count="incidents"><b>${m.openIncidents}</b>${t('console.count.openIncidents')}</a>
</div>`;
  const checkOptions = [...checks].sort().map((id) => ({ id, name: keyName(t, id) }));
  if (f.check && !checks.has(f.check)) checkOptions.push({ id: f.check, name: keyName(t, f.check) });
  const lang = c.url.searchParams.get('lang');
  const form = markup`<form class="filters" method="get" action="/dashboard" role="search">
${lang === 'vi' || lang === 'en' ? markup`<input type="hidden" name="lang" value="${lang}">` : ''}
<label>${t('console.filter.search')}<input type="search" name="q" value="${f.q ?? ''}" placeholder="hai-chau-1"></label>
<label>${t('serve.dashboard.col.readiness')}<select name="readiness"><option value="">${t('console.filter.any')}</option>${(
    ['NOT_READY', 'DEGRADED', 'READY'] as const
  ).map(
    (r) => markup`<option value="${r}"${f.readiness === r ? raw(' selected') : ''}>${t(`readiness.${r}`)}</option>`,
  )}<option value="none"${f.readiness === 'none' ? raw(' selected') : ''}>${t('console.noReport')}</option></select></label>
<label>${t('console.filter.check')}<select name="check"><option value="">${t('console.filter.any')}</option>${checkOptions.map(
    (o) => markup`<option value="${o.id}"${f.check === o.id ? raw(' selected') : ''}>${o.name}</option>`,
  )}</select></label>
<label class="inline"><span><input type="checkbox" name="stale" value="1"${f.stale ? raw(' checked') : ''}> ${t('console.filter.stale')}</span></label>
<button type="submit">${t('console.filter.apply')}</button> <a href="${q({})}">${t('console.filter.reset')}</a>
<span class="muted">${t('console.filter.shown', { n: rows.length, total: m.rows.length })}</span> · <a href="${link(c, '/api/v1/wards', { format: 'csv' })}">CSV</a>
</form>`;
  const first = m.days[0];
  const last = m.days[m.days.length - 1];
  // 3,400 rows: plain string building with the per-page constants computed once.
  const words = [
    escapeText(c.t('console.noReport')),
    ...READINESS_OF_RANK.map((r) => escapeText(c.t(`readiness.${r}`))),
  ];
  const short = m.days.map((d) => formatDay(d, c.lang, { short: true }));
  const langQ = lang === 'vi' || lang === 'en' ? `?lang=${lang}` : '';
  const badges = new Map<string, string>();
  const badge = (r: FleetRow) => {
    const k = `${r.readiness}|${r.stale}`;
    let b = badges.get(k);
    if (b === undefined) badges.set(k, (b = readinessBadge(t, r.readiness, r.stale).value));
    return b;
  };
  const body: string[] = [];
  for (const r of rows) {
    const ward = escapeText(r.ward);
    const href = `/wards/${escapeText(encodeURIComponent(r.ward))}${langQ}`;
    const failing = r.failing.length
      ? r.failing
          .map((k) => `<span class="chk" data-check="${escapeText(k)}">${escapeText(keyName(t, k))}</span>`)
          .join(', ')
      : '—';
    const incidents = r.openIncidents
      ? ` <a class="badge r-NOT_READY" href="${escapeText(link(c, '/incidents', { ward: r.ward, state: 'open' }))}">${escapeText(t('console.incidentsOpen', { n: r.openIncidents }))}</a>`
      : '';
    body.push(
      `<tr data-ward="${ward}" data-readiness="${r.readiness ?? 'none'}"${r.stale ? ' data-stale="1"' : ''}><td><a href="${href}">${ward}</a></td><td>${badge(r)}</td><td>${timeOn(c, r.lastAt)}</td><td>${escapeText(age(c, r.ageSeconds))}</td><td>${failing}${incidents}</td><td class="grid">${strip(m.days, short, words, m.grid.get(r.ward))}</td></tr>`,
    );
  }
  const legend = markup`<span class="legend muted"><i class="c0"></i>${t('readiness.READY')}<i class="c1"></i>${t('readiness.DEGRADED')}<i class="c2"></i>${t('readiness.NOT_READY')}<i class="cn"></i>${t('console.noReport')}</span>`;
  const content = markup`<h1>${t('serve.dashboard.title')}</h1>
${nextSession(c, m.next)}
${counts}
${form}
<table class="wk fleet" id="fleet"><thead><tr><th>${t('serve.dashboard.col.ward')}</th><th>${t('serve.dashboard.col.readiness')}</th><th>${t('console.col.lastReport')}</th><th>${t('serve.dashboard.col.age')}</th><th>${t('serve.dashboard.col.failing')}</th><th>${t('console.col.days', { from: formatDay(first, c.lang), to: formatDay(last, c.lang) })}<br>${legend}</th></tr></thead>
<tbody>
${raw(body.join('\n'))}
</tbody></table>`;
  return page(c, t('serve.dashboard.title'), content, { refreshSeconds: 60, active: 'dashboard' });
}
