/** Which message a click lands on: a given ts or ephemeral id, else the newest one the person sees with that button. */
import { type ButtonQuery, buttonLabel, findButton, listButtons } from './find-button.js';
import type { SandboxUser } from './sandbox-directory.js';
import type { Block, ChannelRecord, SlackMessage, StandInState } from './stand-in-state.js';

export type ClickTarget =
  | { kind: 'message'; message: SlackMessage; ts: string; threadTs: string | null; blocks: Block[] }
  | { kind: 'ephemeral'; ts: string; threadTs: string | null; blocks: Block[] };

export type TargetQuery = ButtonQuery & { messageTs?: string; ephemeralId?: string };

/** `"Stop" (pod_stop), "Resume" (pod_resume)`, for error messages that help the test author. */
export function describeButtons(blocks: readonly Block[]): string {
  const labels = listButtons(blocks).map(
    (b) => `"${buttonLabel(b.element)}" (${String(b.element.action_id)})`,
  );
  return labels.join(', ') || 'none';
}

export function findClickTarget(
  state: StandInState,
  query: TargetQuery,
  user: SandboxUser,
  channel: ChannelRecord,
): ClickTarget {
  const messages: ClickTarget[] = (state.messages.get(channel.id) ?? []).map((message) => ({
    kind: 'message',
    message,
    ts: message.ts,
    threadTs: message.threadTs,
    blocks: message.blocks,
  }));
  const ephemerals: ClickTarget[] = state.ephemerals
    .filter((e) => e.user === user.id && e.channel === channel.id)
    .map((e) => ({ kind: 'ephemeral', ts: e.ts, threadTs: e.threadTs, blocks: e.blocks }));
  if (query.ephemeralId !== undefined) {
    const hit = ephemerals.find((e) => e.ts === query.ephemeralId);
    if (!hit) throw new Error(`${user.id} sees no ephemeral message ${query.ephemeralId} in ${channel.id}`);
    return hit;
  }
  if (query.messageTs !== undefined) {
    const hit = messages.find((m) => m.ts === query.messageTs);
    if (!hit) throw new Error(`no message ${query.messageTs} in ${channel.id}`);
    return hit;
  }
  const newestFirst = [...messages, ...ephemerals].sort((a, b) => Number(b.ts) - Number(a.ts));
  const hit = newestFirst.find((target) => findButton(target.blocks, query));
  if (!hit) throw new Error(`no message in ${channel.id} visible to ${user.id} has such a button`);
  return hit;
}
