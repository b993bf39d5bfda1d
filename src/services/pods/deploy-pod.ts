import type { CpuType, DeployTemplate } from '../../domain/deploy-catalogue.js';
import { deployPricePerHour, gpuPrice, isDeployableGpuType } from '../../domain/deploy-price.js';
import type { AppError } from '../../domain/errors.js';
import { RunpodError } from '../../domain/errors.js';
import { decide, roleOf } from '../../domain/permissions.js';
import type { DeployRequest, GpuType, NetworkVolume, Pod } from '../../domain/pod.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { ServiceDeps } from '../ports.js';
import { failedMutation } from './failed-mutation.js';
import { listLivePods } from './find-pod.js';
import { recordAudit } from './record-audit.js';

const CATALOGUE_TTL_MS = 10 * 60_000;

export type DeployOptions = {
  /** Deployable GPU types, cheapest on-demand price first. */
  gpuTypes: GpuType[];
  /** CPU types for CPU pods, cheapest per vCPU first; empty when RunPod did not say. */
  cpuTypes: CpuType[];
  /** The account's own templates, then RunPod's; empty when RunPod did not say. */
  templates: DeployTemplate[];
  networkVolumes: NetworkVolume[];
  /** Names only; null when RunPod does not list them. */
  secretNames: string[] | null;
  /** POD_DEPLOY_MAX_PER_HOUR: members may not deploy a pod costing more per hour. */
  maxPerHourForMembers: number | null;
  fetchedAt: Date;
};

export type DeployOutcome = {
  pod: Pod;
  ownerId: string;
  pricePerHour: number | null;
  recoveredFrom: string | null;
};

/**
 * What the deploy form offers, cached for a few minutes so the modal can open within Slack's 3 s:
 * the GPU catalogue (required), and CPU types, templates, network volumes and secret names, each
 * of which may be missing (logged) without keeping the form from opening.
 */
export function createCatalogue(deps: Pick<ServiceDeps, 'gateway' | 'clock' | 'settings' | 'logger'>) {
  let cached: DeployOptions | null = null;
  const fresh = (): DeployOptions | null =>
    cached && deps.clock.now().getTime() - cached.fetchedAt.getTime() < CATALOGUE_TTL_MS ? cached : null;
  const optional = async <T>(what: string, read: (() => Promise<T>) | undefined, fallback: T): Promise<T> => {
    if (!read) return fallback;
    try {
      return await read();
    } catch (error) {
      deps.logger.warn({ what, err: error }, 'deploy catalogue part unavailable');
      return fallback;
    }
  };
  const gateway = deps.gateway;
  return {
    cachedOptions: fresh,
    /** The last catalogue read, however old: a form being submitted is checked against what it showed. */
    lastOptions: (): DeployOptions | null => cached,
    async options(): Promise<DeployOptions> {
      const hit = fresh();
      if (hit) return hit;
      const [all, cpuTypes, templates, networkVolumes, secretNames] = await Promise.all([
        gateway.listGpuTypes(),
        optional('cpu types', gateway.listCpuTypes?.bind(gateway), [] as CpuType[]),
        optional('templates', gateway.listTemplates?.bind(gateway), [] as DeployTemplate[]),
        optional('network volumes', gateway.listNetworkVolumes?.bind(gateway), [] as NetworkVolume[]),
        optional('secret names', gateway.listSecretNames?.bind(gateway), null),
      ]);
      const price = (g: GpuType) => gpuPrice(g, 'ALL', false) ?? Number.POSITIVE_INFINITY;
      const cpuPrice = (c: CpuType) => c.pricePerVcpu ?? Number.POSITIVE_INFINITY;
      cached = {
        gpuTypes: all.filter(isDeployableGpuType).sort((a, b) => price(a) - price(b)),
        cpuTypes: [...cpuTypes].sort((a, b) => cpuPrice(a) - cpuPrice(b)),
        templates,
        networkVolumes,
        secretNames,
        maxPerHourForMembers: deps.settings.deployMaxPerHour,
        fetchedAt: deps.clock.now(),
      };
      return cached;
    },
  };
}

export type Catalogue = ReturnType<typeof createCatalogue>;

