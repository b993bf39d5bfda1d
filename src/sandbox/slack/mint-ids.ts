/** Ids Slack mints: trigger_ids and response_urls (registered with their issue time) and block/action ids. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Block, ResponseSource, StandInState } from './stand-in-state.js';

/** A trigger_id in Slack's shape (`1234567890.1234567890.abcdef…`), registered with its issue time. */
export function mintTrigger(state: StandInState, user: string, fromViewId: string | null = null): string {
  const now = state.clock.now().getTime();
  const id = `${Math.floor(now / 1000)}.${randomDigits(10)}.${randomBytes(16).toString('hex')}`;
  state.triggers.set(id, { issuedAt: now, used: false, user, fromViewId });
  return id;
}

/** A response_url on this server with its issue time and use count 0. */
export function mintResponseUrl(state: StandInState, baseUrl: string, source: ResponseSource): string {
  const id = randomUUID();
  state.responseUrls.set(id, { id, issuedAt: state.clock.now().getTime(), uses: 0, source });
  return `${baseUrl}/response/${id}`;
}

function randomDigits(count: number): string {
  return Array.from(randomBytes(count), (byte) => String(byte % 10)).join('');
}

/**
 * Slack stores blocks with ids filled in: a block without block_id and an interactive element
 * without action_id get generated ones. Returns a copy.
 */
export function withGeneratedIds(blocks: readonly Block[]): Block[] {
  const copy = structuredClone(blocks) as Block[];
  const fillActionId = (element: unknown): void => {
    if (typeof element !== 'object' || element === null) return;
    const record = element as Record<string, unknown>;
    const interactive =
      typeof record.type === 'string' && !['image', 'mrkdwn', 'plain_text'].includes(record.type);
    if (interactive && typeof record.action_id !== 'string')
      record.action_id = randomBytes(3).toString('hex');
  };
  for (const block of copy) {
    if (typeof block.block_id !== 'string') block.block_id = randomBytes(3).toString('base64url');
    if (Array.isArray(block.elements) && block.type === 'actions') block.elements.forEach(fillActionId);
    fillActionId(block.accessory);
    fillActionId(block.element);
  }
  return copy;
}
