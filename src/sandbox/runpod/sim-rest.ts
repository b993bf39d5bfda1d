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
import { CAPACITY_MESSAGE, NO_INSTANCES_MESSAGE, type SimFailure, type SimPod } from './sim-pod.js';
import { simSsh } from './sim-ssh.js';
import type { SimWorld } from './sim-world.js';

/**
 * RunPod REST v2 pod and billing routes over the world (runpod-api.md §1, §4.2, §6). Errors are
 * RFC 9457 problem+json; an action not in the pod's `actions` gets 409. Shapes the reference does not
 * spell out are marked as ours: `disk`, `ports`, `env` and the create body, and the billing record's
 * `startTime`/`endTime`.
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

type RestStatus = 'STARTING' | 'RUNNING' | 'EXITED';
type RestAction = 'start' | 'stop' | 'restart' | 'terminate';

const ActionBody = z.object({ action: z.enum(['start', 'stop', 'restart', 'terminate']) });

// Our shape: the reference lists the v2 create fields only by name.
const CreateBody = z.object({
  name: z.string().min(1),
  image: z.string().min(1),
  gpu: z.object({ id: z.string(), count: z.number().int().min(0) }).nullish(),
  cloud: z.enum(['SECURE', 'COMMUNITY']).nullish(),
  disk: z
    .object({
      containerInGb: z.number().int().min(1).nullish(),
      volumeInGb: z.number().int().min(0).nullish(),
      volumeMountPath: z.string().nullish(),
    })
    .nullish(),
  ports: z.array(z.string()).nullish(),
  env: z.record(z.string(), z.string()).nullish(),
});

const BUCKETS: Record<string, number> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

/** The REST v2 status of a world pod: RUNNING pods are STARTING until their runtime appears. */
function statusOf(world: SimWorld, pod: SimPod): RestStatus {
  if (pod.desiredStatus === 'EXITED') return 'EXITED';
  return world.isBooting(pod.id) ? 'STARTING' : 'RUNNING';
}

function actionsOf(status: RestStatus, locked: boolean): RestAction[] {
  if (status === 'EXITED') return ['start', 'terminate'];
  if (locked) return ['terminate'];
  return status === 'RUNNING' ? ['stop', 'restart', 'terminate'] : ['stop', 'terminate'];
}

function restPod(world: SimWorld, pod: SimPod) {
  const status = statusOf(world, pod);
  const runtime = status === 'RUNNING' ? world.runtime(pod.id) : null;
  return {
    id: pod.id,
    name: pod.name,
    status,
    actions: actionsOf(status, pod.locked),
    image: pod.imageName,
    args: null,
    disk: {
      containerInGb: pod.containerDiskInGb,
      volumeInGb: pod.volumeInGb,
      volumeMountPath: pod.volumeMountPath,
    },
    mounts: [],
    ports: pod.ports
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    env: Object.fromEntries(pod.env.map((e) => [e.split('=')[0] ?? e, e.split('=').slice(1).join('=')])),
    registry: null,
    gpu: pod.gpuTypeId ? { id: pod.gpuTypeId, count: pod.gpuCount } : null,
    cpu: pod.gpuTypeId ? null : { count: pod.vcpuCount },
    cloud: pod.cloudType,
    dataCenterId: pod.location,
    cudaVersion: '12.4',
    ssh: simSsh(pod, runtime),
    template: null,
    cost: pod.desiredStatus === 'RUNNING' ? pod.costPerHr : 0,
    locked: pod.locked,
    globalNetworking: false,
    runtime: runtime && {
      uptime: runtime.uptimeInSeconds,
      gpus: runtime.gpus.map((g) => ({ util: g.gpuUtilPercent, memoryUtil: g.memoryUtilPercent })),
      cpu: { util: runtime.container.cpuPercent },
      memory: { util: runtime.container.memoryPercent },
      ports: runtime.ports.map((p) => ({
        private: p.privatePort,
        public: p.publicPort,
        type: p.type,
        ip: p.ip,
      })),
    },
    createdAt: pod.createdAt.toISOString(),
    startedAt: pod.startedAt?.toISOString() ?? null,
  };
}

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
            query: Object.fromEntries(params.entries()),
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
        const create = CreateBody.safeParse(body);
        if (!create.success)
          return answer(problemResponse(400, 'name and image are required; see the pod schema.'));
        const input = create.data;
        return answer(
          mutate('rest:create', null, () => {
            if (faults.take('capacity')) return problemResponse(400, NO_INSTANCES_MESSAGE);
            const outcome = world.deploy({
              name: input.name,
              imageName: input.image,
              gpuTypeId: input.gpu?.id ?? null,
              gpuCount: input.gpu?.count ?? 0,
              cloudType: input.cloud ?? 'ALL',
              containerDiskInGb: input.disk?.containerInGb ?? 20,
              volumeInGb: input.disk?.volumeInGb ?? 0,
              volumeMountPath: input.disk?.volumeMountPath ?? null,
              ports: input.ports ? input.ports.join(',') : null,
              env: Object.entries(input.env ?? {}).map(([k, v]) => `${k}=${v}`),
              bidPerGpu: null,
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
        return answer(problemResponse(422, 'action must be one of start, stop, restart, terminate.'));
      }
      const wanted = action.data.action;
      const status = statusOf(world, pod);
      const allowed = actionsOf(status, pod.locked);
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
