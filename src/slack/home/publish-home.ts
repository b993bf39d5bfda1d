import type { types, webApi } from '@slack/bolt';
import { roleOf } from '../../domain/permissions.js';
import { buildHomeError, buildHomeView } from '../blocks/home-view.js';
import type { SlackDeps } from '../deps.js';
import { errorText } from '../error-text.js';

/** Publishes a person's Home tab from the account as RunPod reports it now. */
export async function publishHome(client: webApi.WebClient, deps: SlackDeps, userId: string): Promise<void> {
  const result = await deps.services.pods.list(userId, { kind: 'all' });
  const view = result.ok
    ? buildHomeView(result.value, userId, roleOf(userId, deps.settings))
    : buildHomeError(errorText(result.error));
  await client.views.publish({ user_id: userId, view: view as unknown as types.HomeView });
}
