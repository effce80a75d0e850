// A strict reader of monitoring-plugin output, written from the Monitoring Plugins development
// guidelines (section "Plugin Output for Nagios": plugin output, performance data, thresholds and
// ranges). It accepts only what the guidelines allow, so a test that feeds wardkit's output
// through it fails on anything Nagios, Icinga, NRPE or a perfdata graphing tool could misread.
//
// Output:   TEXT OUTPUT | OPTIONAL PERFDATA
//           LONG TEXT LINE 1
//           ...
//           LONG TEXT LINE N | PERFDATA LINE 2
//           PERFDATA LINE 3 ...
// Perfdata: space separated 'label'=value[UOM];[warn];[crit];[min];[max]
//   - label: any characters but '=' and "'"; quotes optional, required when it holds a space;
//     a quote inside a quoted label is written as two quotes
//   - value, min, max in the class [-0-9.] (value may be the literal U: could not be determined)
//   - warn, crit in the range format [@][start:][end] (start may be ~ for minus infinity)
//   - trailing empty fields may be dropped
//   - UOM: none, s, ms, us, %, B, KB, MB, TB, c

export interface Range {
  /** Alert when the value is inside [start, end] (the @ form) rather than outside it. */
  inside: boolean;
  start: number;
  end: number;
}

export interface PerfDatum {
  label: string;
  value: number | 'U';
  uom: string;
  warn?: Range;
  crit?: Range;
  min?: number;
  max?: number;
  /** The raw text of warn and crit, as written. */
  warnText?: string;
  critText?: string;
}

export interface PluginOutput {
  status: string;
  longText: string[];
  perfdata: PerfDatum[];
}

export const UOMS = ['', 's', 'ms', 'us', '%', 'B', 'KB', 'MB', 'TB', 'c'] as const;

const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

function num(s: string, what: string): number {
  if (!NUMBER.test(s)) throw new Error(`${what} "${s}" is not in the class [-0-9.]`);
  return Number(s);
}

/** A warn or crit range: [@][start:][end], start may be ~, end empty is +infinity. */
export function parseRange(s: string): Range {
  let rest = s;
  const inside = rest.startsWith('@');
  if (inside) rest = rest.slice(1);
  if (rest === '') throw new Error(`empty range "${s}"`);
  const colon = rest.indexOf(':');
  let start = 0;
  let end: number;
  if (colon < 0) {
    end = num(rest, 'range end');
  } else {
    const a = rest.slice(0, colon);
    const b = rest.slice(colon + 1);
    start = a === '~' ? -Infinity : a === '' ? 0 : num(a, 'range start');
    end = b === '' ? Infinity : num(b, 'range end');
  }
  if (start > end) throw new Error(`range "${s}": start is greater than end`);
  return { inside, start, end };
}

/** Would a plugin raise the alert of this range for this value (the guidelines' semantics)? */
export function alerts(r: Range, v: number): boolean {
  const within = v >= r.start && v <= r.end;
  return r.inside ? within : !within;
}

/** Split a perfdata string into its label=value items (labels may be quoted and hold spaces). */
function items(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === ' ') {
      i++;
      continue;
    }
    let j = i;
    if (s[i] === "'") {
      j = i + 1;
      for (;;) {
        const q = s.indexOf("'", j);
        if (q < 0) throw new Error(`unterminated quoted label in "${s.slice(i)}"`);
        if (s[q + 1] === "'") {
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      if (s[j] !== '=') throw new Error(`a quoted label must be followed by "=": "${s.slice(i)}"`);
    }
    const sp = s.indexOf(' ', j);
    const end = sp < 0 ? s.length : sp;
    out.push(s.slice(i, end));
    i = end;
  }
  return out;
}

export function parsePerfdata(s: string): PerfDatum[] {
  if (/[\t\r\n]/.test(s)) throw new Error('perfdata holds a tab or a line break');
  return items(s).map((item) => {
    let label: string;
    let rest: string;
    if (item.startsWith("'")) {
      const close = item.lastIndexOf("'=");
      label = item.slice(1, close).replace(/''/g, "'");
      if (/'/.test(item.slice(1, close).replace(/''/g, ''))) throw new Error(`a lone quote inside label ${item}`);
      rest = item.slice(close + 2);
    } else {
      const eq = item.indexOf('=');
      if (eq <= 0) throw new Error(`"${item}" is not label=value`);
      label = item.slice(0, eq);
      if (label.includes("'")) throw new Error(`unquoted label with a quote: ${label}`);
      rest = item.slice(eq + 1);
    }
    if (label === '' || label.includes('=')) throw new Error(`bad label in "${item}"`);
    const fields = rest.split(';');
    if (fields.length > 5) throw new Error(`"${item}" has more than 5 fields`);
    const [valueUom, warnText, critText, minText, maxText] = fields;
    const m = /^(U|-?(?:\d+(?:\.\d*)?|\.\d+))([^\d;'"]*)$/.exec(valueUom);
    if (!m) throw new Error(`value of "${item}" is not a number in [-0-9.] followed by a unit`);
    const uom = m[2];
    if (!(UOMS as readonly string[]).includes(uom))
      throw new Error(
        `unit "${uom}" of "${label}" is not one the guidelines define (${UOMS.filter(Boolean).join(' ')})`,
      );
    const d: PerfDatum = { label, value: m[1] === 'U' ? 'U' : Number(m[1]), uom };
    if (warnText) {
      d.warn = parseRange(warnText);
      d.warnText = warnText;
    }
    if (critText) {
      d.crit = parseRange(critText);
      d.critText = critText;
    }
    if (minText) d.min = num(minText, `min of ${label}`);
    if (maxText) d.max = num(maxText, `max of ${label}`);
    if (d.min !== undefined && d.max !== undefined && d.min > d.max) throw new Error(`min > max in "${item}"`);
    return d;
  });
}

/** Split a whole plugin output into status line, long text and perfdata, as Nagios 3+ / Icinga 2 do. */
export function parsePluginOutput(out: string): PluginOutput {
  const lines = out.replace(/\n$/, '').split('\n');
  if (lines.length === 0 || lines[0].trim() === '') throw new Error('the first line of output is empty');
  const perf: string[] = [];
  const [first, ...rest] = lines;
  const bar = first.indexOf('|');
  const status = (bar < 0 ? first : first.slice(0, bar)).trimEnd();
  if (bar >= 0) perf.push(first.slice(bar + 1));
  const longText: string[] = [];
  let inPerf = false;
  for (const line of rest) {
    if (inPerf) {
      perf.push(line);
      continue;
    }
    const b = line.indexOf('|');
    if (b >= 0) {
      longText.push(line.slice(0, b).trimEnd());
      perf.push(line.slice(b + 1));
      inPerf = true;
    } else longText.push(line);
  }
  const perfdata = perf.flatMap((p) => parsePerfdata(p.trim()));
  const labels = new Set<string>();
  for (const d of perfdata) {
    if (labels.has(d.label)) throw new Error(`label "${d.label}" appears twice`);
    labels.add(d.label);
  }
  return { status, longText, perfdata };
}
