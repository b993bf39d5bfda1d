/**
 * A budget alert whose channel refuses the post (the app was removed from a private channel):
 * the admins hear once by DM, and the alert is posted in the channel, once, when it works again.
 */
import { describe, expect, it } from 'vitest';
import { ADA, pollMinute, sandboxPerTest } from './support/e2e-sandbox.js';

const PRIVATE = 'C06SECRET';

const start = sandboxPerTest({ env: { IDLE_CHANNEL: PRIVATE, BUDGET_PER_HOUR: '0.01' } }, async (s) => {
  s.slack.addChannel({ id: PRIVATE, name: 'ml-private', isPrivate: true, botMember: false });
  await pollMinute(s);
});

describe('an alert whose channel cannot be posted in', () => {
  it('tells the admins once and posts the alert once when the channel works again', async () => {
    const s = await start();
    const alertsIn = (channel: string) =>
      s.slack.conversation(channel).filter((m) => m.text.includes('above the budget'));
    const toldAda = () =>
      s.slack
        .conversation(s.slack.dmChannelOf(ADA))
        .filter((m) => m.text.includes('could not post this alert'));

    expect((await s.app.services.cost.checkAlerts()).posted).toEqual(['budget_per_hour']);
    await s.app.services.cost.checkAlerts();
    expect(alertsIn(PRIVATE)).toEqual([]);
    expect(toldAda()).toHaveLength(1);
    expect(toldAda()[0]?.text).toContain('/invite @podwarden');
    expect(toldAda()[0]?.text).toContain('above the budget');

    s.slack.setBotMember(PRIVATE, true); // invited back
    await s.app.services.cost.checkAlerts();
    await s.app.services.cost.checkAlerts();
    expect(alertsIn(PRIVATE)).toHaveLength(1);
    expect(toldAda()).toHaveLength(1);
  });
});
