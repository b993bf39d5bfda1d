import { z } from 'zod';
import type { PodConnection, SshEndpoint } from '../../domain/pod-connect.js';
import type { Logger } from '../../lib/logger.js';
import { type RestTransport, restFailure } from './rest-transport.js';

/**
 * The parts of a REST v2 Pod (`GET /v2/pods/{id}`) that say how to reach it: `status`, `ports`
 * (strings like `8888/http`), `ssh` ({proxy, direct}, each {host, port, username, command} or
 * null) and `runtime.ports` ({private, public, type, ip}; `public` and `ip` null when not public).
 */
const num = z.number().nullish();
const str = z.string().nullish();
const SshEndpointSchema = z.object({ host: str, port: num, username: str, command: str }).nullish();

const RestConnectionSchema = z.object({
  id: z.string().min(1),
  name: str,
  status: str,
  ports: z.union([z.array(z.string()), z.string()]).nullish(),
  ssh: z.object({ proxy: SshEndpointSchema, direct: SshEndpointSchema }).nullish(),
  runtime: z
    .object({
      ports: z.array(z.object({ private: num, public: num, type: str, ip: str }).nullable()).nullish(),
    })
    .nullish(),
});

const endpoint = (value: z.infer<typeof SshEndpointSchema>): SshEndpoint | null =>
  value
    ? {
        host: value.host ?? null,
        port: value.port ?? null,
        username: value.username ?? null,
        command: value.command ?? null,
      }
    : null;

/** A REST v2 pod as a PodConnection; null when the body is not a pod. */
export function restConnection(body: unknown): PodConnection | null {
  const parsed = RestConnectionSchema.safeParse(body);
  if (!parsed.success) return null;
  const pod = parsed.data;
  const status = (pod.status ?? 'UNKNOWN').toUpperCase();
  const ports = typeof pod.ports === 'string' ? pod.ports.split(',') : (pod.ports ?? []);
  return {
    podId: pod.id,
    podName: pod.name ?? pod.id,
    status,
    reachable: status === 'RUNNING' && pod.runtime != null,
    ports: ports.map((p) => p.trim()).filter((p) => p.length > 0),
    runtimePorts: (pod.runtime?.ports ?? []).flatMap((p) =>
      p
        ? [
            {
              ip: p.ip ?? null,
              isIpPublic: p.public != null && p.ip != null,
              privatePort: p.private ?? null,
              publicPort: p.public ?? null,
              type: p.type ?? null,
            },
          ]
        : [],
    ),
    ssh: pod.ssh ? { proxy: endpoint(pod.ssh.proxy), direct: endpoint(pod.ssh.direct) } : null,
  };
}

/** `GET /pods/{id}` read for `/pod connect`; null when RunPod does not know the pod. */
export async function getRestPodConnection(
  transport: RestTransport,
  logger: Logger,
  podId: string,
): Promise<PodConnection | null> {
  const answer = await transport.send('getPodConnection', 'GET', `/pods/${encodeURIComponent(podId)}`, {
    safety: 'always',
  });
  if (answer.status === 404) return null;
  if (answer.status < 200 || answer.status >= 300) throw restFailure(answer, 'getPodConnection', logger);
  const connection = restConnection(answer.body);
  if (!connection) logger.warn({ operation: 'getPodConnection' }, 'runpod pod has an unexpected shape');
  return connection;
}
