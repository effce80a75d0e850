// Inline SVG figures for the HTML report, drawn from the `details` shapes in details.ts.
// Pure string building; every label goes through `markup`, every coordinate is a finite number
// we computed. No scripts, no external references.
import type { Formatter } from '../../i18n/format.js';
import { markup, type Safe } from './escape.js';
import type { Spectrum, ThroughputSeries, Tone } from './details.js';
import { formatNumber } from '../../i18n/format.js';

const W = 640;
const H = 230;
const M = { l: 52, r: 14, t: 14, b: 40 };
const PW = W - M.l - M.r;
const PH = H - M.t - M.b;
const C = {
  ok: '#1a7f37',
  bad: '#c62828',
  warn: '#9a5b00',
  axis: '#555',
  grid: '#ddd',
  series: ['#1f5fbf', '#7b3fb5', '#00838f', '#a0522d'],
};

const r1 = (v: number) => Math.round(v * 10) / 10;

/** Round tick values (1, 2, 5 × 10^k apart, about n of them) from below `lo` to at or above `hi`. */
export function niceTicks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [lo, lo + 1];
  const raw = (hi - lo) / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * p).find((s) => s >= raw) ?? 10 * p;
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const out: number[] = [];
  for (let k = first; k <= last; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

const hzLabel = (hz: number, lang: string) =>
  hz >= 1000 ? `${formatNumber(hz / 1000, lang)} kHz` : `${formatNumber(hz, lang)} Hz`;

function frame(title: string, body: Safe, xLabel: string, yLabel: string): Safe {
  return markup`<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${title}"><title>${title}</title><rect x="${M.l}" y="${M.t}" width="${PW}" height="${PH}" fill="#fff" stroke="${C.axis}" stroke-width="1"/>${body}<text x="${M.l + PW / 2}" y="${H - 6}" text-anchor="middle" class="axis-label">${xLabel}</text><text transform="translate(13 ${M.t + PH / 2}) rotate(-90)" text-anchor="middle" class="axis-label">${yLabel}</text></svg>`;
}

function yAxis(lo: number, hi: number, lang: string, y: (v: number) => number): Safe[] {
  return niceTicks(lo, hi, 5)
    .filter((v) => v >= lo - 1e-9 && v <= hi + 1e-9)
    .map(
      (v) =>
        markup`<line x1="${M.l}" x2="${M.l + PW}" y1="${r1(y(v))}" y2="${r1(y(v))}" stroke="${C.grid}"/><text x="${M.l - 5}" y="${r1(y(v) + 4)}" text-anchor="end" class="tick">${formatNumber(v, lang)}</text>`,
    );
}

/** Magnitude spectrum on a log-frequency axis, peak-preserving down to one point per pixel; tones marked. */
export function spectrumChart(s: Spectrum, tones: Tone[], t: Formatter): Safe {
  const lang = t.lang;
  const fmin = Math.max(s.freqHz[0], 1);
  const fmax = Math.max(s.freqHz[s.freqHz.length - 1], fmin * 10);
  const lx = (f: number) =>
    M.l + ((Math.log10(Math.max(f, fmin)) - Math.log10(fmin)) / (Math.log10(fmax) - Math.log10(fmin))) * PW;
  let top = -Infinity;
  for (const d of s.db) top = Math.max(top, d);
  let bottom = Infinity;
  for (const d of s.db) bottom = Math.min(bottom, d);
  const hi = Math.ceil(top / 10) * 10;
  const lo = Math.max(Math.floor(bottom / 10) * 10, hi - 120);
  const span = hi - lo || 10;
  const y = (v: number) => M.t + PH - ((Math.min(Math.max(v, lo), hi) - lo) / span) * PH;
  // One point per pixel column: the loudest bin in it, so narrow tone peaks survive.
  const cols = new Map<number, number>();
  for (let i = 0; i < s.freqHz.length; i++) {
    const col = Math.round(lx(s.freqHz[i]));
    const prev = cols.get(col);
    if (prev === undefined || s.db[i] > prev) cols.set(col, s.db[i]);
  }
  const pts = [...cols.entries()].sort((a, b) => a[0] - b[0]);
  const d = pts.map(([x, v], i) => `${i ? 'L' : 'M'}${x} ${r1(y(v))}`).join('');
  const decades: number[] = [];
  for (let e = Math.floor(Math.log10(fmin)); e <= Math.ceil(Math.log10(fmax)); e++) {
    for (const k of [1, 2, 5]) {
      const f = k * 10 ** e;
      if (f >= fmin && f <= fmax) decades.push(f);
    }
  }
  const xTicks = decades.map(
    (f) =>
      markup`<line x1="${r1(lx(f))}" x2="${r1(lx(f))}" y1="${M.t}" y2="${M.t + PH}" stroke="${C.grid}"/><text x="${r1(lx(f))}" y="${M.t + PH + 14}" text-anchor="middle" class="tick">${hzLabel(f, lang)}</text>`,
  );
  const marks = tones
    .filter((tn) => tn.hz >= fmin && tn.hz <= fmax)
    .map((tn) => {
      const x = r1(lx(tn.hz));
      const color = tn.detected ? C.ok : C.bad;
      return markup`<line x1="${x}" x2="${x}" y1="${M.t}" y2="${M.t + PH}" stroke="${color}" stroke-dasharray="4 3"/><text x="${x + 3}" y="${M.t + 11}" class="tick" fill="${color}">${hzLabel(tn.hz, lang)}</text>`;
    });
  const body = markup`${yAxis(lo, hi, lang, y)}${xTicks}${marks}<path d="${d}" fill="none" stroke="${C.series[0]}" stroke-width="1.5"/>`;
  return frame(t('render.chart.spectrum'), body, t('render.chart.frequency'), s.unit ?? 'dB');
}

/** SNR of each loopback tone as a bar, green when detected, red when not; the needed SNR as a tick. */
export function tonesChart(tones: Tone[], t: Formatter): Safe {
  const lang = t.lang;
  const hiVal = Math.max(10, ...tones.map((x) => x.snrDb ?? 0), ...tones.map((x) => x.minSnrDb ?? 0));
  const loVal = Math.min(0, ...tones.map((x) => x.snrDb ?? 0));
  const ticks = niceTicks(loVal, hiVal * 1.12, 5);
  const lo = ticks[0];
  const hi = ticks[ticks.length - 1];
  const y = (v: number) => M.t + PH - ((v - lo) / (hi - lo || 1)) * PH;
  const slot = PW / tones.length;
  const bw = Math.min(60, slot * 0.6);
  const bars = tones.map((tn, i) => {
    const cx = M.l + slot * (i + 0.5);
    const color = tn.detected ? C.ok : C.bad;
    const v = tn.snrDb ?? 0;
    const y0 = y(Math.max(0, lo));
    const y1 = y(v);
    const label = tn.snrDb === null ? '—' : `${formatNumber(tn.snrDb, lang)} dB`;
    const state = t(tn.detected ? 'render.tone.detected' : 'render.tone.missing');
    const need =
      tn.minSnrDb !== undefined
        ? markup`<line x1="${r1(cx - bw / 2 - 4)}" x2="${r1(cx + bw / 2 + 4)}" y1="${r1(y(tn.minSnrDb))}" y2="${r1(y(tn.minSnrDb))}" stroke="${C.axis}" stroke-width="2" stroke-dasharray="5 3"/>`
        : '';
    return markup`<rect x="${r1(cx - bw / 2)}" y="${r1(Math.min(y0, y1))}" width="${r1(bw)}" height="${r1(Math.max(1, Math.abs(y0 - y1)))}" fill="${color}"><title>${hzLabel(tn.hz, lang)}: ${label} — ${state}</title></rect>${need}<text x="${r1(cx)}" y="${r1(Math.min(y0, y1) - 4)}" text-anchor="middle" class="tick">${label}</text><text x="${r1(cx)}" y="${M.t + PH + 14}" text-anchor="middle" class="tick">${hzLabel(tn.hz, lang)}</text><text x="${r1(cx)}" y="${M.t + PH + 26}" text-anchor="middle" class="tick" fill="${color}">${state}</text>`;
  });
  return frame(t('render.chart.tones'), markup`${yAxis(lo, hi, lang, y)}${bars}`, '', t('render.chart.snr'));
}

/** Goodput over time, one line per direction, the required rate dashed. */
export function throughputChart(series: ThroughputSeries[], t: Formatter): Safe {
  const lang = t.lang;
  const tMax = Math.max(...series.map((s) => s.t[s.t.length - 1]), 1e-9);
  const tMin = Math.min(0, ...series.map((s) => s.t[0]));
  const yTop = Math.max(...series.map((s) => Math.max(...s.mbps, s.requiredMbps ?? 0)), 1e-9) * 1.1;
  const yt = niceTicks(0, yTop, 5);
  const hi = yt[yt.length - 1];
  const x = (v: number) => M.l + ((v - tMin) / (tMax - tMin || 1)) * PW;
  const y = (v: number) => M.t + PH - (v / (hi || 1)) * PH;
  const xTicks = niceTicks(tMin, tMax, 6)
    .filter((v) => v >= tMin && v <= tMax)
    .map(
      (v) =>
        markup`<text x="${r1(x(v))}" y="${M.t + PH + 14}" text-anchor="middle" class="tick">${formatNumber(v, lang)}</text>`,
    );
  const lines = series.map((s, i) => {
    const color = C.series[i % C.series.length];
    const d = s.t.map((tv, j) => `${j ? 'L' : 'M'}${r1(x(tv))} ${r1(y(s.mbps[j]))}`).join('');
    const dots =
      s.t.length === 1 ? markup`<circle cx="${r1(x(s.t[0]))}" cy="${r1(y(s.mbps[0]))}" r="3" fill="${color}"/>` : '';
    const req =
      s.requiredMbps !== undefined
        ? markup`<line x1="${M.l}" x2="${M.l + PW}" y1="${r1(y(s.requiredMbps))}" y2="${r1(y(s.requiredMbps))}" stroke="${color}" stroke-dasharray="6 4"/><text x="${i % 2 ? M.l + PW * 0.55 : M.l + PW - 4}" y="${r1(y(s.requiredMbps) - 4)}" text-anchor="end" class="tick" fill="${color}">${t('render.chart.required', { value: formatNumber(s.requiredMbps, lang) })}</text>`
        : '';
    const legend = markup`<rect x="${M.l + 8}" y="${M.t + 8 + i * 16}" width="12" height="4" fill="${color}"/><text x="${M.l + 24}" y="${M.t + 13 + i * 16}" class="tick">${s.direction ? (t.has(`render.chart.direction.${s.direction}`) ? t(`render.chart.direction.${s.direction}`) : s.direction) : t('render.chart.series', { n: i + 1 })}</text>`;
    return markup`${req}<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>${dots}${legend}`;
  });
  return frame(
    t('render.chart.throughput'),
    markup`${yAxis(0, hi, lang, y)}${xTicks}${lines}`,
    t('render.chart.seconds'),
    'Mbit/s',
  );
}
