/**
 * The page's browser script, served as /app.js: renders Block Kit as a chat client, sends commands,
 * clicks and modal submissions to the page server, and refreshes on Server-Sent Events. Plain
 * JavaScript with no build step; it must contain no backtick and no dollar-brace (String.raw).
 */
export const pageScript = String.raw`// podwarden sandbox page: a small chat client over the local Slack stand-in. No framework, no build.
'use strict';

const BT = '\x60';
const FENCE = BT + BT + BT;
const EMOJI = {
  warning: '⚠️', white_check_mark: '✅', heavy_check_mark: '✔️', x: '❌', zzz: '💤', moneybag: '💰',
  money_with_wings: '💸', hourglass: '⌛', hourglass_flowing_sand: '⏳', stopwatch: '⏱️', alarm_clock: '⏰',
  red_circle: '🔴', large_green_circle: '🟢', green_circle: '🟢', yellow_circle: '🟡', white_circle: '⚪',
  black_circle: '⚫', large_blue_circle: '🔵', stop_sign: '🛑', octagonal_sign: '🛑', rocket: '🚀',
  fire: '🔥', chart_with_upwards_trend: '📈', chart_with_downwards_trend: '📉', bar_chart: '📊',
  information_source: 'ℹ️', bulb: '💡', lock: '🔒', unlock: '🔓', bell: '🔔', no_bell: '🔕',
  pause_button: '⏸️', arrow_forward: '▶️', double_vertical_bar: '⏸️', recycle: '♻️', wastebasket: '🗑️',
  calendar: '📅', clock9: '🕘', robot_face: '🤖', computer: '💻', desktop_computer: '🖥️', gear: '⚙️',
  wave: '👋', eyes: '👀', thumbsup: '👍', '+1': '👍', tada: '🎉', sparkles: '✨', snowflake: '❄️',
  battery: '🔋', electric_plug: '🔌', shield: '🛡️', ledger: '📒', memo: '📝', mag: '🔍', link: '🔗',
  dollar: '💵', chart: '💹', sleeping: '😴', construction: '🚧', question: '❓', exclamation: '❗',
};

const page = {
  me: null,
  data: null,
  active: null,
  showHome: false,
  seen: {},
  modalKey: null,
  history: [],
  historyAt: -1,
  refreshTimer: null,
  loading: false,
  again: false,
};

const byId = (id) => document.getElementById(id);

function esc(value) {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Slack text already escapes & < > as entities; keep those, escape the rest for HTML.
function slackText(value) {
  return String(value)
    .replace(/&(?!amp;|lt;|gt;|quot;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function emojify(html) {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] || whole);
}

function userName(id) {
  const data = page.data;
  if (!data) return id;
  if (id === data.bot.userId) return data.bot.name;
  const user = data.users.find((u) => u.id === id);
  return user ? user.realName : id;
}

function channelName(id) {
  const conversation = page.data && page.data.conversations.find((c) => c.id === id);
  return conversation ? conversation.label : id;
}

function control(inner) {
  const bar = inner.indexOf('|');
  const head = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? inner.slice(bar + 1) : '';
  if (head.startsWith('@U') || head.startsWith('@W')) {
    const id = head.slice(1);
    const mine = page.me && id === page.me ? ' mention-me' : '';
    return '<span class="mention' + mine + '">@' + esc(userName(id)) + '</span>';
  }
  if (head.startsWith('#C')) return '<span class="mention">#' + slackText(label || channelName(head.slice(1))) + '</span>';
  if (head.startsWith('!subteam^')) return '<span class="mention">@' + slackText(label || 'team') + '</span>';
  if (head.startsWith('!date^')) return slackText(label || head);
  if (head.startsWith('!')) return '<span class="mention mention-me">@' + esc(head.slice(1)) + '</span>';
  if (/^(https?:|mailto:)/.test(head)) {
    return '<a href="' + esc(head) + '" target="_blank" rel="noopener noreferrer">' + slackText(label || head) + '</a>';
  }
  return slackText('<' + inner + '>');
}

function styleText(part) {
  const tokens = [];
  const hold = (html) => {
    tokens.push(html);
    return '\u0000' + (tokens.length - 1) + '\u0000';
  };
  let text = part.replace(/<([^<>\n]+)>/g, (whole, inner) => hold(control(inner)));
  text = slackText(text);
  text = text.replace(/(^|[^\w*])\*(?!\s)([^*\n]+?)\*(?!\w)/g, '$1<strong>$2</strong>');
  text = text.replace(/(^|[^\w_])_(?!\s)([^_\n]+?)_(?!\w)/g, '$1<em>$2</em>');
  text = text.replace(/(^|[^\w~])~(?!\s)([^~\n]+?)~(?!\w)/g, '$1<del>$2</del>');
  text = emojify(text);
  return text.replace(/\u0000(\d+)\u0000/g, (whole, i) => tokens[Number(i)]);
}

function inline(part) {
  const pieces = part.split(new RegExp(BT + '([^' + BT + '\\n]+)' + BT));
  return pieces.map((piece, i) => (i % 2 === 1 ? '<code>' + slackText(piece) + '</code>' : styleText(piece))).join('');
}

function quoteLines(html) {
  const lines = html.split('\n');
  const out = [];
  let quote = [];
  const flush = () => {
    if (quote.length) out.push('<blockquote>' + quote.join('<br>') + '</blockquote>');
    quote = [];
  };
  for (const line of lines) {
    if (line.startsWith('&gt; ') || line === '&gt;') quote.push(line.replace(/^&gt; ?/, ''));
    else {
      flush();
      out.push(line + '\n');
    }
  }
  flush();
  return out.join('').replace(/\n$/, '').replace(/\n/g, '<br>');
}

function mrkdwn(text) {
  const parts = String(text || '').split(FENCE);
  return parts
    .map((part, i) => {
      if (i % 2 === 1 && i < parts.length - 1) return '<pre>' + slackText(part.replace(/^\n/, '')) + '</pre>';
      const open = i % 2 === 1 ? FENCE : '';
      return quoteLines(inline(open + part));
    })
    .join('');
}

function textObject(t) {
  if (!t) return '';
  return t.type === 'mrkdwn' ? mrkdwn(t.text) : emojify(esc(t.text)).replace(/\n/g, '<br>');
}

function plain(t) {
  return t && typeof t.text === 'string' ? t.text : '';
}

// ---------- Block Kit ----------

function button(el, blockId) {
  const style = el.style === 'primary' ? ' btn-primary' : el.style === 'danger' ? ' btn-danger' : '';
  const attrs =
    ' data-action-id="' + esc(el.action_id || '') + '" data-block-id="' + esc(blockId || '') + '"' +
    (el.value !== undefined ? ' data-value="' + esc(el.value) + '"' : '') +
    (el.url ? ' data-url="' + esc(el.url) + '"' : '') +
    (el.confirm ? ' data-confirm="' + esc(JSON.stringify(el.confirm)) + '"' : '');
  return '<button type="button" class="btn' + style + '"' + attrs + '>' + emojify(esc(plain(el.text))) + '</button>';
}

function element(el, blockId) {
  if (!el) return '';
  if (el.type === 'button') return button(el, blockId);
  if (el.type === 'image') return '<img class="thumb" src="' + esc(el.image_url || '') + '" alt="' + esc(el.alt_text || '') + '">';
  if (el.type === 'static_select' || el.type === 'overflow') {
    const options = (el.options || []).map((o) => '<option>' + esc(plain(o.text)) + '</option>').join('');
    const placeholder = el.type === 'overflow' ? '⋯' : esc(plain(el.placeholder) || 'Select…');
    return '<select class="select" disabled title="Menus in messages are not simulated"><option>' + placeholder + '</option>' + options + '</select>';
  }
  return '<span class="muted">[' + esc(el.type) + ']</span>';
}

function richText(block) {
  const run = (items) =>
    (items || [])
      .map((item) => {
        if (item.type === 'text') {
          let html = slackText(item.text).replace(/\n/g, '<br>');
          const s = item.style || {};
          if (s.code) html = '<code>' + html + '</code>';
          if (s.bold) html = '<strong>' + html + '</strong>';
          if (s.italic) html = '<em>' + html + '</em>';
          if (s.strike) html = '<del>' + html + '</del>';
          return html;
        }
        if (item.type === 'link') return control(item.url + (item.text ? '|' + item.text : ''));
        if (item.type === 'user') return control('@' + item.user_id);
        if (item.type === 'channel') return control('#' + item.channel_id);
        if (item.type === 'emoji') return EMOJI[item.name] || ':' + esc(item.name) + ':';
        return '';
      })
      .join('');
  return (block.elements || [])
    .map((section) => {
      if (section.type === 'rich_text_preformatted') return '<pre>' + run(section.elements) + '</pre>';
      if (section.type === 'rich_text_quote') return '<blockquote>' + run(section.elements) + '</blockquote>';
      if (section.type === 'rich_text_list') {
        const tag = section.style === 'ordered' ? 'ol' : 'ul';
        return '<' + tag + '>' + (section.elements || []).map((li) => '<li>' + run(li.elements) + '</li>').join('') + '</' + tag + '>';
      }
      return '<div>' + run(section.elements) + '</div>';
    })
    .join('');
}

function block(b) {
  const id = b.block_id || '';
  switch (b.type) {
    case 'header':
      return '<div class="b-header">' + emojify(esc(plain(b.text))) + '</div>';
    case 'divider':
      return '<hr class="b-divider">';
    case 'section': {
      const fields = b.fields
        ? '<div class="b-fields">' + b.fields.map((f) => '<div class="b-field">' + textObject(f) + '</div>').join('') + '</div>'
        : '';
      const accessory = b.accessory ? '<div class="b-accessory">' + element(b.accessory, id) + '</div>' : '';
      return '<div class="b-section"><div class="b-section-body">' + (b.text ? '<div class="b-text">' + textObject(b.text) + '</div>' : '') + fields + '</div>' + accessory + '</div>';
    }
    case 'context':
      return '<div class="b-context">' + (b.elements || []).map((el) =>
        el.type === 'image'
          ? '<img class="b-context-img" src="' + esc(el.image_url || '') + '" alt="' + esc(el.alt_text || '') + '">'
          : '<span>' + textObject(el) + '</span>').join('') + '</div>';
    case 'actions':
      return '<div class="b-actions">' + (b.elements || []).map((el) => element(el, id)).join('') + '</div>';
    case 'image':
      return '<figure class="b-image">' + (b.title ? '<figcaption>' + esc(plain(b.title)) + '</figcaption>' : '') +
        '<img src="' + esc(b.image_url || '') + '" alt="' + esc(b.alt_text || '') + '"></figure>';
    case 'rich_text':
      return '<div class="b-rich">' + richText(b) + '</div>';
    case 'markdown':
      return '<div class="b-text">' + mrkdwn(b.text || '') + '</div>';
    default:
      return '<div class="muted">[' + esc(b.type) + ' block]</div>';
  }
}

function blocks(list) {
  return (list || []).map(block).join('');
}

// ---------- timeline ----------

const COLORS = ['#e8912d', '#2bac76', '#1d9bd1', '#e01e5a', '#6b4fbb', '#3aa3e3', '#d9480f'];

function avatar(author) {
  if (author.id === 'USLACKBOT') return '<div class="avatar avatar-slackbot" aria-hidden="true">S</div>';
  if (author.isBot) return '<div class="avatar avatar-bot" aria-hidden="true">P</div>';
  let hash = 0;
  for (const ch of author.id) hash = (hash * 31 + ch.charCodeAt(0)) % 997;
  return '<div class="avatar" style="background:' + COLORS[hash % COLORS.length] + '" aria-hidden="true">' + esc(author.name.slice(0, 1)) + '</div>';
}

function timeOf(ts) {
  const at = new Date(Number(ts) * 1000);
  const tz = currentUser() ? currentUser().tz : 'UTC';
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: tz }).format(at);
  const full = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: tz }).format(at);
  return '<time title="' + esc(full + ' (' + tz + ')') + '">' + esc(time) + '</time>';
}

function dayOf(ts) {
  const tz = currentUser() ? currentUser().tz : 'UTC';
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: tz }).format(new Date(Number(ts) * 1000));
}

function files(list) {
  return (list || []).map((f) =>
    f.mimetype.startsWith('image/')
      ? '<figure class="file-image"><figcaption>' + esc(f.title || f.name) + '</figcaption><a href="' + esc(f.url) + '" target="_blank" rel="noopener"><img src="' + esc(f.url) + '" alt="' + esc(f.title || f.name) + '"></a></figure>'
      : '<a class="file" href="' + esc(f.url) + '" target="_blank" rel="noopener">📎 ' + esc(f.title || f.name) + '</a>').join('');
}

function entry(e, conversationId, isReply) {
  if (e.kind === 'invocation') {
    return '<div class="invocation">You ran <code>' + esc(e.text) + '</code> ' + timeOf(e.ts) + ' <span class="only-you">· only visible to you</span></div>';
  }
  const target = e.kind === 'ephemeral'
    ? { channel: conversationId, ephemeralId: e.ts }
    : { channel: conversationId, messageTs: e.ts };
  const edited = e.edited ? '<span class="edited">(edited)</span>' : '';
  const body = e.blocks && e.blocks.length
    ? blocks(e.blocks) + edited
    : '<div class="b-text">' + mrkdwn(e.text) + edited + '</div>';
  const replies = e.replies && e.replies.length
    ? '<div class="thread"><div class="thread-count">' + e.replies.length + (e.replies.length === 1 ? ' reply' : ' replies') + '</div>' +
      e.replies.map((r) => entry(r, conversationId, true)).join('') + '</div>'
    : '';
  return '<article class="msg' + (e.private ? ' msg-private' : '') + (isReply ? ' msg-reply' : '') + '" data-target="' + esc(JSON.stringify(target)) + '">' +
    avatar(e.author) +
    '<div class="msg-main"><div class="msg-head"><span class="author">' + esc(e.author.name) + '</span>' +
    (e.author.isBot && e.author.id !== 'USLACKBOT' ? '<span class="app-tag">APP</span>' : '') + timeOf(e.ts) +
    (e.private ? '<span class="only-you">👁 Only visible to you</span>' : '') + '</div>' +
    '<div class="msg-body">' + body + '</div>' + files(e.files) + replies + '</div></article>';
}

function currentUser() {
  return page.data ? page.data.me : null;
}

function activeConversation() {
  if (!page.data) return null;
  return page.data.conversations.find((c) => c.id === page.active) || page.data.conversations[0];
}

function renderTimeline() {
  const timeline = byId('timeline');
  const nearBottom = timeline.scrollTop + timeline.clientHeight >= timeline.scrollHeight - 60;
  const previous = timeline.dataset.showing;
  if (page.showHome) {
    const home = page.data.home;
    timeline.innerHTML = home
      ? '<div class="home" data-target="' + esc(JSON.stringify({ viewId: home.id })) + '">' + blocks(home.blocks) + '</div>'
      : '<div class="empty">The app has not published a Home tab for you yet.</div>';
    timeline.dataset.showing = 'home';
    return;
  }
  const conversation = activeConversation();
  if (!conversation.entries.length) {
    timeline.innerHTML = '<div class="empty">' + (conversation.kind === 'im'
      ? 'This is your direct message with <strong>' + esc(conversation.label) + '</strong>. Idle prompts arrive here.'
      : 'This is the very beginning of <strong>#' + esc(conversation.label) + '</strong>. Try <code>/pod help</code>.') + '</div>';
  } else {
    let lastDay = '';
    timeline.innerHTML = conversation.entries.map((e) => {
      const day = dayOf(e.ts);
      const divider = day !== lastDay ? '<div class="day"><span>' + esc(day) + '</span></div>' : '';
      lastDay = day;
      return divider + entry(e, conversation.id, false);
    }).join('');
  }
  timeline.dataset.showing = conversation.id;
  if (nearBottom || previous !== conversation.id) timeline.scrollTop = timeline.scrollHeight;
}

// ---------- sidebar, header, composer ----------

function renderSidebar() {
  const data = page.data;
  const item = (c) => {
    const unread = c.id !== page.active && Number(c.latestTs) > Number(page.seen[c.id] || 0);
    const active = !page.showHome && c.id === page.active;
    const icon = c.kind === 'channel' ? '<span class="hash">#</span>' : '<span class="presence" aria-hidden="true"></span>';
    return '<li><button type="button" class="nav-item' + (active ? ' active' : '') + (unread ? ' unread' : '') + '" data-conversation="' + esc(c.id) + '">' + icon + esc(c.label) + '</button></li>';
  };
  byId('channels').innerHTML = data.conversations.filter((c) => c.kind === 'channel').map(item).join('');
  byId('apps').innerHTML = data.conversations.filter((c) => c.kind === 'im').map(item).join('') +
    '<li><button type="button" class="nav-item nav-home' + (page.showHome ? ' active' : '') + '" data-home="1"><span class="hash">⌂</span>' + esc(data.bot.name) + ' Home</button></li>';
  const who = byId('who');
  if (who.options.length !== data.users.length) {
    who.innerHTML = data.users.map((u) => '<option value="' + esc(u.id) + '">' + esc(u.realName + ' — ' + u.role) + '</option>').join('');
  }
  who.value = page.me;
}

function renderHeader() {
  const me = page.data.me;
  if (page.showHome) {
    byId('conv-title').textContent = page.data.bot.name + ' · Home';
    byId('conv-sub').textContent = 'The app\u2019s Home tab, as ' + me.realName + ' sees it';
  } else {
    const c = activeConversation();
    byId('conv-title').textContent = c.kind === 'channel' ? '#' + c.label : c.label;
    byId('conv-sub').textContent = (c.kind === 'channel' ? 'Channel' : 'Direct messages with the app') +
      ' · you are ' + me.realName + ' (' + me.role + '), times in ' + me.tz;
  }
  const message = byId('message');
  const c = activeConversation();
  message.placeholder = page.showHome ? 'Switch to a channel to use /pod' : 'Message ' + (c.kind === 'channel' ? '#' : '') + c.label + ' \u2014 try /pod help';
  message.disabled = page.showHome;
}

function renderProblems() {
  const problems = page.data.problems;
  const last = problems[problems.length - 1];
  if (last && last.at !== page.lastProblem) {
    if (page.lastProblem !== undefined) toast(describeProblem(last), 'error');
    page.lastProblem = last.at;
  } else if (!last) page.lastProblem = page.lastProblem || null;
}

function describeProblem(p) {
  if (p.kind === 'operation_timeout') return 'The app took too long to answer (operation_timeout): ' + p.detail;
  if (p.kind === 'request_failed') return 'The app could not be reached: ' + p.detail;
  if (p.kind === 'http_error') return 'The app answered with an error: ' + p.detail;
  return 'Slack could not use the app\u2019s answer: ' + p.detail;
}

// ---------- modal ----------

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

// ---------- data and actions ----------

async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  let answer = null;
  try {
    answer = await response.json();
  } catch (error) {
    answer = { ok: false, error: 'HTTP ' + response.status };
  }
  if (!answer.ok && answer.error) toast(answer.error, 'error');
  return answer;
}

async function refresh() {
  if (page.loading) {
    page.again = true;
    return;
  }
  page.loading = true;
  try {
    const response = await fetch('/api/state?user=' + encodeURIComponent(page.me));
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const data = await response.json();
    const first = !page.data || page.data.me.id !== data.me.id;
    page.data = data;
    document.title = data.title;
    if (!page.active || !data.conversations.some((c) => c.id === page.active)) page.active = data.conversations[0].id;
    if (first) for (const c of data.conversations) page.seen[c.id] = c.latestTs;
    const active = activeConversation();
    if (active && !page.showHome) page.seen[active.id] = active.latestTs;
    renderSidebar();
    renderHeader();
    renderTimeline();
    renderModal();
    renderProblems();
  } catch (error) {
    setConnection('offline', 'Cannot reach the sandbox: ' + error.message);
  } finally {
    page.loading = false;
    if (page.again) {
      page.again = false;
      scheduleRefresh();
    }
  }
}

function scheduleRefresh() {
  clearTimeout(page.refreshTimer);
  page.refreshTimer = setTimeout(refresh, 40);
}

function toast(text, kind) {
  const node = document.createElement('div');
  node.className = 'toast' + (kind === 'error' ? ' toast-error' : '');
  node.setAttribute('role', 'status');
  node.textContent = text;
  byId('toasts').appendChild(node);
  setTimeout(() => node.remove(), 7000);
}

function setConnection(kind, text) {
  const node = byId('connection');
  node.className = 'connection connection-' + kind;
  node.textContent = text;
}

async function sendComposer() {
  const box = byId('message');
  const text = box.value.trim();
  if (!text || page.showHome) return;
  if (!text.startsWith('/')) {
    toast('Only slash commands reach the app here. Try /pod help', 'error');
    return;
  }
  page.history.push(text);
  page.historyAt = -1;
  box.value = '';
  autosize();
  const form = byId('composer');
  form.classList.add('sending');
  try {
    await post('/api/command', { user: page.me, channel: activeConversation().id, text });
  } finally {
    form.classList.remove('sending');
  }
}

async function clickFrom(node) {
  const holder = node.closest('[data-target]');
  if (!holder) return;
  if (node.dataset.confirm) {
    const c = JSON.parse(node.dataset.confirm);
    if (!window.confirm(plain(c.title) + '\n\n' + plain(c.text))) return;
  }
  if (node.dataset.url) window.open(node.dataset.url, '_blank', 'noopener');
  const target = JSON.parse(holder.dataset.target);
  const body = Object.assign({ user: page.me, actionId: node.dataset.actionId || undefined, blockId: node.dataset.blockId || undefined }, target);
  if (node.dataset.value !== undefined) body.value = node.dataset.value;
  node.disabled = true;
  node.classList.add('pressed');
  try {
    await post('/api/click', body);
  } finally {
    node.disabled = false;
    node.classList.remove('pressed');
  }
}

function autosize() {
  const box = byId('message');
  box.style.height = 'auto';
  box.style.height = Math.min(box.scrollHeight, 160) + 'px';
}

function chooseUser(id) {
  page.me = id;
  page.data = null;
  page.modalKey = null;
  byId('modal-root').innerHTML = '';
  localStorage.setItem('podwarden-sandbox-user', id);
  const url = new URL(location.href);
  url.searchParams.set('user', id);
  history.replaceState(null, '', url);
  refresh();
}

function start() {
  const params = new URLSearchParams(location.search);
  page.me = params.get('user') || localStorage.getItem('podwarden-sandbox-user') || 'U01ADA';

  document.addEventListener('click', (event) => {
    const target = event.target;
    const nav = target.closest('[data-conversation]');
    if (nav) {
      page.active = nav.dataset.conversation;
      page.showHome = false;
      refresh();
      byId('message').focus();
      return;
    }
    if (target.closest('[data-home]')) {
      page.showHome = true;
      refresh();
      return;
    }
    if (target.closest('[data-close-modal]')) {
      const form = target.closest('form.modal');
      if (form) post('/api/close', { user: page.me, viewId: form.dataset.viewId });
      return;
    }
    const btn = target.closest('button[data-action-id]');
    if (btn) clickFrom(btn);
  });

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (form.id === 'composer') {
      event.preventDefault();
      await sendComposer();
      return;
    }
    if (form.classList.contains('modal')) {
      event.preventDefault();
      const view = page.data.modal && page.data.modal.view;
      if (!view) return;
      form.classList.add('sending');
      try {
        await post('/api/submit', { user: page.me, viewId: view.id, values: modalValues(form, view) });
      } finally {
        form.classList.remove('sending');
      }
    }
  });

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && page.data && page.data.modal) {
      post('/api/close', { user: page.me, viewId: page.data.modal.view.id });
    }
  });

  const box = byId('message');
  box.addEventListener('input', autosize);
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      sendComposer();
    } else if (event.key === 'ArrowUp' && box.value === '' && page.history.length) {
      event.preventDefault();
      page.historyAt = page.historyAt < 0 ? page.history.length - 1 : Math.max(0, page.historyAt - 1);
      box.value = page.history[page.historyAt];
    }
  });

  byId('who').addEventListener('change', (event) => chooseUser(event.target.value));

  const events = new EventSource('/events');
  events.addEventListener('change', scheduleRefresh);
  events.addEventListener('open', () => {
    setConnection('live', 'Live');
    scheduleRefresh();
  });
  events.addEventListener('error', () => setConnection('offline', 'Reconnecting…'));

  refresh();
  box.focus();
}

start();
`;
