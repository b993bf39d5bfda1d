import type { SimPod, SimRuntime } from './sim-pod.js';

/** SSH host key comment RunPod's commands assume; the user's own key in practice. */
const KEY = '~/.ssh/id_ed25519';

/**
 * REST v2 `ssh` of a simulated pod: `{proxy, direct}`, each `{host, port, username, command}` or
 * null. Only a running pod that exposes `22/tcp` has them: the proxy through ssh.runpod.io as
 * `<podId>-<machine>`, the direct one on the public address its runtime maps port 22 to.
 */
export function simSsh(pod: SimPod, runtime: SimRuntime | null) {
  const mapping = runtime?.ports.find((p) => p.privatePort === 22 && p.type === 'tcp' && p.isIpPublic);
  if (!runtime || !mapping) return { proxy: null, direct: null };
  const username = `${pod.id}-${pod.machineId.slice(0, 8).toLowerCase()}`;
  return {
    proxy: {
      host: 'ssh.runpod.io',
      port: 22,
      username,
      command: `ssh ${username}@ssh.runpod.io -i ${KEY}`,
    },
    direct: {
      host: mapping.ip,
      port: mapping.publicPort,
      username: 'root',
      command: `ssh root@${mapping.ip} -p ${mapping.publicPort} -i ${KEY}`,
    },
  };
}
