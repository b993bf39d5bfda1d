import { describe, expect, it } from 'vitest';
import { boltPairPerTest } from './bolt-fixture.js';

const signingSecret = 'views-secret';
const botToken = 'xoxb-views';

const startPair = boltPairPerTest({ signingSecret, botToken });

const title = (text: string) => ({ type: 'plain_text' as const, text });

describe('modal stacks, view buttons and threads', () => {
  it('pushes a second view from a button inside a modal, then returns to the first on submit', async () => {
    const closed: unknown[] = [];
    const { standIn } = await startPair((app) => {
      app.command('/pod', async ({ ack, client, command }) => {
        await ack();
        await client.views.open({
          trigger_id: command.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'root',
            notify_on_close: true,
            title: title('Deploy a pod'),
            blocks: [
              {
                type: 'actions',
                elements: [{ type: 'button', action_id: 'more', text: title('Advanced options') }],
              },
            ],
          },
        });
      });
      app.action('more', async ({ ack, client, body }) => {
        await ack();
        await client.views.push({
          trigger_id: (body as { trigger_id: string }).trigger_id,
          view: {
            type: 'modal',
            callback_id: 'advanced',
            title: title('Advanced'),
            submit: title('Save'),
            blocks: [
              {
                type: 'input',
                block_id: 'disk',
                label: title('Container disk (GB)'),
                element: { type: 'number_input', action_id: 'disk', is_decimal_allowed: false },
              },
            ],
          },
        });
      });
      app.view('advanced', async ({ ack }) => {
        await ack();
      });
      app.view({ callback_id: 'root', type: 'view_closed' }, async ({ ack, body }) => {
        await ack();
        closed.push(body);
      });
    });
    await standIn.sendCommand({ user: 'U02ALICE', channel: 'C01GPU', text: 'deploy' });
    const root = await standIn.waitFor(() => standIn.openViews('U02ALICE')[0]);
    await standIn.clickButton({ user: 'U02ALICE', viewId: root.view.id, label: 'Advanced' });
    const pushed = await standIn.waitFor(() => standIn.openViews('U02ALICE')[1]);
    expect(pushed.view).toMatchObject({ previous_view_id: root.view.id, root_view_id: root.view.id });
    expect(standIn.openViews('U02ALICE').map((s) => s.view.title?.text)).toEqual([
      'Deploy a pod',
      'Advanced',
    ]);
    await expect(standIn.submitView({ user: 'U02ALICE', viewId: root.view.id, values: {} })).rejects.toThrow(
      /not the modal/,
    );
    await standIn.submitView({ user: 'U02ALICE', viewId: pushed.view.id, values: { disk: '40' } });
    expect(standIn.openViews('U02ALICE').map((s) => s.view.title?.text)).toEqual(['Deploy a pod']);
    const delivery = await standIn.closeView({ user: 'U02ALICE', viewId: root.view.id });
    expect(delivery?.status).toBe(200);
    expect(standIn.openViews('U02ALICE')).toEqual([]);
    expect(closed).toMatchObject([{ type: 'view_closed', is_cleared: true, view: { id: root.view.id } }]);
  });

  it('refuses a fourth view on the stack', async () => {
    const { standIn, app } = await startPair(() => {});
    const client = app.client;
    const view = (text: string) => ({ type: 'modal' as const, title: title(text), blocks: [] });
    await client.views.open({ trigger_id: standIn.mintTrigger('U03BOB'), view: view('One') });
    await client.views.push({ trigger_id: standIn.mintTrigger('U03BOB'), view: view('Two') });
    await client.views.push({ trigger_id: standIn.mintTrigger('U03BOB'), view: view('Three') });
    const fourth = await client.views
      .push({ trigger_id: standIn.mintTrigger('U03BOB'), view: view('Four') })
      .catch((error: { data?: { error?: string } }) => error.data?.error);
    expect(fourth).toBe('push_limit_reached');
    expect(standIn.openViews('U03BOB')).toHaveLength(3);
  });

  it('clicks a button in a thread reply with the thread in the container', async () => {
    const containers: unknown[] = [];
    const { standIn, app } = await startPair((app) => {
      app.action('idle_keep_1h', async ({ ack, body }) => {
        await ack();
        containers.push((body as { container: unknown }).container);
      });
    });
    const parent = await app.client.chat.postMessage({ channel: 'U03BOB', text: 'llama-ft is idle' });
    const reply = await app.client.chat.postMessage({
      channel: 'D03BOB',
      thread_ts: parent.ts ?? '',
      text: 'Reminder: stops in 10 min',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'Reminder: stops in 10 min' } },
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'idle_keep_1h', text: title('Keep 1 h') }],
        },
      ],
    });
    await standIn.clickButton({ user: 'U03BOB', channel: 'D03BOB', label: 'Keep 1' });
    expect(containers).toEqual([
      {
        type: 'message',
        message_ts: reply.ts,
        channel_id: 'D03BOB',
        is_ephemeral: false,
        thread_ts: parent.ts,
      },
    ]);
    await expect(standIn.clickButton({ user: 'U02ALICE', channel: 'D03BOB', label: 'Keep' })).rejects.toThrow(
      /cannot see/,
    );
    await expect(standIn.clickButton({ user: 'U03BOB', channel: 'D03BOB', label: 'Claim' })).rejects.toThrow(
      /no message/,
    );
  });

  it('answers a thread_ts that names no message with thread_not_found', async () => {
    const { app } = await startPair(() => {});
    const error = await app.client.chat
      .postMessage({ channel: 'C01GPU', thread_ts: '1700000000.000001', text: 'orphan' })
      .catch((e: { data?: { error?: string } }) => e.data?.error);
    expect(error).toBe('thread_not_found');
  });
});
