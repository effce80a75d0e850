// Inline SVG trend charts for the ward page: one figure over the last days, a point per report
// (each with its value and time as data attributes and a <title>), the latest threshold dashed.
import { formatDay, formatNumber, type Formatter } from '../../../i18n/format.js';
import { niceTicks } from '../../../report/render/charts.js';
import { markup, type Safe } from '../../../report/render/escape.js';
import { localDay } from '../clock.js';
import { timeOn } from './layout.js';

const W = 460;
const H = 170;
const M = { l: 46, r: 10, t: 10, b: 26 };
const PW = W - M.l - M.r;
const PH = H - M.t - M.b;
const r1 = (v: number) => Math.round(v * 10) / 10;

export interface TrendPoint {
  at: number;
  value: number;
  reportId: string;
}

export function trendChart(o: {
  id: string;
  title: string;
  unit: string;
  points: TrendPoint[];
  from: number;
  to: number;
  threshold?: number;
  t: Formatter;
  timeZone: string;
}): Safe {
  const { t } = o;
  const lang = t.lang;
  const values = o.points.map((p) => p.value);
  if (o.threshold !== undefined) values.push(o.threshold);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo > 0 && lo < hi * 0.5) lo = 0;
  if (hi === lo) (hi += Math.abs(hi) * 0.1 || 1), (lo -= Math.abs(lo) * 0.1 || 0);
  const ticks = niceTicks(lo, hi, 4);
  lo = ticks[0];
  hi = ticks[ticks.length - 1];
  const span = o.to - o.from || 1;
  const x = (at: number) => r1(M.l + ((at - o.from) / span) * PW);
  const y = (v: number) => r1(M.t + PH - ((v - lo) / (hi - lo)) * PH);
  const grid = ticks.map(
    (v) =>
      markup`<line x1="${M.l}" x2="${M.l + PW}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e6ea"/><text x="${M.l - 4}" y="${y(v) + 4}" text-anchor="end">${formatNumber(v, lang)}</text>`,
  );
  // Day labels: first, middle, last.
  const xLabels = [o.from, (o.from + o.to) / 2, o.to].map(
    (at, i) =>
      markup`<text x="${x(at)}" y="${H - 8}" text-anchor="${i === 0 ? 'start' : i === 2 ? 'end' : 'middle'}">${formatDay(localDay(at, o.timeZone), lang, { short: true })}</text>`,
  );
  const line =
    o.points.length > 1
      ? markup`<polyline fill="none" stroke="#1f5fbf" stroke-width="1.5" points="${o.points.map((p) => `${x(p.at)},${y(p.value)}`).join(' ')}"/>`
      : '';
  const dots = o.points.map(
    (p) =>
      markup`<circle cx="${x(p.at)}" cy="${y(p.value)}" r="2.5" fill="#1f5fbf" data-value="${p.value}" data-at="${new Date(p.at).toISOString()}" data-report="${p.reportId}"><title>${timeOn({ lang, timeZone: o.timeZone }, p.at)}: ${formatNumber(p.value, lang)} ${o.unit}</title></circle>`,
  );
  const th =
    o.threshold !== undefined
      ? markup`<line class="threshold" x1="${M.l}" x2="${M.l + PW}" y1="${y(o.threshold)}" y2="${y(o.threshold)}" stroke="#c62828" stroke-dasharray="5 4" data-value="${o.threshold}"><title>${t('console.ward.threshold', { value: formatNumber(o.threshold, lang), unit: o.unit })}</title></line>`
      : '';
  return markup`<svg class="trend" id="trend-${o.id}" data-figure="${o.id}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${o.title}"><title>${o.title}</title><rect x="${M.l}" y="${M.t}" width="${PW}" height="${PH}" fill="#fff" stroke="#8c959f"/>${grid}${xLabels}${th}${line}${dots}</svg>`;
}
