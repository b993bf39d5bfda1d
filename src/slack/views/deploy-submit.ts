import { z } from 'zod';
import { gpuPrice } from '../../domain/deploy-price.js';
import type { DeployRequest } from '../../domain/pod.js';
import { DeployInput } from '../blocks/deploy-modal.js';
import { buildDeployReply } from '../blocks/lifecycle-blocks.js';
import { errorReply } from '../error-text.js';
import type { ViewHandler } from './view-handler.js';

const wholeNumber = (min: number, max: number, what: string) =>
  z
    .string({ message: `Enter ${what}.` })
    .trim()
    .regex(/^\d+$/, `Enter ${what} as a whole number.`)
    .transform(Number)
    .pipe(z.number().min(min, `At least ${min}.`).max(max, `At most ${max}.`));

/** What the deploy form sends back, keyed by action_id; every field is untrusted input. */
const DeployFormSchema = z.object({
  [DeployInput.name]: z
    .string({ message: 'Give the pod a name.' })
    .trim()
    .min(1, 'Give the pod a name.')
    .max(60, 'At most 60 characters.')
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'Letters, digits, spaces, dots, dashes and underscores only.'),
  [DeployInput.gpuType]: z
    .string({ message: 'Pick a GPU type.' })
    .min(1, 'Pick a GPU type.')
    .refine((v) => v !== 'none', 'Pick a GPU type.'),
  [DeployInput.gpuCount]: wholeNumber(1, 8, 'a GPU count'),
  [DeployInput.image]: z
    .string({ message: 'Enter a container image.' })
    .trim()
    .min(1, 'Enter a container image.')
    .max(300, 'At most 300 characters.')
    .regex(/^\S+$/, 'An image name has no spaces.'),
  [DeployInput.containerDisk]: wholeNumber(1, 2000, 'the container disk size in GB'),
  // RunPod REST v2's PersistentMount has `minimum: 10`: a smaller volume cannot be created.
  [DeployInput.volume]: wholeNumber(0, 10_000, 'the volume size in GB').refine(
    (gb) => gb === 0 || gb >= 10,
    'A volume is at least 10 GB; 0 for none.',
  ),
  [DeployInput.cloud]: z.enum(['SECURE', 'COMMUNITY', 'ALL'], { message: 'Pick a cloud.' }).default('SECURE'),
  [DeployInput.pricing]: z
    .enum(['on_demand', 'spot'], { message: 'Pick on demand or spot.' })
    .default('on_demand'),
});

const MetadataSchema = z.object({ channelId: z.string().min(1).max(50) });

function parseMetadata(text: string): string | null {
  try {
    const parsed = MetadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.channelId : null;
  } catch {
    return null;
  }
}

/** Form errors by block_id (= action_id here), for `response_action: errors`. */
function formErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? DeployInput.name);
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The deploy form's submit: shape errors keep it open; the deploy itself runs after the ack. */
export const handleDeploySubmit: ViewHandler = async (ctx) => {
  const channelId = parseMetadata(ctx.privateMetadata);
  const values = Object.fromEntries(Object.entries(ctx.values).filter(([, v]) => v !== null));
  const parsed = DeployFormSchema.safeParse(values);
  if (!parsed.success) return { ack: { errors: formErrors(parsed.error) } };
  const form = parsed.data;
  const spot = form[DeployInput.pricing] === 'spot';

  return {
    ack: { close: true },
    after: async () => {
      const pods = ctx.deps.services.pods;
      let bidPerGpu: number | null = null;
      if (spot) {
        const options =
          pods.cachedDeployOptions() ?? (await pods.deployOptions().then((r) => (r.ok ? r.value : null)));
        const gpu = options?.gpuTypes.find((g) => g.id === form[DeployInput.gpuType]);
        bidPerGpu = gpu ? gpuPrice(gpu, form[DeployInput.cloud], true) : null;
      }
      const request: DeployRequest = {
        name: form[DeployInput.name],
        gpuTypeId: form[DeployInput.gpuType],
        gpuCount: form[DeployInput.gpuCount],
        imageName: form[DeployInput.image],
        containerDiskInGb: form[DeployInput.containerDisk],
        volumeInGb: form[DeployInput.volume],
        cloudType: form[DeployInput.cloud],
        spot,
        bidPerGpu,
      };
      const result = await pods.deploy(ctx.userId, request);
      const reply = result.ok ? buildDeployReply(result.value, ctx.userId) : errorReply(result.error);
      if (result.ok && channelId) await ctx.post(channelId, reply);
      else if (channelId) await ctx.postEphemeral(channelId, ctx.userId, reply);
      else await ctx.post(ctx.userId, reply);
    },
  };
};
