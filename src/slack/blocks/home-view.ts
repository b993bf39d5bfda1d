import type { Role } from '../../domain/permissions.js';
import { meanGpuUtil } from '../../domain/pod.js';
import type { OwnedPod } from '../../domain/pod-list.js';
import { inlineCode } from '../../lib/escape.js';
import type { PodListView } from '../../services/pod-service.js';
import { ActionId } from '../action-ids.js';
import { type Block, button, context, divider, header, section } from './block-kit.js';
import { gpuText, ownerText, percent, perHour, statusText, usd } from './format.js';
import { resumeButton, stopButton } from './pod-buttons.js';

export type HomeView = { type: 'home'; blocks: Block[] };

const MAX_ROWS = 25;

function row({ pod, ownerId }: OwnedPod, accessory: Block | undefined, showOwner: boolean): Block {
  const parts = [statusText(pod.status), gpuText(pod)];
  if (pod.status === 'RUNNING') parts.push(`GPU ${percent(meanGpuUtil(pod))}`);
  parts.push(perHour(pod.costPerHr));
  if (showOwner) parts.push(ownerText(ownerId));
  return section(`${inlineCode(pod.name)}  ${inlineCode(pod.id)}\n${parts.join(' · ')}`, accessory);
}

const control = (pod: OwnedPod['pod'], mayAct: boolean): Block | undefined =>
  !mayAct
    ? undefined
    : pod.status === 'RUNNING'
      ? stopButton(pod)
      : pod.status === 'EXITED' || pod.status === 'PAUSED'
        ? resumeButton(pod)
        : undefined;

function rows(pods: readonly OwnedPod[], make: (pod: OwnedPod) => Block): Block[] {
  const shown = pods.slice(0, MAX_ROWS).map(make);
  if (pods.length > MAX_ROWS)
    shown.push(context([`…and ${pods.length - MAX_ROWS} more; \`/pod list\` shows them all.`]));
  return shown;
}

/** The Home tab: your pods with Stop/Resume, unowned pods (Assign for admins), the account's spend. */
export function buildHomeView(view: PodListView, userId: string, role: Role): HomeView {
  const mine = view.pods.filter((p) => p.ownerId === userId);
  const unowned = view.pods.filter((p) => p.ownerId === null);
  const running = view.pods.filter((p) => p.pod.status === 'RUNNING');
  const spend = running.reduce((sum, p) => sum + p.pod.costPerHr, 0);
  const blocks: Block[] = [
    header('podwarden'),
    section(
      `The account has *${view.pods.length} pods*, ${running.length} running at ${usd(spend)}/h. Type \`/pod help\` in any channel for every command.`,
    ),
    divider(),
    section(`*Your pods* (${mine.length})`),
    ...(mine.length > 0
      ? rows(mine, (p) => row(p, control(p.pod, view.actable.has(p.pod.id)), false))
      : [
          context([
            'You own no pods. `/pod deploy` makes one; `/pod claim &lt;pod&gt;` takes an unowned one.',
          ]),
        ]),
    divider(),
    section(`*Unowned pods* (${unowned.length})`),
    ...(unowned.length > 0
      ? rows(unowned, (p) =>
          row(
            p,
            role === 'admin'
              ? button({ text: 'Assign', actionId: ActionId.podAssign, value: p.pod.id })
              : undefined,
            false,
          ),
        )
      : [context(['Every pod has an owner.'])]),
  ];
  if (role !== 'admin' && unowned.length > 0) {
    blocks.push(
      context([
        'Claim one with `/pod claim &lt;pod&gt;`; idle prompts for unowned pods go to the team channel.',
      ]),
    );
  }
  return { type: 'home', blocks: blocks.slice(0, 100) };
}

/** The Home tab when RunPod cannot be read. */
export function buildHomeError(text: string): HomeView {
  return { type: 'home', blocks: [header('podwarden'), section(text)] };
}
