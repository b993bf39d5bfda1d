import type { Settings } from './settings.js';

/**
 * Who may do what (PRODUCT.md §2). Everyone reads; members act on their own pods; admins act on
 * every pod. Checked on every call: a button's value proves nothing.
 */
export type Role = 'admin' | 'member' | 'reader';

export type PodAction =
  | 'stop'
  | 'resume'
  | 'terminate'
  | 'keep'
  /** A keep longer than IDLE_MAX_KEEP. */
  | 'keep_long'
  | 'claim'
  | 'assign'
  | 'exempt'
  | 'unexempt'
  /** `/pod autoresume`: the owner or an admin. */
  | 'autoresume'
  | 'deploy'
  /** A deploy costing more per hour than POD_DEPLOY_MAX_PER_HOUR. */
  | 'deploy_over_limit'
  | 'digest'
  /** Answering an idle prompt (Stop now, Keep …, Claim). */
  | 'idle_answer';

export type Refusal =
  /** Not a member: read only. */
  | 'read_only'
  /** Only admins may. */
  | 'admin_only'
  /** The pod belongs to someone else. */
  | 'not_owner'
  /** Nobody owns the pod; a member must claim it first. */
  | 'unowned';

export type Decision = { allowed: true; role: Role } | { allowed: false; role: Role; refusal: Refusal };

export function roleOf(userId: string, settings: Pick<Settings, 'admins' | 'members'>): Role {
  if (settings.admins.includes(userId)) return 'admin';
  if (settings.members === null || settings.members.includes(userId)) return 'member';
  return 'reader';
}

export const isAdmin = (userId: string, settings: Pick<Settings, 'admins'>): boolean =>
  settings.admins.includes(userId);

const ADMIN_ONLY: readonly PodAction[] = ['assign', 'exempt', 'unexempt', 'keep_long', 'deploy_over_limit'];
const OWN_POD: readonly PodAction[] = ['stop', 'resume', 'terminate', 'keep', 'autoresume'];

/** May `actor` do `action` on a pod owned by `ownerId` (null: unowned, or no pod involved)? */
export function decide(
  action: PodAction,
  actor: string,
  ownerId: string | null,
  settings: Pick<Settings, 'admins' | 'members'>,
): Decision {
  const role = roleOf(actor, settings);
  if (role === 'admin') return { allowed: true, role };
  if (role === 'reader') return { allowed: false, role, refusal: 'read_only' };
  if (ADMIN_ONLY.includes(action)) return { allowed: false, role, refusal: 'admin_only' };
  if (OWN_POD.includes(action)) {
    if (ownerId === actor) return { allowed: true, role };
    return { allowed: false, role, refusal: ownerId === null ? 'unowned' : 'not_owner' };
  }
  if (action === 'idle_answer') {
    if (ownerId === null || ownerId === actor) return { allowed: true, role };
    return { allowed: false, role, refusal: 'not_owner' };
  }
  // claim, deploy, digest: any member.
  return { allowed: true, role };
}
