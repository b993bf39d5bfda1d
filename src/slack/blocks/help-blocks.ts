import type { Role } from '../../domain/permissions.js';
import type { Reply } from '../context.js';
import { USAGE, type UsageName } from '../usage.js';
import { context, header, section } from './block-kit.js';

const GROUPS: { title: string; names: UsageName[] }[] = [
  { title: 'Look', names: ['list', 'status', 'history', 'idle', 'cost'] },
  { title: 'Get into a pod', names: ['connect', 'logs'] },
  { title: 'Act on your pods', names: ['stop', 'resume', 'terminate', 'keep', 'claim', 'deploy'] },
  { title: 'Admins', names: ['assign', 'exempt', 'unexempt'] },
  { title: 'Daily digest', names: ['digest'] },
];

const ROLE_LINE: Record<Role, string> = {
  admin: 'You are an admin: you may act on every pod.',
  member: 'You are a member: you may act on your own pods and claim unowned ones.',
  reader: 'You can look at everything; to act on pods, ask an admin to add you as a member.',
};

/** `/pod help`: usage with examples, grouped, and what the asker may do. */
export function buildHelp(role: Role): Reply {
  const blocks = [
    header('podwarden: the team’s RunPod pods, from Slack'),
    section(
      '`<pod>` is a pod id or name (any case; a unique start of it is enough). Stopping keeps the volume (`/workspace`) and wipes the container disk.',
    ),
    ...GROUPS.map((group) =>
      section(
        `*${group.title}*\n${group.names
          .map(
            (name) =>
              `\`${USAGE[name].syntax}\` — ${USAGE[name].summary}\n      e.g. \`${USAGE[name].example}\``,
          )
          .join('\n')}`,
      ),
    ),
    context([ROLE_LINE[role]]),
  ];
  return {
    text: 'podwarden help: /pod list, /pod status <pod>, /pod stop <pod>, /pod resume <pod> …',
    blocks,
  };
}
