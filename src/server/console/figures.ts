// What the console reads out of one report besides its verdict: the handful of figures the trend
// charts draw (download/upload, RTT, jitter, loss, MOS, camera frame rate, microphone level), the
// devices the ward used, and what changed between two reports. Pure functions over a Report.
import type { Report } from '../../report/model.js';

export type FigureId = 'down' | 'up' | 'rtt' | 'jitter' | 'loss' | 'mos' | 'fps' | 'mic';
export type Figures = Partial<Record<FigureId, number>>;

export interface FigureDef {
  id: FigureId;
  unit: string;
  better: 'higher' | 'lower';
  /** Column name in the history CSV export. */
  csv: string;
  /** Where the figure comes from, in order of preference: the first check that has a value wins. */
  sources: Array<{ check: string; metrics: string[] }>;
}

/**
 * Within one check, several targets or metrics combine to the worst of them (two cameras: the
 * slower one; uplink and downlink loss: the higher one) — the chart must not hide a problem.
 */
export const FIGURES: FigureDef[] = [
  {
    id: 'down',
    csv: 'download_mbit_s',
    unit: 'Mbit/s',
    better: 'higher',
    sources: [{ check: 'bandwidth', metrics: ['downloadMbps'] }],
  },
  {
    id: 'up',
    csv: 'upload_mbit_s',
    unit: 'Mbit/s',
    better: 'higher',
    sources: [{ check: 'bandwidth', metrics: ['uploadMbps'] }],
  },
  {
    id: 'rtt',
    csv: 'rtt_ms',
    unit: 'ms',
    better: 'lower',
    sources: [
      { check: 'latency', metrics: ['rttMedian'] },
      { check: 'call', metrics: ['rtt'] },
    ],
  },
  {
    id: 'jitter',
    csv: 'jitter_ms',
    unit: 'ms',
    better: 'lower',
    sources: [
      { check: 'latency', metrics: ['jitter'] },
      { check: 'call', metrics: ['jitter'] },
    ],
  },
  {
    id: 'loss',
    csv: 'loss_percent',
    unit: '%',
    better: 'lower',
    sources: [
      { check: 'latency', metrics: ['lossUplink', 'lossDownlink'] },
      { check: 'call', metrics: ['loss'] },
    ],
  },
  {
    id: 'mos',
    csv: 'mos',
    unit: 'MOS',
    better: 'higher',
    sources: [
      { check: 'latency', metrics: ['mos'] },
      { check: 'call', metrics: ['mos'] },
    ],
  },
  {
    id: 'fps',
    csv: 'camera_fps',
    unit: 'fps',
    better: 'higher',
    sources: [{ check: 'camera', metrics: ['frameRate'] }],
  },
  {
    id: 'mic',
    csv: 'microphone_dbfs',
    unit: 'dBFS',
    better: 'higher',
    sources: [{ check: 'microphone', metrics: ['rmsLevel'] }],
  },
];

type Result = Report['results'][number];

const results = (report: Report): Result[] =>
  Array.isArray(report.results) ? report.results.filter((r) => r && typeof r === 'object') : [];

/** The trend figures of one report; a figure the report did not measure is absent (never 0). */
export function extractFigures(report: Report): Figures {
  const out: Figures = {};
  const all = results(report);
  for (const def of FIGURES) {
    for (const src of def.sources) {
      let worst: number | undefined;
      for (const r of all) {
        if (r.checkId !== src.check || !Array.isArray(r.metrics)) continue;
        for (const m of r.metrics) {
          if (!m || !src.metrics.includes(m.id) || typeof m.value !== 'number' || !Number.isFinite(m.value)) continue;
          worst =
            worst === undefined
              ? m.value
              : def.better === 'higher'
                ? Math.min(worst, m.value)
                : Math.max(worst, m.value);
        }
      }
      if (worst !== undefined) {
        out[def.id] = worst;
        break;
      }
    }
  }
  return out;
}

/** The threshold the latest report judged a figure against (for a dashed line on the chart). */
export function figureThreshold(report: Report, def: FigureDef): number | undefined {
  for (const src of def.sources)
    for (const r of results(report)) {
      if (r.checkId !== src.check || !Array.isArray(r.metrics)) continue;
      for (const m of r.metrics)
        if (
          m &&
          src.metrics.includes(m.id) &&
          typeof m.threshold?.fail === 'number' &&
          Number.isFinite(m.threshold.fail)
        )
          return m.threshold.fail;
    }
  return undefined;
}

