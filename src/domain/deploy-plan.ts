import { err, ok, type Result } from '../lib/result.js';
import { type CpuType, canMountIn, type DeployTemplate, MIN_VCPUS } from './deploy-catalogue.js';
import { plainCredentialKeys } from './deploy-credentials.js';
import { type EnvVar, mergeEnv, secretNamesReferenced } from './deploy-env.js';
import { gpuPrice } from './deploy-price.js';
import type { DeployRequest, GpuType, NetworkVolume } from './pod.js';

/**
 * From what the deploy form says to the request RunPod gets: a template's values fill what was
 * left empty, defaults the rest, and combinations RunPod would refuse (or place oddly) come back
 * as per-field messages before anything is sent.
 */
export const DEFAULT_IMAGE = 'runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04';
export const DEFAULT_CONTAINER_DISK_GB = 50;
export const DEFAULT_VOLUME_GB = 100;
export const VOLUME_MOUNT_PATH = '/workspace';

/** The form's fields, named for what they hold (the Slack layer maps them to its block ids). */
export type DeployField =
  | 'name'
  | 'machine'
  | 'gpuCount'
  | 'vcpuCount'
  | 'template'
  | 'image'
  | 'containerDisk'
  | 'volume'
  | 'ports'
  | 'env'
  | 'networkVolume'
  | 'cloud'
  | 'pricing';

export type FieldErrors = Partial<Record<DeployField, string>>;

/** The form after its shape was checked; null: left empty. */
export type DeployForm = {
  name: string;
  machine: { kind: 'gpu'; gpuTypeId: string } | { kind: 'cpu'; cpuTypeId: string };
  gpuCount: number;
  vcpuCount: number | null;
  templateId: string | null;
  image: string | null;
  containerDiskInGb: number | null;
  volumeInGb: number | null;
  ports: string[] | null;
  env: EnvVar[];
  networkVolumeId: string | null;
  cloudType: DeployRequest['cloudType'];
  spot: boolean;
};

export type DeployCatalogue = {
  gpuTypes: readonly GpuType[];
  cpuTypes: readonly CpuType[];
  templates: readonly DeployTemplate[];
  networkVolumes: readonly NetworkVolume[];
  /** The account's secret names; null when RunPod did not say (references are not checked then). */
  secretNames: readonly string[] | null;
};

export type DeployPlan = {
  request: DeployRequest;
  /** Keys of variables that look like credentials typed in plain text. */
  plainCredentials: string[];
};

/** The cheapest cloud listing a price for the GPU type (SECURE when neither or a tie). */
export function cheapestCloud(gpuType: GpuType | undefined, spot: boolean): 'SECURE' | 'COMMUNITY' {
  if (!gpuType) return 'SECURE';
  const secure = gpuPrice(gpuType, 'SECURE', spot);
  const community = gpuPrice(gpuType, 'COMMUNITY', spot);
  if (community !== null && (secure === null || community < secure)) return 'COMMUNITY';
  return 'SECURE';
}

const list = (names: readonly string[], max = 5): string =>
  names.length > max ? `${names.slice(0, max).join(', ')}, …` : names.join(', ');

