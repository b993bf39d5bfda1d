/**
 * The page's browser script, last part: talking to the page server (commands, clicks, modal
 * submissions), refreshing on Server-Sent Events, and starting the page.
 * Plain JavaScript with no build step; it must contain no backtick and no dollar-brace (String.raw).
 */
export const appScript = String.raw`// ---------- data and actions ----------

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

// ---------- @-mentions in the message box: the workspace's people, as in Slack ----------

function mentionQuery() {
  const box = byId('message');
  const before = box.value.slice(0, box.selectionStart);
  const match = before.match(/(^|\s)@([\w.-]*)$/);
  return match ? { start: before.length - match[2].length - 1, word: match[2].toLowerCase() } : null;
}

function mentionCandidates() {
  const query = mentionQuery();
  if (!query || !page.data) return [];
  return page.data.users.filter((u) => u.name.startsWith(query.word) || u.realName.toLowerCase().startsWith(query.word));
}

function renderMentionMenu() {
  const menu = byId('mention-menu');
  const people = mentionCandidates();
  if (people.length === 0) {
    menu.hidden = true;
    menu.innerHTML = '';
    return;
  }
  page.mentionAt = Math.min(page.mentionAt || 0, people.length - 1);
  menu.innerHTML = people
    .map((u, i) =>
      '<li role="option" class="mention-option' + (i === page.mentionAt ? ' selected' : '') + '" data-mention="' + esc(u.name) + '">' +
      '<strong>' + esc(u.realName) + '</strong> <span class="muted">@' + esc(u.name) + '</span></li>')
    .join('');
  menu.hidden = false;
}

function chooseMention(name) {
  const box = byId('message');
  const query = mentionQuery();
  if (!query) return;
  const after = box.value.slice(box.selectionStart);
  const inserted = '@' + name + ' ';
  box.value = box.value.slice(0, query.start) + inserted + after.replace(/^\S*/, '');
  const caret = query.start + inserted.length;
  box.setSelectionRange(caret, caret);
  page.mentionAt = 0;
  renderMentionMenu();
  box.focus();
}

function mentionMenuKey(event) {
  const menu = byId('mention-menu');
  if (menu.hidden) return false;
  const people = mentionCandidates();
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const step = event.key === 'ArrowDown' ? 1 : people.length - 1;
    page.mentionAt = ((page.mentionAt || 0) + step) % people.length;
    renderMentionMenu();
    return true;
  }
  if (event.key === 'Enter' || event.key === 'Tab') {
    event.preventDefault();
    const chosen = people[page.mentionAt || 0];
    if (chosen) chooseMention(chosen.name);
    return true;
  }
  if (event.key === 'Escape') {
    menu.hidden = true;
    return true;
  }
  return false;
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
  // The start-up text says "the page opens as Alice": a fresh page is Alice's until someone else is chosen.
  page.me = params.get('user') || localStorage.getItem('podwarden-sandbox-user') || 'U02ALICE';

  document.addEventListener('click', (event) => {
    const target = event.target;
    const nav = target.closest('[data-conversation]');
    if (nav) {
      page.active = nav.dataset.conversation;
      page.showHome = false;
      // The box was disabled under the Home tab: enable it now, not when the refresh has drawn the
      // channel, so that what is typed right after the click lands in it.
      byId('message').disabled = false;
      byId('message').focus();
      refresh();
      return;
    }
    if (target.closest('[data-home]')) {
      // Opening the Home tab from the sidebar: Slack sends app_home_opened and the app publishes it.
      page.showHome = true;
      refresh();
      post('/api/home', { user: page.me });
      return;
    }
    const pick = target.closest('[data-mention]');
    if (pick) {
      event.preventDefault();
      chooseMention(pick.dataset.mention);
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
  box.addEventListener('input', () => {
    autosize();
    renderMentionMenu();
  });
  box.addEventListener('keydown', (event) => {
    if (mentionMenuKey(event)) return;
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
