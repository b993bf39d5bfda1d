import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRootLogger } from '../../../src/root-logger.js';

describe('the root logger', () => {
  it("redacts a pod's environment wherever it is logged: it may hold credentials", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createRootLogger('info', sink);
    const env = { HF_TOKEN: 'hf_secretSecretSecretSecret0000' };
    logger.info({ env }, 'top level');
    logger.info({ pod: { id: 'p1', env } }, 'nested');
    logger.info({ pods: [{ id: 'p1', env }] }, 'listed');
    expect(lines).toHaveLength(3);
    expect(lines.join('')).not.toContain('hf_secret');
    expect(lines.join('')).toContain('[redacted]');
  });
});
