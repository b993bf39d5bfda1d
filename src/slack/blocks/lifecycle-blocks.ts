import type { DeployOutcome, OwnershipOutcome, TerminateOutcome } from '../../services/pod-service.js';
import type { Reply } from '../context.js';
import { fallbackText, section } from './block-kit.js';
import { gpuText, mention, perHour, podLabel } from './format.js';
import { stopButton } from './pod-buttons.js';

const reply = (text: string, extra: Record<string, unknown>[] = []): Reply => ({
  text: fallbackText(text),
  blocks: [section(text), ...extra],
});

export function buildClaimReply(outcome: OwnershipOutcome, actor: string): Reply {
  if (outcome.unchanged) return reply(`${podLabel(outcome.pod)} is already yours.`);
  return reply(`${mention(actor)} claimed ${podLabel(outcome.pod)}; idle prompts for it now go to them.`);
}

export function buildAssignReply(outcome: OwnershipOutcome, actor: string): Reply {
  if (outcome.unchanged)
    return reply(`${podLabel(outcome.pod)} already belongs to ${mention(outcome.ownerId)}.`);
  const was = outcome.previousOwnerId
    ? ` (it was ${mention(outcome.previousOwnerId)}'s)`
    : ' (it had no owner)';
  return reply(`${mention(actor)} gave ${podLabel(outcome.pod)} to ${mention(outcome.ownerId)}${was}.`);
}

export function buildTerminateReply(outcome: TerminateOutcome, actor: string): Reply {
  return reply(
    `${mention(actor)} terminated ${podLabel(outcome.pod)}. Its container disk and volume are deleted; it no longer costs anything.`,
  );
}

export function buildDeployReply(outcome: DeployOutcome, actor: string): Reply {
  const { pod } = outcome;
  const price = outcome.pricePerHour !== null ? ` at ${perHour(outcome.pricePerHour)}` : '';
  return {
    text: fallbackText(`${mention(actor)} deployed ${podLabel(pod)}`),
    blocks: [
      section(
        `${mention(actor)} deployed ${podLabel(pod)} with ${gpuText(pod)}${price}; they own it. It takes a few minutes to pull the image and start.`,
        stopButton(pod),
      ),
    ],
  };
}
