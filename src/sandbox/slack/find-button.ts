/** Finds a button on a surface the way a person does: by its visible label (or its action_id). */
import type { Block } from './stand-in-state.js';

export type ButtonQuery = { actionId?: string; label?: string; value?: string; blockId?: string };

export type FoundButton = { blockId: string; element: Record<string, unknown> };

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

/** Every button in the blocks, in reading order (actions blocks and section accessories). */
export function listButtons(blocks: readonly Block[]): FoundButton[] {
  const found: FoundButton[] = [];
  for (const block of blocks) {
    const blockId = typeof block.block_id === 'string' ? block.block_id : '';
    const candidates =
      block.type === 'actions' && Array.isArray(block.elements) ? block.elements : [block.accessory];
    for (const candidate of candidates) {
      const element = asRecord(candidate);
      if (element?.type === 'button') found.push({ blockId, element });
    }
  }
  return found;
}

export function buttonLabel(element: Record<string, unknown>): string {
  const text = asRecord(element.text)?.text;
  return typeof text === 'string' ? text : '';
}

function matches(button: FoundButton, query: ButtonQuery): boolean {
  const { element } = button;
  if (query.actionId !== undefined && element.action_id !== query.actionId) return false;
  if (query.blockId !== undefined && button.blockId !== query.blockId) return false;
  if (query.value !== undefined && element.value !== query.value) return false;
  if (query.label !== undefined) {
    const label = buttonLabel(element).trim().toLowerCase();
    if (!label.startsWith(query.label.trim().toLowerCase())) return false;
  }
  return true;
}

/** The first button matching every given criterion, or null. */
export function findButton(blocks: readonly Block[], query: ButtonQuery): FoundButton | null {
  return listButtons(blocks).find((button) => matches(button, query)) ?? null;
}
