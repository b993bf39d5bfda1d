import { describe, expect, it } from 'vitest';
import type { IdleEpisode } from '../../../src/domain/idle-episode.js';
import { podsWithRepeatedKeeps, repeatedKeeps } from '../../../src/domain/repeated-keeps.js';

const HOUR = 3_600_000;
const now = new Date('2026-11-09T12:00:00Z');
const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);

type Facts = Parameters<typeof repeatedKeeps>[0][number];

/** An episode opened `openedAgo` hours ago, idle since `idleAgo`, decided `decidedAgo`. */
const episode = (
  state: IdleEpisode['state'],
  openedAgo: number,
  overrides: Partial<Facts> & { decidedAgo?: number; idleAgo?: number } = {},
): Facts => ({
  podId: 'pod-a',
  podName: 'llama-ft',
  state,
  idleSince: at(overrides.idleAgo ?? openedAgo + 0.5),
  openedAt: at(openedAgo),
  decidedBy: state === 'open' ? null : 'U_OWNER',
  decidedAt: state === 'open' ? null : at(overrides.decidedAgo ?? openedAgo - 0.25),
  costPerHr: 2,
  ...overrides,
});

describe('repeatedKeeps', () => {
  it('is null for a pod never kept, and for a single keep', () => {
    expect(repeatedKeeps([], 'pod-a', now)).toBeNull();
    expect(repeatedKeeps([episode('stopped', 10), episode('open', 1)], 'pod-a', now)).toBeNull();
    expect(repeatedKeeps([episode('kept', 10), episode('open', 1)], 'pod-a', now)).toBeNull();
  });

  it('counts the keeps of a pod that stayed idle, with the idle money from each keep to the next prompt', () => {
    // Kept 10 h ago (idle since 11 h), prompted again 6 h ago, kept at once, prompted now.
    const episodes = [
      episode('kept', 10.25, { decidedAgo: 10, idleAgo: 11 }),
      episode('kept', 6, { decidedAgo: 6, idleAgo: 11 }),
      episode('open', 0, { idleAgo: 11 }),
    ];
    expect(repeatedKeeps(episodes, 'pod-a', now)).toEqual({
      podId: 'pod-a',
      podName: 'llama-ft',
      count: 2,
      since: at(10),
      // 10 h → 6 h, then 6 h → now, at $2/h.
      idleUsd: 20,
      keptBy: ['U_OWNER'],
    });
  });

  it('counts keeps by someone else (an admin) and names every keeper once', () => {
    const episodes = [
      episode('kept', 30, { decidedBy: 'U_ADMIN' }),
      episode('kept', 20),
      episode('kept', 10, { decidedBy: 'U_ADMIN' }),
    ];
    const keeps = repeatedKeeps(episodes, 'pod-a', now);
    expect(keeps?.count).toBe(3);
    expect(keeps?.keptBy).toEqual(['U_ADMIN', 'U_OWNER']);
  });

  it('forgets keeps older than the look-back', () => {
    const episodes = [episode('kept', 8 * 24), episode('kept', 7 * 24 + 1), episode('kept', 5)];
    expect(repeatedKeeps(episodes, 'pod-a', now)).toBeNull();
    const inWindow = [...episodes, episode('kept', 2)];
    expect(repeatedKeeps(inWindow, 'pod-a', now)?.count).toBe(2);
    expect(repeatedKeeps(inWindow, 'pod-a', now, 9 * 24 * HOUR)?.count).toBe(4);
  });

  it('starts over once the pod was busy or stopped: it did not stay idle', () => {
    const episodes = [episode('kept', 30), episode('kept', 25), episode('busy', 20), episode('kept', 10)];
    expect(repeatedKeeps(episodes, 'pod-a', now)).toBeNull();
    const stopped = [episode('kept', 30), episode('stopped', 25), episode('kept', 10), episode('kept', 5)];
    expect(repeatedKeeps(stopped, 'pod-a', now)?.count).toBe(2);
    const stopping = [episode('kept', 30), episode('kept', 20), episode('stopping', 1)];
    expect(repeatedKeeps(stopping, 'pod-a', now)).toBeNull();
  });

  it('keeps counting across prompts nobody answered (ask-only, dry run): the pod stayed idle', () => {
    const episodes = [
      episode('kept', 30),
      episode('escalated', 20),
      episode('dry_run_done', 15),
      episode('kept', 10),
    ];
    expect(repeatedKeeps(episodes, 'pod-a', now)?.count).toBe(2);
  });

  it('counts only the idle part of a keep when the pod was busy before the next prompt', () => {
    // Kept 10 h ago; the next prompt (4 h ago) says it went quiet 5 h ago: 1 h idle under that keep.
    const episodes = [
      episode('kept', 10.5, { decidedAgo: 10 }),
      episode('kept', 4, { idleAgo: 5, decidedAgo: 4 }),
      episode('open', 0, { idleAgo: 4 }),
    ];
    expect(repeatedKeeps(episodes, 'pod-a', now)?.idleUsd).toBe(2 * (1 + 4));
  });

  it('ignores other pods, and lists pods with repeated keeps by their idle money', () => {
    const episodes = [
      episode('kept', 20),
      episode('kept', 10),
      episode('kept', 9, { podId: 'pod-b', podName: 'sd-xl', costPerHr: 5 }),
      episode('kept', 4, { podId: 'pod-b', podName: 'sd-xl', costPerHr: 5 }),
      episode('kept', 3, { podId: 'pod-c', podName: 'once' }),
    ];
    expect(repeatedKeeps(episodes, 'pod-c', now)).toBeNull();
    expect(podsWithRepeatedKeeps(episodes, now).map((k) => [k.podName, k.count])).toEqual([
      ['sd-xl', 2],
      ['llama-ft', 2],
    ]);
  });
});
