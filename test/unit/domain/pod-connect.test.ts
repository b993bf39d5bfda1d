import { describe, expect, it } from 'vitest';
import { connectAnswer, type PodConnection, parsePorts } from '../../../src/domain/pod-connect.js';

const connection = (overrides: Partial<PodConnection> = {}): PodConnection => ({
  podId: 'abc123',
  podName: 'nb',
  status: 'RUNNING',
  reachable: true,
  ports: ['8888/http', '6006/http', '9999/http', '22/tcp'],
  runtimePorts: [{ ip: '1.2.3.4', isIpPublic: true, privatePort: 22, publicPort: 40022, type: 'tcp' }],
  ssh: null,
  ...overrides,
});

describe('parsePorts', () => {
  it('reads RunPod port specs and leaves out what is not one', () => {
    expect(parsePorts(['8888/http', ' 22/TCP ', 'x/http', '70000/tcp', '80'])).toEqual([
      { port: 8888, type: 'http' },
      { port: 22, type: 'tcp' },
    ]);
  });
});

describe('connectAnswer', () => {
  it('names well-known HTTP ports with their proxy URL, and builds the direct SSH command from the mapping', () => {
    const answer = connectAnswer(connection());
    expect(answer).toMatchObject({
      kind: 'ok',
      http: [
        { port: 8888, role: 'Jupyter', url: 'https://abc123-8888.proxy.runpod.net' },
        { port: 6006, role: 'TensorBoard', url: 'https://abc123-6006.proxy.runpod.net' },
        { port: 9999, role: null, url: 'https://abc123-9999.proxy.runpod.net' },
      ],
      ssh: [{ via: 'direct', command: 'ssh root@1.2.3.4 -p 40022 -i ~/.ssh/id_ed25519' }],
      sshMissing: null,
    });
  });

  it('uses the commands RunPod reports when it reports them', () => {
    const endpoint = (command: string) => ({ host: 'h', port: 22, username: 'u', command });
    const answer = connectAnswer(
      connection({
        ssh: { proxy: endpoint('ssh abc123-x@ssh.runpod.io'), direct: endpoint('ssh root@9.9.9.9 -p 1') },
      }),
    );
    expect(answer.kind === 'ok' && answer.ssh).toEqual([
      { via: 'proxy', command: 'ssh abc123-x@ssh.runpod.io' },
      { via: 'direct', command: 'ssh root@9.9.9.9 -p 1' },
    ]);
  });

  it('tells SSH not enabled from SSH without an address, and a stopped pod from a running one', () => {
    expect(connectAnswer(connection({ ports: ['8888/http'], runtimePorts: [] }))).toMatchObject({
      sshMissing: 'not_enabled',
    });
    expect(connectAnswer(connection({ runtimePorts: [] }))).toMatchObject({
      sshMissing: 'no_public_address',
    });
    expect(connectAnswer(connection({ reachable: false, status: 'EXITED' }))).toEqual({
      kind: 'not_running',
      podId: 'abc123',
      podName: 'nb',
      status: 'EXITED',
    });
  });
});
