/**
 * The page's browser script, third part: the open modal, its inputs, and the values it submits.
 * Plain JavaScript with no build step; it must contain no backtick and no dollar-brace (String.raw).
 */
// biome-ignore lint/complexity/noUselessStringRaw: like the other parts, any escape must reach the browser as written
export const modalScript = String.raw`// ---------- modal ----------

function inputControl(b, errors) {
  const el = b.element || {};
  const name = esc(el.action_id || '');
  const ph = el.placeholder ? ' placeholder="' + esc(plain(el.placeholder)) + '"' : '';
  let control = '';
  switch (el.type) {
    case 'plain_text_input':
      control = el.multiline
        ? '<textarea name="' + name + '" rows="4"' + ph + '>' + esc(el.initial_value || '') + '</textarea>'
        : '<input type="text" name="' + name + '" value="' + esc(el.initial_value || '') + '"' + ph + '>';
      break;
    case 'number_input':
      control = '<input type="number" name="' + name + '" step="' + (el.is_decimal_allowed ? 'any' : '1') + '"' +
        (el.min_value !== undefined ? ' min="' + esc(el.min_value) + '"' : '') +
        (el.max_value !== undefined ? ' max="' + esc(el.max_value) + '"' : '') +
        ' value="' + esc(el.initial_value || '') + '"' + ph + '>';
      break;
    case 'email_text_input':
    case 'url_text_input':
      control = '<input type="' + (el.type === 'email_text_input' ? 'email' : 'url') + '" name="' + name + '" value="' + esc(el.initial_value || '') + '"' + ph + '>';
      break;
    case 'static_select':
    case 'multi_static_select': {
      const initial = [].concat(el.initial_option ? [el.initial_option.value] : [], (el.initial_options || []).map((o) => o.value));
      const option = (o) => '<option value="' + esc(o.value) + '"' + (initial.includes(o.value) ? ' selected' : '') + '>' + esc(plain(o.text)) + '</option>';
      const groups = (el.option_groups || []).map((g) => '<optgroup label="' + esc(plain(g.label)) + '">' + (g.options || []).map(option).join('') + '</optgroup>').join('');
      const multiple = el.type === 'multi_static_select' ? ' multiple' : '';
      control = '<select name="' + name + '"' + multiple + '>' + (multiple ? '' : '<option value="">' + esc(plain(el.placeholder) || 'Choose…') + '</option>') +
        (el.options || []).map(option).join('') + groups + '</select>';
      break;
    }
    case 'radio_buttons':
    case 'checkboxes': {
      const kind = el.type === 'radio_buttons' ? 'radio' : 'checkbox';
      const initial = [].concat(el.initial_option ? [el.initial_option.value] : [], (el.initial_options || []).map((o) => o.value));
      control = '<div class="choices">' + (el.options || []).map((o) =>
        '<label><input type="' + kind + '" name="' + name + '" value="' + esc(o.value) + '"' + (initial.includes(o.value) ? ' checked' : '') + '> ' + textObject(o.text) + '</label>').join('') + '</div>';
      break;
    }
    case 'users_select':
    case 'conversations_select':
    case 'channels_select': {
      const items = el.type === 'users_select'
        ? page.data.users.map((u) => [u.id, u.realName])
        : page.data.conversations.filter((c) => c.kind === 'channel').map((c) => [c.id, '#' + c.label]);
      const initial = el.initial_user || el.initial_conversation || el.initial_channel || '';
      control = '<select name="' + name + '"><option value="">' + esc(plain(el.placeholder) || 'Choose…') + '</option>' +
        items.map((i) => '<option value="' + esc(i[0]) + '"' + (i[0] === initial ? ' selected' : '') + '>' + esc(i[1]) + '</option>').join('') + '</select>';
      break;
    }
    case 'datepicker':
      control = '<input type="date" name="' + name + '" value="' + esc(el.initial_date || '') + '">';
      break;
    case 'timepicker':
      control = '<input type="time" name="' + name + '" value="' + esc(el.initial_time || '') + '">';
      break;
    default:
      control = '<input type="text" name="' + name + '"' + ph + '>';
  }
  const error = errors[b.block_id] ? '<div class="field-error" role="alert">' + esc(errors[b.block_id]) + '</div>' : '';
  return '<div class="field' + (error ? ' has-error' : '') + '" data-block-id="' + esc(b.block_id || '') + '">' +
    '<label class="field-label">' + esc(plain(b.label)) + (b.optional ? ' <span class="optional">(optional)</span>' : '') + '</label>' +
    control + (b.hint ? '<div class="hint">' + esc(plain(b.hint)) + '</div>' : '') + error + '</div>';
}

function modalValues(form, view) {
  const values = {};
  for (const b of view.blocks) {
    if (b.type !== 'input' || !b.element) continue;
    const name = b.element.action_id;
    const controls = Array.from(form.querySelectorAll('[name="' + CSS.escape(name) + '"]'));
    const first = controls[0];
    if (!first) continue;
    if (first.type === 'radio') {
      const hit = controls.find((c) => c.checked);
      values[name] = hit ? hit.value : null;
    } else if (first.type === 'checkbox') {
      values[name] = controls.filter((c) => c.checked).map((c) => c.value);
    } else if (first.multiple) {
      values[name] = Array.from(first.selectedOptions).map((o) => o.value);
    } else {
      values[name] = first.value === '' ? null : first.value;
    }
  }
  return values;
}

function restoreValues(form, values) {
  for (const name of Object.keys(values)) {
    const value = values[name];
    const controls = Array.from(form.querySelectorAll('[name="' + CSS.escape(name) + '"]'));
    for (const c of controls) {
      if (c.type === 'radio' || c.type === 'checkbox') c.checked = [].concat(value || []).includes(c.value);
      else if (c.multiple) for (const o of c.options) o.selected = [].concat(value || []).includes(o.value);
      else c.value = value === null ? '' : value;
    }
  }
}

function renderModal() {
  const root = byId('modal-root');
  const modal = page.data.modal;
  if (!modal) {
    if (page.modalKey) root.innerHTML = '';
    page.modalKey = null;
    return;
  }
  const view = modal.view;
  const key = view.id + '|' + view.hash + '|' + JSON.stringify(modal.errors);
  if (key === page.modalKey) return;
  const existing = root.querySelector('form.modal');
  const keep = existing && existing.dataset.viewId === view.id ? modalValues(existing, view) : null;
  page.modalKey = key;
  const body = view.blocks.map((b) => (b.type === 'input' ? inputControl(b, modal.errors) : block(b))).join('');
  const submit = view.submit ? '<button type="submit" class="btn btn-primary">' + esc(plain(view.submit)) + '</button>' : '';
  root.innerHTML =
    '<div class="backdrop"><form class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" data-view-id="' + esc(view.id) + '" data-target="' + esc(JSON.stringify({ viewId: view.id })) + '">' +
    '<header class="modal-head"><h2 id="modal-title">' + esc(plain(view.title)) + '</h2><button type="button" class="modal-x" data-close-modal aria-label="Close">×</button></header>' +
    '<div class="modal-body">' + body + '</div>' +
    '<footer class="modal-foot"><button type="button" class="btn" data-close-modal>' + esc(plain(view.close) || 'Cancel') + '</button>' + submit + '</footer></form></div>';
  const form = root.querySelector('form.modal');
  if (keep) restoreValues(form, keep);
  if (!keep) {
    const first = form.querySelector('input, textarea, select');
    if (first) first.focus();
  }
}

`;