export function planDeploy(form: DeployForm, catalogue: DeployCatalogue): Result<DeployPlan, FieldErrors> {
  const errors: FieldErrors = {};
  const fail = (field: DeployField, message: string) => {
    errors[field] ??= message;
  };

  const template = form.templateId ? catalogue.templates.find((t) => t.id === form.templateId) : undefined;
  if (form.templateId && !template) fail('template', 'RunPod no longer lists this template; pick another.');

  const volume = form.networkVolumeId
    ? catalogue.networkVolumes.find((v) => v.id === form.networkVolumeId)
    : undefined;
  if (form.networkVolumeId && !volume) fail('networkVolume', 'This network volume is gone; pick another.');
  const volumeDc = volume?.dataCenterId ?? null;
  // The cloud the request goes to: a CPU pod and a network volume (with "Any") run in Secure cloud,
  // so a spot bid and its price check use that cloud's price, not the cheapest of both.
  const cloudType =
    form.machine.kind === 'cpu' ? 'SECURE' : volume && form.cloudType === 'ALL' ? 'SECURE' : form.cloudType;

  let gpuType: GpuType | undefined;
  let cpu: DeployRequest['cpu'] = null;
  if (form.machine.kind === 'gpu') {
    const id = form.machine.gpuTypeId;
    gpuType = catalogue.gpuTypes.find((g) => g.id === id);
    if (!gpuType) fail('machine', 'RunPod no longer offers this GPU type; pick another.');
    else if (gpuType.maxGpuCount !== null && form.gpuCount > gpuType.maxGpuCount) {
      fail('gpuCount', `${gpuType.displayName} pods have at most ${gpuType.maxGpuCount} GPUs.`);
    }
    if (gpuType && volumeDc && !canMountIn(gpuType.dataCenterIds, volumeDc)) {
      const fits = catalogue.gpuTypes
        .filter((g) => canMountIn(g.dataCenterIds, volumeDc))
        .map((g) => g.displayName);
      fail(
        'machine',
        `${gpuType.displayName} is not in ${volumeDc}, where the network volume is. ${
          fits.length > 0 ? `There: ${list(fits)}.` : 'No GPU type is listed there now.'
        }`,
      );
    }
    if (gpuType && form.spot && gpuPrice(gpuType, cloudType, true) === null) {
      fail('pricing', `RunPod lists no spot price for ${gpuType.displayName} in this cloud; pick on demand.`);
    }
    if (template?.category === 'CPU')
      fail('template', 'This template is for CPU pods; pick a CPU type or another template.');
  } else {
    const id = form.machine.cpuTypeId;
    const cpuType = catalogue.cpuTypes.find((c) => c.id === id);
    if (!cpuType) fail('machine', 'RunPod no longer offers this CPU type; pick another.');
    else {
      const low = Math.max(MIN_VCPUS, cpuType.vcpuMin);
      const vcpus = form.vcpuCount ?? low;
      if (vcpus < low || vcpus > cpuType.vcpuMax) {
        fail('vcpuCount', `${cpuType.displayName} pods have ${low} to ${cpuType.vcpuMax} vCPUs.`);
      }
      cpu = { flavorId: cpuType.id, vcpuCount: vcpus, memoryInGb: Math.round(vcpus * cpuType.ramGbPerVcpu) };
      if (volumeDc && !canMountIn(cpuType.dataCenterIds, volumeDc)) {
        fail('machine', `${cpuType.displayName} is not in ${volumeDc}, where the network volume is.`);
      }
    }
    if (form.spot) fail('pricing', 'CPU pods run on demand only.');
    if (form.cloudType === 'COMMUNITY') fail('cloud', 'CPU pods run in Secure cloud only.');
  }
  if (form.machine.kind === 'gpu' && form.vcpuCount !== null) {
    fail('vcpuCount', 'vCPUs are for CPU pods; leave this empty with a GPU type.');
  }

  if (volume) {
    if (form.cloudType === 'COMMUNITY')
      fail('cloud', 'Network volumes live in Secure cloud; pick Secure or Any.');
    if (form.volumeInGb !== null && form.volumeInGb > 0) {
      fail('volume', `The network volume is mounted at ${VOLUME_MOUNT_PATH}; leave the pod volume empty.`);
    }
  }

  const referenced = secretNamesReferenced(form.env);
  if (catalogue.secretNames) {
    const known = new Set(catalogue.secretNames);
    const unknown = referenced.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      const have = catalogue.secretNames.length > 0 ? ` Yours: ${list([...catalogue.secretNames], 8)}.` : '';
      fail('env', `RunPod has no secret named ${list(unknown)}.${have}`);
    }
  }

  if (Object.keys(errors).length > 0) return err(errors);

  const env = mergeEnv(template?.env ?? [], form.env);
  const volumeInGb = volume
    ? 0
    : (form.volumeInGb ?? (template ? (template.volumeInGb ?? 0) : DEFAULT_VOLUME_GB));
  const request: DeployRequest = {
    name: form.name,
    gpuTypeId: gpuType?.id ?? null,
    gpuCount: cpu ? 0 : form.gpuCount,
    imageName: form.image ?? template?.image ?? DEFAULT_IMAGE,
    containerDiskInGb: form.containerDiskInGb ?? template?.containerDiskInGb ?? DEFAULT_CONTAINER_DISK_GB,
    volumeInGb,
    cloudType,
    anyCloudAs: cheapestCloud(gpuType, form.spot),
    spot: form.spot,
    // A spot pod bids the listed spot price (the lowest in the cloud the request goes to).
    bidPerGpu: form.spot && gpuType ? gpuPrice(gpuType, cloudType, true) : null,
    cpu,
    templateId: template?.id ?? null,
    ports: form.ports ?? template?.ports ?? [],
    env,
    // A volume whose data center RunPod did not say is mounted without pinning the placement.
    networkVolume: volume ? { id: volume.id, dataCenterId: volumeDc } : null,
  };
  return ok({ request, plainCredentials: plainCredentialKeys(form.env) });
}
