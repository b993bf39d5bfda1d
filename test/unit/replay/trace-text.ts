/** Builds small traces by hand for tests: each pod is a list of stretches of identical minutes. */
export type Minute = {
  gpus?: number[];
  cpu?: number;
  label: 'busy' | 'idle';
  status?: 'RUNNING' | 'EXITED';
  /** true: no line at this step (a missing sample). */
  missing?: boolean;
};

export type PodScript = {
  id: string;
  owner?: string | null;
  answer?: 'stop' | 'keep' | 'none';
  costPerHr?: number;
  /** [minutes, what each of them looks like]. */
  stretches: [number, Minute][];
};

export const BUSY: Minute = { gpus: [90, 95], cpu: 30, label: 'busy' };
export const IDLE: Minute = { gpus: [0, 0], cpu: 0.5, label: 'idle' };
export const MISSING: Minute = { label: 'idle', missing: true };
export const EXITED: Minute = { gpus: [], cpu: 0, label: 'idle', status: 'EXITED' };

export function traceText(pods: PodScript[], start = '2026-11-02T08:00:00Z'): string {
  const lines: { t: number; text: string }[] = [];
  for (const pod of pods) {
    let t = 0;
    let first = true;
    for (const [minutes, minute] of pod.stretches) {
      for (let i = 0; i < minutes; i++, t++) {
        if (minute.missing) continue;
        const line = {
          t,
          pod: pod.id,
          name: `${pod.id}-name`,
          ...(pod.owner === null ? {} : { owner: pod.owner ?? 'U01ALICE' }),
          status: minute.status ?? 'RUNNING',
          costPerHr: pod.costPerHr ?? 2,
          gpus: minute.gpus ?? [0, 0],
          gpuMem: (minute.gpus ?? []).map(() => 40),
          cpu: minute.cpu ?? 1,
          label: minute.label,
          ...(first && pod.answer ? { answer: pod.answer } : {}),
        };
        first = false;
        lines.push({ t, text: JSON.stringify(line) });
      }
    }
  }
  lines.sort((a, b) => a.t - b.t);
  return [JSON.stringify({ start, step: '60s' }), ...lines.map((l) => l.text)].join('\n');
}
