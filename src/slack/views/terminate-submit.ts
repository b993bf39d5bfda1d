import { z } from 'zod';
import { buildTerminateReply } from '../blocks/lifecycle-blocks.js';
import { TERMINATE_INPUT } from '../blocks/terminate-modal.js';
import { errorReply } from '../error-text.js';
import type { ViewHandler } from './view-handler.js';

const TerminateMetadataSchema = z.object({
  podId: z.string().min(1).max(100),
  podName: z.string(),
  channelId: z.string().min(1).max(50),
  /** Of the command or button that opened the modal: replies reach channels the app is not in. */
  responseUrl: z.string().url().max(500).optional(),
});

/**
 * The confirmation modal's submit. A wrong name keeps the modal open with an error and touches
 * nothing. The right name closes it; the service then finds the pod again by id, re-checks
 * permission and the name against RunPod's, and the channel is told who terminated what.
 */
export const handleTerminateSubmit: ViewHandler = async (ctx) => {
  const metadata = safeJson(ctx.privateMetadata);
  const parsed = TerminateMetadataSchema.safeParse(metadata);
  if (!parsed.success) {
    return { ack: { errors: { [TERMINATE_INPUT]: 'This form is out of date; run /pod terminate again.' } } };
  }
  const { podId, podName, channelId, responseUrl } = parsed.data;
  const typed = (ctx.values[TERMINATE_INPUT] ?? '').trim();
  if (typed !== podName.trim()) {
    return {
      ack: { errors: { [TERMINATE_INPUT]: `Type the pod's name exactly (${podName}) to terminate it.` } },
    };
  }
  return {
    ack: { close: true },
    after: async () => {
      const result = await ctx.deps.services.pods.terminate(ctx.userId, { id: podId }, typed);
      if (result.ok)
        await ctx.announce(channelId, buildTerminateReply(result.value, ctx.userId), responseUrl);
      else
        await ctx.postEphemeral(
          channelId,
          ctx.userId,
          errorReply(result.error, { ref: podName }),
          responseUrl,
        );
    },
  };
};

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
