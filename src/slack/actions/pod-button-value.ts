import { z } from 'zod';

/** A Stop/Resume button's value: a RunPod pod id. Untrusted; it only says which pod was meant. */
export const PodButtonValueSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export const STALE_BUTTON_TEXT = 'This button is out of date; run `/pod list` for fresh ones.';
