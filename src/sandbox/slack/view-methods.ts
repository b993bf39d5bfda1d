/**
 * views.open / views.push / views.update / views.publish: trigger_id rules (3 s, single use), the
 * modal stack (≤3), hashes, and the view limits.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { checkView } from './check-block-kit.js';
import { withGeneratedIds } from './mint-ids.js';
import {
  type Block,
  emitChange,
  openStack,
  type SlackView,
  type StandInState,
  type StoredView,
  type TextObject,
} from './stand-in-state.js';
import { type ApiResponse, fail, invalidBlocks, readParams } from './web-api-params.js';

export const TRIGGER_LIFETIME_MS = 3_000;
const MAX_VIEW_BYTES = 250_000;
const MAX_STACK = 3;

type ViewInput = Record<string, unknown>;

/** Checks a trigger_id without using it up: that happens once the rest of the call checked out. */
function checkTrigger(
  state: StandInState,
  triggerId: string,
): { ok: true; user: string } | { ok: false; error: string } {
  const trigger = state.triggers.get(triggerId);
  if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
  if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
  if (state.clock.now().getTime() - trigger.issuedAt > TRIGGER_LIFETIME_MS) {
    return { ok: false, error: 'expired_trigger_id' };
  }
  return { ok: true, user: trigger.user };
}

function consumeTrigger(state: StandInState, triggerId: string): void {
  const trigger = state.triggers.get(triggerId);
  if (trigger) trigger.used = true;
}

function checkViewInput(view: unknown, type: 'modal' | 'home'): ApiResponse | null {
  if (typeof view !== 'object' || view === null) return fail('invalid_arguments');
  if (JSON.stringify(view).length > MAX_VIEW_BYTES) return fail('view_too_large');
  if ((view as ViewInput).type !== type) {
    return invalidBlocks([`[ERROR] must be ${type} [json-pointer:/view/type]`], 'invalid_arguments');
  }
  const report = checkView(view);
  return report.errors.length > 0 ? invalidBlocks(report.errors, 'invalid_arguments') : null;
}

function text(value: unknown): TextObject | undefined {
  return typeof value === 'object' && value !== null ? (value as TextObject) : undefined;
}

function newHash(state: StandInState): string {
  return `${Math.floor(state.clock.now().getTime() / 1000)}.${randomBytes(6).toString('hex')}`;
}

function buildView(
  state: StandInState,
  input: ViewInput,
  ids: { id: string; root: string | null; previous: string | null },
): SlackView {
  const type = input.type === 'home' ? 'home' : 'modal';
  return {
    id: ids.id,
    team_id: state.bot.teamId,
    type,
    ...(type === 'modal'
      ? { title: text(input.title), submit: text(input.submit) ?? null, close: text(input.close) ?? null }
      : {}),
    blocks: withGeneratedIds(Array.isArray(input.blocks) ? (input.blocks as Block[]) : []),
    private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
    callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
    state: { values: {} },
    hash: newHash(state),
    clear_on_close: input.clear_on_close === true,
    notify_on_close: input.notify_on_close === true,
    root_view_id: ids.root,
    previous_view_id: ids.previous,
    app_id: state.bot.appId,
    app_installed_team_id: state.bot.teamId,
    bot_id: state.bot.botId,
    external_id: typeof input.external_id === 'string' ? input.external_id : '',
  };
}

function externalIdTaken(state: StandInState, externalId: unknown, exceptId: string | null): boolean {
  if (typeof externalId !== 'string' || externalId === '') return false;
  for (const stored of state.views.values()) {
    if (stored.open && stored.view.external_id === externalId && stored.view.id !== exceptId) return true;
  }
  return false;
}

/** Closes every open modal view of the user. */
export function closeStack(state: StandInState, user: string): void {
  for (const stored of openStack(state, user)) stored.open = false;
  state.stacks.delete(user);
  emitChange(state, { kind: 'view', user });
}

/** Closes the view in front; the one beneath it, if any, comes back. */
export function popView(state: StandInState, stored: StoredView): void {
  stored.open = false;
  const ids = (state.stacks.get(stored.user) ?? []).filter((id) => id !== stored.view.id);
  if (ids.length > 0) state.stacks.set(stored.user, ids);
  else state.stacks.delete(stored.user);
  emitChange(state, { kind: 'view', user: stored.user });
}

