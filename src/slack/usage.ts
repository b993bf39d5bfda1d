/**
 * The /pod grammar as people read it: one entry per subcommand, for help and for parse errors.
 * Syntax is plain text (`<pod>`); inlineCode escapes it for mrkdwn, where `<…>` is a control sequence.
 */
import { inlineCode } from '../lib/escape.js';

export type Usage = { syntax: string; summary: string; example: string };

export const USAGE = {
  help: { syntax: '/pod help', summary: 'this help', example: '/pod help' },
  list: {
    syntax: '/pod list [mine|@user|running|stopped|all]',
    summary: 'pods with status, GPUs, utilization, $/h and owner',
    example: '/pod list running',
  },
  status: {
    syntax: '/pod status <pod>',
    summary: 'one pod in detail, with the last hour of GPU use and any exposure warning',
    example: '/pod status llama-ft',
  },
  stop: {
    syntax: '/pod stop <pod> [reason]',
    summary: 'stop a pod (the volume is kept and still billed)',
    example: '/pod stop llama-ft done for today',
  },
  resume: {
    syntax: '/pod resume <pod> [gpus]',
    summary: 'start a stopped pod again (alias: start)',
    example: '/pod resume llama-ft 2',
  },
  terminate: {
    syntax: '/pod terminate <pod>',
    summary: 'delete a pod for good, after typing its name',
    example: '/pod terminate old-experiment',
  },
  deploy: {
    syntax: '/pod deploy',
    summary:
      'create a pod from a form (GPU or CPU, template, ports, env with RunPod secrets, network volume); you become its owner',
    example: '/pod deploy',
  },
  claim: {
    syntax: '/pod claim <pod>',
    summary: 'take ownership of an unowned pod',
    example: '/pod claim sdxl',
  },
  assign: {
    syntax: '/pod assign <pod> @user',
    summary: 'admins: give a pod to someone',
    example: '/pod assign sdxl @alice',
  },
  keep: {
    syntax: '/pod keep <pod> <duration|until HH:MM> [reason]',
    summary: 'postpone the idle stop of a pod',
    example: '/pod keep llama-ft 4h eval runs tonight',
  },
  exempt: {
    syntax: '/pod exempt <pod>',
    summary: 'admins: never idle-stop this pod',
    example: '/pod exempt db-server',
  },
  unexempt: {
    syntax: '/pod unexempt <pod>',
    summary: 'admins: idle-stop this pod again',
    example: '/pod unexempt db-server',
  },
  idle: { syntax: '/pod idle', summary: 'pods idle right now and what they cost', example: '/pod idle' },
  cost: {
    syntax: '/pod cost [today|yesterday|week|month] [@user]',
    summary: 'spend breakdown, serverless endpoints included',
    example: '/pod cost week',
  },
  history: {
    syntax: '/pod history <pod>',
    summary: 'who did what to a pod, and why',
    example: '/pod history llama-ft',
  },
  digest: {
    syntax: '/pod digest here [HH:MM] [timezone] | off | now',
    summary: 'daily cost and idle digest in this channel',
    example: '/pod digest here 09:00 Europe/Berlin',
  },
  connect: {
    syntax: '/pod connect <pod>',
    summary: 'links to its HTTP ports (Jupyter, TensorBoard…) and its SSH commands',
    example: '/pod connect alice-notebook',
  },
  logs: {
    syntax: '/pod logs <pod> [lines]',
    summary: 'owner and admins: the last lines of its container log (default 50, at most 500)',
    example: '/pod logs llama-ft 200',
  },
  autoresume: {
    syntax: '/pod autoresume <pod> on|off',
    summary: 'owner and admins: bid-resume this spot pod by itself after RunPod interrupts it',
    example: '/pod autoresume sdxl-spot on',
  },
} as const satisfies Record<string, Usage>;

export type UsageName = keyof typeof USAGE;

export const SUBCOMMANDS = Object.keys(USAGE) as UsageName[];

/** `Usage: `/pod stop &lt;pod&gt; [reason]` — for example `/pod stop llama-ft done for today`` */
export function usageLine(name: UsageName): string {
  const usage = USAGE[name];
  return `Usage: ${inlineCode(usage.syntax)} — for example ${inlineCode(usage.example)}`;
}
