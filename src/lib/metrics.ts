/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the text
 * exposition format for `GET /metrics`. One instance is built by the composition root and passed
 * to whoever records.
 */
export type Labels = Readonly<Record<string, string>>;

export type MetricType = 'counter' | 'gauge' | 'histogram';

export type Metrics = {
  /** Declares a metric's type and help text; recording an undeclared name declares it untyped-help. */
  describe(name: string, type: MetricType, help: string): void;
  increment(name: string, labels?: Labels, by?: number): void;
  set(name: string, value: number, labels?: Labels): void;
  /** Records one observation (seconds, for latencies) into a histogram. */
  observe(name: string, value: number, labels?: Labels): void;
  render(): string;
};

const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Histogram = { buckets: number[]; sum: number; count: number };

type Family = {
  type: MetricType;
  help: string;
  values: Map<string, number>;
  histograms: Map<string, Histogram>;
};

function labelKey(labels: Labels | undefined): string {
  if (!labels) return '';
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  const escapeValue = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
  return keys.map((k) => `${k}="${escapeValue(labels[k] ?? '')}"`).join(',');
}

const withLabels = (name: string, key: string, extra = ''): string => {
  const inner = [key, extra].filter((part) => part.length > 0).join(',');
  return inner.length > 0 ? `${name}{${inner}}` : name;
};

const formatNumber = (value: number): string => {
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
};

export function createMetrics(buckets: readonly number[] = DEFAULT_BUCKETS): Metrics {
  const families = new Map<string, Family>();

  const family = (name: string, type: MetricType): Family => {
    let found = families.get(name);
    if (!found) {
      found = { type, help: name.replace(/_/g, ' '), values: new Map(), histograms: new Map() };
      families.set(name, found);
    }
    return found;
  };

  return {
    describe(name, type, help) {
      const found = family(name, type);
      found.type = type;
      found.help = help;
    },
    increment(name, labels, by = 1) {
      const found = family(name, 'counter');
      const key = labelKey(labels);
      found.values.set(key, (found.values.get(key) ?? 0) + by);
    },
    set(name, value, labels) {
      family(name, 'gauge').values.set(labelKey(labels), value);
    },
    observe(name, value, labels) {
      const found = family(name, 'histogram');
      const key = labelKey(labels);
      let histogram = found.histograms.get(key);
      if (!histogram) {
        histogram = { buckets: buckets.map(() => 0), sum: 0, count: 0 };
        found.histograms.set(key, histogram);
      }
      buckets.forEach((bound, index) => {
        if (value <= bound && histogram) histogram.buckets[index] = (histogram.buckets[index] ?? 0) + 1;
      });
      histogram.sum += value;
      histogram.count += 1;
    },
    render() {
      const lines: string[] = [];
      for (const [name, found] of [...families.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`# HELP ${name} ${found.help.replace(/\n/g, ' ')}`);
        lines.push(`# TYPE ${name} ${found.type}`);
        for (const [key, value] of found.values)
          lines.push(`${withLabels(name, key)} ${formatNumber(value)}`);
        for (const [key, histogram] of found.histograms) {
          buckets.forEach((bound, index) => {
            lines.push(
              `${withLabels(`${name}_bucket`, key, `le="${bound}"`)} ${histogram.buckets[index] ?? 0}`,
            );
          });
          lines.push(`${withLabels(`${name}_bucket`, key, 'le="+Inf"')} ${histogram.count}`);
          lines.push(`${withLabels(`${name}_sum`, key)} ${formatNumber(histogram.sum)}`);
          lines.push(`${withLabels(`${name}_count`, key)} ${histogram.count}`);
        }
      }
      return `${lines.join('\n')}\n`;
    },
  };
}
