import { z } from 'zod';
import { parseDuration } from '../lib/duration.js';

/** First line of a trace: `{"start":"2026-11-02T00:00:00Z","step":"60s"}`. */
export const TraceHeaderSchema = z.object({
  start: z.iso.datetime({
    offset: true,
    message: 'start must be an ISO date-time like 2026-11-02T00:00:00Z',
  }),
  step: z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null || ms < 1_000) {
      ctx.addIssue({ code: 'custom', message: 'step must be a duration of at least 1s, like 60s' });
      return z.NEVER;
    }
    return ms;
  }),
});

export type TraceHeader = z.infer<typeof TraceHeaderSchema>;

const percent = z.number().min(0).max(100);

/** How an owner answers podwarden's prompts in the replay. */
export const OwnerAnswerSchema = z.enum(['stop', 'keep', 'none']);
export type OwnerAnswer = z.infer<typeof OwnerAnswerSchema>;

export const TraceLabelSchema = z.enum(['busy', 'idle']);
export type TraceLabel = z.infer<typeof TraceLabelSchema>;

/**
 * One pod's sample at one step. `label` is ground truth for scoring only. Lenient where it costs
 * nothing: an unowned pod may carry `owner: null`, `cpu` may be null, `gpuMem` may be left out.
 */
export const TraceLineSchema = z.object({
  t: z.number().int().min(0),
  pod: z.string().min(1),
  name: z.string().min(1),
  owner: z.string().min(1).nullable().optional(),
  status: z.enum(['RUNNING', 'EXITED']),
  costPerHr: z.number().min(0),
  gpus: z.array(percent),
  gpuMem: z.array(percent).optional(),
  cpu: percent.nullable().optional(),
  label: TraceLabelSchema,
  answer: OwnerAnswerSchema.optional(),
});

export type TraceLine = z.infer<typeof TraceLineSchema>;
