import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../../lib/clock.js';
import { type Logger, silentLogger } from '../../lib/logger.js';
import { createSimFaults, type SimFaults, type TransportFault } from './sim-faults.js';
import { createGraphqlHandler, describeGraphqlRequest } from './sim-graphql.js';
import {
  htmlErrorPage,
  type IncomingSimRequest,
  jsonResponse,
  problemResponse,
  readCredential,
  type SimMutation,
  type SimRequest,
  type SimResponse,
} from './sim-http.js';
import { createRestHandler } from './sim-rest.js';
import { createSimWorld, type SimWorld } from './sim-world.js';

/**
 * A local RunPod: GraphQL at /graphql and REST v2 at /v2, over one SimWorld. Used by the adapter
 * tests, the end-to-end tests and `npm run sandbox`.
 */
export type RunpodSimulator = {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + '/graphql' */
  graphqlUrl: string;
  /** url + '/v2' */
  restUrl: string;
  world: SimWorld;
  /** Every request, oldest first. */
  requests: SimRequest[];
  /** Mutations that reached the world (after auth, validation and injected faults). */
  mutations(): SimMutation[];
  faults: SimFaults;
  /** Forgets recorded requests and mutations and clears faults; the world stays as it is. */
  reset(): void;
  close(): Promise<void>;
};

export type RunpodSimulatorOptions = {
  apiKey: string;
  port?: number;
  host?: string;
  clock?: Clock;
  world?: SimWorld;
  logger?: Logger;
};

const MAX_BODY_BYTES = 1_000_000;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function faultResponse(fault: TransportFault, api: 'graphql' | 'rest'): SimResponse {
  if (fault.kind === 'html') return htmlErrorPage();
  if (fault.kind === 'rate_limit') {
    const headers = { 'retry-after': String(fault.retryAfterSeconds) };
    return api === 'rest'
      ? problemResponse(429, 'Rate limit exceeded for the minute window.', headers)
      : jsonResponse(429, { errors: [{ message: 'Too many requests' }] }, headers);
  }
  return api === 'rest'
    ? problemResponse(500, 'Internal server error; retry the request.')
    : jsonResponse(500, { errors: [{ message: 'Internal server error' }] });
}

const RATE_LIMIT_HEADERS = {
  ratelimit: '"minute";r=59;t=60',
  'ratelimit-policy': '"minute";q=60;w=60, "hour";q=3000;w=3600, "day";q=50000;w=86400',
};

export async function startRunpodSimulator(options: RunpodSimulatorOptions): Promise<RunpodSimulator> {
  const clock = options.clock ?? systemClock;
  const world = options.world ?? createSimWorld(clock);
  const logger = options.logger ?? silentLogger;
  const faults = createSimFaults();
  const requests: SimRequest[] = [];
  let mutations: SimMutation[] = [];
  const graphql = createGraphqlHandler(options.apiKey);
  const rest = createRestHandler(options.apiKey);
  const pendingTimers = new Set<NodeJS.Timeout>();
  const context = { world, faults, recordMutation: (m: SimMutation) => mutations.push(m) };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const incoming: IncomingSimRequest = {
      method: req.method ?? 'GET',
      url,
      headers: req.headers,
      bodyText: await readBody(req),
    };
    const credential = readCredential(incoming);
    const api = url.pathname === '/graphql' ? 'graphql' : url.pathname.startsWith('/v2/') ? 'rest' : 'other';
    const record: SimRequest = {
      at: clock.now(),
      method: incoming.method,
      path: url.pathname,
      status: 0,
      api,
      auth: credential.kind,
      operationType: null,
      operationName: null,
      fields: [],
      fieldNames: [],
      withoutSelectionSet: [],
      query: null,
      variables: null,
      body: null,
      searchParams: Object.fromEntries([...url.searchParams.entries()].filter(([k]) => k !== 'api_key')),
    };

    let response: SimResponse;
    const fault = api === 'other' ? null : faults.takeTransport();
    if (fault && api !== 'other') {
      if (api === 'graphql') Object.assign(record, describeGraphqlRequest(incoming.bodyText));
      response = faultResponse(fault, api);
    } else if (api === 'graphql' && faults.graphqlGone !== null) {
      Object.assign(record, describeGraphqlRequest(incoming.bodyText));
      response = jsonResponse(faults.graphqlGone, { error: 'Not Found' });
    } else if (api === 'graphql') {
      const answer = graphql(incoming, credential, context);
      Object.assign(record, answer.record);
      response = answer.response;
    } else if (api === 'rest') {
      const answer = rest(incoming, credential, context);
      record.body = answer.body;
      response = answer.response;
      if (response.status !== 401) response.headers = { ...RATE_LIMIT_HEADERS, ...response.headers };
    } else if (url.pathname === '/' || url.pathname === '/healthz') {
      response = { status: 200, headers: { 'content-type': 'text/plain' }, body: 'RunPod simulator\n' };
    } else {
      response = jsonResponse(404, { error: `No route ${url.pathname}` });
    }
    record.status = response.status;
    requests.push(record);
    logger.debug(
      { method: record.method, path: record.path, status: record.status, operation: record.operationName },
      'runpod simulator request',
    );

    if (faults.latencyMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          pendingTimers.delete(timer);
          resolve();
        }, faults.latencyMs);
        pendingTimers.add(timer);
      });
    }
    if (res.destroyed) return;
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'runpod simulator failed a request');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'simulator error' }] }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  return {
    url,
    graphqlUrl: `${url}/graphql`,
    restUrl: `${url}/v2`,
    world,
    requests,
    mutations: () => [...mutations],
    faults,
    reset: () => {
      requests.length = 0;
      mutations = [];
      faults.clear();
    },
    close: async () => {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
