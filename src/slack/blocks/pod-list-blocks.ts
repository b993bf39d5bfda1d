import { meanGpuUtil } from '../../domain/pod.js';
import type { OwnedPod, PodListFilter } from '../../domain/pod-list.js';
import { escapeMrkdwn, inlineCode } from '../../lib/escape.js';
import type { PodListView } from '../../services/pod-service.js';
import { ActionId } from '../action-ids.js';
import type { Reply } from '../context.js';
import { actions, type Block, button, context, fallbackText, section } from './block-kit.js';
import { gpuText, mention, ownerText, percent, perHour, statusText, uptimeText, usd } from './format.js';
import { type ListPlace, listRowBlockId } from './list-place.js';
import { resumeButton, stopButton } from './pod-buttons.js';

export const LIST_PAGE_SIZE = 20;

export function describeFilter(filter: PodListFilter): string {
  switch (filter.kind) {
    case 'all':
      return 'pods';
    case 'mine':
      return 'pods owned by you';
    case 'user':
      return `pods owned by ${mention(filter.userId)}`;
    case 'running':
      return 'running pods';
    case 'stopped':
      return 'stopped pods';
  }
}

function podRow({ pod, ownerId }: OwnedPod, place: ListPlace, mayAct: boolean): Block {
  if (pod.unreadable !== undefined) {
    // RunPod described the pod in a way podwarden cannot read (logged with the field at fault).
    return section(
      `${inlineCode(pod.name)}  ${inlineCode(pod.id)}\n:grey_question: details unreadable · ${ownerText(ownerId)}`,
      undefined,
      listRowBlockId(place, pod.id),
    );
  }
  // RUNNING without a runtime: RunPod is still provisioning or starting it.
  const starting = pod.status === 'RUNNING' && pod.runtime === null;
  const compute =
    pod.gpuTypeId === null && pod.vcpuCount !== null ? `CPU pod, ${pod.vcpuCount} vCPU` : gpuText(pod);
  const parts = [starting ? ':large_yellow_circle: starting' : statusText(pod.status), compute];
  if (pod.status === 'RUNNING' && !starting && pod.gpuCount > 0)
    parts.push(`GPU ${percent(meanGpuUtil(pod))}`);
  parts.push(perHour(pod.costPerHr), ownerText(ownerId));
  if (pod.status === 'RUNNING' && !starting)
    parts.push(`up ${uptimeText(pod.runtime?.uptimeSeconds ?? null)}`);
  const control = !mayAct
    ? undefined
    : pod.status === 'RUNNING'
      ? stopButton(pod)
      : pod.status === 'EXITED' || pod.status === 'PAUSED'
        ? resumeButton(pod)
        : undefined;
  return section(
    `${inlineCode(pod.name)}  ${inlineCode(pod.id)}\n${parts.join(' · ')}`,
    control,
    listRowBlockId(place, pod.id),
  );
}

/** The value of the "Show more" button: which filter, from where. Untrusted when it comes back. */
export const listMoreValue = (filter: PodListFilter, offset: number): string =>
  JSON.stringify({ filter, offset });

/**
 * `/pod list`: one section per pod, 20 per message, then how to see more. Stop/Resume sit beside
 * the pods the viewer may act on, and only those: the reply is theirs alone.
 */
export function buildPodList(view: PodListView, offset = 0): Reply {
  const { pods, filter } = view;
  const running = pods.filter((p) => p.pod.status === 'RUNNING');
  const spend = running.reduce((sum, p) => sum + p.pod.costPerHr, 0);
  if (pods.length === 0) {
    const none =
      filter.kind === 'all' ? 'The account has no pods.' : `No ${describeFilter(filter)} right now.`;
    return {
      text: none,
      blocks: [section(`${none} (${view.accountTotal} in the account; \`/pod list all\` shows them all.)`)],
    };
  }
  const page = pods.slice(offset, offset + LIST_PAGE_SIZE);
  const noun = describeFilter(filter).replace(/\bpods\b/, pods.length === 1 ? 'pod' : 'pods');
  const summary = `*${pods.length} ${noun}* · ${running.length} running · ${usd(spend)}/h while running`;
  const blocks: Block[] = [
    section(summary),
    ...page.map((row) => podRow(row, { filter, offset }, view.actable.has(row.pod.id))),
  ];

  const shownTo = offset + page.length;
  if (shownTo < pods.length) {
    blocks.push(
      context([
        `Showing ${offset + 1}–${shownTo} of ${pods.length}; ${pods.length - shownTo} more. Narrow it down with \`/pod list running\`, \`/pod list stopped\`, \`/pod list mine\` or \`/pod list @someone\`.`,
      ]),
      actions([
        button({
          text: `Show ${Math.min(LIST_PAGE_SIZE, pods.length - shownTo)} more`,
          actionId: ActionId.listMore,
          value: listMoreValue(filter, shownTo),
        }),
      ]),
    );
  } else if (offset > 0) {
    blocks.push(context([`Showing ${offset + 1}–${shownTo} of ${pods.length}.`]));
  }
  const names = page.map((p) => `${p.pod.name} (${p.pod.status.toLowerCase()})`).join(', ');
  return { text: fallbackText(escapeMrkdwn(`${pods.length} pods: ${names}`)), blocks };
}
