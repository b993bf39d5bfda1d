import type { AppError } from '../domain/errors.js';
import { escapeMrkdwn, inlineCode, truncate } from '../lib/escape.js';
import { mention, podLabel, podName, usd } from './blocks/format.js';
import type { Reply } from './context.js';

const VERBS: Record<string, string> = {
  stop: 'stop',
  resume: 'resume',
  terminate: 'terminate',
  keep: 'keep',
  keep_long: 'keep longer than the limit',
  claim: 'claim pods',
  assign: 'assign pods',
  exempt: 'exempt pods from idle stops',
  unexempt: 'change idle-stop exemptions',
  autoresume: 'change autoresume for',
  deploy: 'deploy pods',
  digest: 'manage digests',
  idle_answer: 'answer this prompt',
};

const verb = (action: string): string => VERBS[action] ?? escapeMrkdwn(action);

const said = (detail: string): string => {
  const text = detail.trim();
  return text.length > 0 ? ` RunPod said: “${escapeMrkdwn(truncate(text, 300))}”` : '';
};

const names = (pods: readonly { id: string; name: string }[]): string => pods.map(podLabel).join(', ');

/** Extra context some sentences use: the pod reference as typed. */
export type ErrorContext = { ref?: string };

/** One plain sentence (two at most) for every expected failure; never a stack trace. */
export function errorText(error: AppError, context: ErrorContext = {}): string {
  switch (error.kind) {
    case 'runpod_auth':
      return 'RunPod rejected the API key (HTTP 401). An admin needs to check `RUNPOD_API_KEY`.';
    case 'runpod_forbidden':
      return `RunPod refused: the API key is not allowed to do this (it may be a read-only key).${said(error.detail)}`;
    case 'runpod_bad_request':
      return `RunPod rejected podwarden's request as invalid (HTTP 400) — that is a podwarden bug, please report it.${said(error.detail)}`;
    case 'runpod_unavailable':
      return `RunPod is not answering properly right now (${escapeMrkdwn(truncate(error.detail, 200))}). Try again in a minute.`;
    case 'no_capacity': {
      const ref = context.ref ? inlineCode(context.ref) : '&lt;pod&gt;';
      return `RunPod has no free GPUs for this right now.${said(error.detail)} A stopped pod stays on its machine, so its GPUs may be taken: try again later, ask for fewer GPUs (\`/pod resume ${stripTicks(ref)} 1\`), or resume with 0 GPUs to reach your files (\`/pod resume ${stripTicks(ref)} 0\`).`;
    }
    case 'spot_resume':
      return `This is a spot pod: RunPod resumes it only with a bid, not on demand.${said(error.detail)}`;
    case 'spot_unavailable':
      return 'Spot pods are unavailable: RunPod offers spot deploys and bid resumes only over its GraphQL API, which is not answering (RunPod is retiring it). On-demand pods work as usual.';
    case 'runpod_conflict':
      return `RunPod says the pod cannot do that in its current state.${said(error.detail)}`;
    case 'runpod_not_found':
      return 'RunPod no longer knows that pod; it may have just been terminated. `/pod list` shows the pods there are.';
    case 'runpod_rejected':
      return `RunPod refused.${said(error.detail)}`;
    case 'pod_not_found': {
      const ref = inlineCode(truncate(error.ref, 60));
      if (error.suggestions.length === 0) return `No pod matches ${ref}. \`/pod list\` shows every pod.`;
      const options = error.suggestions.map(podName);
      const guess =
        options.length === 1 ? options[0] : `${options.slice(0, -1).join(', ')} or ${options.at(-1)}`;
      return `No pod matches ${ref}; did you mean ${guess}?`;
    }
    case 'pod_ambiguous':
      return `${inlineCode(truncate(error.ref, 60))} matches ${error.candidates.length} pods: ${names(error.candidates)}. Nothing was done; use the id or the full name.`;
    case 'forbidden':
      if (error.ownerId === null) {
        return `${podName(error.pod)} has no owner yet, so only an admin can ${verb(error.action)} it. Claim it first with \`/pod claim ${stripTicks(podName(error.pod))}\`.`;
      }
      return `${podName(error.pod)} belongs to ${mention(error.ownerId)}; only they or an admin can ${verb(error.action)} it.`;
    case 'read_only':
      return `You can look, but only team members can ${verb(error.action)}. Ask an admin to add you.`;
    case 'admin_only':
      return `Only podwarden admins can ${verb(error.action)}.`;
    case 'already_owned':
      return `${podName(error.pod)} already belongs to ${mention(error.ownerId)}. An admin can hand it over with \`/pod assign\`.`;
    case 'invalid_state':
      return invalidState(error.pod, error.status, error.action);
    case 'not_spot':
      return `${podName(error.pod)} is an on-demand pod: RunPod does not interrupt it, so there is nothing to resume automatically. Autoresume is for spot (interruptible) pods.`;
    case 'confirmation_mismatch':
      return `You typed ${inlineCode(truncate(error.typed, 60))}, which is not the pod's name ${podName(error.pod)}; nothing was terminated.`;
    case 'not_decidable':
      if (error.reason === 'closed')
        return 'This prompt has already been answered or has expired; nothing changed.';
      if (error.reason === 'read_only') return 'You can look, but only team members can answer idle prompts.';
      return "This prompt is for the pod's owner (or an admin); nothing changed.";
    case 'over_deploy_limit':
      return `That pod would cost ${usd(error.costPerHr)}/h; members may deploy up to ${usd(error.limit)}/h. Pick fewer or cheaper GPUs, or ask an admin.`;
    case 'invite_needed':
      return 'I am not in this channel and cannot join it (it is private), so I could not post the digest and its chart here. Invite me first: `/invite @podwarden`, then try again.';
    case 'invalid_input':
      return escapeMrkdwn(error.message);
    case 'store_unavailable':
      return `podwarden's database cannot be written right now, so this could not be recorded. Reference ${inlineCode(error.reference)} — an admin can look it up in the logs; please try again later.`;
    case 'unexpected':
      return `Something went wrong inside podwarden. Reference ${inlineCode(error.reference)} — an admin can look it up in the logs.`;
  }
}

function invalidState(pod: { id: string; name: string }, status: string, action: string): string {
  const name = podName(pod);
  if (status === 'LOCKED')
    return `${name} is locked in RunPod, so it cannot be ${action === 'stop' ? 'stopped' : 'changed'}.`;
  if (action === 'stop' && (status === 'EXITED' || status === 'PAUSED')) return `${name} is already stopped.`;
  if (action === 'resume' && status === 'RUNNING') return `${name} is already running.`;
  return `${name} is ${escapeMrkdwn(status.toLowerCase())} in RunPod, so you cannot ${verb(action)} it right now.`;
}

/** A pod reference for inside an example command that is itself in backticks. */
function stripTicks(code: string): string {
  return code.replace(/^`|`$/g, '');
}

/** An error as an ephemeral reply. */
export const errorReply = (error: AppError, context: ErrorContext = {}): Reply => ({
  text: errorText(error, context),
});
