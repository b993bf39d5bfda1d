import type { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackStandIn } from '../../../../src/sandbox/slack/start-slack-stand-in.js';
import type { PageState } from '../../../../src/sandbox/web/page-state.js';
import { type SandboxPage, startSandboxPage } from '../../../../src/sandbox/web/start-sandbox-page.js';
import { type BoltPair, startBoltPair } from './bolt-fixture.js';

const signingSecret = 'page-secret';
const botToken = 'xoxb-page';

let pair: BoltPair;
let standIn: SlackStandIn;
let app: App;
let page: SandboxPage;

const podRow = [
  { type: 'header', text: { type: 'plain_text', text: 'Pods' } },
  {
    type: 'section',
    block_id: 'pod-1',
    text: { type: 'mrkdwn', text: '*llama-ft* · RUNNING · 0 % GPU' },
    accessory: {
      type: 'button',
      action_id: 'pod_stop',
      style: 'danger',
      value: 'pod-1',
      text: { type: 'plain_text', text: 'Stop' },
    },
  },
];

/** The bot behind the page: `/pod` answers with a Stop button, `/pod deploy` opens a modal. */
function registerBot(app: App): void {
  app.command('/pod', async ({ ack, command, respond, client }) => {
    if (command.text === 'deploy') {
      await ack();
      await client.views.open({
        trigger_id: command.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'pod_deploy',
          title: { type: 'plain_text', text: 'Deploy a pod' },
          submit: { type: 'plain_text', text: 'Deploy' },
          blocks: [
            {
              type: 'input',
              block_id: 'gpu',
              label: { type: 'plain_text', text: 'GPU type' },
              element: {
                type: 'static_select',
                action_id: 'gpu',
                options: [{ text: { type: 'plain_text', text: 'RTX 4090' }, value: 'rtx4090' }],
              },
            },
            {
              type: 'input',
              block_id: 'name',
              label: { type: 'plain_text', text: 'Name' },
              element: { type: 'plain_text_input', action_id: 'name' },
            },
          ],
        },
      });
      return;
    }
    await ack();
    await respond({ text: 'Pods', blocks: podRow });
  });
  app.action('pod_stop', async ({ ack, respond, body }) => {
    await ack();
    await respond({ response_type: 'in_channel', text: `<@${body.user.id}> stopped *llama-ft*` });
  });
  app.view('pod_deploy', async ({ ack, view, client, body }) => {
    await ack();
    const name = view.state.values.name?.name?.value ?? '';
    const gpu = view.state.values.gpu?.gpu?.selected_option?.value ?? '';
    await client.chat.postMessage({
      channel: 'C01GPU',
      text: `<@${body.user.id}> deployed ${name} on ${gpu}`,
    });
  });
}

beforeAll(async () => {
  pair = await startBoltPair({ signingSecret, botToken }, registerBot);
  ({ standIn, app } = pair);
  page = await startSandboxPage({ standIn, title: 'podwarden sandbox' });
});

afterAll(async () => {
  await page.close();
  await pair.close();
});

