import { z } from 'zod';
import type { SimFaults } from './sim-faults.js';
import {
  type Credential,
  type IncomingSimRequest,
  jsonResponse,
  problemResponse,
  type SimMutation,
  type SimResponse,
} from './sim-http.js';
import { simLogsResponse } from './sim-logs.js';
import { CAPACITY_MESSAGE, NO_INSTANCES_MESSAGE, type SimFailure } from './sim-pod.js';
import { restAccountRoute } from './sim-rest-account.js';
import { createErrors, RestCreateBody, restActionsOf, restPod, restStatusOf } from './sim-rest-pod.js';
import { restServerlessRoute } from './sim-serverless.js';
import type { SimWorld } from './sim-world.js';

/**
 * RunPod REST v2 pod and billing routes over the world, in the shapes of runpod-rest-v2-schemas.json
 * (the tests validate every answer against it). Errors are RFC 9457 problem+json: 404 for an
 * unknown pod, 409 for an action not in the pod's `actions`, 422 for a body the published structure
 * rejects (with `errors[]`), 429 with Retry-After from the fault queue.
 */
export type RestContext = {
  world: SimWorld;
  faults: SimFaults;
  recordMutation(mutation: SimMutation): void;
};

export type RestHandler = (
  request: IncomingSimRequest,
  credential: Credential,
  context: RestContext,
) => { response: SimResponse; body: unknown };

const ActionBody = z.object({ action: z.enum(['start', 'stop', 'restart', 'terminate']) }).strict();

const BUCKETS: Record<string, number> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

