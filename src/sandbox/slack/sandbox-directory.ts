/** The fixed people and places of the sandbox workspace; other parts of the sandbox use these ids. */
export type SandboxRole = 'admin' | 'member' | 'read-only';

export type SandboxUser = {
  id: string;
  /** Short handle, shown as @name. */
  name: string;
  realName: string;
  /** What podwarden should let them do (the sandbox wires POD_ADMINS / POD_MEMBERS from it). */
  role: SandboxRole;
  /** IANA time zone, as users.info reports it. */
  tz: string;
};

/**
 * A channel of the sandbox workspace. `isPrivate` (default false) and `botMember` (default true:
 * the app was invited) decide what the app may do there, as Slack's channel rules do.
 */
export type SandboxChannel = { id: string; name: string; isPrivate?: boolean; botMember?: boolean };

export const sandboxUsers: readonly SandboxUser[] = [
  { id: 'U01ADA', name: 'ada', realName: 'Ada', role: 'admin', tz: 'Europe/Berlin' },
  { id: 'U02ALICE', name: 'alice', realName: 'Alice', role: 'member', tz: 'America/New_York' },
  { id: 'U03BOB', name: 'bob', realName: 'Bob', role: 'member', tz: 'Europe/London' },
  { id: 'U04RITA', name: 'rita', realName: 'Rita', role: 'read-only', tz: 'UTC' },
];

export const sandboxChannels: readonly SandboxChannel[] = [
  { id: 'C01GPU', name: 'gpu-team' },
  { id: 'C02ALERTS', name: 'gpu-alerts' },
];

/** The app's own identity in the sandbox workspace. */
export const sandboxBot = {
  userId: 'U0BOT',
  botId: 'B0BOT',
  teamId: 'T0TEAM',
  teamDomain: 'sandbox',
  appId: 'A0PODWARDEN',
  name: 'podwarden',
} as const;

export type SandboxBot = typeof sandboxBot;

/** Slack's own user, author of the errors it shows ("/pod failed with the error …"). */
export const slackbotUserId = 'USLACKBOT';

/** The id of a user's DM channel with the app: U02ALICE → D02ALICE. */
export function dmChannelIdOf(userId: string): string {
  return `D${userId.slice(1)}`;
}
