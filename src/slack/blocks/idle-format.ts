import { formatUsd } from '../../domain/cost-format.js';
import { slackDate } from '../../lib/slack-date.js';
import { localDateKey } from '../../lib/time-zone.js';
import { ActionId } from '../action-ids.js';
import {
  actions as actionsBlock,
  type Block,
  button,
  context as contextBlock,
  section as sectionBlock,
} from './block-kit.js';

export { mention } from './format.js';

/** What stopping a RunPod pod means, said on every prompt and stop message. */
export const STOP_WARNING =
  'Stopping a RunPod pod wipes its container disk; the `/workspace` volume is kept (and still billed), ' +
  'and the same GPU may not be free when you resume.';

/**
 * A date token: each reader sees day and time in their own zone (`today 2:30 PM`); `timeZone`
 * (the owner's, else DIGEST_TZ) only writes the fallback text.
 */
export const whenIn = (at: Date, now: Date, timeZone: string): string => slackDate(at, now, timeZone);

/** The same token, the time only when it is today in `timeZone`: for short lines. */
export const whenShort = (at: Date, now: Date, timeZone: string): string =>
  slackDate(at, now, timeZone, localDateKey(at, timeZone) === localDateKey(now, timeZone) ? 'time' : 'when');

export const usd = formatUsd;

export const percent = (value: number | null): string =>
  value === null ? 'unknown' : `${Math.round(value)} %`;

export const section = (text: string): Block => sectionBlock(text);

export const context = (text: string): Block => contextBlock([text]);

export type ButtonSpec = { text: string; actionId: string; value: string; style?: 'primary' | 'danger' };

export const actions = (blockId: string, buttons: readonly ButtonSpec[]): Block =>
  actionsBlock(buttons.map(button), blockId);

/** The Resume button on stop messages; its value is the pod id (checked again when pressed). */
export const resumeButton = (podId: string): ButtonSpec => ({
  text: 'Resume',
  actionId: ActionId.podResume,
  value: podId,
  style: 'primary',
});
