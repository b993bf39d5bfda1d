/**
 * Utilization scripts: how a simulated pod's GPUs, CPU and memory behave over the time it has been
 * running. A script is a pure function of the elapsed milliseconds since the pod (re)started, so the
 * same clock always gives the same numbers. Noise comes from a hash of the time, not Math.random.
 */
export type SimGpuUtil = { util: number; mem: number };
export type SimUtil = { gpus: SimGpuUtil[]; cpu: number; mem: number };
export type UtilScript = (elapsedMs: number) => SimUtil;

const MINUTE = 60_000;

/** Deterministic noise in [-1, 1] for a time bucket and a channel. */
export function noise(elapsedMs: number, channel: number, bucketMs = MINUTE): number {
  const bucket = Math.floor(elapsedMs / bucketMs) | 0;
  let x = (Math.imul(bucket, 374_761_393) + Math.imul(channel, 668_265_263)) | 0;
  x = Math.imul(x ^ (x >>> 13), 1_274_126_177);
  x ^= x >>> 16;
  return ((x >>> 0) / 0xffff_ffff) * 2 - 1;
}

const clampPercent = (value: number): number => Math.max(0, Math.min(100, Math.round(value)));

const gpusOf = (count: number, make: (index: number) => SimGpuUtil): SimGpuUtil[] =>
  Array.from({ length: count }, (_, index) => make(index));

/** The same numbers forever. */
export function constantScript(util: SimUtil): UtilScript {
  const copy: SimUtil = { gpus: util.gpus.map((g) => ({ ...g })), cpu: util.cpu, mem: util.mem };
  return () => ({ gpus: copy.gpus.map((g) => ({ ...g })), cpu: copy.cpu, mem: copy.mem });
}

/** Nothing happening: 0 % on every GPU, a little CPU; the model may still sit in GPU memory. */
export function idleScript(options: { gpuCount: number; gpuMem?: number; cpu?: number }): UtilScript {
  return () => ({
    gpus: gpusOf(options.gpuCount, () => ({ util: 0, mem: options.gpuMem ?? 0 })),
    cpu: options.cpu ?? 1,
    mem: 12,
  });
}

/** Steadily busy around `level` %, with a few points of noise. */
export function busyScript(options: { gpuCount: number; level?: number }): UtilScript {
  const level = options.level ?? 92;
  return (elapsed) => ({
    gpus: gpusOf(options.gpuCount, (i) => ({
      util: clampPercent(level + 6 * noise(elapsed, i)),
      mem: clampPercent(78 + 4 * noise(elapsed, i + 50)),
    })),
    cpu: clampPercent(35 + 10 * noise(elapsed, 99)),
    mem: clampPercent(55 + 5 * noise(elapsed, 98)),
  });
}

/**
 * Training: busy, but every `checkpointEveryMs` the GPUs drop to 0 % for `checkpointMs` while the
 * checkpoint is written (CPU and disk busy instead). An idle detector must not stop this pod.
 */
export function trainingScript(options: {
  gpuCount: number;
  checkpointEveryMs: number;
  checkpointMs: number;
}): UtilScript {
  const busy = busyScript({ gpuCount: options.gpuCount, level: 95 });
  return (elapsed) => {
    const intoCycle = elapsed % options.checkpointEveryMs;
    const checkpointing = elapsed > 0 && intoCycle >= options.checkpointEveryMs - options.checkpointMs;
    if (!checkpointing) return busy(elapsed);
    return {
      gpus: gpusOf(options.gpuCount, () => ({ util: 0, mem: 80 })),
      cpu: clampPercent(70 + 10 * noise(elapsed, 97)),
      mem: 60,
    };
  };
}

/**
 * Inference server: near idle, with request bursts. Each `periodMs` window has a burst of
 * `burstMs` at a position that moves with the window.
 */
export function burstyScript(options: { gpuCount: number; periodMs: number; burstMs: number }): UtilScript {
  return (elapsed) => {
    const window = Math.floor(elapsed / options.periodMs);
    const offset = ((noise(window * MINUTE, 7) + 1) / 2) * Math.max(0, options.periodMs - options.burstMs);
    const into = elapsed - window * options.periodMs;
    const bursting = into >= offset && into < offset + options.burstMs;
    return {
      gpus: gpusOf(options.gpuCount, (i) => ({
        util: bursting ? clampPercent(70 + 20 * noise(elapsed, i)) : clampPercent(2 + 2 * noise(elapsed, i)),
        mem: 88,
      })),
      cpu: bursting ? 40 : 4,
      mem: 45,
    };
  };
}

/** Runs `first` until `afterMs`, then `then` (its elapsed time continues from the start). */
export function phasedScript(first: UtilScript, afterMs: number, then: UtilScript): UtilScript {
  return (elapsed) => (elapsed < afterMs ? first(elapsed) : then(elapsed));
}

/** Busy, with GPU memory almost full (96–98 %): a run about to hit out-of-memory. */
export function memoryPressureScript(options: { gpuCount: number; level?: number }): UtilScript {
  const busy = busyScript(options);
  return (elapsed) => {
    const util = busy(elapsed);
    return {
      ...util,
      gpus: util.gpus.map((g, i) => ({ ...g, mem: clampPercent(97 + noise(elapsed, i + 70)) })),
    };
  };
}
