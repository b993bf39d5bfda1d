import type { IdleMessages } from '../../services/idle-service.js';
import {
  idleDryRunMessage,
  idleEscalationMessage,
  idleOutcomeMessage,
  idleReminderMessage,
  idleStopFailedMessage,
} from './idle-notices.js';
import { idlePromptMessage } from './idle-prompt.js';
import { unexpectedStopMessage } from './unexpected-stop.js';

/** How the idle flow looks in Slack: handed to the idle service by the poller and the handlers. */
export const idleMessages: IdleMessages = {
  prompt: idlePromptMessage,
  reminder: idleReminderMessage,
  outcome: idleOutcomeMessage,
  stopFailed: idleStopFailedMessage,
  dryRunNote: idleDryRunMessage,
  escalation: idleEscalationMessage,
  unexpectedStop: unexpectedStopMessage,
};
