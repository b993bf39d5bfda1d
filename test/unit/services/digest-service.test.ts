import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdleEpisode } from '../../../src/domain/idle-episode.js';
import { createDigestService } from '../../../src/services/digest-service.js';
import type { Store } from '../../../src/services/ports.js';
import { costDeps, tempDatabase } from '../../fixtures/cost-deps.js';
import { series } from '../../fixtures/cost-samples.js';

let db: Awaited<ReturnType<typeof tempDatabase>>;
let store: Store;
const now = '2026-11-10T08:00:00Z';

beforeEach(async () => {
  db = await tempDatabase();
  store = await db.open();
});

afterEach(async () => {
  await db.cleanup();
});

describe('digest subscriptions', () => {
  it('subscribes a channel at 09:00 in DIGEST_TZ by default', async () => {
    const deps = costDeps(store, now, { digestTz: 'Europe/Berlin' });
    const result = await createDigestService(deps).subscribe({
      channel: 'CTEAM',
      userId: 'UALICE',
      hour: null,
      minute: null,
      timeZone: null,
    });
    expect(result.ok).toBe(true);
    expect(await store.listSubscriptions()).toEqual([
      {
        channel: 'CTEAM',
        hour: 9,
        minute: 0,
        timeZone: 'Europe/Berlin',
        subscribedBy: 'UALICE',
        subscribedAt: new Date(now),
      },
    ]);
  });

  it('refuses an impossible time or an unknown zone with an example', async () => {
    const digests = createDigestService(costDeps(store, now));
    const badTime = await digests.subscribe({
      channel: 'C1',
      userId: 'U1',
      hour: 25,
      minute: 0,
      timeZone: null,
    });
    expect(badTime).toEqual({
      ok: false,
      error: {
        kind: 'invalid_input',
        message:
          'That is not a time of day: use 24-hour HH:MM from 00:00 to 23:59, for example `/pod digest here 09:00 Europe/Berlin`.',
      },
    });
    const badZone = await digests.subscribe({
      channel: 'C1',
      userId: 'U1',
      hour: 9,
      minute: 0,
      timeZone: 'Mars/Olympus',
    });
    expect(!badZone.ok && badZone.error.kind === 'invalid_input' && badZone.error.message).toContain(
      '"Mars/Olympus" is not an IANA time zone',
    );
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('lets only members manage digests when POD_MEMBERS is set', async () => {
    const digests = createDigestService(costDeps(store, now, { members: ['UMEMBER'] }));
    const refused = await digests.subscribe({
      channel: 'C1',
      userId: 'UGUEST',
      hour: 9,
      minute: 0,
      timeZone: 'UTC',
    });
    expect(refused).toEqual({ ok: false, error: { kind: 'read_only', action: 'digest' } });
    expect((await digests.postNow('C1', 'UGUEST')).ok).toBe(false);
    expect(
      (await digests.subscribe({ channel: 'C1', userId: 'UMEMBER', hour: 9, minute: 0, timeZone: 'UTC' })).ok,
    ).toBe(true);
  });

  it('unsubscribes, and says when there was nothing to unsubscribe', async () => {
    const digests = createDigestService(costDeps(store, now));
    await digests.subscribe({ channel: 'C1', userId: 'U1', hour: 9, minute: 0, timeZone: 'UTC' });
    expect(await digests.unsubscribe('C1', 'U1')).toEqual({ ok: true, value: { removed: true } });
    expect(await digests.unsubscribe('C1', 'U1')).toEqual({ ok: true, value: { removed: false } });
  });
});

describe('posting a digest', () => {
  it('posts the digest into the channel, then uploads the 14-day chart', async () => {
    await store.insertSamples(
      series({
        podId: 'a',
        podName: 'llama-ft',
        ownerId: 'UALICE',
        costPerHr: 2,
        from: '2026-11-09T06:00:00Z',
        to: '2026-11-09T09:00:00Z',
      }),
    );
    const deps = costDeps(store, now);
    const result = await createDigestService(deps).postNow('CTEAM', 'UALICE');
    expect(result.ok).toBe(true);
    expect(deps.notifier.posts).toHaveLength(1);
    expect(deps.notifier.posts[0]?.channel).toBe('CTEAM');
    expect(deps.notifier.posts[0]?.message.text).toContain('*Yesterday:* $6.00');
    expect(deps.notifier.uploads.map((u) => [u.channel, u.filename])).toEqual([
      ['CTEAM', 'podwarden-spend-2026-11-10.png'],
    ]);
    const chart = deps.chart.calls[0];
    expect(new Set(chart?.series.map((p) => p.day)).size).toBe(14);
    expect(chart?.series.at(-1)).toMatchObject({ day: 'Mon 9 Nov', owner: '@UALICE', idleUsd: 0 });
    expect(chart?.series.at(-1)?.busyUsd).toBeCloseTo(6, 10);
    expect(chart?.title).toBe('GPU spend, Tue 27 Oct – Mon 9 Nov (UTC)');
  });

  it('names a pod kept again and again while idle, one line with its keeps, and leaves a single keep out', async () => {
    const HOUR = 3_600_000;
    const at = (hoursAgo: number) => new Date(new Date(now).getTime() - hoursAgo * HOUR);
    let n = 0;
    const keep = async (podId: string, podName: string, openedAgo: number, by: string) => {
      n += 1;
      const episode: IdleEpisode = {
        id: `00000000-0000-4000-8000-00000000000${n}`,
        podId,
        podName,
        ownerId: 'UALICE',
        audience: 'owner',
        state: 'open',
        action: 'ask-then-stop',
        idleSince: at(30),
        openedAt: at(openedAgo),
        reminderAt: at(openedAgo - 0.25),
        remindedAt: null,
        deadlineAt: at(openedAgo - 0.5),
        messages: [],
        evidence: '{}',
        costPerHr: 2,
        decidedBy: null,
        decidedAt: null,
        stopAttempts: 0,
        updatedAt: at(openedAgo),
      };
      await store.openEpisode(episode);
      await store.transitionEpisode(episode.id, ['open'], 'kept', {
        decidedBy: by,
        decidedAt: at(openedAgo),
      });
    };
    // llama-ft has sat idle since yesterday morning.
    await store.insertSamples(
      series({
        podId: 'a',
        podName: 'llama-ft',
        ownerId: 'UALICE',
        costPerHr: 2,
        gpuUtil: [0],
        from: '2026-11-09T02:00:00Z',
        to: '2026-11-10T08:00:00Z',
        stepMs: 10 * 60_000,
      }),
    );
    await keep('a', 'llama-ft', 20, 'UALICE');
    await keep('a', 'llama-ft', 10, 'UADMIN');
    await keep('b', 'sd-xl', 5, 'UALICE');
    const deps = costDeps(store, now);
    const result = await createDigestService(deps).postNow('CTEAM', 'UALICE');
    expect(result.ok).toBe(true);
    const text = deps.notifier.posts[0]?.message.text ?? '';
    expect(text).toContain('*Kept while idle* (the keeps stand; worth a look)');
    // 20 h → 10 h and 10 h → now at $2/h.
    expect(text).toMatch(
      /• `llama-ft` kept 2 times since <!date\^\d+\^[^>]+> by <@UALICE>, <@UADMIN>: \$40\.00 idle under those keeps/,
    );
    expect(text).not.toContain('`sd-xl` kept');
  });

  it('labels chart owners with the names Slack shows, when the notifier can tell', async () => {
    await store.insertSamples(
      series({
        podId: 'a',
        podName: 'llama-ft',
        ownerId: 'UALICE',
        costPerHr: 2,
        from: '2026-11-09T06:00:00Z',
        to: '2026-11-09T09:00:00Z',
      }),
    );
    const deps = costDeps(store, now);
    deps.notifier.userName = async (userId) => (userId === 'UALICE' ? 'alice' : null);
    await createDigestService(deps).postNow('CTEAM', 'UALICE');
    expect(deps.chart.calls[0]?.series.at(-1)?.owner).toBe('@alice');
  });

  it('posts a quiet day as one line and no chart', async () => {
    const deps = costDeps(store, now);
    await createDigestService(deps).postNow('CTEAM', 'UALICE');
    expect(deps.notifier.posts[0]?.message.text).toBe(
      '*GPU digest for Mon 9 Nov:* a quiet day: no spend and nothing running. Balance $500.00.',
    );
    expect(deps.notifier.uploads).toEqual([]);
  });

  it('keeps the digest when the chart fails', async () => {
    const deps = costDeps(store, now);
    await store.insertSamples(series({ from: '2026-11-09T06:00:00Z', to: '2026-11-09T07:00:00Z' }));
    deps.chart.renderSpendChart = async () => {
      throw new Error('no fonts');
    };
    const result = await createDigestService(deps).postNow('CTEAM', 'UALICE');
    expect(result.ok && result.value.chart).toBe(false);
    expect(deps.notifier.posts).toHaveLength(1);
  });

  it('claims the scheduled digest of a channel and day once; digest now does not use it up', async () => {
    const deps = costDeps(store, now);
    const digests = createDigestService(deps);
    const subscription = {
      channel: 'CTEAM',
      hour: 9,
      minute: 0,
      timeZone: 'UTC',
      subscribedBy: 'U1',
      subscribedAt: new Date(0),
    };
    await digests.postNow('CTEAM', 'U1');
    const first = await digests.postScheduled(subscription, '2026-11-10');
    const second = await digests.postScheduled(subscription, '2026-11-10');
    expect(first.ok && first.value.kind).toBe('posted');
    expect(second).toEqual({ ok: true, value: { kind: 'already_claimed' } });
    expect(deps.notifier.posts).toHaveLength(2);
  });
});
