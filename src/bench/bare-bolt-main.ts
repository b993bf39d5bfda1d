/**
 * Bench entry point: a Bolt app that only acks `/pod`, in a process of its own, like podwarden in
 * `benchAckListLoad`: the floor any Bolt app has on this machine. PORT and SLACK_SIGNING_SECRET
 * from the environment; GET /healthz answers once it listens.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  endpoints: '/slack/events',
  processBeforeResponse: false,
  logLevel: LogLevel.ERROR,
  customRoutes: [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200);
        res.end('ok');
      },
    },
  ],
});
const app = new App({
  receiver,
  authorize: async () => ({ botToken: process.env.SLACK_BOT_TOKEN ?? '', botUserId: 'UPODWARDEN' }),
  logLevel: LogLevel.ERROR,
});
app.command('/pod', async ({ ack }) => {
  await ack();
});
await app.start(Number(process.env.PORT));
process.on('SIGTERM', () => {
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