export interface Device {
  role: string;
  label: string;
  /** The URI's scheme (`v4l2`, `pulse`, `dshow`, `lavfi`…). */
  kind: string;
  /** The URI without user, password, query or fragment: a device path or name, never a secret. */
  uri: string;
}

/** A device URI safe to show: credentials, query and fragment removed. */
export function safeUri(uri: string): { kind: string; uri: string } {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s.exec(uri.trim());
  if (!m) return { kind: '', uri: uri.replace(/[?#].*$/s, '') };
  let rest = m[2].replace(/[?#].*$/s, '');
  rest = rest.replace(/^\/\/[^/@]*@/, '//');
  return { kind: m[1].toLowerCase(), uri: `${m[1]}:${rest}` };
}

/** The devices a report used: each role once, with its name and URI as the ward bound them. */
export function devicesOf(report: Report): Device[] {
  const seen = new Map<string, Device>();
  for (const r of results(report)) {
    if (typeof r.role !== 'string' || !r.role || seen.has(r.role)) continue;
    const { kind, uri } = typeof r.uri === 'string' ? safeUri(r.uri) : { kind: '', uri: '' };
    seen.set(r.role, { role: r.role, label: typeof r.label === 'string' ? r.label : r.role, kind, uri });
  }
  return [...seen.values()].sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : 0));
}

/** A failing result's key: `checkId`, or `checkId:targetId` for a per-device check (as the fleet lists them). */
export const resultKey = (r: { checkId: string; targetId: string }): string =>
  r.targetId === 'default' ? r.checkId : `${r.checkId}:${r.targetId}`;

export interface Failing {
  key: string;
  checkId: string;
  targetId: string;
  label: string;
  required: boolean;
  status: 'fail' | 'error';
}

/** Results that failed or could not run, each key once. */
export function failingOf(report: Report): Failing[] {
  const out = new Map<string, Failing>();
  for (const r of results(report)) {
    if (r.status !== 'fail' && r.status !== 'error') continue;
    const key = resultKey(r);
    if (!out.has(key))
      out.set(key, {
        key,
        checkId: r.checkId,
        targetId: r.targetId,
        label: r.label ?? r.checkId,
        required: r.required !== false,
        status: r.status,
      });
  }
  return [...out.values()];
}

/** Keys of results that ran and did not fail (pass or warn): what closes an incident. */
export function passingKeys(report: Report): Set<string> {
  const out = new Set<string>();
  for (const r of results(report)) if (r.status === 'pass' || r.status === 'warn') out.add(resultKey(r));
  return out;
}

export type Change =
  | { kind: 'readiness'; from: Report['readiness']; to: Report['readiness'] }
  | { kind: 'startedFailing' | 'stoppedFailing'; key: string; checkId: string; label: string; targetId: string }
  | { kind: 'deviceAppeared' | 'deviceVanished'; device: Device }
  | { kind: 'deviceChanged'; before: Device; after: Device };

/** What changed from `prev` to `next`: readiness, checks that started or stopped failing, devices. */
export function changesBetween(prev: Report, next: Report): Change[] {
  const out: Change[] = [];
  if (prev.readiness !== next.readiness) out.push({ kind: 'readiness', from: prev.readiness, to: next.readiness });
  const before = new Map(failingOf(prev).map((f) => [f.key, f]));
  const after = new Map(failingOf(next).map((f) => [f.key, f]));
  for (const [key, f] of after)
    if (!before.has(key))
      out.push({ kind: 'startedFailing', key, checkId: f.checkId, label: f.label, targetId: f.targetId });
  for (const [key, f] of before)
    if (!after.has(key))
      out.push({ kind: 'stoppedFailing', key, checkId: f.checkId, label: f.label, targetId: f.targetId });
  const dBefore = new Map(devicesOf(prev).map((d) => [d.role, d]));
  const dAfter = new Map(devicesOf(next).map((d) => [d.role, d]));
  for (const [role, d] of dAfter) {
    const old = dBefore.get(role);
    if (!old) out.push({ kind: 'deviceAppeared', device: d });
    else if (old.label !== d.label || old.uri !== d.uri) out.push({ kind: 'deviceChanged', before: old, after: d });
  }
  for (const [role, d] of dBefore) if (!dAfter.has(role)) out.push({ kind: 'deviceVanished', device: d });
  return out;
}
