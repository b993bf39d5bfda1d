/**
 * The page's browser script, first part (the parts are joined into /app.js in
 * start-sandbox-page.ts): strict mode for the whole script, the page's shared state, and the
 * rendering of Slack text (escaping, emoji, mrkdwn) and of Block Kit blocks to HTML.
 * Plain JavaScript with no build step; it must contain no backtick and no dollar-brace (String.raw).
 */
export const blocksScript = String.raw`// podwarden sandbox page: a small chat client over the local Slack stand-in. No framework, no build.
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
  mentionAt: 0,
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

// <!date^UNIX^{date_short_pretty} {time}|fallback>: shown in the viewer's own time zone, as Slack does.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function zoned(date, tz) {
  const parts = {};
  const format = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  for (const part of format.formatToParts(date)) parts[part.type] = part.value;
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: parts.minute, second: parts.second };
}

function slackDate(head, label) {
  const bits = head.split('^');
  const seconds = Number(bits[1]);
  const template = bits[2] || '';
  const tz = (page.data && page.data.me.tz) || 'UTC';
  if (!Number.isFinite(seconds) || !template) return slackText(label || head);
  const at = new Date(seconds * 1000);
  const d = zoned(at, tz);
  const today = zoned(new Date(), tz);
  const dayNumber = (z) => Date.UTC(z.year, z.month - 1, z.day) / 86400000;
  const diff = dayNumber(d) - dayNumber(today);
  const short = MONTHS[d.month - 1].slice(0, 3) + ' ' + d.day + (d.year === today.year ? '' : ', ' + d.year);
  const long = MONTHS[d.month - 1] + ' ' + d.day + ', ' + d.year;
  const pretty = (fallback) => (diff === 0 ? 'today' : diff === -1 ? 'yesterday' : diff === 1 ? 'tomorrow' : fallback);
  const hour12 = d.hour % 12 === 0 ? 12 : d.hour % 12;
  const time = hour12 + ':' + d.minute + ' ' + (d.hour < 12 ? 'AM' : 'PM');
  const tokens = {
    date_num: d.year + '-' + String(d.month).padStart(2, '0') + '-' + String(d.day).padStart(2, '0'),
    date: long,
    date_short: short,
    date_long: long,
    date_pretty: pretty(long),
    date_short_pretty: pretty(short),
    date_long_pretty: pretty(long),
    time: time,
    time_secs: hour12 + ':' + d.minute + ':' + d.second + ' ' + (d.hour < 12 ? 'AM' : 'PM'),
  };
  const text = template.replace(/\{(\w+)\}/g, (whole, name) => (name in tokens ? tokens[name] : whole));
  return '<time class="slack-date" datetime="' + esc(at.toISOString()) + '" title="' + esc(tz) + '">' + slackText(text) + '</time>';
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
  if (head.startsWith('!date^')) return slackDate(head, label);
  if (head.startsWith('!')) return '<span class="mention mention-me">@' + esc(head.slice(1)) + '</span>';
  if (/^(https?:|mailto:)/.test(head)) {
    return '<a href="' + esc(head) + '" target="_blank" rel="noopener noreferrer">' + slackText(label || head) + '</a>';
  }
  return slackText('<' + inner + '>');
}

// Slack's order: <…> sequences first (they count even inside code), then code spans, then
// *bold*, _italic_ and ~strike~ around whatever is left, held code spans included.
function styleText(part) {
  const tokens = [];
  const hold = (html) => {
    tokens.push(html);
    return '\u0000' + (tokens.length - 1) + '\u0000';
  };
  let text = part.replace(/<([^<>\n]+)>/g, (whole, inner) => hold(control(inner)));
  text = text.replace(new RegExp(BT + '([^' + BT + '\\n]+)' + BT, 'g'), (whole, code) => hold('<code>' + slackText(code) + '</code>'));
  text = slackText(text);
  text = text.replace(/(^|[^\w*])\*(?!\s)([^*\n]+?)\*(?!\w)/g, '$1<strong>$2</strong>');
  text = text.replace(/(^|[^\w_])_(?!\s)([^_\n]+?)_(?!\w)/g, '$1<em>$2</em>');
  text = text.replace(/(^|[^\w~])~(?!\s)([^~\n]+?)~(?!\w)/g, '$1<del>$2</del>');
  text = emojify(text);
  let previous = null;
  while (previous !== text) {
    previous = text;
    text = text.replace(/\u0000(\d+)\u0000/g, (whole, i) => tokens[Number(i)]);
  }
  return text;
}

function inline(part) {
  return styleText(part);
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

`;
