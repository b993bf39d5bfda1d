const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * A one-line chart of percentages (0–100): `▁▁▂▇█`. Unknown points (null) show as a thin gap
 * `·` so that missing samples are not mistaken for idle ones.
 */
export function sparkline(values: readonly (number | null)[], max = 100): string {
  return values
    .map((value) => {
      if (value === null || !Number.isFinite(value)) return '·';
      const ratio = Math.min(1, Math.max(0, value / max));
      return BARS[Math.min(BARS.length - 1, Math.floor(ratio * BARS.length))] ?? '▁';
    })
    .join('');
}
