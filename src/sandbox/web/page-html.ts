/** The page's HTML shell, served at /: the sidebar, the timeline, the composer and roots for modals and toasts. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function pageHtml(title: string): string {
  const safeTitle = escapeHtml(title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${safeTitle}</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%234a154b'/%3E%3Ctext x='8' y='12' font-size='11' text-anchor='middle' fill='white' font-family='sans-serif'%3EP%3C/text%3E%3C/svg%3E">
<link rel="stylesheet" href="/app.css">
</head>
<body>
<div class="app">
  <aside class="sidebar">
    <div class="workspace">
      <div class="workspace-name">${safeTitle}</div>
      <div class="workspace-sub">Local Slack workspace</div>
    </div>
    <label class="whoami">Who is typing
      <select id="who" aria-label="Who is typing"></select>
    </label>
    <nav aria-label="Conversations">
      <div class="nav-section">Channels</div>
      <ul id="channels"></ul>
      <div class="nav-section">Apps</div>
      <ul id="apps"></ul>
    </nav>
    <div id="connection" class="connection">Connecting…</div>
  </aside>
  <main class="main">
    <header class="conv-header">
      <h1 id="conv-title">Loading…</h1>
      <div id="conv-sub" class="conv-sub"></div>
    </header>
    <section id="timeline" class="timeline" aria-live="polite" aria-label="Messages"></section>
    <form id="composer" class="composer" autocomplete="off">
      <ul id="mention-menu" class="mention-menu" role="listbox" aria-label="People" hidden></ul>
      <textarea id="message" rows="1" aria-label="Message" spellcheck="false"></textarea>
      <button type="submit" class="send">Send</button>
      <div class="composer-hint">Enter sends, Shift+Enter adds a line, ↑ recalls the last command. Commands go to the app signed, exactly as Slack sends them.</div>
    </form>
  </main>
</div>
<div id="modal-root"></div>
<div id="toasts" class="toasts" aria-live="polite"></div>
<script src="/app.js"></script>
</body>
</html>
`;
}
