import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { findButton } from '../../../src/sandbox/slack/find-button.js';
import {
  cpuPodWithNetworkMount,
  gpuPodWithPersistentMount,
  provisioningPod,
  publishedPods,
  stoppedPod,
} from '../../fixtures/rest-v2-pods.js';
import { specProblems } from '../../support/rest-v2-spec.js';
import { ADA, CHANNEL, type PodControlFixture, startPodControl } from '../slack/pod-control-fixture.js';

/**
 * podwarden in REST mode against a RunPod that answers `GET /v2/pods` with the published pod
 * shapes (not the simulator's), plus one pod in the shape the old adapter invented and one with a
 * field RunPod added later: what `/pod list` shows for each.
 */
const inventedShape = { ...stoppedPod, id: 'oldshape00005', name: 'old-shape', disk: { containerInGb: 20 } };
const withNewField = { ...stoppedPod, id: 'newfield00006', name: 'new-field', somethingAddedLater: { a: 1 } };

let fixture: PodControlFixture | null = null;
let server: Server | null = null;

afterEach(async () => {
  await fixture?.close();
  fixture = null;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A REST v2 stand-in answering the pod list (and a problem+json 404 for everything else). */
async function serveRestPods(pods: unknown[]): Promise<string> {
  server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/v2/pods') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ pods }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ title: 'Not Found', status: 404, detail: 'Not found.' }));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
}

const rowOf = (blocks: unknown, podId: string): string => {
  const rows = (blocks as { block_id?: string; text?: { text: string } }[]).filter((b) =>
    b.text?.text.includes(podId),
  );
  expect(rows, `one row for ${podId}`).toHaveLength(1);
  return rows[0]?.text?.text ?? '';
};

describe('/pod list over REST v2 with the published pod shapes', () => {
  it('the fixtures are what the published structure accepts (the invented disk object is not)', () => {
    expect(specProblems('ListPodsResponse', { pods: [...publishedPods, withNewField] })).toEqual([]);
    expect(specProblems('Pod', inventedShape)).toContain('/disk must be integer {"type":"integer"}');
  });

  it('shows every pod: GPU with volume, CPU with network volume, stopped, provisioning, unreadable', async () => {
    const restUrl = await serveRestPods([...publishedPods, inventedShape, withNewField]);
    fixture = await startPodControl({ api: 'rest', restUrl });
    const f = fixture;
    // Asked by an admin, who may act on every pod: each row carries its button.
    await f.slack.sendCommand({ user: ADA, channel: CHANNEL, text: 'list' });
    const reply = await f.slack.waitFor(() => f.slack.ephemerals(ADA).find((m) => m.text.includes('pods')), {
      timeoutMs: 15_000,
    });
    const summary = JSON.stringify(reply.blocks);
    expect(summary).toContain('*6 pods* · 3 running');

    expect(rowOf(reply.blocks, gpuPodWithPersistentMount.id)).toBe(
      '`llama-train`  `gpupersist001`\n:large_green_circle: running · 2 × NVIDIA L40S · GPU 89 % · $1.72/h · _unowned_ · up 2 h',
    );
    expect(rowOf(reply.blocks, cpuPodWithNetworkMount.id)).toBe(
      '`data-prep`  `cpunetwork002`\n:large_green_circle: running · CPU pod, 4 vCPU · $0.16/h · _unowned_ · up 10 min',
    );
    expect(rowOf(reply.blocks, stoppedPod.id)).toBe(
      '`sdxl-parked`  `stopped000003`\n:white_circle: stopped · 1 × NVIDIA RTX A6000 · $0.00/h · _unowned_',
    );
    expect(rowOf(reply.blocks, provisioningPod.id)).toBe(
      '`eval-fresh`  `provision0004`\n:large_yellow_circle: starting · 1 × NVIDIA RTX A6000 · $0.49/h · _unowned_',
    );
    expect(rowOf(reply.blocks, inventedShape.id)).toBe(
      '`old-shape`  `oldshape00005`\n:grey_question: details unreadable · _unowned_',
    );
    expect(rowOf(reply.blocks, withNewField.id)).toContain(':white_circle: stopped');
    expect(findButton(reply.blocks, { label: 'Stop', value: gpuPodWithPersistentMount.id })).not.toBeNull();
    expect(findButton(reply.blocks, { label: 'Resume', value: stoppedPod.id })).not.toBeNull();
  });
});
