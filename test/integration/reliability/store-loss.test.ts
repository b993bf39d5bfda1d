/**
 * Lose nothing silently: a SQLite file removed or replaced under the running process is noticed
 * at the next query; from then on every store operation fails (so readiness and every command see
 * it), and a command that needs to write answers with a plain message instead of success.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/domain/errors.js';
import { type Harness, startHarness } from '../../support/harness.js';

const ALICE = 'U02ALICE';
const CHANNEL = 'C01GPU';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close().catch(() => undefined);
  harness = null;
});

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

function replaceDatabase(file: string): void {
  writeFileSync(`${file}.new`, '');
  renameSync(`${file}.new`, file);
}

describe.each([
  ['removed', removeDatabase],
  ['replaced', replaceDatabase],
])('a SQLite file %s under the running process', (_, lose) => {
  it('fails /pod claim with a plain message, and every later store operation fails too', async () => {
    harness = await startHarness({ seedDemoOwners: false });
    const h = harness;
    const pod = h.sim.world.pods()[0];
    if (!pod) throw new Error('no pod');
    lose(h.databasePath);

    await h.slack.sendCommand({ user: ALICE, channel: CHANNEL, text: `claim ${pod.name}` });
    const reply = await h.slack.waitFor(
      () => h.slack.ephemerals(ALICE).find((m) => m.text.includes('database')),
      { timeoutMs: 15_000 },
    );
    expect(reply.text).toContain('could not be recorded');
    expect(h.slack.conversation(CHANNEL).filter((m) => m.botId)).toEqual([]);
    await expect(h.app.store.listOwners()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(h.app.store.getOwner(pod.id)).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
