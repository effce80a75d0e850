// Reads ffmpeg's own video analysis from its log: per-frame `metadata=mode=print` lines (frame
// timestamps and signalstats YAVG), blackdetect intervals and freezedetect events. Nothing here
// looks at pixels: ffmpeg measured them; this only adds up what it printed.

export interface VideoAnalysis {
  /** Presentation time of every frame that went through the filters, seconds. */
  pts: number[];
  /** signalstats YAVG (mean luma, 0–255) per frame. */
  yavg: number[];
  black: Array<{ start: number; end: number }>;
  /** Freeze intervals; a freeze still going at the end has end = undefined. */
  freeze: Array<{ start: number; end?: number }>;
}

export function parseVideoAnalysis(stderr: string): VideoAnalysis {
  const a: VideoAnalysis = { pts: [], yavg: [], black: [], freeze: [] };
  for (const line of stderr.split(/\r?\n/)) {
    let m: RegExpExecArray | null;
    if ((m = /\] frame:\d+\s+pts:-?\d+\s+pts_time:(-?[\d.e+-]+)/.exec(line))) a.pts.push(Number(m[1]));
    else if ((m = /lavfi\.signalstats\.YAVG=([\d.]+)/.exec(line))) a.yavg.push(Number(m[1]));
    else if ((m = /black_start:\s*([\d.e+-]+)\s+black_end:\s*([\d.e+-]+)/.exec(line)))
      a.black.push({ start: Number(m[1]), end: Number(m[2]) });
    else if ((m = /lavfi\.freezedetect\.freeze_start: ([\d.e+-]+)/.exec(line))) a.freeze.push({ start: Number(m[1]) });
    else if ((m = /lavfi\.freezedetect\.freeze_end: ([\d.e+-]+)/.exec(line))) {
      const open = a.freeze.at(-1);
      if (open && open.end === undefined) open.end = Number(m[1]);
    }
  }
  return a;
}

export interface VideoSummary {
  frames: number;
  /** Frame rate from the timestamps: (frames − 1) / (last − first). Null with fewer than 2 frames. */
  measuredFps: number | null;
  /** Span the frames cover, seconds: last − first + one frame interval. */
  spanSeconds: number;
  blackFraction: number;
  frozenFraction: number;
  lumaMean: number | null;
  lumaMin: number | null;
  lumaMax: number | null;
  /** Largest gap between consecutive frames, ms (a stall). */
  maxGapMs: number | null;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Overlap of [s, e) with [lo, hi). */
const overlap = (s: number, e: number, lo: number, hi: number) => Math.max(0, Math.min(e, hi) - Math.max(s, lo));

export function summarizeVideo(a: VideoAnalysis): VideoSummary {
  const n = a.pts.length;
  const first = n ? a.pts[0] : 0;
  const last = n ? a.pts[n - 1] : 0;
  const measuredFps = n >= 2 && last > first ? (n - 1) / (last - first) : null;
  const interval = measuredFps ? 1 / measuredFps : 0;
  const lo = first;
  const hi = last + interval;
  const span = Math.max(0, hi - lo);
  let black = 0;
  // An interval that lasts to the last frame (blackdetect reports it at EOF with end = last pts)
  // covers that frame's interval too.
  const toEnd = (e: number) => (n && e >= last - 1e-6 ? hi : e);
  for (const b of a.black) black += overlap(b.start, toEnd(b.end), lo, hi);
  let frozen = 0;
  for (const z of a.freeze) frozen += overlap(z.start, z.end ?? hi, lo, hi);
  let maxGap = 0;
  for (let i = 1; i < n; i++) maxGap = Math.max(maxGap, a.pts[i] - a.pts[i - 1]);
  const y = a.yavg;
  return {
    frames: n,
    measuredFps,
    spanSeconds: span,
    blackFraction: span > 0 ? clamp01(black / span) : 0,
    frozenFraction: span > 0 ? clamp01(frozen / span) : 0,
    lumaMean: y.length ? y.reduce((s, v) => s + v, 0) / y.length : null,
    lumaMin: y.length ? Math.min(...y) : null,
    lumaMax: y.length ? Math.max(...y) : null,
    maxGapMs: n >= 2 ? maxGap * 1000 : null,
  };
}
