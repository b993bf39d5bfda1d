import { z } from 'zod';
import { ASSIGN_INPUT } from '../blocks/assign-modal.js';
import { buildAssignReply } from '../blocks/lifecycle-blocks.js';
import { errorReply } from '../error-text.js';
import type { ViewHandler } from './view-handler.js';

const AssignMetadataSchema = z.object({ podId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const UserIdSchema = z.string().regex(/^[UW][A-Z0-9]+$/);

function readMetadata(text: string): string | null {
  try {
    const parsed = AssignMetadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.podId : null;
  } catch {
    return null;
  }
}

/** The assign modal's submit: the service re-checks that the submitter is an admin. */
export const handleAssignSubmit: ViewHandler = async (ctx) => {
  const podId = readMetadata(ctx.privateMetadata);
  const userId = UserIdSchema.safeParse(ctx.values[ASSIGN_INPUT] ?? '');
  if (!podId)
    return { ack: { errors: { [ASSIGN_INPUT]: 'This form is out of date; open the Home tab again.' } } };
  if (!userId.success)
    return { ack: { errors: { [ASSIGN_INPUT]: 'Pick the person who should own the pod.' } } };
  return {
    ack: { close: true },
    after: async () => {
      const result = await ctx.deps.services.pods.assign(ctx.userId, { id: podId }, userId.data);
      if (!result.ok) {
        await ctx.post(ctx.userId, errorReply(result.error));
        return;
      }
      // The admin sees the result on the Home tab (re-published by the route); the new owner hears of it.
      if (!result.value.unchanged && result.value.ownerId !== ctx.userId) {
        await ctx.post(result.value.ownerId, buildAssignReply(result.value, ctx.userId));
      }
    },
  };
};
