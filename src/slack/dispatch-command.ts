import type { PodCommand } from './command.js';
import { handleAssign } from './commands/assign.js';
import { handleAutoresume } from './commands/autoresume.js';
import { handleClaim } from './commands/claim.js';
import { handleConnect } from './commands/connect.js';
import { handleCost } from './commands/cost.js';
import { handleDeploy } from './commands/deploy.js';
import { handleDigest } from './commands/digest.js';
import { handleExempt } from './commands/exempt.js';
import { handleHelp } from './commands/help.js';
import { handleHistory } from './commands/history.js';
import { handleIdle } from './commands/idle.js';
import { handleKeep } from './commands/keep.js';
import { handleList } from './commands/list.js';
import { handleLogs } from './commands/logs.js';
import { handleResume } from './commands/resume.js';
import { handleStatus } from './commands/status.js';
import { handleStop } from './commands/stop.js';
import { handleTerminate } from './commands/terminate.js';
import type { CommandContext } from './context.js';

/** The route table of `/pod`: one handler per subcommand. */
export async function dispatchCommand(ctx: CommandContext, command: PodCommand): Promise<void> {
  switch (command.name) {
    case 'help':
      return handleHelp(ctx, command);
    case 'list':
      return handleList(ctx, command);
    case 'status':
      return handleStatus(ctx, command);
    case 'stop':
      return handleStop(ctx, command);
    case 'resume':
      return handleResume(ctx, command);
    case 'terminate':
      return handleTerminate(ctx, command);
    case 'deploy':
      return handleDeploy(ctx, command);
    case 'claim':
      return handleClaim(ctx, command);
    case 'assign':
      return handleAssign(ctx, command);
    case 'keep':
      return handleKeep(ctx, command);
    case 'exempt':
    case 'unexempt':
      return handleExempt(ctx, command);
    case 'idle':
      return handleIdle(ctx, command);
    case 'cost':
      return handleCost(ctx, command);
    case 'history':
      return handleHistory(ctx, command);
    case 'digest_here':
    case 'digest_off':
    case 'digest_now':
      return handleDigest(ctx, command);
    case 'connect':
      return handleConnect(ctx, command);
    case 'logs':
      return handleLogs(ctx, command);
    case 'autoresume':
      return handleAutoresume(ctx, command);
  }
}
