/**
 * The GraphQL documents podwarden sends. Only fields and input types confirmed in
 * shared/reference/runpod-api.md: the runtime selection is the docs' and RunPod's idle monitor's,
 * `machine { gpuTypeId }` is used by third-party clients (§2.2), input types are the ones working
 * clients declare (§3). The simulator validates each of them against its SDL.
 */
const podFields = `
      id
      name
      desiredStatus
      imageName
      gpuCount
      vcpuCount
      memoryInGb
      containerDiskInGb
      volumeInGb
      volumeMountPath
      networkVolumeId
      costPerHr
      podType
      lowestBidPriceToResume
      ports
      env
      locked
      machine { gpuDisplayName gpuTypeId location }
      runtime {
        uptimeInSeconds
        gpus { id gpuUtilPercent memoryUtilPercent }
        container { cpuPercent memoryPercent }
        ports { ip isIpPublic privatePort publicPort type }
      }`;

/** Every pod with its runtime, in one request. */
export const listPodsQuery = `query Pods {
  myself {
    pods {${podFields}
    }
  }
}`;

export const getPodQuery = `query Pod($input: PodFilter!) {
  pod(input: $input) {${podFields}
  }
}`;

export const stopPodMutation = `mutation StopPod($input: PodStopInput!) {
  podStop(input: $input) { id desiredStatus }
}`;

export const resumePodMutation = `mutation ResumePod($input: PodResumeInput!) {
  podResume(input: $input) { id desiredStatus }
}`;

export const bidResumePodMutation = `mutation BidResumePod($input: PodBidResumeInput!) {
  podBidResume(input: $input) { id desiredStatus }
}`;

/** podTerminate returns the Void scalar: no selection set (runpod-python, runpodctl). */
export const terminatePodMutation = `mutation TerminatePod($input: PodTerminateInput!) {
  podTerminate(input: $input)
}`;

export const deployOnDemandMutation = `mutation DeployPod($input: PodFindAndDeployOnDemandInput!) {
  podFindAndDeployOnDemand(input: $input) {${podFields}
  }
}`;

export const deploySpotMutation = `mutation DeploySpotPod($input: PodRentInterruptableInput!) {
  podRentInterruptable(input: $input) {${podFields}
  }
}`;

export const gpuTypesQuery = `query GpuTypes {
  gpuTypes {
    id
    displayName
    memoryInGb
    securePrice
    communityPrice
    secureSpotPrice
    communitySpotPrice
    maxGpuCount
    lowestPrice(input: { gpuCount: 1 }) { stockStatus }
  }
}`;

export const accountQuery = `query Account {
  myself { clientBalance currentSpendPerHr }
}`;

/** Fields as runpod-python reads them (runpod-api.md §4.1); `size` is in GB. */
export const networkVolumesQuery = `query NetworkVolumes {
  myself { networkVolumes { id name size dataCenterId } }
}`;
