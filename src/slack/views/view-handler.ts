import type { ViewAck, ViewContext } from '../context.js';

/**
 * A modal submission: `ack` is answered to Slack at once (close, or errors that keep the modal
 * open); `after` is the slow part (RunPod), run after the ack and reported by message.
 */
export type ViewOutcome = { ack: ViewAck; after?: () => Promise<void> };

export type ViewHandler = (ctx: ViewContext) => Promise<ViewOutcome>;
