// The frame every console page shares: one self-contained HTML document, no scripts (a CSP
// forbids them), a navigation bar, language links that keep the page's filters, and a font stack
// that draws every Vietnamese letter on stock Windows (Segoe UI, Arial, Tahoma), Android (Roboto,
// Noto Sans) and Linux (Noto Sans, DejaVu Sans, Liberation Sans).
import { formatDate, type Formatter, type Lang } from '../../../i18n/format.js';
import { markup, raw, type Safe } from '../../../report/render/escape.js';

export interface PageContext {
  t: Formatter;
  lang: Lang;
  timeZone: string;
  /** Path and query of this request (language links keep the query). */
  url: URL;
  role: 'admin' | 'viewer';
  now: number;
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const FONT_STACK = `"Segoe UI","Noto Sans",Roboto,"Helvetica Neue",Arial,Tahoma,"DejaVu Sans","Liberation Sans",sans-serif`;

export const CSS = `
:root{--ok:#1a7f37;--warn:#9a5b00;--bad:#c62828;--none:#8c959f;--line:#d0d7de;--bg:#f6f8fa;--link:#0b57d0}
*{box-sizing:border-box}
body{font-family:${FONT_STACK};color:#1f2328;margin:0;line-height:1.45;font-size:15px}
a{color:var(--link)}
.wk-nav{display:flex;flex-wrap:wrap;gap:4px 18px;align-items:center;padding:8px 20px;background:#12325b;color:#fff}
.wk-nav a{color:#fff;text-decoration:none}.wk-nav a.on{font-weight:700;text-decoration:underline}.wk-nav .sp{flex:1}
.wk-main{padding:16px 20px;max-width:1400px;margin:0 auto}
.wk-main h1{font-size:22px;margin:4px 0 8px}.wk-main h2{font-size:18px;margin:22px 0 8px}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.counts a,.counts span{display:inline-block;border:1px solid var(--line);border-radius:6px;padding:4px 10px;text-decoration:none;color:inherit;background:#fff}
.counts b{font-size:18px;margin-right:4px}
.r-READY{color:var(--ok)}.r-DEGRADED{color:var(--warn)}.r-NOT_READY,.r-stale,.r-unknown{color:var(--bad)}.r-none{color:var(--none)}
.badge{display:inline-block;border:1px solid currentColor;border-radius:4px;padding:0 6px;font-size:13px;font-weight:600;white-space:nowrap}
table.wk{border-collapse:collapse;width:100%;font-size:14px;background:#fff}
table.wk th,table.wk td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
table.wk th{background:var(--bg);position:sticky;top:0}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
form.filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:end;margin:10px 0;padding:10px;background:var(--bg);border-radius:6px}
form.filters label{display:flex;flex-direction:column;font-size:13px;gap:2px}
form.filters input,form.filters select,form.filters button{font:inherit;padding:3px 6px}
.next{border:2px solid var(--bad);border-radius:8px;padding:10px 14px;margin:10px 0;background:#fdf3f3}
.next.all-ready{border-color:var(--ok);background:#eef8f0}
.next h2{margin:0 0 6px}
.muted{color:#57606a;font-size:13px}
.grid{white-space:nowrap;line-height:0}
.grid i{display:inline-block;height:14px;vertical-align:middle;border-right:1px solid #fff}
.c0{background:var(--ok)}.c1{background:#e0a526}.c2{background:var(--bad)}.cn{background:#e6e8eb}
${Array.from({ length: 30 }, (_, i) => `.w${i + 1}{width:${(i + 1) * 7}px}`).join('')}
.strip{display:flex;flex-wrap:wrap;gap:2px;margin:6px 0}
.strip a,.strip span{display:inline-block;width:9px;height:22px;border-radius:2px}
.legend i{display:inline-block;width:12px;height:12px;margin:0 4px 0 10px;vertical-align:middle}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:10px 18px}
.charts figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:6px;background:#fff}
.charts figcaption{font-size:13px;font-weight:600}
svg.trend{width:100%;height:auto}svg.trend text{font-size:11px;fill:#333}
ul.changes li{margin:3px 0}
.report-frame{border:2px solid var(--line);border-radius:8px;padding:0 16px;margin:10px 0}
.login{max-width:520px;margin:60px auto;padding:20px;border:1px solid var(--line);border-radius:8px}
.login input{width:100%;font:inherit;padding:6px;margin:8px 0}
.err{color:var(--bad);font-weight:600}
`;

/** This page's URL with some query parameters replaced (null removes one). */
export function withQuery(url: URL, changes: Record<string, string | null>): string {
  const q = new URLSearchParams(url.search);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  return url.pathname + (s ? `?${s}` : '');
}

/** A page link that keeps the page language when it was chosen by ?lang=. */
export function link(c: PageContext, path: string, query: Record<string, string> = {}): string {
  const q = new URLSearchParams(query);
  const lang = c.url.searchParams.get('lang');
  if (lang === 'vi' || lang === 'en') q.set('lang', lang);
  const s = q.toString();
  return path + (s ? `?${s}` : '');
}

export function page(
  c: PageContext,
  title: string,
  body: Safe,
  opts: { refreshSeconds?: number; css?: string; active?: string } = {},
): string {
  const { t } = c;
  const nav = [
    ['dashboard', '/dashboard', t('console.nav.dashboard')],
    ['incidents', '/incidents', t('console.nav.incidents')],
    ['schedule', '/schedule', t('console.nav.schedule')],
  ].map(
    ([id, href, text]) =>
      markup`<a href="${link(c, href)}"${opts.active === id ? raw(' class="on" aria-current="page"') : ''}>${text}</a>`,
  );
  return markup`<!doctype html>
<html lang="${c.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${opts.refreshSeconds ? markup`<meta http-equiv="refresh" content="${opts.refreshSeconds}">` : ''}<title>${title} — wardkit</title>
<style>${raw(opts.css ?? '')}${raw(CSS)}</style></head>
<body><nav class="wk-nav"><b>wardkit</b>${nav}<span class="sp"></span><span>${c.role === 'admin' ? t('console.role.admin') : t('console.role.viewer')}</span><a href="${withQuery(c.url, { lang: 'vi' })}" lang="vi">Tiếng Việt</a><a href="${withQuery(c.url, { lang: 'en' })}" lang="en">English</a><a href="/logout">${t('console.nav.logout')}</a></nav>
<main class="wk-main">
${body}
<p class="muted">${t('console.generated', { time: formatClock(c) })}</p>
</main></body></html>
`.value;
}

const formatClock = (c: PageContext) => `${timeOn(c, c.now)} (${c.timeZone})`;

/** A time on a console page: in the Department's zone, which every page states once (its footer). */
export const timeOn = (c: { lang: Lang; timeZone: string }, at: string | number | null | undefined): string =>
  formatDate(at, c.lang, { timeZone: c.timeZone, zone: false });
