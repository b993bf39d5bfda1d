/** The /pod grammar (PRODUCT.md §1) as values. parse-command.ts turns slash text into these. */
export type ListFilter =
  | { kind: 'all' }
  | { kind: 'mine' }
  | { kind: 'user'; userId: string }
  | { kind: 'running' }
  | { kind: 'stopped' };

export type KeepSpec = { kind: 'for'; ms: number } | { kind: 'until'; hour: number; minute: number };

export type CostPeriod = 'today' | 'yesterday' | 'week' | 'month';

export type PodCommand =
  /** `card`: `/pod` alone, the short card; `/pod help` is the whole help. */
  | { name: 'help'; card?: true }
  | { name: 'list'; filter: ListFilter }
  | { name: 'status'; pod: string }
  | { name: 'stop'; pod: string; reason: string | null }
  | { name: 'resume'; pod: string; gpuCount: number | null }
  | { name: 'terminate'; pod: string }
  | { name: 'deploy' }
  | { name: 'claim'; pod: string }
  | { name: 'assign'; pod: string; userId: string }
  | { name: 'keep'; pod: string; keep: KeepSpec; reason: string | null }
  | { name: 'exempt'; pod: string }
  | { name: 'unexempt'; pod: string }
  | { name: 'idle' }
  | { name: 'cost'; period: CostPeriod; userId: string | null }
  | { name: 'history'; pod: string }
  | { name: 'digest_here'; hour: number | null; minute: number | null; timeZone: string | null }
  | { name: 'digest_off' }
  | { name: 'digest_now' }
  | { name: 'connect'; pod: string }
  | { name: 'logs'; pod: string; lines: number | null }
  | { name: 'autoresume'; pod: string; enabled: boolean };

export type CommandName = PodCommand['name'];
