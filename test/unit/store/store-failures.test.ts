import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/domain/errors.js';
import type { Store } from '../../../src/services/ports.js';
import { withStoreFailures } from '../../../src/store/store-failures.js';

describe('store failures as one kind', () => {
  it('turns whatever a store method throws into StoreUnavailableError, keeping the cause', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    let closed = false;
    const store = withStoreFailures({
      claimOwner: async () => {
        throw refused;
      },
      getOwner: async () => 'U02ALICE',
      close: async () => {
        closed = true;
      },
    } as unknown as Store);

    const failure = await store.claimOwner('pod', 'U02ALICE', new Date()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect((failure as Error).message).toBe('the store could not claimOwner');
    expect((failure as Error).cause).toBe(refused);
    expect(await store.getOwner('pod')).toBe('U02ALICE');
    await store.close();
    expect(closed).toBe(true);
  });
});
