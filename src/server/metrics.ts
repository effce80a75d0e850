// Counters the server's modules share for /metrics: each module counts its own events (intake
// outcomes, probe bytes, WHIP sessions) in the registry of the server it runs in; the reports
// module renders them with the fleet's gauges. Prometheus text exposition format 0.0.4.

type Labels = Record<string, string>;

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
export const labelText = (l: Labels): string => {
  const keys = Object.keys(l);
  return keys.length ? `{${keys.map((k) => `${k}="${escapeLabel(l[k])}"`).join(',')}}` : '';
};

export class Counter {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
    /** Label sets to show as 0 before anything was counted (so rate() and alerts see the series). */
    initial: Labels[] = [{}],
  ) {
    if (!name.endsWith('_total')) throw new Error(`counter ${name} must end in _total`);
    for (const l of initial) this.values.set(labelText(l), 0);
  }

  inc(labels: Labels = {}, by = 1): void {
    const k = labelText(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }

  get(labels: Labels = {}): number {
    return this.values.get(labelText(labels)) ?? 0;
  }

  render(): string {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [k, v] of this.values) out.push(`${this.name}${k} ${v}`);
    return out.join('\n');
  }
}

export class MetricsRegistry {
  private readonly counters = new Map<string, Counter>();

  /** The counter of this name, created on first use. */
  counter(name: string, help: string, initial?: Labels[]): Counter {
    let c = this.counters.get(name);
    if (!c) this.counters.set(name, (c = new Counter(name, help, initial)));
    return c;
  }

  render(): string {
    return [...this.counters.values()].map((c) => c.render()).join('\n');
  }
}

/** A gauge family: HELP, TYPE and one sample per label set. */
export function gauge(name: string, help: string, samples: Array<[Labels, number]>): string {
  const out = [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`];
  for (const [l, v] of samples) out.push(`${name}${labelText(l)} ${Number.isFinite(v) ? v : 'NaN'}`);
  return out.join('\n');
}
