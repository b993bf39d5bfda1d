/**
 * Slack's Block Kit limits, checked the way Slack rejects a payload: every problem becomes an
 * `[ERROR] … [json-pointer:/blocks/0/text/text]` line (the format of Slack's
 * `response_metadata.messages`). Pure: the stand-in runs it on every message and view it gets.
 */
export type BlockKitReport = { errors: string[]; warnings: string[] };

type Surface = 'message' | 'modal' | 'home';

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

const BLOCK_TYPES = new Set([
  'section',
  'header',
  'divider',
  'context',
  'actions',
  'image',
  'input',
  'rich_text',
  'video',
  'file',
  'markdown',
]);

const OPTION_ELEMENTS: Record<string, number> = {
  static_select: 100,
  multi_static_select: 100,
  radio_buttons: 10,
  checkboxes: 10,
  overflow: 5,
};

type Collector = { errors: string[]; fail(message: string, pointer: string): void };

function collector(): Collector {
  const errors: string[] = [];
  return { errors, fail: (message, pointer) => errors.push(`[ERROR] ${message} [json-pointer:${pointer}]`) };
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function maxLength(c: Collector, value: unknown, max: number, pointer: string): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') {
    c.fail('must be a string', pointer);
    return;
  }
  if (value.length > max) c.fail(`must be less than ${max + 1} characters`, pointer);
}

type TextRule = { max: number; plainOnly?: boolean };

function checkText(c: Collector, value: unknown, pointer: string, rule: TextRule): void {
  const text = asRecord(value);
  if (!text) {
    c.fail('must be a text object', pointer);
    return;
  }
  const allowed = rule.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof text.type !== 'string' || !allowed.includes(text.type)) {
    c.fail(`must be one of ${allowed.join(', ')}`, `${pointer}/type`);
  }
  if (typeof text.text !== 'string' || text.text.length === 0) {
    c.fail('must be more than 0 characters', `${pointer}/text`);
    return;
  }
  maxLength(c, text.text, rule.max, `${pointer}/text`);
}

function checkOptionalText(c: Collector, value: unknown, pointer: string, rule: TextRule): void {
  if (value !== undefined && value !== null) checkText(c, value, pointer, rule);
}

function checkConfirm(c: Collector, value: unknown, pointer: string): void {
  const confirm = asRecord(value);
  if (!confirm) return;
  checkText(c, confirm.title, `${pointer}/title`, { max: 100, plainOnly: true });
  checkText(c, confirm.text, `${pointer}/text`, { max: 300 });
  checkText(c, confirm.confirm, `${pointer}/confirm`, { max: 30, plainOnly: true });
  checkText(c, confirm.deny, `${pointer}/deny`, { max: 30, plainOnly: true });
}

function checkOptions(c: Collector, options: unknown, max: number, pointer: string): void {
  if (options === undefined) return;
  if (!Array.isArray(options)) {
    c.fail('must be an array', pointer);
    return;
  }
  if (options.length > max) c.fail(`no more than ${max} items allowed`, pointer);
  options.forEach((item, i) => {
    const option = asRecord(item);
    if (!option) {
      c.fail('must be an option object', `${pointer}/${i}`);
      return;
    }
    checkText(c, option.text, `${pointer}/${i}/text`, { max: 75 });
    if (typeof option.value !== 'string') c.fail('must be a string', `${pointer}/${i}/value`);
    maxLength(c, option.value, 150, `${pointer}/${i}/value`);
  });
}

/** Up to 100 groups, each with a plain_text label (≤ 75) and up to 100 options. */
function checkOptionGroups(c: Collector, groups: unknown, pointer: string): void {
  if (!Array.isArray(groups) || groups.length === 0) {
    c.fail('must provide at least one option group', pointer);
    return;
  }
  if (groups.length > 100) c.fail('no more than 100 items allowed', pointer);
  groups.forEach((item, i) => {
    const group = asRecord(item);
    if (!group) {
      c.fail('must be an option group object', `${pointer}/${i}`);
      return;
    }
    checkText(c, group.label, `${pointer}/${i}/label`, { max: 75, plainOnly: true });
    if (!Array.isArray(group.options) || group.options.length === 0) {
      c.fail('must provide at least one option', `${pointer}/${i}/options`);
      return;
    }
    checkOptions(c, group.options, 100, `${pointer}/${i}/options`);
  });
}

