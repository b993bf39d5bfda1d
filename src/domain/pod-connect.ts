import type { Pod, PodPort } from './pod.js';

/**
 * How to reach a pod (`/pod connect`): RunPod's HTTP proxy URL per exposed HTTP port
 * (`https://<podId>-<port>.proxy.runpod.net`, runpod-pod-management "Port Access"), and the SSH
 * commands RunPod reports (REST v2 `ssh` block), else the direct one from the public IP and port
 * mapping of 22/tcp.
 */
export type SshEndpoint = {
  host: string | null;
  port: number | null;
  username: string | null;
  command: string | null;
};

export type PodConnection = {
  podId: string;
  podName: string;
  /** RunPod's word for the state (REST `status`, GraphQL `desiredStatus`). */
  status: string;
  /** Running with a runtime: reachable now. */
  reachable: boolean;
  /** Exposed ports as deployed: `8888/http`, `22/tcp`. */
  ports: string[];
  runtimePorts: PodPort[];
  /** REST v2 `ssh`; null where the API does not report it (GraphQL). */
  ssh: { proxy: SshEndpoint | null; direct: SshEndpoint | null } | null;
};

/** Ports whose role everyone knows; others are shown by number only. */
export const WELL_KNOWN_PORTS: Readonly<Record<number, string>> = {
  8888: 'Jupyter',
  6006: 'TensorBoard',
  7860: 'Gradio',
  7861: 'Gradio',
  8188: 'ComfyUI',
  8501: 'Streamlit',
  8000: 'API server (vLLM, FastAPI)',
  3000: 'web UI',
  5000: 'Flask',
  11434: 'Ollama',
};

export type HttpLink = { port: number; role: string | null; url: string };
export type SshCommand = { via: 'proxy' | 'direct'; command: string };
export type TcpMapping = { port: number; address: string };

export type ConnectAnswer =
  | { kind: 'not_running'; podId: string; podName: string; status: string }
  | {
      kind: 'ok';
      podId: string;
      podName: string;
      http: HttpLink[];
      ssh: SshCommand[];
      /** Why there is no SSH command: no 22/tcp exposed, or exposed but RunPod reports no way in yet. */
      sshMissing: 'not_enabled' | 'no_public_address' | null;
      /** Public TCP mappings other than SSH. */
      tcp: TcpMapping[];
    };

/** `8888/http,22/tcp` or `["8888/http"]` as `{port, type}` pairs; malformed entries are left out. */
export function parsePorts(ports: readonly string[]): { port: number; type: 'http' | 'tcp' }[] {
  return ports.flatMap((spec) => {
    const match = /^\s*(\d{1,5})\/(http|tcp)\s*$/i.exec(spec);
    if (!match) return [];
    const port = Number(match[1]);
    return port > 0 && port < 65536
      ? [{ port, type: (match[2] ?? 'tcp').toLowerCase() as 'http' | 'tcp' }]
      : [];
  });
}

export const proxyUrl = (podId: string, port: number): string => `https://${podId}-${port}.proxy.runpod.net`;

/** What podwarden can say from a domain Pod (GraphQL): no `ssh` block. */
export function connectionFromPod(pod: Pod): PodConnection {
  return {
    podId: pod.id,
    podName: pod.name,
    status: pod.status,
    reachable: pod.status === 'RUNNING' && pod.runtime !== null,
    ports: (pod.ports ?? '').split(',').filter((p) => p.trim().length > 0),
    runtimePorts: pod.runtime?.ports ?? [],
    ssh: null,
  };
}

/** The answer to `/pod connect`. */
export function connectAnswer(connection: PodConnection): ConnectAnswer {
  const { podId, podName } = connection;
  if (!connection.reachable) return { kind: 'not_running', podId, podName, status: connection.status };
  const exposed = parsePorts(connection.ports);
  const http = exposed
    .filter((p) => p.type === 'http')
    .map((p) => ({ port: p.port, role: WELL_KNOWN_PORTS[p.port] ?? null, url: proxyUrl(podId, p.port) }));

  const ssh: SshCommand[] = [];
  for (const via of ['proxy', 'direct'] as const) {
    const command = connection.ssh?.[via]?.command;
    if (command) ssh.push({ via, command });
  }
  const publicTcp = connection.runtimePorts.filter(
    (p) =>
      p.type === 'tcp' && p.isIpPublic === true && p.ip && p.publicPort !== null && p.privatePort !== null,
  );
  const sshMapping = publicTcp.find((p) => p.privatePort === 22);
  if (!ssh.some((s) => s.via === 'direct') && sshMapping) {
    ssh.push({
      via: 'direct',
      command: `ssh root@${sshMapping.ip} -p ${sshMapping.publicPort} -i ~/.ssh/id_ed25519`,
    });
  }
  const sshExposed = exposed.some((p) => p.port === 22 && p.type === 'tcp');
  const sshMissing = ssh.length > 0 ? null : sshExposed ? 'no_public_address' : 'not_enabled';
  const tcp = publicTcp
    .filter((p) => p.privatePort !== 22)
    .map((p) => ({ port: p.privatePort ?? 0, address: `${p.ip}:${p.publicPort}` }));
  return { kind: 'ok', podId, podName, http, ssh, sshMissing, tcp };
}
