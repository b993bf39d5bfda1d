/**
 * The page's browser script, second part: the conversation timeline (messages, threads, files),
 * the sidebar, the header and the delivery problems the stand-in reported.
 * Plain JavaScript with no build step; it must contain no backtick and no dollar-brace (String.raw).
 */
export const timelineScript = String.raw`// ---------- timeline ----------

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

`;
