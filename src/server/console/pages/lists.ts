// The incidents page, the reception schedule page and the log-in page.
import type { Formatter, Lang } from '../../../i18n/format.js';
import { markup, raw } from '../../../report/render/escape.js';
import type { Incident } from '../incidents.js';
import type { SessionView } from '../schedule.js';
import { CSS, link, page, timeOn, type PageContext } from './layout.js';
import { keyName, stateBadge } from './names.js';
import { incidentsTable } from './ward.js';

export function renderIncidents(c: PageContext, list: Incident[], filter: { state?: string; ward?: string }): string {
  const { t } = c;
  const lang = c.url.searchParams.get('lang');
  const form = markup`<form class="filters" method="get" action="/incidents">
${lang === 'vi' || lang === 'en' ? markup`<input type="hidden" name="lang" value="${lang}">` : ''}
<label>${t('console.col.state')}<select name="state"><option value="">${t('console.filter.any')}</option><option value="open"${filter.state === 'open' ? raw(' selected') : ''}>${t('console.incident.open')}</option><option value="closed"${filter.state === 'closed' ? raw(' selected') : ''}>${t('console.incident.closed')}</option></select></label>
<label>${t('serve.dashboard.col.ward')}<input type="search" name="ward" value="${filter.ward ?? ''}"></label>
<button type="submit">${t('console.filter.apply')}</button> <a href="${link(c, '/incidents')}">${t('console.filter.reset')}</a>
<span class="muted">${t('console.incidents.shown', { n: list.length })}</span> · <a href="${link(c, '/api/v1/incidents', { ...(filter.state ? { state: filter.state } : {}), ...(filter.ward ? { ward: filter.ward } : {}) })}">JSON</a>
</form>`;
  return page(
    c,
    t('console.incidents.title'),
    markup`<h1>${t('console.incidents.title')}</h1>${form}${incidentsTable(c, list, true)}`,
    { active: 'incidents', refreshSeconds: 60 },
  );
}

export function renderSchedule(c: PageContext, views: SessionView[]): string {
  const { t } = c;
  const sections = views.map(
    (
      v,
    ) => markup`<section class="session" id="session-${v.session.id}" data-session="${v.session.id}"><h2>${timeOn(c, v.startsAt)}${v.session.label ? ` — ${v.session.label}` : ''}</h2>
<p>${t('console.session.counts', { ready: v.counts.READY, degraded: v.counts.DEGRADED, notReady: v.counts.NOT_READY, stale: v.counts.stale, unknown: v.counts.unknown, total: v.wards.length })} <span class="muted">${t('console.session.cutoff', { when: timeOn(c, v.cutoff) })} · ${v.session.source === 'file' ? t('console.session.fromFile') : t('console.session.fromApi', { id: v.session.id })}</span></p>
<table class="wk"><thead><tr><th>${t('serve.dashboard.col.ward')}</th><th>${t('console.col.state')}</th><th>${t('console.col.lastReport')}</th><th>${t('serve.dashboard.col.failing')}</th></tr></thead><tbody>${v.wards.map(
      (w) =>
        markup`<tr data-ward="${w.ward}" data-state="${w.state}"><td><a href="${link(c, `/wards/${encodeURIComponent(w.ward)}`)}">${w.ward}</a></td><td>${stateBadge(t, w.state)}</td><td>${timeOn(c, w.lastReportAt)}</td><td>${w.failing.map((k) => keyName(t, k)).join(', ') || '—'}</td></tr>`,
    )}</tbody></table></section>`,
  );
  const body = markup`<h1>${t('console.schedule.title')}</h1><p class="muted">${t('console.schedule.help')}</p>${views.length ? sections : markup`<p>${t('console.session.none')}</p>`}`;
  return page(c, t('console.schedule.title'), body, { active: 'schedule', refreshSeconds: 60 });
}

/** The log-in page: paste a token once; the server keeps it in an HttpOnly cookie. */
export function renderLogin(t: Formatter, lang: Lang, opts: { next: string; error?: boolean }): string {
  return markup`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t('console.login.title')} — wardkit</title><style>${raw(CSS)}</style></head>
<body><main class="login"><h1>${t('console.login.title')}</h1><p>${t('console.login.help')}</p>
${opts.error ? markup`<p class="err" role="alert">${t('console.login.bad')}</p>` : ''}
<form method="post" action="/login"><input type="hidden" name="next" value="${opts.next}"><input type="hidden" name="lang" value="${lang}">
<label for="token">${t('console.login.token')}</label><input id="token" name="token" type="password" autocomplete="off" required>
<button type="submit">${t('console.login.submit')}</button></form>
<p class="muted"><a href="/login?lang=vi">Tiếng Việt</a> · <a href="/login?lang=en">English</a></p></main></body></html>
`.value;
}
