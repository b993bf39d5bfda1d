import {
  buildSchema,
  type DocumentNode,
  execute,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
  visit,
} from 'graphql';
import { z } from 'zod';
import { runpodSchemaSdl } from './runpod-schema-sdl.js';
import type { SimFaults } from './sim-faults.js';
import { createRootValue } from './sim-graphql-resolvers.js';
import {
  type Credential,
  type IncomingSimRequest,
  jsonResponse,
  type SimMutation,
  type SimRequest,
  type SimResponse,
} from './sim-http.js';
import type { SimWorld } from './sim-world.js';

/**
 * RunPod's GraphQL endpoint over the world: graphql-js parses, validates against the SDL and
 * executes. Validation and variable errors are HTTP 400 (as the live API, Apollo-style); resolver
 * failures are HTTP 200 with `errors` and code INTERNAL_SERVER_ERROR.
 */
export type GraphqlRecord = Pick<
  SimRequest,
  'operationType' | 'operationName' | 'fields' | 'fieldNames' | 'withoutSelectionSet' | 'query' | 'variables'
>;

const GraphqlBody = z.object({
  query: z.string(),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

type Located = { message: string; locations?: readonly { line: number; column: number }[] };

const errorBody = (errors: readonly Located[], code: string) => ({
  errors: errors.map((e) => ({
    message: e.message,
    ...(e.locations ? { locations: e.locations } : {}),
    extensions: { code },
  })),
});

function describe(document: DocumentNode, operationName: string | null) {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  const fieldNames: string[] = [];
  visit(document, {
    Field(node) {
      if (!fieldNames.includes(node.name.value)) fieldNames.push(node.name.value);
    },
  });
  const roots = (operation?.selectionSet.selections ?? []).filter((s) => s.kind === Kind.FIELD);
  return {
    operationType:
      operation?.operation === 'query' || operation?.operation === 'mutation' ? operation.operation : null,
    operationName: operation?.name?.value ?? operationName,
    fields: roots.map((f) => f.name.value),
    fieldNames,
    withoutSelectionSet: roots.filter((f) => !f.selectionSet).map((f) => f.name.value),
  };
}

/** What a request asked for, without answering it (for requests hit by an injected fault). */
export function describeGraphqlRequest(bodyText: string): Partial<GraphqlRecord> {
  try {
    const body = GraphqlBody.parse(JSON.parse(bodyText));
    return {
      query: body.query,
      variables: body.variables ?? null,
      ...describe(parse(body.query), body.operationName ?? null),
    };
  } catch {
    return {};
  }
}

export type GraphqlHandler = (
  request: IncomingSimRequest,
  credential: Credential,
  context: { world: SimWorld; faults: SimFaults; recordMutation(mutation: SimMutation): void },
) => { response: SimResponse; record: Partial<GraphqlRecord> };

export function createGraphqlHandler(apiKey: string): GraphqlHandler {
  const schema: GraphQLSchema = buildSchema(runpodSchemaSdl);

  return (request, credential, context) => {
    if (request.method !== 'POST') {
      return {
        response: jsonResponse(405, { errors: [{ message: 'Use POST for /graphql.' }] }, { allow: 'POST' }),
        record: {},
      };
    }
    if (credential.kind !== 'none' && credential.key !== apiKey) {
      // A key that was never valid: HTTP 401 (observed live, runpod-api.md §1).
      return { response: jsonResponse(401, { errors: [{ message: 'Unauthorized' }] }), record: {} };
    }
    let rawBody: unknown;
    try {
      rawBody = JSON.parse(request.bodyText);
    } catch {
      return {
        response: jsonResponse(400, errorBody([{ message: 'POST body is not valid JSON.' }], 'BAD_REQUEST')),
        record: {},
      };
    }
    const body = GraphqlBody.safeParse(rawBody);
    if (!body.success) {
      return {
        response: jsonResponse(
          400,
          errorBody([{ message: 'POST body must carry a "query" string.' }], 'BAD_REQUEST'),
        ),
        record: {},
      };
    }
    const variables = body.data.variables ?? null;
    const record: Partial<GraphqlRecord> = { query: body.data.query, variables };

    let document: DocumentNode;
    try {
      document = parse(body.data.query);
    } catch (error) {
      const located = error as GraphQLError;
      return { response: jsonResponse(400, errorBody([located], 'GRAPHQL_PARSE_FAILED')), record };
    }
    Object.assign(record, describe(document, body.data.operationName ?? null));

    const invalid = validate(schema, document);
    if (invalid.length > 0) {
      return { response: jsonResponse(400, errorBody(invalid, 'GRAPHQL_VALIDATION_FAILED')), record };
    }

    const rootValue = createRootValue({
      world: context.world,
      faults: context.faults,
      authenticated: credential.kind !== 'none',
      recordMutation: context.recordMutation,
    });
    const result = execute({
      schema,
      document,
      rootValue,
      variableValues: variables,
      operationName: body.data.operationName ?? null,
    });
    if ('then' in result) throw new Error('the simulator resolves synchronously');
    if (!('data' in result) || result.data === undefined) {
      // Variables that do not fit their input types never reach a resolver: HTTP 400.
      return { response: jsonResponse(400, errorBody(result.errors ?? [], 'BAD_USER_INPUT')), record };
    }
    const errors = result.errors?.map((e) => ({
      message: e.message,
      ...(e.locations ? { locations: e.locations } : {}),
      ...(e.path ? { path: e.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    }));
    return { response: jsonResponse(200, { data: result.data, ...(errors ? { errors } : {}) }), record };
  };
}
