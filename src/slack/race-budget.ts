/**
 * Waits for `work` at most `budgetMs`. Used where Slack gives 3 s to use a trigger_id: if RunPod
 * answers quickly the modal opens with the answer; if not, a "Loading…" modal opens in time and
 * is filled in later. The work itself keeps running either way and must still be awaited.
 */
export async function raceBudget<T>(
  work: Promise<T>,
  budgetMs: number,
): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), budgetMs);
  });
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long a handler waits for RunPod before opening a "Loading…" modal instead. */
export const MODAL_DATA_BUDGET_MS = 1_200;
