/** Every action_id and callback_id podwarden puts on a surface. Button values are untrusted. */
export const ActionId = {
  podStop: 'pod_stop',
  podResume: 'pod_resume',
  podAssign: 'pod_assign',
  idleStopNow: 'idle_stop_now',
  idleKeep1h: 'idle_keep_1h',
  idleKeep4h: 'idle_keep_4h',
  idleKeepUntil: 'idle_keep_until',
  idleClaim: 'idle_claim',
  listMore: 'pod_list_more',
  stoppedTerminate: 'stopped_terminate',
  stoppedKeep30d: 'stopped_keep_30d',
  stoppedRemind7d: 'stopped_remind_7d',
  helpMore: 'help_more',
} as const;

export const CallbackId = {
  terminate: 'pod_terminate_confirm',
  deploy: 'pod_deploy',
  assign: 'pod_assign_modal',
} as const;