/** Puts a view on the user's modal stack (a fresh root when `root` is true). */
export function pushView(state: StandInState, user: string, input: ViewInput, root: boolean): StoredView {
  if (root) closeStack(state, user);
  const stack = openStack(state, user);
  const id = state.nextId('V');
  const rootId = stack[0]?.view.id ?? id;
  const previous = stack.at(-1)?.view.id ?? null;
  const stored: StoredView = {
    view: buildView(state, input, { id, root: rootId, previous }),
    user,
    open: true,
    errors: {},
  };
  state.views.set(id, stored);
  state.stacks.set(user, [...stack.map((s) => s.view.id), id]);
  emitChange(state, { kind: 'view', user });
  return stored;
}

/** Replaces a view's content in place: same id, new hash, errors cleared. */
export function replaceView(state: StandInState, stored: StoredView, input: ViewInput): void {
  stored.view = buildView(state, input, {
    id: stored.view.id,
    root: stored.view.root_view_id,
    previous: stored.view.previous_view_id,
  });
  stored.errors = {};
  emitChange(state, { kind: 'view', user: stored.user });
}

const OpenParams = z.object({
  trigger_id: z.string().min(1).optional(),
  interactivity_pointer: z.string().min(1).optional(),
  view: z.unknown(),
});

export function openView(state: StandInState, params: Record<string, unknown>, push: boolean): ApiResponse {
  const read = readParams(OpenParams, params);
  if (!read.ok) return read.response;
  const triggerId = read.value.trigger_id ?? read.value.interactivity_pointer;
  if (!triggerId)
    return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing trigger_id'] } });
  const trigger = checkTrigger(state, triggerId);
  if (!trigger.ok) return fail(trigger.error);
  const invalid = checkViewInput(read.value.view, 'modal');
  if (invalid) return invalid;
  const input = read.value.view as ViewInput;
  if (externalIdTaken(state, input.external_id, null)) return fail('duplicate_external_id');
  if (push) {
    const stack = openStack(state, trigger.user);
    // views.push needs a trigger from inside an open modal.
    if (stack.length === 0) return fail('invalid_trigger_id');
    if (stack.length >= MAX_STACK) return fail('push_limit_reached');
  }
  consumeTrigger(state, triggerId);
  const stored = pushView(state, trigger.user, input, !push);
  return { ok: true, view: stored.view };
}

const UpdateParams = z.object({
  view_id: z.string().min(1).optional(),
  external_id: z.string().min(1).optional(),
  hash: z.string().min(1).optional(),
  view: z.unknown(),
});

export function updateView(state: StandInState, params: Record<string, unknown>): ApiResponse {
  const read = readParams(UpdateParams, params);
  if (!read.ok) return read.response;
  const { view_id: viewId, external_id: externalId, hash } = read.value;
  const stored = viewId
    ? state.views.get(viewId)
    : [...state.views.values()].find((s) => s.open && s.view.external_id === externalId);
  if (!stored?.open) return fail('not_found');
  if (hash && hash !== stored.view.hash) return fail('hash_conflict');
  const invalid = checkViewInput(read.value.view, stored.view.type);
  if (invalid) return invalid;
  const input = read.value.view as ViewInput;
  if (externalIdTaken(state, input.external_id, stored.view.id)) return fail('duplicate_external_id');
  replaceView(state, stored, input);
  return { ok: true, view: stored.view };
}

const PublishParams = z.object({
  user_id: z.string().min(1),
  hash: z.string().min(1).optional(),
  view: z.unknown(),
});

export function publishView(state: StandInState, params: Record<string, unknown>): ApiResponse {
  const read = readParams(PublishParams, params);
  if (!read.ok) return read.response;
  const { user_id: user, hash } = read.value;
  if (!state.users.has(user)) return fail('user_not_found');
  const invalid = checkViewInput(read.value.view, 'home');
  if (invalid) return invalid;
  const input = read.value.view as ViewInput;
  const currentId = state.homes.get(user);
  const current = currentId ? state.views.get(currentId) : undefined;
  if (current && hash && hash !== current.view.hash) return fail('hash_conflict');
  if (current) {
    replaceView(state, current, input);
    return { ok: true, view: current.view };
  }
  const id = state.nextId('V');
  const stored: StoredView = {
    view: buildView(state, input, { id, root: null, previous: null }),
    user,
    open: true,
    errors: {},
  };
  state.views.set(id, stored);
  state.homes.set(user, id);
  emitChange(state, { kind: 'view', user });
  return { ok: true, view: stored.view };
}
