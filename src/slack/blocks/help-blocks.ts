import type { Role } from '../../domain/permissions.js';
import { escapeMrkdwn, inlineCode } from '../../lib/escape.js';
import { ActionId } from '../action-ids.js';
import type { Reply } from '../context.js';
import { USAGE, type UsageName } from '../usage.js';
import { actions, button, context, header, section } from './block-kit.js';

const GROUPS: { title: string; names: UsageName[] }[] = [
  { title: 'Look', names: ['list', 'status', 'history', 'idle', 'cost'] },
  { title: 'Get into a pod', names: ['connect', 'logs'] },
  {
    title: 'Act on your pods',
    names: ['stop', 'resume', 'terminate', 'keep', 'autoresume', 'claim', 'deploy'],
  },
  { title: 'Admins', names: ['assign', 'exempt', 'unexempt'] },
  { title: 'Daily digest', names: ['digest'] },
];

/** What `/pod` alone shows: the commands people use most. */
export const CARD_COMMANDS: readonly UsageName[] = ['list', 'status', 'stop', 'resume', 'cost'];

const ROLE_LINE: Record<Role, string> = {
  admin: 'You are an admin: you may act on every pod.',
  member: 'You are a member: you may act on your own pods and claim unowned ones.',
  reader: 'You can look at everything; to act on pods, ask an admin to add you as a member.',
};

/** Said once in the help, so that stop announcements can say it in one line. */
export const STOP_MEANING =
  'Stopping keeps the volume (`/workspace`, still billed) and wipes the container disk; the same GPU may not be free on resume.';

const entry = (name: UsageName): string =>
  `${inlineCode(USAGE[name].syntax)} — ${escapeMrkdwn(USAGE[name].summary)}`;

/** `/pod` alone: five commands, the asker's role, and More for the whole help. */
export function buildHelpCard(role: Role): Reply {
  return {
    text: 'podwarden: /pod list, /pod status, /pod stop, /pod resume, /pod cost — /pod help for everything',
    blocks: [
      section(`*podwarden* runs the team’s RunPod pods from Slack.\n${CARD_COMMANDS.map(entry).join('\n')}`),
      context([`${ROLE_LINE[role]} ${inlineCode('<pod>')} is a pod id or name.`]),
      actions([button({ text: 'More commands', actionId: ActionId.helpMore, value: 'help' })]),
    ],
  };
}

/** `/pod help` (and More on the card): usage with examples, grouped, and what the asker may do. */
export function buildHelp(role: Role): Reply {
  const blocks = [
    header('podwarden: the team’s RunPod pods, from Slack'),
    section(
      `${inlineCode('<pod>')} is a pod id or name (any case; a unique start of it is enough). ${STOP_MEANING}`,
    ),
    ...GROUPS.map((group) =>
      section(
        `*${group.title}*\n${group.names
          .map((name) => `${entry(name)}\n      e.g. ${inlineCode(USAGE[name].example)}`)
          .join('\n')}`,
      ),
    ),
    context([ROLE_LINE[role]]),
  ];
  return {
    text: 'podwarden help: /pod list, /pod status &lt;pod&gt;, /pod stop &lt;pod&gt;, /pod resume &lt;pod&gt; …',
    blocks,
  };
}
