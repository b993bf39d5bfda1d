import type { MemoryKind } from '../../domain/memory-pressure.js';
import type { OutgoingMessage } from '../ports.js';

/** The warning about a pod close to out-of-memory, as plain values; slack/blocks/memory-warning.ts draws it. */
export type MemoryWarningView = {
  podId: string;
  podName: string;
  ownerId: string | null;
  audience: 'owner' | 'channel';
  which: MemoryKind;
  pct: number;
  highSince: Date;
  now: Date;
  gpuPercent: number | null;
  containerPercent: number | null;
  /** The last hour, one value per sample (null where unknown): the fullest GPU, and the container. */
  gpuSeries: (number | null)[];
  containerSeries: (number | null)[];
  timeZone: string;
};

export type MemoryMessages = { warning(view: MemoryWarningView): OutgoingMessage };
