/**
 * The GraphQL side cannot drift from RunPod's published facts: every document the adapters send
 * (GraphQL mode, and what REST mode still asks of GraphQL) validates against the simulator's SDL,
 * its variables included; and that SDL declares exactly what shared/reference/runpod-api.md
 * confirms (test/support/runpod-graphql-reference.ts): no invented field, type, argument or
 * nullability, and nothing confirmed left out.
 */
import {
  buildSchema,
  type GraphQLField,
  type GraphQLInputField,
  getVariableValues,
  isEnumType,
  isInputObjectType,
  isObjectType,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeployRequest } from '../../../src/domain/pod.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { createPodGateway } from '../../../src/runpod/create-pod-gateway.js';
import * as operations from '../../../src/runpod/graphql/graphql-operations.js';
import { runpodSchemaSdl } from '../../../src/sandbox/runpod/runpod-schema-sdl.js';
import type { SimWorld } from '../../../src/sandbox/runpod/sim-world.js';
import type { RunpodSimulator } from '../../../src/sandbox/runpod/start-runpod-simulator.js';
import type { PodGateway } from '../../../src/services/ports.js';
import {
  REFERENCE_ENUMS,
  REFERENCE_INPUTS,
  REFERENCE_OBJECTS,
  REFERENCE_ROOTS,
  REFERENCE_SCALARS,
  UNTYPED,
} from '../../support/runpod-graphql-reference.js';
import { startSimulatedRunpod } from './gateway-fixture.js';

const KEY = 'rp_sdl_test_key';
const schema = buildSchema(runpodSchemaSdl);

const deploy = (spot: boolean): DeployRequest => ({
  name: spot ? 'spot-box' : 'od-box',
  gpuTypeId: 'NVIDIA L40S',
  gpuCount: 1,
  imageName: 'runpod/pytorch:2.4.0',
  containerDiskInGb: 20,
  volumeInGb: 50,
  cloudType: 'ALL',
  spot,
  bidPerGpu: spot ? 0.5 : null,
});

let sim: RunpodSimulator;
let world: SimWorld;

beforeEach(async () => {
  ({ world, sim } = await startSimulatedRunpod(KEY, { start: '2026-11-02T12:00:00Z', balance: 500 }));
});
afterEach(async () => {
  await sim.close();
});

const gatewayFor = (api: 'graphql' | 'rest'): PodGateway =>
  createPodGateway(
    {
      api,
      apiKey: KEY,
      graphqlUrl: sim.graphqlUrl,
      restUrl: sim.restUrl,
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    },
    silentLogger,
  );

/** Every PodGateway call, each once, against a world with an on-demand and a stopped spot pod. */
async function driveEveryCall(gateway: PodGateway): Promise<void> {
  const pod = world.addPod({ name: 'nb', gpuTypeId: 'NVIDIA L40S', gpuCount: 1, volumeInGb: 20 });
  const spot = world.addPod({
    name: 'sp',
    podType: 'INTERRUPTABLE',
    desiredStatus: 'EXITED',
    gpuTypeId: 'NVIDIA L40S',
  });
  await gateway.listPods();
  await gateway.getPod(pod.id);
  await gateway.stopPod(pod.id);
  await gateway.resumePod(pod.id, 1);
  await gateway.bidResumePod(spot.id, 1, 0.45);
  await gateway.deployPod(deploy(false));
  await gateway.deployPod(deploy(true));
  await gateway.listGpuTypes();
  await gateway.getAccount();
  await gateway.listNetworkVolumes?.();
  await gateway.terminatePod(pod.id);
}

type Sent = { query: string; variables: Record<string, unknown> };

const graphqlSent = (): Sent[] =>
  sim.requests
    .filter((r) => typeof r.query === 'string')
    .map((r) => ({ query: r.query as string, variables: (r.variables ?? {}) as Record<string, unknown> }));

/** Validation and variable-coercion errors of one request against the SDL. */
function problemsOf(sent: Sent): string[] {
  const document = parse(sent.query);
  const problems = validate(schema, document).map((e) => e.message);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const coerced = getVariableValues(
      schema,
      (definition as OperationDefinitionNode).variableDefinitions ?? [],
      sent.variables,
    );
    problems.push(...(coerced.errors ?? []).map((e) => e.message));
  }
  return problems;
}

const documents: string[] = Object.values(operations as Record<string, unknown>).filter(
  (v): v is string => typeof v === 'string',
);

