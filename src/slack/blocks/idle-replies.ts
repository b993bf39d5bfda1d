import { formatDuration } from '../../lib/duration.js';
import { escapeMrkdwn, truncate } from '../../lib/escape.js';
import type { KeepOutcome } from '../../services/idle-service.js';
import type { Reply } from '../context.js';
import { fallbackText } from './block-kit.js';
import { podLabel } from './format.js';
import { mention, section, whenIn } from './idle-format.js';

/** Announced in the channel: who kept which pod until when, and whether the limit cut it. */
export function keepReply(input: {
  actor: string;
  outcome: KeepOutcome;
  reason: string | null;
  maxKeepMs: number;
  now: Date;
}): Reply {
  const { outcome, now } = input;
  const until = whenIn(outcome.until, now, outcome.timeZone);
  const why = input.reason ? ` — “${escapeMrkdwn(truncate(input.reason, 300))}”` : '';
  const lines = [
    `:hourglass_flowing_sand: ${mention(input.actor)} kept ${podLabel(outcome.pod)} until *${until}*${why}. No idle prompt or stop before then.`,
  ];
  if (outcome.capped) {
    lines.push(
      `You asked for ${whenIn(outcome.requestedUntil, now, outcome.timeZone)}, but members can keep a pod for at most ${formatDuration(input.maxKeepMs)} (\`IDLE_MAX_KEEP\`), so it is kept until ${until}. An admin can keep it longer.`,
    );
  }
  const text = lines.join('\n');
  return { text: fallbackText(text.replace(/\*/g, '')), blocks: [section(text)] };
}

/** Announced in the channel: an admin switched idle-stop off or on for a pod. */
export function exemptReply(input: {
  actor: string;
  pod: { id: string; name: string };
  exempt: boolean;
}): Reply {
  const pod = podLabel(input.pod);
  const text = input.exempt
    ? `:shield: ${mention(input.actor)} exempted ${pod} from idle-stop: podwarden will not ask about it or stop it until \`/pod unexempt ${escapeMrkdwn(input.pod.name)}\`.`
    : `${mention(input.actor)} switched idle-stop on again for ${pod}: it is asked about and stopped like any other pod when idle.`;
  return { text: fallbackText(text), blocks: [section(text)] };
}
