import { z } from 'zod';
import type { IdleEvidence } from '../../domain/idle-evidence.js';

/** The evidence JSON stored with an episode; read back through this schema, never trusted as is. */
export const IdleEvidenceSchema = z.object({
  rule: z.object({ gpuUtilMax: z.number(), windowMs: z.number(), warmupMs: z.number() }),
  gpuUtil: z.array(z.number()),
  gpuMemPercent: z.number().nullable(),
  cpuPercent: z.number().nullable(),
  memoryPercent: z.number().nullable(),
  uptimeMs: z.number(),
  gpuCount: z.number(),
  costPerHr: z.number(),
  idleSince: z.string(),
  idleMs: z.number(),
  idleUsd: z.number(),
  samples: z.number(),
  windowFrom: z.string(),
  windowTo: z.string(),
}) satisfies z.ZodType<IdleEvidence>;

/** The episode's evidence, or null when the stored text is not what podwarden writes. */
export function parseEpisodeEvidence(json: string): IdleEvidence | null {
  try {
    const parsed = IdleEvidenceSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch (_notJson) {
    // Not JSON at all: the same answer as JSON of the wrong shape.
    return null;
  }
}

/** The evidence of an episode; when the stored text is unreadable, what the episode row itself tells. */
export function episodeEvidence(episode: {
  evidence: string;
  idleSince: Date;
  openedAt: Date;
  costPerHr: number;
}): IdleEvidence {
  const parsed = parseEpisodeEvidence(episode.evidence);
  if (parsed) return parsed;
  const idleMs = Math.max(0, episode.openedAt.getTime() - episode.idleSince.getTime());
  return {
    rule: { gpuUtilMax: 0, windowMs: idleMs, warmupMs: 0 },
    gpuUtil: [],
    gpuMemPercent: null,
    cpuPercent: null,
    memoryPercent: null,
    uptimeMs: idleMs,
    gpuCount: 0,
    costPerHr: episode.costPerHr,
    idleSince: episode.idleSince.toISOString(),
    idleMs,
    idleUsd: Math.round(episode.costPerHr * (idleMs / 3_600_000) * 100) / 100,
    samples: 0,
    windowFrom: episode.idleSince.toISOString(),
    windowTo: episode.openedAt.toISOString(),
  };
}
