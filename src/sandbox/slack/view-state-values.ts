/**
 * Builds a view_submission's `state.values` from what a person entered, keyed the way Slack keys
 * it: `{ [block_id]: { [action_id]: { type, value | selected_option | … } } }`. Every input block
 * of the view appears, filled or not.
 */
import type { Block } from './stand-in-state.js';

/** What was entered, by action_id (or block_id): text, an option's value or label, or several. */
export type EnteredValue = string | number | readonly string[] | null;

export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

export type StateBuild = { values: StateValues; missing: Record<string, string> };

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

function optionsOf(element: Record<string, unknown>): Record<string, unknown>[] {
  const direct = Array.isArray(element.options) ? element.options : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.flatMap((group) => {
        const options = asRecord(group)?.options;
        return Array.isArray(options) ? options : [];
      })
    : [];
  return [...direct, ...grouped].flatMap((option) => {
    const record = asRecord(option);
    return record ? [record] : [];
  });
}

function findOption(
  element: Record<string, unknown>,
  wanted: string,
  where: string,
): Record<string, unknown> {
  const lowered = wanted.trim().toLowerCase();
  const options = optionsOf(element);
  const option =
    options.find((o) => o.value === wanted) ??
    options.find((o) => String(asRecord(o.text)?.text ?? '').toLowerCase() === lowered) ??
    options.find((o) =>
      String(asRecord(o.text)?.text ?? '')
        .toLowerCase()
        .startsWith(lowered),
    );
  if (!option) {
    const known = options.map((o) => String(o.value)).join(', ');
    throw new Error(`${where}: no option "${wanted}" (options: ${known})`);
  }
  return option;
}

function list(entered: EnteredValue): string[] {
  if (entered === null) return [];
  return Array.isArray(entered) ? [...entered] : [String(entered)];
}

function first(entered: EnteredValue): string | null {
  return list(entered)[0] ?? null;
}

function elementState(
  element: Record<string, unknown>,
  entered: EnteredValue,
  where: string,
): Record<string, unknown> {
  const type = String(element.type);
  const one = first(entered);
  switch (type) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: one === null ? null : findOption(element, one, where) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type, selected_options: list(entered).map((value) => findOption(element, value, where)) };
    case 'users_select':
      return { type, selected_user: one };
    case 'multi_users_select':
      return { type, selected_users: list(entered) };
    case 'conversations_select':
      return { type, selected_conversation: one };
    case 'channels_select':
      return { type, selected_channel: one };
    case 'datepicker':
      return { type, selected_date: one };
    case 'timepicker':
      return { type, selected_time: one };
    case 'datetimepicker':
      return { type, selected_date_time: one === null ? null : Number(one) };
    default:
      return { type, value: one };
  }
}

function isEmpty(entered: EnteredValue): boolean {
  return list(entered).every((value) => value.trim() === '');
}

/**
 * `values` may name an input by its action_id or its block_id. A name that matches no input is a
 * mistake in the caller and throws; a required input left empty is reported in `missing` (Slack's
 * client refuses to submit then).
 */
export function buildStateValues(
  blocks: readonly Block[],
  values: Readonly<Record<string, EnteredValue>>,
): StateBuild {
  const state: StateValues = {};
  const missing: Record<string, string> = {};
  const used = new Set<string>();
  for (const block of blocks) {
    const element = asRecord(block.element);
    if (block.type !== 'input' || !element) continue;
    const blockId = String(block.block_id);
    const actionId = String(element.action_id);
    const key = actionId in values ? actionId : blockId in values ? blockId : null;
    if (key) used.add(key);
    const entered: EnteredValue = key ? (values[key] ?? null) : null;
    if (block.optional !== true && isEmpty(entered)) missing[blockId] = 'Please fill out this field.';
    const normalized = isEmpty(entered) ? null : entered;
    state[blockId] = { [actionId]: elementState(element, normalized, `input ${actionId}`) };
  }
  const unknown = Object.keys(values).filter((key) => !used.has(key));
  if (unknown.length > 0) {
    throw new Error(`the view has no input named ${unknown.join(', ')}`);
  }
  return { values: state, missing };
}