/** Checks a deploy request beyond its shape: the GPU type exists, the price is within the limit. */
async function vetRequest(
  deps: ServiceDeps,
  catalogue: Catalogue,
  actor: string,
  request: DeployRequest,
): Promise<Result<number | null, AppError>> {
  const options = await catalogue.options();
  let price: number | null;
  let what: string;
  if (request.cpu) {
    const cpu = request.cpu;
    const cpuType = options.cpuTypes.find((c) => c.id === cpu.flavorId);
    if (!cpuType) {
      return err({ kind: 'invalid_input', message: `RunPod does not offer the CPU type ${cpu.flavorId}.` });
    }
    price = cpuType.pricePerVcpu === null ? null : cpuType.pricePerVcpu * cpu.vcpuCount;
    what = cpuType.displayName;
  } else {
    const gpuType = options.gpuTypes.find((g) => g.id === request.gpuTypeId);
    if (!gpuType) {
      return err({
        kind: 'invalid_input',
        message: `RunPod does not offer the GPU type ${request.gpuTypeId ?? '(none)'}.`,
      });
    }
    if (gpuType.maxGpuCount !== null && request.gpuCount > gpuType.maxGpuCount) {
      return err({
        kind: 'invalid_input',
        message: `${gpuType.displayName} pods have at most ${gpuType.maxGpuCount} GPUs.`,
      });
    }
    price = deployPricePerHour(request, gpuType);
    what = gpuType.displayName;
  }
  const limit = deps.settings.deployMaxPerHour;
  if (limit === null || decide('deploy_over_limit', actor, null, deps.settings).allowed) return ok(price);
  if (price === null) {
    return err({
      kind: 'invalid_input',
      message: `RunPod lists no price for ${what} here, so the deploy limit cannot be checked; ask an admin.`,
    });
  }
  if (price > limit) return err({ kind: 'over_deploy_limit', costPerHr: price, limit });
  return ok(price);
}

/** `/pod deploy`: within the member price limit; the deployer becomes the owner. */
export async function deployPod(
  deps: ServiceDeps,
  catalogue: Catalogue,
  actor: string,
  request: DeployRequest,
): Promise<Result<DeployOutcome, AppError>> {
  const placeholder = { id: `deploy:${request.name}`, name: request.name };
  const refuse = async (error: AppError, detail: string) => {
    await recordAudit(deps, {
      actor,
      pod: placeholder,
      action: 'deploy',
      reason: null,
      outcome: 'refused',
      detail,
    });
    return err(error);
  };
  if (roleOf(actor, deps.settings) === 'reader') {
    return refuse({ kind: 'read_only', action: 'deploy' }, 'refused: read-only user');
  }
  const vetted = await vetRequest(deps, catalogue, actor, request);
  if (!vetted.ok) return refuse(vetted.error, `refused: ${vetted.error.kind}`);
  const pricePerHour = vetted.value;

  const before = new Set((await listLivePods(deps)).map((pod) => pod.id));
  let pod: Pod;
  let recoveredFrom: string | null = null;
  try {
    pod = await deps.gateway.deployPod(request);
  } catch (error) {
    // RunPod sometimes creates the pod and still reports an error: look for it before failing.
    const appeared =
      error instanceof RunpodError
        ? (await listLivePods(deps).catch(() => [] as Pod[])).find(
            (p) => !before.has(p.id) && p.name === request.name,
          )
        : undefined;
    if (!appeared) {
      return failedMutation(deps, { actor, pod: placeholder, action: 'deploy', reason: null }, error);
    }
    pod = appeared;
    recoveredFrom = (error as RunpodError).detail;
  }

  await deps.store.setOwner(pod.id, actor, actor, deps.clock.now());
  await recordAudit(deps, {
    actor,
    pod: { id: pod.id, name: pod.name },
    action: 'deploy',
    reason: null,
    outcome: 'ok',
    detail: `RunPod: pod ${pod.id} created (${machineText(request)}, ${request.spot ? 'spot' : 'on demand'}${request.templateId ? `, template ${request.templateId}` : ''}${request.networkVolume ? `, network volume ${request.networkVolume.id}` : ''})${recoveredFrom ? ` (after reporting: ${recoveredFrom})` : ''}`,
  });
  return ok({
    pod,
    ownerId: actor,
    pricePerHour: pricePerHour ?? (pod.costPerHr > 0 ? pod.costPerHr : null),
    recoveredFrom,
  });
}

const machineText = (request: DeployRequest): string =>
  request.cpu
    ? `${request.cpu.vcpuCount} vCPU ${request.cpu.flavorId}`
    : `${request.gpuCount}× ${request.gpuTypeId ?? 'GPU'}`;
