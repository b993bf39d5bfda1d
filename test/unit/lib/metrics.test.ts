import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/lib/metrics.js';

describe('metrics', () => {
  it('renders counters, gauges and cumulative histograms in Prometheus text format', () => {
    const metrics = createMetrics([0.1, 1]);
    metrics.describe('jobs_total', 'counter', 'Jobs run');
    metrics.increment('jobs_total', { job: 'poll' });
    metrics.increment('jobs_total', { job: 'poll' }, 2);
    metrics.set('pods_running', 3);
    metrics.observe('ack_seconds', 0.05, { kind: 'command' });
    metrics.observe('ack_seconds', 0.5, { kind: 'command' });
    const text = metrics.render();
    expect(text).toContain('# HELP jobs_total Jobs run\n# TYPE jobs_total counter\njobs_total{job="poll"} 3');
    expect(text).toContain('# TYPE pods_running gauge\npods_running 3');
    expect(text).toContain('ack_seconds_bucket{kind="command",le="0.1"} 1');
    expect(text).toContain('ack_seconds_bucket{kind="command",le="1"} 2');
    expect(text).toContain('ack_seconds_bucket{kind="command",le="+Inf"} 2');
    expect(text).toContain('ack_seconds_sum{kind="command"} 0.55');
    expect(text).toContain('ack_seconds_count{kind="command"} 2');
  });

  it('escapes label values', () => {
    const metrics = createMetrics();
    metrics.increment('x_total', { name: 'a"b\\c\nd' });
    expect(metrics.render()).toContain('x_total{name="a\\"b\\\\c\\nd"} 1');
  });
});
