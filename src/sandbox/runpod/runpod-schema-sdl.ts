/**
 * The part of RunPod's GraphQL schema that podwarden and the simulator need, written only from
 * shared/reference/runpod-api.md (RunPod publishes no full SDL). Nullability follows the reference:
 * PUL 2026 / OML 2024 where they agree, nullable where they disagree or nothing is known. Fields and
 * input fields listed there are included even when podwarden does not select them, so that the
 * simulator accepts what the live API accepts and rejects what it rejects (unknown fields → 400).
 * Fields the reference names without a type (Pod.gpus, Pod.registry, User.dailyCharges …) are left
 * out. test/support/runpod-graphql-reference.ts holds the reference as data, and
 * test/integration/runpod/graphql-sdl-conformance.test.ts keeps this SDL equal to it.
 * Kept as a .ts module so the build output carries it.
 */
export const runpodSchemaSdl = /* GraphQL */ `
scalar DateTime
scalar JSON
scalar Port
scalar Void

enum PodStatus {
  CREATED
  RUNNING
  RESTARTING
  EXITED
  PAUSED
  DEAD
  TERMINATED
}

enum PodType {
  INTERRUPTABLE
  RESERVED
  BID
  BACKGROUND
}

enum CloudTypeEnum {
  SECURE
  COMMUNITY
  ALL
}

enum ComputeType {
  CPU
  GPU
}

type Query {
  myself: User
  pod(input: PodFilter): Pod
  gpuTypes(input: GpuTypeFilter): [GpuType]
}

type Mutation {
  podStop(input: PodStopInput!): Pod
  podResume(input: PodResumeInput!): Pod
  podBidResume(input: PodBidResumeInput!): Pod
  podTerminate(input: PodTerminateInput!): Void
  podFindAndDeployOnDemand(input: PodFindAndDeployOnDemandInput): Pod
  podRentInterruptable(input: PodRentInterruptableInput!): Pod
}

type User {
  id: String
  email: String
  clientBalance: Float
  currentSpendPerHr: Float
  spendLimit: Float
  pubKey: String
  notifyPodsStale: Boolean
  notifyPodsGeneral: Boolean
  notifyLowBalance: Boolean
  pods: [Pod]
  networkVolumes: [NetworkVolume]
}

# Nullability unknown (runpod-api.md 4.1): every field nullable.
type NetworkVolume {
  id: String
  name: String
  size: Int
  dataCenterId: String
}

type Pod {
  id: String!
  name: String!
  desiredStatus: PodStatus!
  imageName: String
  dockerArgs: String
  dockerId: String
  env: [String]
  gpuCount: Int!
  vcpuCount: Float!
  memoryInGb: Float!
  containerDiskInGb: Int
  volumeInGb: Float
  volumeMountPath: String
  costPerHr: Float!
  adjustedCostPerHr: Float
  costMultiplier: Float
  machineId: String!
  machine: PodMachineInfo
  podType: PodType
  "Nullable Float in the spec transcription (runpod-api.md §2.2, OML); no client is known to use it."
  lowestBidPriceToResume: Float
  lastStatusChange: String
  lastStartedAt: DateTime
  createdAt: DateTime
  uptimeSeconds: Int
  port: Port
  ports: String
  templateId: String
  networkVolumeId: String
  containerRegistryAuthId: String
  locked: Boolean
  "OML only (runpod-api.md 2.2); no client selects it."
  volumeEncrypted: Boolean!
  "OML only (runpod-api.md 2.2); no client selects it."
  gpuPowerLimitPercent: Int!
  runtime: PodRuntime
  "Spec only (runpod-api.md 7); no client uses it, the simulator answers null."
  latestTelemetry: PodTelemetry
}

type PodTelemetry {
  state: String
  time: DateTime
  cpuUtilization: Float
  memoryUtilization: Float
  averageGpuMetrics: GpuTelemetry
  individualGpuMetrics: [GpuTelemetry]
  lastStateTransitionTimestamp: Int
}

type GpuTelemetry {
  id: String
  percentUtilization: Float
  temperatureCelcius: Float
  memoryUtilization: Float
  powerWatts: Float
}

type PodMachineInfo {
  costPerHr: Float
  currentPricePerGpu: Float
  diskMBps: Int
  gpuAvailable: Int
  gpuDisplayName: String
  gpuTypeId: String
  gpuType: GpuType
  listed: Boolean
  location: String
  maintenanceStart: DateTime
  maintenanceEnd: DateTime
  maintenanceNote: String
  maxDownloadSpeedMbps: Int
  maxUploadSpeedMbps: Int
  note: String
  podHostId: String
  secureCloud: Boolean
  supportPublicIp: Boolean
}

type PodRuntime {
  uptimeInSeconds: Int
  ports: [PodRuntimePorts]
  gpus: [PodRuntimeGpus]
  container: PodRuntimeContainer
}

type PodRuntimePorts {
  ip: String
  isIpPublic: Boolean
  privatePort: Int
  publicPort: Int
  type: String
}

type PodRuntimeGpus {
  id: String
  gpuUtilPercent: Int
  memoryUtilPercent: Int
}

type PodRuntimeContainer {
  cpuPercent: Int
  memoryPercent: Int
}

type GpuType {
  id: String
  displayName: String
  manufacturer: String
  memoryInGb: Int
  cudaCores: Int
  secureCloud: Boolean
  communityCloud: Boolean
  securePrice: Float
  communityPrice: Float
  communitySpotPrice: Float
  secureSpotPrice: Float
  oneWeekPrice: Float
  oneMonthPrice: Float
  threeMonthPrice: Float
  maxGpuCount: Int
  maxGpuCountCommunityCloud: Int
  maxGpuCountSecureCloud: Int
  minPodGpuCount: Int
  lowestPrice(input: GpuLowestPriceInput): LowestPrice
}

type LowestPrice {
  minimumBidPrice: Float
  uninterruptablePrice: Float
  stockStatus: String
  availableGpuCounts: [Int]
  gpuName: String
  gpuTypeId: String
  minMemory: Int
  minVcpu: Int
  maxGpuCount: Int
}

input PodFilter {
  podId: String!
}

input GpuTypeFilter {
  id: String
  ids: [String!]
  cluster: Boolean
}

input GpuLowestPriceInput {
  gpuCount: Int!
  countryCode: String
  dataCenterId: String
  minDisk: Int
  minDownload: Int
  minMemoryInGb: Int
  minUpload: Int
  minVcpuCount: Int
  secureCloud: Boolean
  supportPublicIp: Boolean
  totalDisk: Int
  cudaVersion: String
  allowedCudaVersions: [String]
  minCudaVersion: String
}

input PodStopInput {
  podId: String!
  incrementVersion: Boolean
}

input PodResumeInput {
  podId: String
  gpuCount: Int
  syncMachine: Boolean
  computeType: ComputeType
}

input PodBidResumeInput {
  podId: String!
  bidPerGpu: Float!
  gpuCount: Int!
}

input PodTerminateInput {
  podId: String!
}

input EnvironmentVariableInput {
  key: String!
  value: String!
}

input SavingsPlanInput {
  planLength: String
  upfrontCost: Float
}

input PodFindAndDeployOnDemandInput {
  aiApiId: String
  cloudType: CloudTypeEnum
  containerDiskInGb: Int
  containerRegistryAuthId: String
  countryCode: String
  deployCost: Float
  dockerArgs: String
  env: [EnvironmentVariableInput]
  gpuCount: Int
  gpuTypeId: String
  gpuTypeIdList: [String]
  imageName: String
  minDisk: Int
  minDownload: Int
  minMemoryInGb: Int
  minUpload: Int
  minVcpuCount: Int
  name: String
  networkVolumeId: String
  port: Port
  ports: String
  startJupyter: Boolean
  startSsh: Boolean
  stopAfter: DateTime
  supportPublicIp: Boolean
  templateId: String
  terminateAfter: DateTime
  volumeInGb: Int
  volumeKey: String
  volumeMountPath: String
  dataCenterId: String
  savingsPlan: SavingsPlanInput
  cudaVersion: String
  allowedCudaVersions: [String]
  minCudaVersion: String
  instanceIds: [String]
  computeType: ComputeType
  globalNetwork: Boolean
  ideAiApiId: String
  modelReferences: [String]
}

input PodRentInterruptableInput {
  bidPerGpu: Float
  cloudType: CloudTypeEnum
  containerDiskInGb: Int
  containerRegistryAuthId: String
  countryCode: String
  dockerArgs: String
  env: [EnvironmentVariableInput]
  gpuCount: Int
  gpuTypeId: String
  imageName: String
  minDisk: Int
  minDownload: Int
  minMemoryInGb: Int
  minUpload: Int
  minVcpuCount: Int
  name: String
  networkVolumeId: String
  port: Port
  ports: String
  startJupyter: Boolean
  startSsh: Boolean
  stopAfter: DateTime
  supportPublicIp: Boolean
  templateId: String
  terminateAfter: DateTime
  volumeInGb: Int
  volumeKey: String
  volumeMountPath: String
  dataCenterId: String
  cudaVersion: String
  allowedCudaVersions: [String]
}
`;
