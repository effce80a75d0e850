// The fleet dashboard: one self-contained HTML page (no scripts), every value HTML-escaped.
import { createFormatter, type Lang } from '../../i18n/format.js';
import type { WardStatus } from './fleet.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** ?lang= wins, then the browser's first Accept-Language tag; Vietnamese by default. */
export function dashboardLang(query: string | null, acceptLanguage: string | undefined): Lang {
  if (query === 'vi' || query === 'en') return query;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

const ORDER = { NOT_READY: 0, DEGRADED: 2, READY: 3 } as const;
/** Worst first: not ready, stale/never reported, degraded, ready; then by ward id. */
const rank = (w: WardStatus) => (w.readiness === 'NOT_READY' ? 0 : w.stale ? 1 : ORDER[w.readiness ?? 'NOT_READY']);

function age(t: ReturnType<typeof createFormatter>, seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 3600) return t('serve.dashboard.ageMinutes', { n: Math.floor(seconds / 60) });
  if (seconds < 172800) return t('serve.dashboard.ageHours', { n: Math.floor(seconds / 3600) });
  return t('serve.dashboard.ageDays', { n: Math.floor(seconds / 86400) });
}

export function renderDashboard(rows: WardStatus[], lang: Lang, staleHours: number, now = new Date()): string {
  const t = createFormatter(lang);
  const sorted = [...rows].sort((a, b) => rank(a) - rank(b) || (a.ward < b.ward ? -1 : a.ward > b.ward ? 1 : 0));
  const count = { READY: 0, DEGRADED: 0, NOT_READY: 0, stale: 0 };
  for (const r of rows) {
    if (r.readiness) count[r.readiness]++;
    if (r.stale) count.stale++;
  }
  const body: string[] = [];
  for (const r of sorted) {
    const cls =
      r.readiness === 'READY'
        ? 'ok'
        : r.readiness === 'DEGRADED'
          ? 'warn'
          : r.readiness === 'NOT_READY'
            ? 'bad'
            : 'none';
    const readiness = r.readiness ? t(`readiness.${r.readiness}`) : t('serve.dashboard.noReport');
    const stale = r.stale ? ` <span class="stale">${escapeHtml(t('serve.dashboard.stale'))}</span>` : '';
    body.push(
      `<tr class="${cls}${r.stale ? ' is-stale' : ''}" data-ward="${escapeHtml(r.ward)}"><td>${escapeHtml(r.ward)}</td>` +
        `<td class="readiness">${escapeHtml(readiness)}${stale}</td>` +
        `<td>${r.receivedAt ? `<time datetime="${escapeHtml(r.receivedAt)}">${escapeHtml(r.receivedAt.replace('T', ' ').slice(0, 16))} UTC</time>` : '—'}</td>` +
        `<td>${escapeHtml(age(t, r.ageSeconds))}</td>` +
        `<td>${r.failingChecks.map((c) => `<code>${escapeHtml(c)}</code>`).join(' ') || '—'}</td></tr>`,
    );
  }
  const title = escapeHtml(t('serve.dashboard.title'));
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="60"><title>${title}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;width:100%}
th,td{padding:.35rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
tr.ok .readiness{color:#17692b}tr.warn .readiness{color:#8a5a00}tr.bad .readiness{color:#b00020;font-weight:600}tr.none .readiness{color:#666}
.stale{background:#fde2e1;color:#b00020;border-radius:3px;padding:0 .3rem;font-size:.85em}
.summary span{margin-right:1.2rem}nav{float:right}
</style></head>
<body><nav><a href="?lang=vi">Tiếng Việt</a> · <a href="?lang=en">English</a> · <a href="/api/v1/wards?format=csv">CSV</a></nav>
<h1>${title}</h1>
<p class="summary"><span>${escapeHtml(t('serve.dashboard.wards', { n: rows.length }))}</span><span>${escapeHtml(t('readiness.READY'))}: ${count.READY}</span><span>${escapeHtml(t('readiness.DEGRADED'))}: ${count.DEGRADED}</span><span>${escapeHtml(t('readiness.NOT_READY'))}: ${count.NOT_READY}</span><span>${escapeHtml(t('serve.dashboard.staleCount', { n: count.stale, hours: staleHours }))}</span></p>
<table><thead><tr><th>${escapeHtml(t('serve.dashboard.col.ward'))}</th><th>${escapeHtml(t('serve.dashboard.col.readiness'))}</th><th>${escapeHtml(t('serve.dashboard.col.lastReport'))}</th><th>${escapeHtml(t('serve.dashboard.col.age'))}</th><th>${escapeHtml(t('serve.dashboard.col.failing'))}</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody></table>
<p><small>${escapeHtml(t('serve.dashboard.generated', { time: now.toISOString().replace('T', ' ').slice(0, 19) }))}</small></p>
</body></html>
`;
}