async function state(user: string): Promise<PageState> {
  const response = await fetch(`${page.url}/api/state?user=${user}`);
  expect(response.status).toBe(200);
  return (await response.json()) as PageState;
}

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${page.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const channel = (s: PageState, id: string) => s.conversations.find((c) => c.id === id);

describe('sandbox page server', () => {
  it('serves the chat page, its stylesheet and its script', async () => {
    const html = await (await fetch(`${page.url}/`)).text();
    expect(html).toContain('<title>podwarden sandbox</title>');
    expect(html).toContain('id="composer"');
    const css = await fetch(`${page.url}/app.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
    const script = await fetch(`${page.url}/app.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain("new EventSource('/events')");
  });

  it('lists the channels and the DM with the app for the chosen user', async () => {
    const s = await state('U04RITA');
    expect(s.me).toMatchObject({ id: 'U04RITA', realName: 'Rita', role: 'read-only', tz: 'UTC' });
    expect(s.conversations.map((c) => [c.id, c.kind, c.label])).toEqual([
      ['C01GPU', 'channel', 'gpu-team'],
      ['C02ALERTS', 'channel', 'gpu-alerts'],
      ['D04RITA', 'im', 'podwarden'],
    ]);
    expect(s.users.map((u) => u.id)).toEqual(['U01ADA', 'U02ALICE', 'U03BOB', 'U04RITA']);
    expect((await fetch(`${page.url}/api/state?user=U0NOBODY`)).status).toBe(400);
  });

  it('sends a typed /pod command and shows the answer only to the person who typed it', async () => {
    const sent = await post('/api/command', { user: 'U02ALICE', channel: 'C01GPU', text: '/pod list' });
    expect(sent).toMatchObject({ status: 200, json: { ok: true, status: 200, timedOut: false } });
    await standIn.waitFor(() => standIn.ephemerals('U02ALICE').length > 0);
    const alice = channel(await state('U02ALICE'), 'C01GPU');
    expect(alice?.entries.map((e) => [e.kind, e.text, e.private])).toEqual([
      ['invocation', '/pod list', true],
      ['ephemeral', 'Pods', true],
    ]);
    expect(alice?.entries[1]?.author).toEqual({ id: 'U0BOT', name: 'podwarden', isBot: true });
    expect(channel(await state('U03BOB'), 'C01GPU')?.entries).toEqual([]);
  });

  it('refuses text that is not a slash command', async () => {
    const sent = await post('/api/command', { user: 'U02ALICE', channel: 'C01GPU', text: 'hello' });
    expect(sent.status).toBe(400);
    expect(sent.json.error).toMatch(/slash commands/);
  });

  it('clicks a button on an ephemeral message and shows the in_channel answer to everyone', async () => {
    const listing = channel(await state('U02ALICE'), 'C01GPU')?.entries.find((e) => e.kind === 'ephemeral');
    const clicked = await post('/api/click', {
      user: 'U02ALICE',
      channel: 'C01GPU',
      ephemeralId: listing?.ts,
      actionId: 'pod_stop',
      blockId: 'pod-1',
      value: 'pod-1',
    });
    expect(clicked.json).toMatchObject({ ok: true });
    await standIn.waitFor(() => standIn.conversation('C01GPU').length > 0);
    const bob = channel(await state('U03BOB'), 'C01GPU');
    expect(bob?.entries.map((e) => [e.kind, e.text])).toEqual([
      ['message', '<@U02ALICE> stopped *llama-ft*'],
    ]);
    const missing = await post('/api/click', { user: 'U03BOB', channel: 'C01GPU', actionId: 'pod_resume' });
    expect(missing.status).toBe(400);
  });

  it('opens a modal from a command and submits it with the values typed in', async () => {
    await post('/api/command', { user: 'U01ADA', channel: 'C01GPU', text: '/pod deploy' });
    await standIn.waitFor(() => standIn.openViews('U01ADA').length > 0);
    const modal = (await state('U01ADA')).modal;
    expect(modal?.view.title?.text).toBe('Deploy a pod');
    const empty = await post('/api/submit', {
      user: 'U01ADA',
      viewId: modal?.view.id,
      values: { gpu: 'rtx4090' },
    });
    expect(empty.status).toBe(400);
    expect((await state('U01ADA')).modal?.errors).toEqual({ name: 'Please fill out this field.' });
    const submitted = await post('/api/submit', {
      user: 'U01ADA',
      viewId: modal?.view.id,
      values: { gpu: 'rtx4090', name: 'sd-xl' },
    });
    expect(submitted.json).toMatchObject({ ok: true });
    expect((await state('U01ADA')).modal).toBeNull();
    await standIn.waitFor(() => standIn.conversation('C01GPU').find((m) => m.text.includes('deployed')));
    expect(channel(await state('U04RITA'), 'C01GPU')?.entries.at(-1)?.text).toBe(
      '<@U01ADA> deployed sd-xl on rtx4090',
    );
  });

  it('streams changes as Server-Sent Events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${page.url}/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = '';
    const first = await reader.read();
    received += decoder.decode(first.value);
    await fetch(`${standIn.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${botToken}` },
      body: JSON.stringify({ channel: 'C02ALERTS', text: 'spend rate above budget' }),
    });
    while (!received.includes('event: change')) {
      const next = await reader.read();
      if (next.done) break;
      received += decoder.decode(next.value);
    }
    controller.abort();
    expect(received).toContain('event: change');
    expect(received).toContain('"channel":"C02ALERTS"');
  });

  it('serves uploaded files from the page origin', async () => {
    const client = app.client;
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);
    await client.filesUploadV2({ channel_id: 'C01GPU', file: png, filename: 'chart.png', title: 'Spend' });
    const entry = channel(await state('U03BOB'), 'C01GPU')?.entries.find((e) => e.files.length > 0);
    expect(entry?.files[0]).toMatchObject({ name: 'chart.png', title: 'Spend', mimetype: 'image/png' });
    const served = await fetch(`${page.url}${entry?.files[0]?.url}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
  });
});
