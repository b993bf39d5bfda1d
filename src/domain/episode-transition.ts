import type { EpisodeState } from './idle-episode.js';

/** States in which an episode blocks a new one for the same pod (the store's unique index). */
export const ACTIVE_EPISODE_STATES = ['open', 'stopping'] as const satisfies readonly EpisodeState[];

/**
 * States after the deadline in which the pod may still be idle and its owner may still answer:
 * no new prompt until the pod is busy again.
 */
export const WAITING_EPISODE_STATES = [
  'escalated',
  'dry_run_done',
] as const satisfies readonly EpisodeState[];

/** States in which the prompt's buttons still do something. */
export const ANSWERABLE_EPISODE_STATES = ['open', ...WAITING_EPISODE_STATES] as const;

export type AnswerableState = (typeof ANSWERABLE_EPISODE_STATES)[number];

/** Everything that can happen to an episode. */
export type EpisodeEvent =
  | { type: 'deadline_stop' } // the deadline passed under ask-then-stop: claim the stop
  | { type: 'answer_stop' } // someone pressed Stop now: claim the stop
  | { type: 'stop_done' } // RunPod stopped the pod
  | { type: 'stop_failed'; back: AnswerableState } // RunPod refused or failed: back to where it was
  | { type: 'stop_observed' } // a stale claim, and the pod is seen stopped
  | { type: 'keep' } // kept by an answer, /pod keep or an exemption
  | { type: 'busy_again' } // activity returned
  | { type: 'escalate' } // the deadline passed under ask-only
  | { type: 'dry_run_deadline' } // the deadline passed under dry-run
  | { type: 'gone' }; // the pod stopped or vanished without podwarden, or the prompt never went out

export type EpisodeTransition = { from: readonly EpisodeState[]; to: EpisodeState };

/** The compare-and-set for an event: the states it may leave, and where it goes. */
export function episodeTransition(event: EpisodeEvent): EpisodeTransition {
  switch (event.type) {
    case 'deadline_stop':
      return { from: ['open'], to: 'stopping' };
    case 'answer_stop':
      return { from: ANSWERABLE_EPISODE_STATES, to: 'stopping' };
    case 'stop_done':
      return { from: ['stopping'], to: 'stopped' };
    case 'stop_failed':
      return { from: ['stopping'], to: event.back };
    case 'stop_observed':
      return { from: ['stopping'], to: 'stopped' };
    case 'keep':
      return { from: ANSWERABLE_EPISODE_STATES, to: 'kept' };
    case 'busy_again':
      return { from: ANSWERABLE_EPISODE_STATES, to: 'busy' };
    case 'escalate':
      return { from: ['open'], to: 'escalated' };
    case 'dry_run_deadline':
      return { from: ['open'], to: 'dry_run_done' };
    case 'gone':
      return { from: ANSWERABLE_EPISODE_STATES, to: 'gone' };
  }
}

/** The state after `event`, or null when the event is illegal in `state`. */
export function nextEpisodeState(state: EpisodeState, event: EpisodeEvent): EpisodeState | null {
  const transition = episodeTransition(event);
  return transition.from.includes(state) ? transition.to : null;
}

export const isActiveEpisodeState = (state: EpisodeState): boolean =>
  (ACTIVE_EPISODE_STATES as readonly EpisodeState[]).includes(state);

export const isAnswerableState = (state: EpisodeState): state is AnswerableState =>
  (ANSWERABLE_EPISODE_STATES as readonly EpisodeState[]).includes(state);
