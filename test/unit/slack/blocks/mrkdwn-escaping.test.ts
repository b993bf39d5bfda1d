/**
 * Slack reads `<…>` in mrkdwn as a link or mention everywhere, code spans included, and asks that
 * every other `&`, `<`, `>` be sent as an entity. This walks what every builder produces — fed
 * with names, reasons and RunPod errors full of brackets — and finds any literal one left.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../src/domain/audit.js';
import { integrateSamples } from '../../../../src/domain/cost-ledger.js';
import { summarizeCost } from '../../../../src/domain/cost-summary.js';
import { composeDigest } from '../../../../src/domain/digest-compose.js';
import { digestMessage } from '../../../../src/domain/digest-message.js';
import type { AppError } from '../../../../src/domain/errors.js';
import type { IdleEvidence } from '../../../../src/domain/idle-evidence.js';
import type { Role } from '../../../../src/domain/permissions.js';
import { unescapedMrkdwn } from '../../../../src/lib/mrkdwn-lint.js';
import { buildAssignModal } from '../../../../src/slack/blocks/assign-modal.js';
import { buildCostReply } from '../../../../src/slack/blocks/cost-blocks.js';
import { buildDeployModal } from '../../../../src/slack/blocks/deploy-modal.js';
import { buildSubscribedReply, buildUnsubscribedReply } from '../../../../src/slack/blocks/digest-replies.js';
import { buildHelp, buildHelpCard } from '../../../../src/slack/blocks/help-blocks.js';
import { buildHistory } from '../../../../src/slack/blocks/history-blocks.js';
import { buildHomeError, buildHomeView } from '../../../../src/slack/blocks/home-view.js';
import { idleListReply } from '../../../../src/slack/blocks/idle-list.js';
import { idleMessages } from '../../../../src/slack/blocks/idle-messages.js';
import { exemptReply, keepReply } from '../../../../src/slack/blocks/idle-replies.js';
import {
  buildAssignReply,
  buildClaimReply,
  buildDeployReply,
  buildTerminateReply,
} from '../../../../src/slack/blocks/lifecycle-blocks.js';
import { buildPodList } from '../../../../src/slack/blocks/pod-list-blocks.js';
import { buildPodStatus } from '../../../../src/slack/blocks/pod-status-blocks.js';
import { buildResumeReply } from '../../../../src/slack/blocks/resume-blocks.js';
import { buildStopReply } from '../../../../src/slack/blocks/stop-blocks.js';
import { buildNoticeModal, buildTerminateModal } from '../../../../src/slack/blocks/terminate-modal.js';
import { errorText } from '../../../../src/slack/error-text.js';
import { parseCommand } from '../../../../src/slack/parse-command.js';
import { series } from '../../../fixtures/cost-samples.js';
import { createFakeGateway, makePod } from '../../services/pod-service-fakes.js';
import { mrkdwnOf } from './block-limits.js';

const NAME = 'a<b>&c';
const NASTY = '<!channel> & <script>';
const now = new Date('2026-11-02T13:30:00Z');
const MIN = 60_000;
const ROLES: Role[] = ['admin', 'member', 'reader'];

const running = makePod({ id: 'abc123', name: NAME, imageName: 'img<1>&x', ports: '8888/http,22/tcp' });
const stopped = makePod({ id: 'def456', name: NAME, status: 'EXITED', runtime: null, volumeInGb: 10 });
const candidate = { id: 'abc123', name: NAME };

const evidence: IdleEvidence = {
  rule: { gpuUtilMax: 5, windowMs: 30 * MIN, warmupMs: 10 * MIN },
  gpuUtil: [0, 1],
  gpuMemPercent: 10,
  cpuPercent: 1,
  memoryPercent: 5,
  uptimeMs: 3 * 60 * MIN,
  gpuCount: 1,
  costPerHr: 2.49,
  idleSince: '2026-11-02T12:30:00Z',
  idleMs: 60 * MIN,
  idleUsd: 2.49,
  samples: 31,
  windowFrom: '2026-11-02T13:00:00Z',
  windowTo: '2026-11-02T13:30:00Z',
};

const audit = (overrides: Partial<AuditEntry>): AuditEntry => ({
  at: now,
  actor: 'U02ALICE',
  podId: 'abc123',
  podName: NAME,
  action: 'stop',
  reason: NASTY,
  outcome: 'ok',
  detail: 'RunPod: desiredStatus EXITED (after reporting: <html>&</html>)',
  evidence: null,
  ...overrides,
});

const ERRORS: AppError[] = [
  { kind: 'runpod_auth', detail: NASTY },
  { kind: 'runpod_forbidden', detail: NASTY },
  { kind: 'runpod_bad_request', detail: NASTY },
  { kind: 'runpod_unavailable', detail: NASTY },
  { kind: 'no_capacity', detail: NASTY },
  { kind: 'spot_resume', detail: NASTY },
  { kind: 'runpod_conflict', detail: NASTY },
  { kind: 'runpod_not_found', detail: NASTY },
  { kind: 'runpod_rejected', detail: NASTY },
  { kind: 'pod_not_found', ref: NAME, suggestions: [candidate] },
  { kind: 'pod_ambiguous', ref: NAME, candidates: [candidate, { id: 'x<y>', name: NAME }] },
  { kind: 'forbidden', action: 'stop', pod: candidate, ownerId: 'U03BOB' },
  { kind: 'read_only', action: 'stop' },
  { kind: 'admin_only', action: 'assign' },
  { kind: 'already_owned', pod: candidate, ownerId: 'U03BOB' },
  { kind: 'invalid_state', pod: candidate, status: 'EXITED', action: 'stop' },
  { kind: 'confirmation_mismatch', pod: candidate, typed: NASTY },
  { kind: 'not_decidable', reason: 'not_owner' },
  { kind: 'over_deploy_limit', costPerHr: 3, limit: 2 },
  { kind: 'invalid_input', message: 'bad &lt;input&gt;' },
  { kind: 'unexpected', reference: 'ref-1' },
] as AppError[];

type Output = { name: string; text?: string; blocks?: readonly unknown[] };

function costOutputs(): Output[] {
  const samples = series({
    podId: 'a',
    podName: NAME,
    ownerId: 'U02ALICE',
    costPerHr: 2,
    from: '2026-11-01T08:00:00Z',
    to: '2026-11-01T12:00:00Z',
    vary: (at) => ({ gpuUtil: at.getUTCHours() >= 11 ? [0] : [80] }),
  });
  const to = new Date('2026-11-02T00:00:00Z');
  const pieces = integrateSamples(samples, { pollIntervalMs: 60_000, idleGpuUtil: 5, now: to });
  const cost = buildCostReply({
    period: 'yesterday',
    label: 'yesterday (Sun 1 Nov)',
    timeZone: 'UTC',
    userId: null,
    summary: summarizeCost(pieces, new Date('2026-11-01T00:00:00Z'), to),
    savedUsd: 1,
    spendPerHour: 2,
    balanceUsd: 10,
    runwayDays: 3,
    forecastUsd: 100,
    reconciliation: null,
  } as Parameters<typeof buildCostReply>[0]);
  const digest = digestMessage(
    composeDigest({
      now: new Date('2026-11-02T08:00:00Z'),
      timeZone: 'UTC',
      pollIntervalMs: 60_000,
      pieces,
      recentSamples: [],
      savings: [
        {
          podId: 'a',
          podName: NAME,
          ownerId: 'U02ALICE',
          stoppedAt: new Date('2026-11-01T12:00:00Z'),
          costPerHr: 2,
          resumedAt: null,
        },
      ],
      balanceUsd: 10,
      spendPerHour: 2,
      runpodYesterdayUsd: 7,
    }),
  );
  return [
    { name: 'cost', ...cost },
    { name: 'digest', ...digest },
  ];
}

function idleOutputs(): Output[] {
  const base = { podId: 'abc123', podName: NAME, timeZone: 'Europe/Berlin', now };
  const outcomes = (['stopped', 'kept', 'exempt', 'busy', 'escalated', 'gone'] as const).map((outcome) => ({
    name: `idle outcome ${outcome}`,
    ...idleMessages.outcome({
      ...base,
      outcome,
      by: 'U02ALICE',
      at: now,
      until: now,
      escalatedTo: 'C02ALERTS',
      evidence,
    }),
  }));
  return [
    ...outcomes,
    ...(['ask-then-stop', 'ask-only', 'dry-run'] as const).flatMap((action) => [
      {
        name: `idle prompt ${action}`,
        ...idleMessages.prompt({
          ...base,
          episodeId: 'e1',
          audience: 'owner',
          ownerId: 'U02ALICE',
          claimedBy: null,
          action,
          evidence,
          deadlineAt: now,
          keepMorningAt: now,
        }),
      },
      {
        name: `reminder ${action}`,
        ...idleMessages.reminder({ ...base, ownerId: null, action, deadlineAt: now }),
      },
    ]),
    { name: 'stop failed', ...idleMessages.stopFailed({ ...base, detail: NASTY, deadlineAt: now }) },
    { name: 'dry run', ...idleMessages.dryRunNote({ ...base, ownerId: null, evidence }) },
    {
      name: 'escalation',
      ...idleMessages.escalation({ ...base, ownerId: 'U02ALICE', evidence, openedAt: now }),
    },
    {
      name: 'unexpected stop',
      ...idleMessages.unexpectedStop({
        ...base,
        ownerId: null,
        status: '<EXITED>',
        lastSeenRunningAt: now,
        noticedAt: now,
        costPerHr: 1,
      }),
    },
    {
      name: '/pod idle',
      ...idleListReply({
        pods: [
          {
            podId: 'abc123',
            podName: NAME,
            ownerId: null,
            idleSince: now,
            idleMs: MIN,
            idleUsd: 1,
            costPerHr: 1,
            gpuCount: 1,
            episode: { state: 'open', action: 'ask-then-stop', deadlineAt: now, audience: 'owner' },
            keptUntil: null,
            exempt: false,
          },
        ],
        rule: evidence.rule,
        timeZone: 'UTC',
        now,
      } as Parameters<typeof idleListReply>[0]),
    },
    {
      name: 'keep',
      ...keepReply({
        actor: 'U02ALICE',
        outcome: { pod: candidate, until: now, requestedUntil: now, capped: true, timeZone: 'UTC' },
        reason: NASTY,
        maxKeepMs: MIN,
        now,
      }),
    },
    { name: 'exempt', ...exemptReply({ actor: 'U01ADA', pod: candidate, exempt: true }) },
    { name: 'unexempt', ...exemptReply({ actor: 'U01ADA', pod: candidate, exempt: false }) },
  ];
}

function podOutputs(): Output[] {
  const listView = {
    pods: [
      { pod: running, ownerId: 'U02ALICE' },
      { pod: stopped, ownerId: null },
    ],
    filter: { kind: 'all' as const },
    accountTotal: 2,
    actable: new Set(['abc123', 'def456']) as ReadonlySet<string>,
    at: now,
  };
  return [
    ...ROLES.flatMap((role) => [
      { name: `help ${role}`, ...buildHelp(role) },
      { name: `help card ${role}`, ...buildHelpCard(role) },
      { name: `home ${role}`, ...buildHomeView(listView, 'U02ALICE', role) },
      { name: `home ${role}, owning nothing`, ...buildHomeView(listView, 'U09NOBODY', role) },
    ]),
    { name: 'home error', ...buildHomeError(errorText({ kind: 'runpod_unavailable', detail: NASTY })) },
    { name: 'list', ...buildPodList(listView) },
    { name: 'list, filtered, empty', ...buildPodList({ ...listView, pods: [], filter: { kind: 'mine' } }) },
    {
      name: 'status',
      ...buildPodStatus(
        {
          pod: running,
          ownerId: 'U02ALICE',
          utilization: { bucketMs: MIN, values: [1, null] },
          lastAction: audit({}),
          mayAct: true,
          at: now,
        },
        'Europe/Berlin',
      ),
    },
    {
      name: 'history',
      ...buildHistory(
        {
          pod: candidate,
          gone: true,
          entries: [
            audit({}),
            audit({ outcome: 'refused', detail: 'refused: <not> the owner & more' }),
            audit({
              action: 'idle_prompt',
              detail: `asked the owner (U02ALICE); deadline ${now.toISOString()} (ask-only)`,
            }),
            audit({ action: 'deploy', detail: 'RunPod: pod x created (1× A<100>, spot)' }),
          ],
        },
        'UTC',
        now,
      ),
    },
    ...[true, false].map((first) => ({
      name: `stop reply ${first}`,
      ...buildStopReply(
        {
          pod: stopped,
          confirmed: first,
          ownerId: null,
          reason: NASTY,
          recoveredFrom: NASTY,
          firstStopByActor: first,
        },
        'U02ALICE',
      ),
    })),
    {
      name: 'resume reply',
      ...buildResumeReply(
        {
          pod: running,
          confirmed: true,
          ownerId: null,
          gpuCount: 0,
          zeroGpu: true,
          bidPerGpu: 0.5,
          recoveredFrom: NASTY,
        },
        'U02ALICE',
      ),
    },
    {
      name: 'claim',
      ...buildClaimReply(
        { pod: candidate, ownerId: 'U02ALICE', previousOwnerId: null, unchanged: false },
        'U02ALICE',
      ),
    },
    {
      name: 'assign',
      ...buildAssignReply(
        { pod: candidate, ownerId: 'U03BOB', previousOwnerId: 'U02ALICE', unchanged: false },
        'U01ADA',
      ),
    },
    {
      name: 'terminate',
      ...buildTerminateReply({ pod: candidate, ownerId: null, recoveredFrom: NASTY }, 'U01ADA'),
    },
    {
      name: 'deploy',
      ...buildDeployReply(
        { pod: running, ownerId: 'U02ALICE', pricePerHour: 1, recoveredFrom: NASTY },
        'U02ALICE',
      ),
    },
    {
      name: 'subscribed',
      ...buildSubscribedReply(
        {
          channel: 'C01GPU',
          hour: 9,
          minute: 0,
          timeZone: 'Europe/Berlin',
          subscribedBy: 'U02ALICE',
        } as Parameters<typeof buildSubscribedReply>[0],
        now,
        now,
      ),
    },
    { name: 'unsubscribed', ...buildUnsubscribedReply('U02ALICE', false) },
    { name: 'assign modal', ...buildAssignModal(candidate) },
    {
      name: 'notice modal',
      ...buildNoticeModal('Terminate pod', errorText({ kind: 'unexpected', reference: 'r' })),
    },
    {
      name: 'terminate modal',
      ...buildTerminateModal(
        { pod: candidate, ownerId: 'U02ALICE', status: 'EXITED', costPerHr: 1, volumeInGb: 5 },
        'C1',
      ),
    },
    {
      name: 'deploy modal',
      ...buildDeployModal(
        {
          gpuTypes: createFakeGateway([]).gpuTypes.map((g) => ({
            ...g,
            displayName: `${g.displayName} <&>`,
          })),
          cpuTypes: [],
          templates: [],
          networkVolumes: [],
          secretNames: null,
          maxPerHourForMembers: 2,
          fetchedAt: now,
        },
        'C1',
      ),
    },
  ];
}

const parseErrors = (): Output[] =>
  [
    'stop',
    'status',
    'resume',
    'resume x two',
    'assign sdxl',
    'assign sdxl bob',
    'keep llama',
    'keep llama forever',
    'list <everything>',
    'list @bob',
    'cost decade',
    'digest',
    'digest here 9am',
    'deploy big',
    'frobnicate <&>',
  ].map((text) => {
    const parsed = parseCommand(text);
    return { name: `/pod ${text}`, text: parsed.ok ? '' : parsed.error.message };
  });

const errorOutputs = (): Output[] =>
  ERRORS.map((error) => ({ name: `error ${error.kind}`, text: errorText(error, { ref: NAME }) }));

describe('mrkdwn escaping across every builder', () => {
  const outputs = [...podOutputs(), ...idleOutputs(), ...costOutputs(), ...parseErrors(), ...errorOutputs()];

  it('covers every kind of output', () => {
    expect(outputs.length).toBeGreaterThan(70);
  });

  it.each(outputs.map((output) => [output.name, output] as const))('%s', (_name, output) => {
    const pieces = [output.text ?? '', mrkdwnOf(output.blocks ?? [])];
    const found = pieces.flatMap(unescapedMrkdwn);
    expect(found).toEqual([]);
  });
});