const failure = (error: SimFailure): SimResponse => {
  if (error.code === 'not_found') return problemResponse(404, `Pod not found.`);
  if (error.code === 'locked') return problemResponse(409, error.message);
  return problemResponse(400, error.message);
};

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function createRestHandler(apiKey: string): RestHandler {
  return (request, credential, context) => {
    const { world, faults } = context;
    const parsed = parseJson(request.bodyText);
    const body = parsed.ok ? parsed.value : request.bodyText;
    const answer = (response: SimResponse) => ({ response, body });
    if (credential.kind !== 'bearer' || credential.key !== apiKey) {
      return answer(problemResponse(401, 'Missing or invalid API key.'));
    }
    if (!parsed.ok) return answer(problemResponse(400, 'Request body is not valid JSON.'));

    const path = request.url.pathname.replace(/\/+$/, '');
    const segments = path.split('/').filter(Boolean).slice(1); // drop "v2"
    const [collection, id, sub] = segments;
    const read = restAccountRoute(world, request.method, segments, request.url.searchParams);
    if (read) return answer(read);
    const serverless = restServerlessRoute(
      world.endpoints(),
      world.clock.now(),
      request.method,
      segments,
      request.url.searchParams,
    );
    if (serverless) return answer(serverless);

    const mutate = (name: string, podId: string | null, run: () => SimResponse) => {
      if (faults.take('unauthorized_mutation'))
        return problemResponse(403, 'This API key has read-only access.');
      const response = run();
      context.recordMutation({ name, podId, at: world.clock.now(), ok: response.status < 300 });
      return response;
    };

    if (collection === 'billing' && id === 'pods' && sub === undefined && request.method === 'GET') {
      const params = request.url.searchParams;
      const bucketMs = BUCKETS[params.get('bucketSize') ?? 'day'];
      if (bucketMs === undefined)
        return answer(problemResponse(422, 'bucketSize must be hour, day or week.'));
      const lastN = params.get('lastN');
      const now = world.clock.now();
      let start: Date;
      let end: Date;
      if (lastN !== null) {
        end = new Date(Math.ceil(now.getTime() / bucketMs) * bucketMs);
        start = new Date(end.getTime() - Number(lastN) * bucketMs);
      } else {
        start = new Date(params.get('startTime') ?? '');
        end = new Date(params.get('endTime') ?? '');
      }
      if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) {
        return answer(problemResponse(422, 'startTime and endTime (RFC 3339) or lastN are required.'));
      }
      const podId = params.get('podId');
      const records = world.billing(start, end, bucketMs).filter((r) => !podId || r.podId === podId);
      const sum = (key: 'totalAmount' | 'gpuAmount' | 'cpuAmount' | 'diskAmount') =>
        Math.round(records.reduce((total, r) => total + r[key], 0) * 10_000) / 10_000;
      return answer(
        jsonResponse(200, {
          records,
          metadata: {
            query: {
              startTime: start.toISOString(),
              endTime: end.toISOString(),
              bucketSize: params.get('bucketSize') ?? 'day',
              podId,
            },
            recordCount: records.length,
            uniquePodCount: new Set(records.map((r) => r.podId)).size,
            totals: {
              totalAmount: sum('totalAmount'),
              gpuAmount: sum('gpuAmount'),
              cpuAmount: sum('cpuAmount'),
              diskAmount: sum('diskAmount'),
            },
          },
        }),
      );
    }

    if (collection !== 'pods') return answer(problemResponse(404, `No route for ${request.method} ${path}.`));

    if (id === undefined) {
      if (request.method === 'GET')
        return answer(jsonResponse(200, { pods: world.pods().map((p) => restPod(world, p)) }));
      if (request.method === 'POST') {
        const create = RestCreateBody.safeParse(body);
        if (!create.success) {
          const errors = createErrors(create.error);
          return answer(
            problemResponse(422, 'The request body does not match CreatePodRequest.', {}, errors),
          );
        }
        const input = create.data;
        return answer(
          mutate('rest:create', null, () => {
            if (faults.take('capacity')) return problemResponse(400, NO_INSTANCES_MESSAGE);
            if (input.gpu && input.cpu) return problemResponse(400, 'A pod has either gpu or cpu, not both.');
            const outcome = world.deploy({
              name: input.name,
              imageName: input.image ?? null,
              gpuTypeId: input.cpu ? null : (input.gpu?.id ?? null),
              gpuCount: input.gpu ? (input.gpu.count ?? 1) : 0,
              cloudType: input.cloud ?? 'SECURE',
              containerDiskInGb: input.disk ?? null,
              volumeInGb: input.mounts?.persistent?.size ?? null,
              volumeMountPath: input.mounts?.persistent?.path ?? input.mounts?.network?.[0]?.path ?? null,
              ports: input.ports ? input.ports.join(',') : null,
              env: Object.entries(input.env ?? {}).map(([k, v]) => `${k}=${v}`),
              bidPerGpu: null,
              templateId: input.templateId ?? null,
              cpu: input.cpu ? { flavorId: input.cpu.id, vcpuCount: input.cpu.vcpuCount } : null,
              networkVolumeId: input.mounts?.network?.[0]?.volumeId ?? null,
              dataCenterId: input.dataCenterIds?.[0] ?? null,
            });
            return outcome.ok ? jsonResponse(201, restPod(world, outcome.value)) : failure(outcome.error);
          }),
        );
      }
      return answer(
        problemResponse(405, `${request.method} is not allowed on /pods.`, { allow: 'GET, POST' }),
      );
    }

    const pod = world.pod(id);
    if (!pod) return answer(problemResponse(404, `Pod ${id} not found.`));
    if (sub === 'logs' && request.method === 'GET') {
      return answer(simLogsResponse(pod, world.runtime(pod.id), request.url.searchParams));
    }

    if (sub === undefined && request.method === 'GET') return answer(jsonResponse(200, restPod(world, pod)));
    if (sub === undefined && request.method === 'DELETE') {
      return answer(
        mutate('rest:terminate', id, () => {
          const outcome = world.terminate(id);
          return outcome.ok ? { status: 204, headers: {}, body: '' } : failure(outcome.error);
        }),
      );
    }
    if (sub === 'action' && request.method === 'POST') {
      const action = ActionBody.safeParse(body);
      if (!action.success) {
        return answer(
          problemResponse(422, 'The request body does not match PodActionRequest.', {}, [
            'action: must be one of start, stop, restart, terminate',
          ]),
        );
      }
      const wanted = action.data.action;
      const status = restStatusOf(world, pod);
      const allowed = restActionsOf(status, pod.locked);
      if (!allowed.includes(wanted)) {
        return answer(
          problemResponse(
            409,
            `Cannot ${wanted} a pod in status ${status}${pod.locked ? ' (locked)' : ''}; allowed: ${allowed.join(', ')}.`,
          ),
        );
      }
      return answer(
        mutate(`rest:${wanted}`, id, () => {
          if (wanted === 'terminate') {
            const outcome = world.terminate(id);
            return outcome.ok ? { status: 204, headers: {}, body: '' } : failure(outcome.error);
          }
          if (wanted === 'start' && faults.take('capacity')) return problemResponse(400, CAPACITY_MESSAGE);
          const outcome =
            wanted === 'stop'
              ? world.stop(id)
              : wanted === 'restart'
                ? world.restart(id)
                : world.resume(id, { spot: false });
          return outcome.ok ? jsonResponse(200, restPod(world, outcome.value)) : failure(outcome.error);
        }),
      );
    }
    return answer(problemResponse(405, `${request.method} ${path} is not simulated.`));
  };
}
