/** Dispatches `POST /api/<method>` to the method's handler after Slack's token checks; logs every call. */
import { conversationsInfo, conversationsJoin } from './channel-methods.js';
import { deleteMessage, postEphemeral, postMessage, updateMessage } from './chat-methods.js';
import { completeUpload, getUploadUrl } from './file-methods.js';
import { conversationHistory, conversationReplies } from './history-method.js';
import type { StandInState } from './stand-in-state.js';
import { openView, publishView, updateView } from './view-methods.js';
import { type ApiResponse, fail, splitToken } from './web-api-params.js';
import { authTest, openConversation, userInfo } from './workspace-methods.js';

type MethodHandler = (state: StandInState, params: Record<string, unknown>, baseUrl: string) => ApiResponse;

const METHODS: Record<string, MethodHandler> = {
  'auth.test': (state) => authTest(state),
  'chat.postMessage': postMessage,
  'chat.update': updateMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.delete': deleteMessage,
  'conversations.open': openConversation,
  'conversations.history': conversationHistory,
  'conversations.replies': conversationReplies,
  'conversations.info': conversationsInfo,
  'conversations.join': conversationsJoin,
  'users.info': userInfo,
  'views.open': (state, params) => openView(state, params, false),
  'views.push': (state, params) => openView(state, params, true),
  'views.update': updateView,
  'views.publish': publishView,
  'files.getUploadURLExternal': (state, params, baseUrl) => getUploadUrl(state, baseUrl, params),
  'files.completeUploadExternal': completeUpload,
};

export function callWebApi(
  state: StandInState,
  call: {
    method: string;
    params: Record<string, unknown>;
    authorization: string | undefined;
    botToken: string;
    baseUrl: string;
  },
): ApiResponse {
  const { token, params } = splitToken(call.authorization, call.params);
  state.calls.push({ method: call.method, params, at: state.clock.now() });
  if (!token) return fail('not_authed');
  if (token !== call.botToken) return fail('invalid_auth');
  const handler = METHODS[call.method];
  if (!handler) return fail('unknown_method');
  return handler(state, params, call.baseUrl);
}
