import { buildSchema, getVariableValues, Kind, type OperationDefinitionNode, parse, validate } from 'graphql';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/lib/logger.js';
import { createGraphqlGateway } from '../../../src/runpod/graphql/create-graphql-gateway.js';
import { runpodSchemaSdl } from '../../../src/sandbox/runpod/runpod-schema-sdl.js';

/**
 * The adapter against RunPod's real address and default shape, with nock in place of the network.
 * The matcher accepts only documents that validate against the SDL written from runpod-api.md and
 * variables that fit their declared input types, so a field or input RunPod does not have fails.
 */
const schema = buildSchema(runpodSchemaSdl);
const KEY = 'rp_live_shape_key';

function acceptsRunpodRequest(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { query, variables } = body as { query?: unknown; variables?: Record<string, unknown> };
  if (typeof query !== 'string') return false;
  try {
    const document = parse(query);
    if (validate(schema, document).length > 0) return false;
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], variables ?? {});
    return coerced.errors === undefined;
  } catch {
    return false;
  }
}

const gateway = () =>
  createGraphqlGateway({
    url: 'https://api.runpod.io/graphql',
    apiKey: KEY,
    logger: silentLogger,
    sleep: async () => {},
  });

afterEach(() => {
  nock.cleanAll();
});

describe('GraphQL gateway against https://api.runpod.io/graphql (nock)', () => {
  it('the matcher refuses fields and inputs RunPod does not have', () => {
    expect(acceptsRunpodRequest({ query: '{ myself { pods { id } } }' })).toBe(true);
    expect(acceptsRunpodRequest({ query: '{ myself { pods { id gpuUtilPercent } } }' })).toBe(false);
    expect(
      acceptsRunpodRequest({
        query: 'mutation R($input: PodResumeInput!) { podResume(input: $input) { id } }',
        variables: { input: { podId: 'p', gpuCount: 1, allowedCudaVersions: ['12.4'] } },
      }),
    ).toBe(false);
  });

  it('lists pods in one POST with the Bearer header, tolerating nulls and unknown statuses', async () => {
    const scope = nock('https://api.runpod.io')
      .post('/graphql', acceptsRunpodRequest)
      .matchHeader('authorization', `Bearer ${KEY}`)
      .reply(200, {
        data: {
          myself: {
            pods: [
              {
                id: 'abc123xyz45678',
                name: 'llama-ft',
                desiredStatus: 'RUNNING',
                imageName: null,
                gpuCount: 1,
                vcpuCount: 16,
                memoryInGb: 62,
                containerDiskInGb: 50,
                volumeInGb: 100,
                volumeMountPath: '/workspace',
                networkVolumeId: null,
                costPerHr: 2.49,
                podType: 'RESERVED',
                ports: '8888/http,22/tcp',
                locked: null,
                machine: { gpuDisplayName: 'H100 PCIe', gpuTypeId: 'NVIDIA H100 PCIe', location: 'US-TX-3' },
                runtime: {
                  uptimeInSeconds: 4_200,
                  gpus: [{ id: 'GPU-e0488b7e-6932', gpuUtilPercent: 0, memoryUtilPercent: 12 }],
                  container: { cpuPercent: 2, memoryPercent: 9 },
                  ports: null,
                },
              },
              { id: 'def456uvw00000', name: 'odd', desiredStatus: 'MIGRATING', gpuCount: 2, podType: 'BID' },
              null,
            ],
          },
        },
      });

    const pods = await gateway().listPods();

    expect(scope.isDone()).toBe(true);
    expect(pods[0]).toMatchObject({
      id: 'abc123xyz45678',
      status: 'RUNNING',
      imageName: null,
      locked: false,
      gpuDisplayName: 'H100 PCIe',
      runtime: { uptimeSeconds: 4_200, gpus: [{ utilPercent: 0, memoryPercent: 12 }], ports: [] },
    });
    expect(pods[1]).toMatchObject({
      id: 'def456uvw00000',
      status: 'UNKNOWN',
      isSpot: true,
      costPerHr: 0,
      runtime: null,
    });
    expect(pods).toHaveLength(2);
  });

  it('stops and terminates with documents RunPod accepts', async () => {
    const scope = nock('https://api.runpod.io')
      .post('/graphql', (body) => acceptsRunpodRequest(body) && JSON.stringify(body).includes('podStop'))
      .reply(200, { data: { podStop: { id: 'abc123xyz45678', desiredStatus: 'EXITED' } } })
      .post(
        '/graphql',
        (body) =>
          acceptsRunpodRequest(body) && /podTerminate\(input: \$input\)\s*\}/.test(String(body.query)),
      )
      .reply(200, { data: { podTerminate: null } });

    const gw = gateway();
    await gw.stopPod('abc123xyz45678');
    await gw.terminatePod('abc123xyz45678');

    expect(scope.isDone()).toBe(true);
  });

  it('reads the GPU catalogue and the account with documents RunPod accepts', async () => {
    const scope = nock('https://api.runpod.io')
      .post('/graphql', acceptsRunpodRequest)
      .reply(200, {
        data: {
          gpuTypes: [
            { id: 'unknown', displayName: 'unknown' },
            { id: 'NVIDIA L40S', displayName: 'L40S', memoryInGb: 48, securePrice: 0.86, lowestPrice: null },
          ],
        },
      })
      .post('/graphql', acceptsRunpodRequest)
      .reply(200, { data: { myself: { clientBalance: 312.5, currentSpendPerHr: null } } });

    const gw = gateway();
    expect(await gw.listGpuTypes()).toEqual([
      {
        id: 'NVIDIA L40S',
        displayName: 'L40S',
        memoryInGb: 48,
        securePrice: 0.86,
        communityPrice: null,
        secureSpotPrice: null,
        communitySpotPrice: null,
        maxGpuCount: null,
        stockStatus: null,
      },
    ]);
    expect(await gw.getAccount()).toEqual({ clientBalance: 312.5, currentSpendPerHr: null });
    expect(scope.isDone()).toBe(true);
  });
});