function checkElement(c: Collector, value: unknown, pointer: string, actionIds: Set<string>): void {
  const element = asRecord(value);
  if (!element || typeof element.type !== 'string') {
    c.fail('must be an element with a type', pointer);
    return;
  }
  if (element.type === 'image') {
    maxLength(c, element.image_url, 3000, `${pointer}/image_url`);
    if (typeof element.alt_text !== 'string') c.fail('must provide alt_text', `${pointer}/alt_text`);
    maxLength(c, element.alt_text, 2000, `${pointer}/alt_text`);
    return;
  }
  if (typeof element.action_id === 'string') {
    maxLength(c, element.action_id, 255, `${pointer}/action_id`);
    if (actionIds.has(element.action_id)) {
      c.fail(`action_id ${element.action_id} is not unique in its block`, `${pointer}/action_id`);
    }
    actionIds.add(element.action_id);
  }
  checkOptionalText(c, element.placeholder, `${pointer}/placeholder`, { max: 150, plainOnly: true });
  checkConfirm(c, element.confirm, `${pointer}/confirm`);
  if (element.type === 'button') {
    checkText(c, element.text, `${pointer}/text`, { max: 75, plainOnly: true });
    maxLength(c, element.value, 2000, `${pointer}/value`);
    maxLength(c, element.url, 3000, `${pointer}/url`);
    if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
      c.fail('must be one of primary, danger', `${pointer}/style`);
    }
  }
  const maxOptions = OPTION_ELEMENTS[element.type];
  if (maxOptions !== undefined) checkOptions(c, element.options, maxOptions, `${pointer}/options`);
  if (maxOptions !== undefined && element.option_groups !== undefined) {
    if (element.options !== undefined) c.fail('must provide options or option_groups, not both', pointer);
    checkOptionGroups(c, element.option_groups, `${pointer}/option_groups`);
  }
  if (element.type === 'plain_text_input')
    maxLength(c, element.initial_value, 3000, `${pointer}/initial_value`);
  if (element.type === 'number_input' && typeof element.is_decimal_allowed !== 'boolean') {
    c.fail('must provide is_decimal_allowed', `${pointer}/is_decimal_allowed`);
  }
}

function checkElements(
  c: Collector,
  value: unknown,
  pointer: string,
  max: number,
  each: (element: unknown, pointer: string) => void,
): void {
  if (!Array.isArray(value) || value.length === 0) {
    c.fail('must provide at least one element', pointer);
    return;
  }
  if (value.length > max) c.fail(`no more than ${max} items allowed`, pointer);
  for (const [i, element] of value.entries()) each(element, `${pointer}/${i}`);
}

function checkBlock(c: Collector, block: Record<string, unknown>, pointer: string): void {
  const actionIds = new Set<string>();
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) {
        c.fail('must provide either text or fields', pointer);
      }
      checkOptionalText(c, block.text, `${pointer}/text`, { max: 3000 });
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) c.fail('must be an array', `${pointer}/fields`);
        else {
          if (block.fields.length > 10) c.fail('no more than 10 items allowed', `${pointer}/fields`);
          for (const [i, field] of block.fields.entries()) {
            checkText(c, field, `${pointer}/fields/${i}`, { max: 2000 });
          }
        }
      }
      if (block.accessory !== undefined) checkElement(c, block.accessory, `${pointer}/accessory`, actionIds);
      return;
    }
    case 'header':
      checkText(c, block.text, `${pointer}/text`, { max: 150, plainOnly: true });
      return;
    case 'context':
      checkElements(c, block.elements, `${pointer}/elements`, 10, (element, at) => {
        const type = asRecord(element)?.type;
        if (type === 'image') checkElement(c, element, at, actionIds);
        else checkText(c, element, at, { max: 3000 });
      });
      return;
    case 'actions':
      checkElements(c, block.elements, `${pointer}/elements`, 25, (element, at) =>
        checkElement(c, element, at, actionIds),
      );
      return;
    case 'image':
      if (block.image_url === undefined && block.slack_file === undefined) {
        c.fail('must provide image_url or slack_file', pointer);
      }
      maxLength(c, block.image_url, 3000, `${pointer}/image_url`);
      if (typeof block.alt_text !== 'string') c.fail('must provide alt_text', `${pointer}/alt_text`);
      maxLength(c, block.alt_text, 2000, `${pointer}/alt_text`);
      checkOptionalText(c, block.title, `${pointer}/title`, { max: 2000, plainOnly: true });
      return;
    case 'input':
      checkText(c, block.label, `${pointer}/label`, { max: 2000, plainOnly: true });
      checkOptionalText(c, block.hint, `${pointer}/hint`, { max: 2000, plainOnly: true });
      if (block.element === undefined) c.fail('must provide an element', `${pointer}/element`);
      else checkElement(c, block.element, `${pointer}/element`, actionIds);
      return;
    default:
      return;
  }
}

