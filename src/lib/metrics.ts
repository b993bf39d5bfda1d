/**
 * Prometheus metrics on prom-client. One registry per app, built by the composition root and
 * passed to whoever records (never a module singleton, so tests and several apps in one process
 * do not share series). Callers record by name; a metric is declared once with `describe`.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, type Metric, Registry } from 'prom-client';

export type Labels = Readonly<Record<string, string>>;

export type MetricType = 'counter' | 'gauge' | 'histogram';

export type Metrics = {
  /**
   * Declares a metric: its type, help text and label names. A name recorded without a
   * declaration is declared then, with the label names of that first recording.
   */
  describe(name: string, type: MetricType, help: string, labelNames?: readonly string[]): void;
  increment(name: string, labels?: Labels, by?: number): void;
  set(name: string, value: number, labels?: Labels): void;
  /** Records one observation (seconds, for latencies) into a histogram. */
  observe(name: string, value: number, labels?: Labels): void;
  /** Forgets every series of a metric (a gauge about to be set from a fresh snapshot). */
  reset(name: string): void;
  /** The exposition text for GET /metrics. */
  render(): Promise<string>;
  /** The Content-Type of `render()`'s text. */
  readonly contentType: string;
};

export type MetricsOptions = {
  /** Histogram buckets, in the recorded unit (seconds). */
  buckets?: readonly number[];
  /** prom-client's process and Node metrics (process_*, nodejs_*); on by default. */
  defaultMetrics?: boolean;
};

const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Declared = { type: MetricType; help: string; metric: Metric | null };

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const buckets = [...(options.buckets ?? DEFAULT_BUCKETS)];
  const declared = new Map<string, Declared>();

  const build = (name: string, entry: Declared, labelNames: readonly string[]): Metric => {
    const config = { name, help: entry.help, labelNames: [...labelNames], registers: [registry] };
    if (entry.type === 'counter') return new Counter(config);
    if (entry.type === 'gauge') return new Gauge(config);
    return new Histogram({ ...config, buckets });
  };

  const metricFor = (name: string, type: MetricType, labels: Labels | undefined): Metric => {
    let entry = declared.get(name);
    if (!entry) {
      entry = { type, help: name.replace(/_/g, ' '), metric: null };
      declared.set(name, entry);
    }
    entry.metric ??= build(name, entry, Object.keys(labels ?? {}));
    return entry.metric;
  };

  return {
    contentType: registry.contentType,
    describe(name, type, help, labelNames) {
      const existing = declared.get(name);
      if (existing?.metric) return;
      const entry: Declared = { type, help, metric: null };
      declared.set(name, entry);
      if (labelNames) entry.metric = build(name, entry, labelNames);
    },
    increment(name, labels, by = 1) {
      (metricFor(name, 'counter', labels) as Counter).inc({ ...labels }, by);
    },
    set(name, value, labels) {
      (metricFor(name, 'gauge', labels) as Gauge).set({ ...labels }, value);
    },
    observe(name, value, labels) {
      (metricFor(name, 'histogram', labels) as Histogram).observe({ ...labels }, value);
    },
    reset(name) {
      declared.get(name)?.metric?.reset();
    },
    render: () => registry.metrics(),
  };
}
