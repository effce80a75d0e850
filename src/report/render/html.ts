// One self-contained, printable HTML page for people: the ward and time, the verdict as a banner,
// what to fix, then every check with its figures, findings and remedies, and pictures where a
// person would rather look than read (camera snapshot, microphone spectrum, loopback tones,
// throughput over time). Every value goes through `markup`, which escapes; a Content-Security-
// Policy forbids scripts and any external resource as a second line of defence.
import type { Evidence, Status } from '../../domain/result.js';
import { formatDate, formatNumber, type Formatter } from '../../i18n/format.js';
import type { Report } from '../model.js';
import { spectrumChart, throughputChart, tonesChart } from './charts.js';
import { readSpectrum, readThroughput, readTones } from './details.js';
import { markup, raw, type Safe } from './escape.js';
import {
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

const MARK: Record<Status, string> = { pass: '✔', warn: '!', fail: '✘', error: '✘', skip: '–' };
const DATA_URI = /^data:(image\/(?:png|jpeg|gif|webp|svg\+xml));base64,([A-Za-z0-9+/]+={0,2})$/;

/** A data: URI safe to put in <img src>, or undefined. SVG is shown through <img>, where it cannot run script. */
export function evidencePicture(e: Evidence): string | undefined {
  if (!e || (e.kind !== 'image' && e.kind !== 'svg') || typeof e.inline !== 'string') return undefined;
  const s = e.inline.trim();
  if (s.startsWith('data:')) return DATA_URI.test(s) ? s : undefined;
  if (e.kind === 'svg' && /^(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(s))
    return `data:image/svg+xml;base64,${Buffer.from(s, 'utf8').toString('base64')}`;
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(s) && /^image\/(png|jpeg|gif|webp)$/.test(e.mime))
    return `data:${e.mime};base64,${s}`;
  return undefined;
}

const CSS = `
:root{--ok:#1a7f37;--warn:#9a5b00;--bad:#c62828;--skip:#666;--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}
body{font-family:"Segoe UI","Noto Sans","DejaVu Sans",Roboto,system-ui,-apple-system,Arial,sans-serif;color:#1f2328;margin:0 auto;max-width:960px;padding:24px;line-height:1.45;font-size:15px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:16px;margin:0}
.meta{color:#555;margin:0}.meta span+span:before{content:" · "}
.banner{margin:16px 0;padding:14px 18px;border-radius:8px;border:3px solid;font-size:24px;font-weight:700;display:flex;flex-wrap:wrap;gap:4px 16px;align-items:baseline}
.banner small{font-size:15px;font-weight:400;color:#1f2328}
.banner.READY{border-color:var(--ok);color:var(--ok);background:#eef8f0}
.banner.DEGRADED{border-color:var(--warn);color:var(--warn);background:#fff6e5}
.banner.NOT_READY{border-color:var(--bad);color:var(--bad);background:#fdecec}
.s-pass{color:var(--ok)}.s-warn{color:var(--warn)}.s-fail,.s-error{color:var(--bad)}.s-skip{color:var(--skip)}
.badge{display:inline-block;border:1px solid currentColor;border-radius:4px;padding:0 6px;font-size:13px;font-weight:600;white-space:nowrap}
ol.fix{padding-left:24px}ol.fix li{margin:6px 0}
.remedy{margin:2px 0 0;padding:4px 8px;background:var(--bg);border-left:4px solid #1f5fbf}
.remedy b{font-weight:600}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:14px}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--bg)}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
section.check{border:1px solid var(--line);border-left:6px solid var(--skip);border-radius:6px;padding:12px 16px;margin:14px 0}
section.check.s-pass{border-left-color:var(--ok)}section.check.s-warn{border-left-color:var(--warn)}
section.check.s-fail,section.check.s-error{border-left-color:var(--bad)}
section.check>*{color:#1f2328}
.check header{display:flex;flex-wrap:wrap;gap:6px 12px;align-items:baseline}
.muted{color:#666;font-size:13px}
ul.findings{margin:8px 0;padding-left:20px}
figure{margin:10px 0}figcaption{font-size:13px;color:#555}
figure img{max-width:100%;height:auto;border:1px solid var(--line)}
svg.chart{max-width:100%;height:auto;font-family:inherit}
code{font-family:inherit}
svg .tick{font-size:11px;fill:#333}svg .axis-label{font-size:12px;fill:#333}
footer{margin-top:28px;border-top:1px solid var(--line);padding-top:8px;color:#555;font-size:13px;word-break:break-all}
@media print{body{max-width:none;padding:0;font-size:12px}figure,table,tr,.banner,.remedy,ol.fix li{break-inside:avoid}h2,h3,.check header{break-after:avoid}
 section.check{break-before:page;margin-top:0}
 svg.chart{max-height:62mm;width:auto}
 a{color:inherit;text-decoration:none}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 @page{size:A4;margin:14mm}}
`;

const statusBadge = (t: Formatter, s: Status) =>
  markup`<span class="badge s-${s}">${MARK[s]} ${t(`status.${s}`)}</span>`;

function metricsTable(t: Formatter, r: ReportResult): Safe | '' {
  const ms = shownMetrics(r);
  if (!ms.length) return '';
  const rows = ms.map((m) => {
    const v = m.verdict;
    return markup`<tr${v ? markup` class="s-${v}"` : ''}><td>${metricName(t, r.checkId, m.id)}</td><td class="num">${metricValue(t, r.checkId, m)}</td><td>${metricThreshold(t, r.checkId, m)}</td><td>${v ? markup`${MARK[v]} ${t(`status.${v}`)}` : ''}</td></tr>`;
  });
  return markup`<table class="metrics"><thead><tr><th>${t('render.html.metric')}</th><th>${t('render.html.value')}</th><th>${t('render.html.threshold')}</th><th>${t('render.html.verdict')}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function findingsList(t: Formatter, r: ReportResult): Safe | '' {
  const fs = (Array.isArray(r.findings) ? (r.findings as ReportFinding[]) : []).filter(Boolean);
  if (!fs.length) return '';
  const items = fs.map((f) => {
    const remedy = findingRemedy(t, f);
    const sev = f.severity === 'info' ? 'skip' : f.severity;
    return markup`<li><span class="s-${sev}">${findingMessage(t, f)}</span>${remedy ? markup`<div class="remedy"><b>${t('render.remedy')}:</b> ${remedy}</div>` : ''}</li>`;
  });
  return markup`<ul class="findings">${items}</ul>`;
}

function figures(t: Formatter, r: ReportResult): Safe[] {
  const out: Safe[] = [];
  for (const e of Array.isArray(r.evidence) ? r.evidence : []) {
    const src = evidencePicture(e);
    if (src)
      out.push(
        markup`<figure><img src="${src}" alt="${e.label ?? ''}"><figcaption>${e.label ?? ''}</figcaption></figure>`,
      );
    else if (e && typeof e.path === 'string')
      out.push(
        markup`<p class="muted">${t('render.html.evidenceFile', { label: String(e.label ?? e.kind ?? ''), path: e.path })}</p>`,
      );
  }
  const tones = readTones(r.details);
  const spectrum = readSpectrum(r.details);
  if (spectrum)
    out.push(
      markup`<figure>${spectrumChart(spectrum, tones, t)}<figcaption>${t('render.chart.spectrum.caption')}</figcaption></figure>`,
    );
  if (tones.length)
    out.push(
      markup`<figure>${tonesChart(tones, t)}<figcaption>${t('render.chart.tones.caption')}</figcaption></figure>`,
    );
  // The required rate of a direction is its metric's fail threshold when the series does not say.
  const tp = readThroughput(r.details).map((series) => {
    if (series.requiredMbps !== undefined || !series.direction) return series;
    const need = (Array.isArray(r.metrics) ? r.metrics : []).find((m) => m?.id === `${series.direction}Mbps`)?.threshold
      ?.fail;
    return typeof need === 'number' && Number.isFinite(need) ? { ...series, requiredMbps: need } : series;
  });
  if (tp.length)
    out.push(
      markup`<figure>${throughputChart(tp, t)}<figcaption>${t('render.chart.throughput.caption')}</figcaption></figure>`,
    );
  return out;
}

function checkSection(t: Formatter, r: ReportResult, i: number): Safe {
  const secs = `${formatNumber(Math.round((r.durationMs ?? 0) / 100) / 10, t.lang)} s`;
  return markup`<section class="check s-${r.status}" id="r${i}"><header><h3>${resultName(t, r)}</h3>${statusBadge(t, r.status)}<span class="muted">${r.required ? t('render.required') : t('render.optional')} · ${secs}${r.uri ? markup` · <code>${r.uri}</code>` : ''}</span></header>${findingsList(t, r)}${metricsTable(t, r)}${figures(t, r)}</section>`;
}

export function renderHtml(report: Report, t: Formatter): string {
  const lang = t.lang;
  const s = report.summary;
  const verdict = t(`readiness.${report.readiness}`);
  const where = [report.ward, report.room].filter(Boolean).join(' · ');
  const title = t('render.html.title', { ward: where });
  const todo = problems(report);
  const fixList = todo.length
    ? markup`<ol class="fix">${todo.map((r) => {
        const fs = visibleFindings(r).filter((f) => f.severity !== 'info');
        const idx = report.results.indexOf(r);
        return markup`<li><a href="#r${idx}"><b class="s-${r.status}">${MARK[r.status]} ${resultName(t, r)}</b></a> — ${t(`status.${r.status}`)}${r.required ? '' : markup` <span class="muted">(${t('render.optional')})</span>`}${fs.map(
          (f) => {
            const remedy = findingRemedy(t, f);
            return markup`<div>${findingMessage(t, f)}</div>${remedy ? markup`<div class="remedy"><b>${t('render.remedy')}:</b> ${remedy}</div>` : ''}`;
          },
        )}${shownMetrics(r)
          .filter((m) => m.verdict === 'fail' || m.verdict === 'warn')
          .map(
            (m) =>
              markup`<div class="s-${m.verdict!}">${MARK[m.verdict!]} ${metricName(t, r.checkId, m.id)} ${metricValue(t, r.checkId, m)} (${metricThreshold(t, r.checkId, m)})</div>`,
          )}</li>`;
      })}</ol>`
    : report.readiness === 'NOT_READY'
      ? markup`<p class="s-fail">${t('render.text.nothingMeasured')}</p>`
      : markup`<p class="s-pass">${t('render.text.nothingToFix')}</p>`;
  const overview = markup`<table class="overview"><thead><tr><th>${t('render.html.check')}</th><th>${t('render.html.status')}</th><th>${t('render.html.duration')}</th></tr></thead><tbody>${report.results.map(
    (r, i) =>
      markup`<tr><td><a href="#r${i}">${resultName(t, r)}</a>${r.required ? '' : markup` <span class="muted">(${t('render.optional')})</span>`}</td><td class="s-${r.status}">${MARK[r.status]} ${t(`status.${r.status}`)}</td><td class="num">${formatNumber(Math.round((r.durationMs ?? 0) / 100) / 10, lang)} s</td></tr>`,
  )}</tbody></table>`;
  const page = markup`<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="wardkit ${report.tool?.version ?? ''}">
<title>${title} — ${verdict}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<h1>${title}</h1>
<p class="meta"><span>${t('render.html.ward')}: <b>${report.ward}</b></span>${report.room ? markup`<span>${t('render.html.room')}: <b>${report.room}</b></span>` : ''}<span>${t('render.html.profile')}: ${report.profile?.id ?? ''}</span></p>
<p class="meta"><span>${t('render.html.time')}: ${formatDate(report.startedAt, lang)}</span><span>${t('render.html.took', { seconds: formatNumber(Math.round(durationSeconds(report) * 10) / 10, lang) })}</span></p>
<div class="banner ${report.readiness}" role="status"><span>${report.readiness === 'READY' ? '✔' : report.readiness === 'DEGRADED' ? '!' : '✘'} ${verdict}</span><small>${t('render.counts', { pass: s.pass, warn: s.warn, fail: s.fail, error: s.error, skip: s.skip })}</small></div>
<h2>${t('render.text.toFix')}</h2>
${fixList}
<h2>${t('render.text.allChecks')}</h2>
${overview}
${report.results.map((r, i) => checkSection(t, r, i))}
<footer>${t('render.html.footer', { id: report.id, host: `${report.host?.name ?? ''} (${report.host?.os ?? ''}, ${report.host?.arch ?? ''})`, version: report.tool?.version ?? '', hash: report.profile?.hash ?? '' })}</footer>
</body>
</html>
`;
  return page.value;
}