function checkBlocks(c: Collector, value: unknown, surface: Surface, pointer: string): void {
  if (!Array.isArray(value)) {
    c.fail('must be an array', pointer);
    return;
  }
  const max = MAX_BLOCKS[surface];
  if (value.length > max) c.fail(`no more than ${max} items allowed`, pointer);
  const blockIds = new Set<string>();
  value.forEach((item, i) => {
    const at = `${pointer}/${i}`;
    const block = asRecord(item);
    if (!block || typeof block.type !== 'string') {
      c.fail('must be a block with a type', at);
      return;
    }
    if (!BLOCK_TYPES.has(block.type)) {
      c.fail(`unsupported type: ${block.type}`, `${at}/type`);
      return;
    }
    if (block.block_id !== undefined) {
      maxLength(c, block.block_id, 255, `${at}/block_id`);
      if (typeof block.block_id === 'string') {
        if (blockIds.has(block.block_id))
          c.fail(`block_id ${block.block_id} is not unique`, `${at}/block_id`);
        blockIds.add(block.block_id);
      }
    }
    checkBlock(c, block, at);
  });
}

/** A message's blocks (≤50) and its fallback text: errors reject it, warnings are Slack's nags. */
export function checkMessage(message: { text?: unknown; blocks?: unknown }): BlockKitReport {
  const c = collector();
  const warnings: string[] = [];
  const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
  if (message.blocks !== undefined && message.blocks !== null)
    checkBlocks(c, message.blocks, 'message', '/blocks');
  const text = typeof message.text === 'string' ? message.text.trim() : '';
  if (hasBlocks && text.length === 0) {
    warnings.push('[WARN] missing_text: top-level text is the notification and screen-reader fallback');
  }
  return { errors: c.errors, warnings };
}

/** A modal or Home tab view: title, submit, close, private_metadata, ids and its blocks (≤100). */
export function checkView(value: unknown): BlockKitReport {
  const c = collector();
  const view = asRecord(value);
  if (!view) {
    c.fail('must be a view object', '/view');
    return { errors: c.errors, warnings: [] };
  }
  const surface: Surface | null = view.type === 'modal' ? 'modal' : view.type === 'home' ? 'home' : null;
  if (!surface) {
    c.fail('must be one of modal, home', '/view/type');
    return { errors: c.errors, warnings: [] };
  }
  if (surface === 'modal') {
    checkText(c, view.title, '/view/title', { max: 24, plainOnly: true });
    checkOptionalText(c, view.submit, '/view/submit', { max: 24, plainOnly: true });
    checkOptionalText(c, view.close, '/view/close', { max: 24, plainOnly: true });
    const hasInput =
      Array.isArray(view.blocks) && view.blocks.some((block) => asRecord(block)?.type === 'input');
    if (hasInput && view.submit === undefined) {
      c.fail('must provide submit when the view has input blocks', '/view/submit');
    }
  }
  maxLength(c, view.private_metadata, 3000, '/view/private_metadata');
  maxLength(c, view.callback_id, 255, '/view/callback_id');
  maxLength(c, view.external_id, 255, '/view/external_id');
  checkBlocks(c, view.blocks, surface, '/view/blocks');
  return { errors: c.errors, warnings: [] };
}
