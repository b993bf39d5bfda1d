/** How pods, people, money and time read in messages. Everything from data is escaped. */
import type { Pod, PodStatus } from '../../domain/pod.js';
import { formatDuration } from '../../lib/duration.js';
import { escapeMrkdwn, inlineCode } from '../../lib/escape.js';

const USER_ID = /^[UW][A-Z0-9]+$/;

/** `<@U123>` for a Slack user id; anything else is shown as escaped text, so it pings nobody. */
export const mention = (userId: string): string =>
  USER_ID.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);

export const ownerText = (ownerId: string | null): string => (ownerId ? mention(ownerId) : '_unowned_');

export const podName = (pod: { name: string }): string => inlineCode(pod.name);

/** `` `llama-ft` (`abc123`) `` */
export const podLabel = (pod: { id: string; name: string }): string =>
  pod.name === pod.id ? inlineCode(pod.id) : `${inlineCode(pod.name)} (${inlineCode(pod.id)})`;

export function usd(amount: number): string {
  if (!Number.isFinite(amount)) return '$?';
  const digits = Math.abs(amount) > 0 && Math.abs(amount) < 0.1 ? 3 : 2;
  return `$${amount.toFixed(digits)}`;
}

export const perHour = (amount: number): string => `${usd(amount)}/h`;

export const percent = (value: number | null): string => (value === null ? '—' : `${Math.round(value)} %`);

/** "2 × RTX 4090"; a CPU pod (no GPU type) by its vCPUs when known. */
export function gpuText(
  pod: Pick<Pod, 'gpuCount' | 'gpuDisplayName' | 'gpuTypeId'> & Partial<Pick<Pod, 'vcpuCount'>>,
): string {
  const type = pod.gpuDisplayName ?? pod.gpuTypeId;
  if (pod.gpuCount === 0) {
    if (type) return `0 × ${escapeMrkdwn(type)}`;
    return pod.vcpuCount ? `${pod.vcpuCount} vCPUs, no GPU` : 'no GPU';
  }
  return `${pod.gpuCount} × ${escapeMrkdwn(type ?? 'GPU')}`;
}

const STATUS_WORDS: Record<PodStatus, string> = {
  RUNNING: ':large_green_circle: running',
  EXITED: ':white_circle: stopped',
  CREATED: ':large_blue_circle: created',
  RESTARTING: ':large_yellow_circle: restarting',
  PAUSED: ':white_circle: paused',
  DEAD: ':red_circle: dead',
  TERMINATED: ':black_circle: terminated',
  UNKNOWN: ':grey_question: unknown',
};

export const statusText = (status: PodStatus): string => STATUS_WORDS[status] ?? escapeMrkdwn(status);

export const uptimeText = (seconds: number | null): string =>
  seconds === null ? '—' : formatDuration(seconds * 1000);
