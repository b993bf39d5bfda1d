import { z } from 'zod';
import { parseEnv } from '../../domain/deploy-env.js';
import type { DeployField, DeployForm } from '../../domain/deploy-plan.js';
import { parsePorts } from '../../domain/deploy-ports.js';
import { CPU_VALUE_PREFIX, DEPLOY_FIELD_INPUT, DeployInput } from '../blocks/deploy-modal.js';
import { buildDeployReply } from '../blocks/lifecycle-blocks.js';
import { errorReply, errorText } from '../error-text.js';
import type { ViewHandler } from './view-handler.js';

const wholeNumber = (min: number, max: number, what: string) =>
  z
    .string({ message: `Enter ${what}.` })
    .trim()
    .regex(/^\d+$/, `Enter ${what} as a whole number.`)
    .transform(Number)
    .pipe(z.number().min(min, `At least ${min}.`).max(max, `At most ${max}.`));

/** An optional input: empty or missing is null, anything else must read. */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullish());

/** Ports and env go through the domain's parsers; their messages name lines and keys, never values. */
const portsText = z.string().transform((text, ctx) => {
  const parsed = parsePorts(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return parsed.value;
});

const envText = z.string().transform((text, ctx) => {
  const parsed = parseEnv(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return parsed.value;
});

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
  [DeployInput.gpuCount]: wholeNumber(1, 8, 'a GPU count').default(1),
  [DeployInput.vcpus]: optional(wholeNumber(1, 512, 'the vCPU count')),
  [DeployInput.template]: optional(z.string().min(1).max(150)),
  [DeployInput.image]: optional(
    z.string().trim().max(300, 'At most 300 characters.').regex(/^\S+$/, 'An image name has no spaces.'),
  ),
  [DeployInput.containerDisk]: optional(wholeNumber(1, 2000, 'the container disk size in GB')),
  // RunPod REST v2's PersistentMount has `minimum: 10`: a smaller volume cannot be created.
  [DeployInput.volume]: optional(
    wholeNumber(0, 10_000, 'the volume size in GB').refine(
      (gb) => gb === 0 || gb >= 10,
      'A volume is at least 10 GB; 0 for none.',
    ),
  ),
  [DeployInput.networkVolume]: optional(z.string().min(1).max(150)),
  [DeployInput.ports]: optional(portsText),
  [DeployInput.env]: optional(envText.pipe(z.array(z.object({ key: z.string(), value: z.string() })))),
  [DeployInput.cloud]: z.enum(['SECURE', 'COMMUNITY', 'ALL'], { message: 'Pick a cloud.' }).default('SECURE'),
  [DeployInput.pricing]: z
    .enum(['on_demand', 'spot'], { message: 'Pick on demand or spot.' })
    .default('on_demand'),
});

type ParsedForm = z.infer<typeof DeployFormSchema>;

function toDeployForm(form: ParsedForm): DeployForm {
  const machine = form[DeployInput.gpuType];
  return {
    name: form[DeployInput.name],
    machine: machine.startsWith(CPU_VALUE_PREFIX)
      ? { kind: 'cpu', cpuTypeId: machine.slice(CPU_VALUE_PREFIX.length) }
      : { kind: 'gpu', gpuTypeId: machine },
    gpuCount: form[DeployInput.gpuCount],
    vcpuCount: form[DeployInput.vcpus] ?? null,
    templateId: form[DeployInput.template] ?? null,
    image: form[DeployInput.image] ?? null,
    containerDiskInGb: form[DeployInput.containerDisk] ?? null,
    volumeInGb: form[DeployInput.volume] ?? null,
    ports: form[DeployInput.ports] ?? null,
    env: form[DeployInput.env] ?? [],
    networkVolumeId: form[DeployInput.networkVolume] ?? null,
    cloudType: form[DeployInput.cloud],
    spot: form[DeployInput.pricing] === 'spot',
  };
}

const MetadataSchema = z.object({
  channelId: z.string().min(1).max(50),
  /** Of the command that opened the modal: replies reach channels the app is not in. */
  responseUrl: z.string().url().max(500).optional(),
});

function parseMetadata(text: string): z.infer<typeof MetadataSchema> | null {
  try {
    const parsed = MetadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
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

function fieldErrors(errors: Partial<Record<DeployField, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [DEPLOY_FIELD_INPUT[field as DeployField], message]),
  );
}

/**
 * The deploy form's submit: shape errors and combinations RunPod would refuse keep it open with a
 * message under the field at fault, and nothing reaches RunPod; the deploy itself runs after the
 * ack. The announcement goes to the channel; a refusal or failure reaches the user through the
 * command's response_url (it works where the app is not a member), else ephemeral, else a DM.
 */
export const handleDeploySubmit: ViewHandler = async (ctx) => {
  const metadata = parseMetadata(ctx.privateMetadata);
  const values = Object.fromEntries(Object.entries(ctx.values).filter(([, v]) => v !== null));
  const parsed = DeployFormSchema.safeParse(values);
  if (!parsed.success) return { ack: { errors: formErrors(parsed.error) } };
  const pods = ctx.deps.services.pods;
  const planned = await pods.planDeploy(toDeployForm(parsed.data), ctx.viewId);
  if (!planned.ok) return { ack: { errors: { [DeployInput.gpuType]: errorText(planned.error) } } };
  if ('fieldErrors' in planned.value) return { ack: { errors: fieldErrors(planned.value.fieldErrors) } };
  const request = planned.value.request;

  return {
    ack: { close: true },
    after: async () => {
      const result = await pods.deploy(ctx.userId, request);
      if (result.ok) {
        const reply = buildDeployReply(result.value, ctx.userId);
        if (metadata) await ctx.announce(metadata.channelId, reply, metadata.responseUrl);
        else await ctx.post(ctx.userId, reply);
        return;
      }
      const reply = errorReply(result.error);
      if (metadata) await ctx.postEphemeral(metadata.channelId, ctx.userId, reply, metadata.responseUrl);
      else await ctx.post(ctx.userId, reply);
    },
  };
};
