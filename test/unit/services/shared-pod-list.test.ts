import { describe, expect, it } from 'vitest';
import { RunpodError } from '../../../src/domain/errors.js';
import type { Pod } from '../../../src/domain/pod.js';
import { createManualClock } from '../../../src/lib/clock.js';
import { sharePodList } from '../../../src/services/pods/shared-pod-list.js';
import type { PodGateway } from '../../../src/services/ports.js';
import { createFakeGateway, makePod } from './idle-fakes.js';

type Deferred = { resolve(): void };

/** A gateway whose listPods and getPod calls wait until the test lets them answer. */
function gatedGateway(pods: Pod[]) {
  const fake = createFakeGateway(pods);
  const gates: Deferred[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let lists = 0;
  const gate = async <T>(work: () => Promise<T>): Promise<T> => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise<void>((resolve) => gates.push({ resolve }));
    inFlight--;
    return work();
  };
  const gateway: PodGateway = {
    ...fake.gateway,
    listPods: () =>
      gate(() => {
        lists++;
        return fake.gateway.listPods();
      }),
    getPod: (podId) => gate(() => fake.gateway.getPod(podId)),
  };
  const releaseAll = async () => {
    while (gates.length > 0) {
      for (const g of gates.splice(0)) g.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { gateway, fake, releaseAll, stats: () => ({ lists, maxInFlight, waiting: gates.length }) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the pod list people’s commands share', () => {
  it('gives 50 concurrent lists one RunPod request, and each caller its own array', async () => {
    const gated = gatedGateway([makePod('p1'), makePod('p2')]);
    const clock = createManualClock('2026-11-02T10:00:00Z');
    const shared = sharePodList(gated.gateway, clock, { freshMs: 2_000, maxInFlight: 4 });
    const lists = Array.from({ length: 50 }, () => shared.listPods());
    await settle();
    await gated.releaseAll();
    const answers = await Promise.all(lists);
    expect(gated.stats().lists).toBe(1);
    expect(answers.every((pods) => pods.length === 2)).toBe(true);
    answers[0]?.splice(0);
    expect(answers[1]).toHaveLength(2);
  });

  it('serves a finished list while it is fresh, then asks RunPod again', async () => {
    const gated = gatedGateway([makePod('p1')]);
    const clock = createManualClock('2026-11-02T10:00:00Z');
    const shared = sharePodList(gated.gateway, clock, { freshMs: 2_000, maxInFlight: 4 });
    const first = shared.listPods();
    await settle();
    await gated.releaseAll();
    await first;
    clock.advance(1_999);
    expect(await shared.listPods()).toHaveLength(1);
    expect(gated.stats().lists).toBe(1);
    clock.advance(1);
    const again = shared.listPods();
    await settle();
    await gated.releaseAll();
    await again;
    expect(gated.stats().lists).toBe(2);
  });

  it('forgets the list when a pod is stopped through it, so the next list shows the stop', async () => {
    const gated = gatedGateway([makePod('p1')]);
    const clock = createManualClock('2026-11-02T10:00:00Z');
    const shared = sharePodList(gated.gateway, clock, { freshMs: 60_000, maxInFlight: 4 });
    const before = shared.listPods();
    await settle();
    await gated.releaseAll();
    expect((await before)[0]?.status).toBe('RUNNING');
    await shared.stopPod('p1');
    const after = shared.listPods();
    await settle();
    await gated.releaseAll();
    expect((await after)[0]?.status).toBe('EXITED');
    expect(gated.stats().lists).toBe(2);
  });

  it('does not hand a failed list to later callers', async () => {
    const gated = gatedGateway([makePod('p1')]);
    const clock = createManualClock('2026-11-02T10:00:00Z');
    const shared = sharePodList(gated.gateway, clock, { freshMs: 60_000, maxInFlight: 4 });
    gated.fake.faults.listPods = new RunpodError('runpod_unavailable', 'down');
    const failing = shared.listPods().then(
      () => null,
      (error: unknown) => error,
    );
    await settle();
    await gated.releaseAll();
    expect(await failing).toBeInstanceOf(RunpodError);
    gated.fake.faults.listPods = null;
    const next = shared.listPods();
    await settle();
    await gated.releaseAll();
    expect(await next).toHaveLength(1);
  });

  it('lets at most maxInFlight RunPod requests run at once; the rest wait their turn', async () => {
    const gated = gatedGateway([makePod('p1')]);
    const clock = createManualClock('2026-11-02T10:00:00Z');
    const shared = sharePodList(gated.gateway, clock, { freshMs: 2_000, maxInFlight: 3 });
    const lookups = Array.from({ length: 10 }, () => shared.getPod('p1'));
    await settle();
    expect(gated.stats().waiting).toBe(3);
    await gated.releaseAll();
    expect((await Promise.all(lookups)).every((pod) => pod?.id === 'p1')).toBe(true);
    expect(gated.stats().maxInFlight).toBe(3);
  });
});
