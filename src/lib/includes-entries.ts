/** True when `found` holds every key of `wanted` with the same value (a shallow sub-object test). */
export const includesEntries = (
  found: Readonly<Record<string, unknown>> | null | undefined,
  wanted: Readonly<Record<string, unknown>>,
): boolean => Object.entries(wanted).every(([key, value]) => found?.[key] === value);
