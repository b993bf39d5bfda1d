import { describe, expect, it } from 'vitest';
import { RunpodError } from '../../../src/domain/errors.js';
import { silentLogger } from '../../../src/lib/logger.js';
import { readServerless } from '../../../src/services/cost/serverless-figures.js';
import type { PodGateway } from '../../../src/services/ports.js';

const from = new Date('2026-11-29T00:00:00Z');
const to = new Date('2026-11-30T00:00:00Z');

const gatewayWith = (getServerless?: PodGateway['getServerless']) =>
  ({ ...(getServerless ? { getServerless } : {}) }) as PodGateway;

describe('readServerless', () => {
  it('is null when the gateway cannot read serverless: the reports say nothing', async () => {
    expect(await readServerless({ gateway: gatewayWith(), logger: silentLogger }, from, to)).toBeNull();
  });

  it.each([
    ['runpod_auth', 'auth'],
    ['runpod_forbidden', 'auth'],
    ['runpod_unavailable', 'unreachable'],
    ['runpod_not_found', 'unreachable'],
    ['runpod_rejected', 'rejected'],
  ] as const)('turns %s into the one-line reason %s', async (kind, reason) => {
    const gateway = gatewayWith(async () => {
      throw new RunpodError(kind, 'no');
    });
    expect(await readServerless({ gateway, logger: silentLogger }, from, to)).toEqual({
      kind: 'unavailable',
      reason,
    });
  });

  it('lets an unexpected error through', async () => {
    const gateway = gatewayWith(async () => {
      throw new TypeError('bug');
    });
    await expect(readServerless({ gateway, logger: silentLogger }, from, to)).rejects.toThrow('bug');
  });
});
