import type { AppError } from '../../domain/errors.js';
import { buildTerminatedNotice } from '../blocks/terminated-notice.js';
import type { ActionContext, Reply } from '../context.js';
import { errorReply } from '../error-text.js';

/**
 * The refusal for a Stop or Resume whose pod is gone: when podwarden terminated it, says by whom
 * and when (from the audit log); any other error as errorReply says.
 */
export async function buttonErrorReply(ctx: ActionContext, podId: string, error: AppError): Promise<Reply> {
  if (error.kind !== 'pod_not_found') return errorReply(error, { ref: podId });
  const history = await ctx.deps.services.pods.history(podId);
  const terminated =
    history.ok && history.value.gone
      ? history.value.entries.find((entry) => entry.action === 'terminate' && entry.outcome === 'ok')
      : undefined;
  if (!history.ok || !terminated) return errorReply(error, { ref: podId });
  return buildTerminatedNotice(
    history.value.pod,
    terminated,
    ctx.deps.clock.now(),
    ctx.deps.settings.digestTz,
  );
}
