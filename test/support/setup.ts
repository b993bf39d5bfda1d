import nock from 'nock';
import { afterAll, beforeAll } from 'vitest';

// The network is closed except loopback: RunPod and Slack are reached only through local fakes.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
});

afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});
