// Temporal's own figures in the throughput benchmark come from two scrapes of its Prometheus endpoints:
// what happened in between is the difference, summed over the services, with percentiles from the
// histogram's buckets as Prometheus computes them.
import { describe, expect, it } from '@jest/globals';
import { bucketQuantile, parsePrometheus, temporalFigures } from '../../scripts/bench/temporal-metrics.js';

const le = (op: string, service: string, counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([bound, n]) => `persistence_latency_bucket{operation="${op}",service_name="${service}",le="${bound}"} ${n}`)
    .join('\n');

const before = parsePrometheus(`# HELP state_transition_count state_transition_count histogram
# TYPE state_transition_count histogram
state_transition_count_count{namespace="default",service_name="history"} 100
${le('UpdateWorkflowExecution', 'history', { '0.001': 10, '0.002': 20, '0.005': 20, '+Inf': 20 })}
persistence_latency_sum{operation="UpdateWorkflowExecution",service_name="history"} 0.03
persistence_latency_count{operation="UpdateWorkflowExecution",service_name="history"} 20
`);
// A series new since the first scrape counts whole.
const after = parsePrometheus(
  `state_transition_count_count{namespace="default",service_name="history"} 400
${le('UpdateWorkflowExecution', 'history', { '0.001': 60, '0.002': 110, '0.005': 120, '+Inf': 120 })}
persistence_latency_sum{operation="UpdateWorkflowExecution",service_name="history"} 0.18
persistence_latency_count{operation="UpdateWorkflowExecution",service_name="history"} 120
${le('GetTaskQueue', 'matching', { '0.001': 0, '0.002': 0, '0.005': 0, '+Inf': 10 })}
persistence_latency_sum{operation="GetTaskQueue",service_name="matching"} 0.1
persistence_latency_count{operation="GetTaskQueue",service_name="matching"} 10
`,
);

describe('Temporal’s figures from its metrics', () => {
  it('counts the state transitions and persistence calls between the scrapes, per second of the run', () => {
    const f = temporalFigures(before, after, 10, 1);
    expect(f.stateTransitions).toBe(300);
    expect(f.stateTransitionsPerSecond).toBe(30);
    expect(f.persistence.requests).toBe(110);
    expect(f.persistence.meanMs).toBeCloseTo(((0.15 + 0.1) / 110) * 1000, 6);
    expect(Object.keys(f.persistenceByOperation)).toEqual(['UpdateWorkflowExecution', 'GetTaskQueue']);
    expect(f.persistenceByOperation.GetTaskQueue!.requests).toBe(10);
    expect(f.persistenceByOperation.UpdateWorkflowExecution!.meanMs).toBeCloseTo(1.5, 6);
  });

  it('takes percentiles from the bucket differences, linear within a bucket', () => {
    const f = temporalFigures(before, after, 10, 1);
    // UpdateWorkflowExecution over the run: 50 ≤ 1 ms, 40 in 1–2 ms, 10 in 2–5 ms; GetTaskQueue: 10 above 5 ms.
    expect(f.persistenceByOperation.UpdateWorkflowExecution!.p50Ms).toBeCloseTo(1, 6);
    expect(f.persistenceByOperation.UpdateWorkflowExecution!.p99Ms).toBeCloseTo(2 + (3 * (99 - 90)) / 10, 6);
    // The overall p99 falls in the +Inf bucket: the highest finite bound, as Prometheus answers.
    expect(f.persistence.p99Ms).toBeCloseTo(5, 6);
  });

  it('adds up a series that two endpoints expose alike', () => {
    const line = 'state_transition_count_count{namespace="default"} 7\n';
    const both = parsePrometheus(line, parsePrometheus(line));
    expect([...both.values()].map((s) => s.value)).toEqual([14]);
  });

  it('has no percentile without calls', () => {
    expect(
      bucketQuantile(
        new Map([
          ['0.001', 0],
          ['+Inf', 0],
        ]),
        0.5,
      ),
    ).toBeNaN();
  });
});