describe('what podwarden sends to RunPod GraphQL', () => {
  it('GraphQL mode: every call validates against the SDL, variables included, and every document is used', async () => {
    await driveEveryCall(gatewayFor('graphql'));
    const sent = graphqlSent();
    expect(sent.length).toBeGreaterThanOrEqual(documents.length);
    for (const request of sent)
      expect({ query: request.query, problems: problemsOf(request) }).toEqual({
        query: request.query,
        problems: [],
      });
    expect(new Set(sent.map((r) => r.query))).toEqual(new Set(documents));
  });

  it('REST mode: what it still asks of GraphQL (balance, spot) validates too', async () => {
    await driveEveryCall(gatewayFor('rest'));
    const sent = graphqlSent();
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) expect(problemsOf(request)).toEqual([]);
    for (const request of sent) expect(documents).toContain(request.query);
  });

  it('the SDL refuses what RunPod refuses: unknown fields, a bid resume without its three inputs', () => {
    const bid = operations.bidResumePodMutation;
    expect(problemsOf({ query: bid, variables: { input: { podId: 'p', bidPerGpu: 0.4 } } })).not.toEqual([]);
    expect(
      problemsOf({
        query: operations.resumePodMutation,
        variables: { input: { podId: 'p', gpuCount: 1, allowedCudaVersions: ['12.4'] } },
      }),
    ).not.toEqual([]);
    expect(problemsOf({ query: 'query { myself { pods { id objectMounts } } }', variables: {} })).not.toEqual(
      [],
    );
  });
});

const fieldType = (field: GraphQLField<unknown, unknown> | GraphQLInputField): string => String(field.type);
const fieldKey = (field: GraphQLField<unknown, unknown> | GraphQLInputField): string => {
  const args = 'args' in field ? field.args : [];
  if (args.length === 0) return field.name;
  return `${field.name}(${args.map((a) => `${a.name}: ${String(a.type)}`).join(', ')})`;
};

/** The SDL's types of one kind as { type → { field key → type } }. */
function sdlTypes(kind: 'object' | 'input'): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || type.name === 'Query' || type.name === 'Mutation') continue;
    const fields =
      kind === 'object' && isObjectType(type)
        ? Object.values(type.getFields())
        : kind === 'input' && isInputObjectType(type)
          ? Object.values(type.getFields())
          : null;
    if (!fields) continue;
    result[type.name] = Object.fromEntries(fields.map((f) => [fieldKey(f), fieldType(f)]));
  }
  return result;
}

describe('the simulator’s SDL against runpod-api.md', () => {
  it('object types: exactly the fields, types and nullability the reference confirms', () => {
    expect(sdlTypes('object')).toEqual(REFERENCE_OBJECTS);
  });

  it('input types: exactly the input fields and required ones the reference confirms', () => {
    expect(sdlTypes('input')).toEqual(REFERENCE_INPUTS);
  });

  it('roots: the queries and mutations, with their argument types', () => {
    for (const root of ['Query', 'Mutation'] as const) {
      const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
      const fields = Object.values(type?.getFields() ?? {});
      const key = (f: GraphQLField<unknown, unknown>) => (f.args.length === 0 ? `${f.name}()` : fieldKey(f));
      expect(Object.fromEntries(fields.map((f) => [key(f), fieldType(f)]))).toEqual(REFERENCE_ROOTS[root]);
    }
  });

  it('enums and scalars as the reference lists them; fields it names without a type are left out', () => {
    const enums = Object.values(schema.getTypeMap()).filter((t) => isEnumType(t) && !t.name.startsWith('__'));
    expect(
      Object.fromEntries(enums.map((t) => [t.name, isEnumType(t) ? t.getValues().map((v) => v.name) : []])),
    ).toEqual(REFERENCE_ENUMS);
    const custom = Object.values(schema.getTypeMap())
      .filter((t) => isScalarType(t) && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name))
      .map((t) => t.name);
    expect(custom.sort()).toEqual([...REFERENCE_SCALARS].sort());
    for (const [typeName, names] of Object.entries(UNTYPED)) {
      const type = schema.getType(typeName);
      const fields = type && (isObjectType(type) || isInputObjectType(type)) ? type.getFields() : {};
      for (const name of names)
        expect(`${typeName}.${name}: ${name in fields}`).toBe(`${typeName}.${name}: false`);
    }
  });
});
