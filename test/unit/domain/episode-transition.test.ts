import { describe, expect, it } from 'vitest';
import {
  type EpisodeEvent,
  episodeTransition,
  isActiveEpisodeState,
  isAnswerableState,
  nextEpisodeState,
} from '../../../src/domain/episode-transition.js';
import type { EpisodeState } from '../../../src/domain/idle-episode.js';

const STATES: EpisodeState[] = [
  'open',
  'stopping',
  'stopped',
  'kept',
  'busy',
  'escalated',
  'dry_run_done',
  'gone',
];

const EVENTS: EpisodeEvent[] = [
  { type: 'deadline_stop' },
  { type: 'answer_stop' },
  { type: 'stop_done' },
  { type: 'stop_failed', back: 'open' },
  { type: 'stop_failed', back: 'escalated' },
  { type: 'stop_failed', back: 'dry_run_done' },
  { type: 'stop_observed' },
  { type: 'keep' },
  { type: 'busy_again' },
  { type: 'escalate' },
  { type: 'dry_run_deadline' },
  { type: 'gone' },
];

const key = (e: EpisodeEvent) => (e.type === 'stop_failed' ? `stop_failed→${e.back}` : e.type);

/** Every legal transition; everything else must be refused. */
const LEGAL: Record<string, Partial<Record<EpisodeState, EpisodeState>>> = {
  deadline_stop: { open: 'stopping' },
  answer_stop: { open: 'stopping', escalated: 'stopping', dry_run_done: 'stopping' },
  stop_done: { stopping: 'stopped' },
  'stop_failed→open': { stopping: 'open' },
  'stop_failed→escalated': { stopping: 'escalated' },
  'stop_failed→dry_run_done': { stopping: 'dry_run_done' },
  stop_observed: { stopping: 'stopped' },
  keep: { open: 'kept', escalated: 'kept', dry_run_done: 'kept' },
  busy_again: { open: 'busy', escalated: 'busy', dry_run_done: 'busy' },
  escalate: { open: 'escalated' },
  dry_run_deadline: { open: 'dry_run_done' },
  gone: { open: 'gone', escalated: 'gone', dry_run_done: 'gone' },
};

describe('episode state machine', () => {
  for (const event of EVENTS) {
    for (const state of STATES) {
      const expected = LEGAL[key(event)]?.[state] ?? null;
      it(`${key(event)} from ${state} → ${expected ?? 'illegal'}`, () => {
        expect(nextEpisodeState(state, event)).toBe(expected);
      });
    }
  }

  it('terminal states accept nothing', () => {
    for (const state of ['stopped', 'kept', 'busy', 'gone'] as const) {
      for (const event of EVENTS) expect(nextEpisodeState(state, event)).toBeNull();
    }
  });

  it('a stop is claimed before RunPod is called: open → stopping, never open → stopped', () => {
    expect(episodeTransition({ type: 'deadline_stop' })).toEqual({ from: ['open'], to: 'stopping' });
    for (const event of EVENTS) {
      if (episodeTransition(event).to === 'stopped') {
        expect(episodeTransition(event).from).toEqual(['stopping']);
      }
    }
  });

  it('only open and stopping block a new episode; answers work until the episode ends', () => {
    expect(STATES.filter(isActiveEpisodeState)).toEqual(['open', 'stopping']);
    expect(STATES.filter(isAnswerableState)).toEqual(['open', 'escalated', 'dry_run_done']);
  });
});
