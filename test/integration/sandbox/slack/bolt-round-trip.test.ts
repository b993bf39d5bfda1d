import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../../src/lib/clock.js';
import { boltPairPerTest } from './bolt-fixture.js';

const signingSecret = 'sandbox-signing-secret';
const botToken = 'xoxb-sandbox';

/** A real Bolt app on 127.0.0.1:0 talking to the stand-in, as podwarden's HTTP mode does. */
const startPair = boltPairPerTest({ signingSecret, botToken });

const stopButtonBlocks = (value: string) => [
  { type: 'section', text: { type: 'mrkdwn', text: '*llama-ft* is running' } },
  {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: 'pod_stop',
        text: { type: 'plain_text', text: 'Stop' },
        style: 'danger',
        value,
      },
    ],
  },
];

describe('stand-in driving a real Bolt app', () => {
  it('sends a signed slash command that Bolt accepts, and shows the respond() answer to the asker only', async () => {
    const seen: Record<string, string>[] = [];
    const { standIn } = await startPair((app) => {
      app.command('/pod', async ({ ack, command, respond }) => {
        seen.push({ ...command });
        await ack();
        await respond({ text: `Pods for <@${command.user_id}>`, blocks: stopButtonBlocks('pod-1') });
      });
    });
    const delivery = await standIn.sendCommand({ user: 'U02ALICE', channel: 'C01GPU', text: 'list  mine ' });
    expect(delivery.status).toBe(200);
    expect(delivery.timedOut).toBe(false);
    const reply = await standIn.waitFor(() => standIn.ephemerals('U02ALICE')[0]);
    expect(reply.text).toBe('Pods for <@U02ALICE>');
    expect(reply.channel).toBe('C01GPU');
    expect(standIn.ephemerals('U01ADA')).toEqual([]);
    expect(standIn.conversation('C01GPU')).toEqual([]);
    expect(standIn.invocations('U02ALICE').map((i) => i.text)).toEqual(['/pod list  mine']);
    expect(seen[0]).toMatchObject({
      command: '/pod',
      text: 'list  mine',
      user_id: 'U02ALICE',
      user_name: 'alice',
      channel_id: 'C01GPU',
      channel_name: 'gpu-team',
      team_id: 'T0TEAM',
    });
    expect(seen[0]?.response_url).toMatch(new RegExp(`^${standIn.url}/response/`));
    expect(seen[0]?.trigger_id).toMatch(/^\d+\.\d{10}\.[0-9a-f]{32}$/);
  });

  it('records the ack body as Slack shows it: text ephemeral, in_channel JSON in the channel', async () => {
    const { standIn } = await startPair((app) => {
      app.command('/pod', async ({ ack, command }) => {
        if (command.text === 'help') await ack('Usage: /pod list');
        else await ack({ response_type: 'in_channel', text: `<@${command.user_id}> stopped llama-ft` });
      });
    });
    await standIn.sendCommand({ user: 'U03BOB', channel: 'C01GPU', text: 'help' });
    expect(standIn.ephemerals('U03BOB').map((e) => e.text)).toEqual(['Usage: /pod list']);
    await standIn.sendCommand({ user: 'U03BOB', channel: 'C01GPU', text: 'stop llama-ft' });
    expect(standIn.conversation('C01GPU').map((m) => [m.text, m.botId])).toEqual([
      ['<@U03BOB> stopped llama-ft', 'B0BOT'],
    ]);
  });

  it('clicks a button by its label with a signed block_actions payload, and the bot updates the message', async () => {
    const clicks: Record<string, unknown>[] = [];
    const { standIn, app } = await startPair((app) => {
      app.action('pod_stop', async ({ ack, body, action, client }) => {
        await ack();
        clicks.push({ body, action });
        if (body.type !== 'block_actions' || !body.channel || !body.message) return;
        await client.chat.update({
          channel: body.channel.id,
          ts: body.message.ts,
          text: `Stopped by <@${body.user.id}>`,
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Stopped by <@${body.user.id}>` } }],
        });
      });
    });
    const posted = await app.client.chat.postMessage({
      channel: 'C01GPU',
      text: 'llama-ft is running',
      blocks: stopButtonBlocks('pod-1'),
    });
    const delivery = await standIn.clickButton({ user: 'U01ADA', channel: 'C01GPU', label: 'stop' });
    expect(delivery.status).toBe(200);
    const updated = await standIn.waitFor(() => standIn.conversation('C01GPU').find((m) => m.edited));
    expect(updated).toMatchObject({ ts: posted.ts, text: 'Stopped by <@U01ADA>' });
    expect(clicks[0]).toMatchObject({
      action: { action_id: 'pod_stop', value: 'pod-1', type: 'button', text: { text: 'Stop' } },
      body: {
        type: 'block_actions',
        user: { id: 'U01ADA' },
        channel: { id: 'C01GPU' },
        container: { type: 'message', message_ts: posted.ts, channel_id: 'C01GPU', is_ephemeral: false },
        message: { ts: posted.ts, bot_id: 'B0BOT' },
      },
    });
  });

  it('clicks a button on an ephemeral message, which the bot replaces through response_url', async () => {
    const { standIn } = await startPair((app) => {
      app.command('/pod', async ({ ack, respond }) => {
        await ack();
        await respond({ text: 'Your pods', blocks: stopButtonBlocks('pod-7') });
      });
      app.action('pod_stop', async ({ ack, respond, body }) => {
        await ack();
        const ephemeral = body.type === 'block_actions' && body.container.is_ephemeral === true;
        await respond({ replace_original: true, text: ephemeral ? 'Stopping pod-7…' : 'not ephemeral' });
      });
    });
    await standIn.sendCommand({ user: 'U02ALICE', channel: 'C01GPU', text: 'list' });
    const [listing] = await standIn.waitFor(() =>
      standIn.ephemerals('U02ALICE').length > 0 ? standIn.ephemerals('U02ALICE') : null,
    );
    await standIn.clickButton({
      user: 'U02ALICE',
      channel: 'C01GPU',
      ephemeralId: listing?.id ?? '',
      actionId: 'pod_stop',
    });
    const replaced = await standIn.waitFor(() => standIn.ephemerals('U02ALICE').find((e) => e.edited));
    expect(replaced.text).toBe('Stopping pod-7…');
    expect(replaced.blocks).toEqual([]);
    expect(standIn.ephemerals('U02ALICE')).toHaveLength(1);
  });

  it('opens a modal with the trigger_id, shows returned errors, then closes it on an empty ack', async () => {
    const submissions: Record<string, unknown>[] = [];
    const { standIn } = await startPair((app) => {
      app.command('/pod', async ({ ack, client, command }) => {
        await ack();
        await client.views.open({
          trigger_id: command.trigger_id,
          view: {
            type: 'modal',
            callback_id: 'pod_terminate_confirm',
            private_metadata: 'pod-9',
            title: { type: 'plain_text', text: 'Terminate llama-ft' },
            submit: { type: 'plain_text', text: 'Terminate' },
            blocks: [
              {
                type: 'input',
                block_id: 'confirm',
                label: { type: 'plain_text', text: 'Type the pod name' },
                element: { type: 'plain_text_input', action_id: 'name' },
              },
            ],
          },
        });
      });
      app.view('pod_terminate_confirm', async ({ ack, view }) => {
        const typed = view.state.values.confirm?.name?.value;
        submissions.push({ typed, metadata: view.private_metadata });
        if (typed !== 'llama-ft')
          await ack({ response_action: 'errors', errors: { confirm: 'Type llama-ft' } });
        else await ack();
      });
    });
    await standIn.sendCommand({ user: 'U01ADA', channel: 'C01GPU', text: 'terminate llama-ft' });
    const [modal] = await standIn.waitFor(() =>
      standIn.openViews('U01ADA').length > 0 ? standIn.openViews('U01ADA') : null,
    );
    const viewId = modal?.view.id ?? '';
    await standIn.submitView({ user: 'U01ADA', viewId, values: { name: 'llama' } });
    expect(standIn.openViews('U01ADA')[0]?.errors).toEqual({ confirm: 'Type llama-ft' });
    await standIn.submitView({ user: 'U01ADA', viewId, values: { name: 'llama-ft' } });
    expect(standIn.openViews('U01ADA')).toEqual([]);
    expect(submissions).toEqual([
      { typed: 'llama', metadata: 'pod-9' },
      { typed: 'llama-ft', metadata: 'pod-9' },
    ]);
  });

  it('enforces the response_url rules: 5 uses, 30 minutes, no editing of the invocation', async () => {
    const clock = createManualClock('2026-11-29T09:00:00Z');
    const urls: string[] = [];
    const { standIn } = await startPair(
      (app) => {
        app.command('/pod', async ({ ack, command }) => {
          urls.push(command.response_url);
          await ack();
        });
      },
      { clock },
    );
    await standIn.sendCommand({ user: 'U03BOB', channel: 'C01GPU', text: 'status' });
    await standIn.sendCommand({ user: 'U03BOB', channel: 'C01GPU', text: 'cost' });
    const [first, second] = urls;
    const post = async (url: string | undefined, body: Record<string, unknown>) =>
      (
        await fetch(url ?? '', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status;

    expect(await post(first, { replace_original: true, text: 'edit the command?' })).toBe(400);
    const statuses = [];
    for (let use = 1; use <= 6; use++) statuses.push(await post(first, { text: `answer ${use}` }));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    expect(standIn.ephemerals('U03BOB').map((e) => e.text)).toEqual([
      'answer 1',
      'answer 2',
      'answer 3',
      'answer 4',
      'answer 5',
    ]);

    expect(await post(second, { response_type: 'in_channel', text: 'for everyone' })).toBe(200);
    expect(standIn.conversation('C01GPU').map((m) => m.text)).toEqual(['for everyone']);
    clock.advance(30 * 60_000 + 1_000);
    expect(await post(second, { text: 'too late' })).toBe(404);
  });

  it('lets Bolt refuse a bad signature, a stale timestamp and a charset in Content-Type', async () => {
    const { standIn } = await startPair((app) => {
      app.command('/pod', async ({ ack }) => {
        await ack('ok');
      });
    });
    const body = 'command=%2Fpod&text=help&user_id=U01ADA&channel_id=C01GPU&team_id=T0TEAM';
    const form = 'application/x-www-form-urlencoded';
    expect((await standIn.sendSigned(body, form)).status).toBe(200);
    expect((await standIn.sendSigned(body, form, { signature: 'v0=deadbeef' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await standIn.sendSigned(body, form, { timestamp: stale })).status).toBe(401);
    expect((await standIn.sendSigned(body, `${form}; charset=utf-8`)).status).toBe(400);
  });

  it('records operation_timeout when the bot acknowledges after the budget', async () => {
    const { standIn } = await startPair(
      (app) => {
        app.command('/pod', async ({ ack }) => {
          // A bot that does slow work before its ack: real time is the point of this test.
          await new Promise((resolve) => setTimeout(resolve, 400));
          await ack('too late');
        });
      },
      { limits: { responseTimeoutMs: 100 } },
    );
    const delivery = await standIn.sendCommand({ user: 'U04RITA', channel: 'C01GPU', text: 'list' });
    expect(delivery.timedOut).toBe(true);
    expect(delivery.ms).toBeGreaterThan(100);
    expect(standIn.deliveryErrors.map((e) => [e.kind, e.payload, e.user])).toEqual([
      ['operation_timeout', 'command', 'U04RITA'],
    ]);
    expect(standIn.ephemerals('U04RITA').map((e) => [e.author, e.text])).toEqual([
      ['slackbot', '/pod failed with the error "operation_timeout"'],
    ]);
  });
});
