/** The page's stylesheet, served as /app.css: a clean chat-client look (sidebar, timeline, modals). */
export const pageCss = `:root {
  --aubergine: #3f0e40;
  --aubergine-dark: #350d36;
  --aubergine-light: #5b2c5c;
  --text: #1d1c1d;
  --muted: #616061;
  --line: #e2e2e2;
  --hover: #f8f8f8;
  --green: #007a5a;
  --red: #e01e5a;
  --blue: #1264a3;
  --private: #f4f8fb;
  /* No 'Apple Color Emoji' / 'Segoe UI Emoji' here: on Linux fontconfig maps those names to Noto Color Emoji, whose wide digits and spaces then win over the text font. */
  font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif, 'Noto Color Emoji';
  font-size: 15px;
  color: var(--text);
}

* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { background: #fff; }
button, input, select, textarea { font: inherit; color: inherit; }
code { font-family: Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 12px; background: #f6f6f6; border: 1px solid #e8e8e8; border-radius: 3px; padding: 1px 3px; color: #c01343; }
pre { font-family: Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 12px; background: #f8f8f8; border: 1px solid #e2e2e2; border-radius: 4px; padding: 8px 10px; margin: 4px 0; white-space: pre-wrap; overflow-x: auto; }
a { color: var(--blue); text-decoration: none; }
a:hover { text-decoration: underline; }
blockquote { margin: 4px 0; padding-left: 10px; border-left: 4px solid #ddd; color: #454245; }

.app { display: grid; grid-template-columns: 260px 1fr; height: 100vh; }

/* sidebar */
.sidebar { background: var(--aubergine); color: #cfc3cf; display: flex; flex-direction: column; min-height: 0; }
.workspace { padding: 14px 16px 10px; border-bottom: 1px solid var(--aubergine-light); }
.workspace-name { color: #fff; font-weight: 800; font-size: 17px; }
.workspace-sub { font-size: 13px; opacity: 0.8; margin-top: 2px; }
.whoami { display: block; padding: 12px 16px; font-size: 13px; border-bottom: 1px solid var(--aubergine-light); }
.whoami select { display: block; width: 100%; margin-top: 6px; background: var(--aubergine-dark); color: #fff; border: 1px solid var(--aubergine-light); border-radius: 6px; padding: 6px 8px; }
nav { flex: 1; overflow-y: auto; padding: 8px 0; }
.nav-section { padding: 10px 16px 4px; font-size: 13px; font-weight: 600; opacity: 0.85; }
nav ul { list-style: none; margin: 0; padding: 0 8px; }
.nav-item { display: flex; align-items: center; gap: 8px; width: 100%; text-align: left; background: none; border: 0; border-radius: 6px; padding: 5px 10px; color: #cfc3cf; cursor: pointer; font-size: 15px; }
.nav-item:hover { background: var(--aubergine-dark); }
.nav-item.active { background: #1164a3; color: #fff; }
.nav-item.unread { color: #fff; font-weight: 800; }
.nav-item .hash { width: 14px; text-align: center; opacity: 0.8; }
.presence { width: 9px; height: 9px; margin: 0 2px 0 3px; border-radius: 50%; background: #2bac76; flex: none; }
.connection { padding: 10px 16px; font-size: 12px; border-top: 1px solid var(--aubergine-light); }
.connection::before { content: ''; display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 6px; background: #999; }
.connection-live::before { background: #2bac76; }
.connection-offline::before { background: #e8912d; }

/* main */
.main { display: flex; flex-direction: column; min-width: 0; min-height: 0; }
.conv-header { padding: 12px 20px; border-bottom: 1px solid var(--line); }
.conv-header h1 { font-size: 18px; margin: 0; font-weight: 800; }
.conv-sub { font-size: 13px; color: var(--muted); margin-top: 2px; }
.timeline { flex: 1; overflow-y: auto; padding: 8px 0 16px; }
.empty { margin: 40px 20px; color: var(--muted); }
.day { display: flex; align-items: center; margin: 14px 20px 6px; color: var(--muted); font-size: 13px; font-weight: 600; }
.day::before, .day::after { content: ''; flex: 1; border-top: 1px solid var(--line); }
.day span { padding: 2px 12px; border: 1px solid var(--line); border-radius: 12px; margin: 0 8px; background: #fff; }

.msg { display: flex; gap: 10px; padding: 8px 20px; }
.msg:hover { background: var(--hover); }
.msg-private { background: var(--private); }
.msg-private:hover { background: #edf3f8; }
.avatar { width: 36px; height: 36px; border-radius: 6px; flex: none; color: #fff; font-weight: 800; display: grid; place-items: center; font-size: 16px; }
.avatar-bot { background: #4a154b; }
.avatar-slackbot { background: #36c5f0; }
.msg-main { min-width: 0; flex: 1; }
.msg-head { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; }
.author { font-weight: 800; }
.app-tag { font-size: 10px; font-weight: 700; color: var(--muted); background: #e8e8e8; border-radius: 3px; padding: 1px 4px; }
time { font-size: 12px; color: var(--muted); }
.only-you { font-size: 12px; color: var(--muted); }
.msg-body { line-height: 1.46; overflow-wrap: anywhere; }
.edited { font-size: 12px; color: var(--muted); margin-left: 4px; }
.invocation { padding: 4px 20px 4px 66px; font-size: 13px; color: var(--muted); }
.invocation code { color: var(--text); }
.thread { margin-top: 6px; border-left: 3px solid #ddd; padding-left: 4px; }
.thread-count { font-size: 12px; font-weight: 700; color: var(--blue); padding: 2px 8px; }
.msg-reply { padding: 6px 8px; }
.msg-reply .avatar { width: 28px; height: 28px; font-size: 13px; }

/* Block Kit */
.b-header { font-weight: 800; font-size: 17px; margin: 4px 0; }
.b-divider { border: 0; border-top: 1px solid var(--line); margin: 8px 0; }
.b-section { display: flex; gap: 12px; align-items: flex-start; margin: 4px 0; }
.b-section-body { flex: 1; min-width: 0; }
.b-fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; margin-top: 4px; }
.b-accessory { flex: none; }
.b-context { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; font-size: 12px; color: var(--muted); margin: 4px 0; }
.b-context-img { width: 18px; height: 18px; border-radius: 3px; }
.b-actions { display: flex; gap: 8px; flex-wrap: wrap; margin: 8px 0 4px; }
.b-image, .file-image { margin: 6px 0; }
.b-image img, .file-image img { max-width: min(560px, 100%); border: 1px solid var(--line); border-radius: 8px; display: block; }
.b-image figcaption, .file-image figcaption { font-size: 13px; color: var(--muted); margin-bottom: 4px; }
.thumb { width: 72px; height: 72px; object-fit: cover; border-radius: 6px; }
.file { display: inline-block; margin-top: 6px; padding: 8px 12px; border: 1px solid var(--line); border-radius: 8px; }
.mention { background: #e8f5fa; color: var(--blue); border-radius: 3px; padding: 0 2px; }
.mention-me { background: #fdf3d1; color: #6b5400; }
.mention-menu { position: absolute; bottom: calc(100% + 4px); left: 8px; min-width: 240px; margin: 0; padding: 4px 0; list-style: none; background: #fff; border: 1px solid #ddd; border-radius: 8px; box-shadow: 0 4px 12px rgba(0, 0, 0, 0.12); z-index: 5; }
.mention-option { padding: 6px 12px; cursor: pointer; }
.mention-option.selected, .mention-option:hover { background: var(--blue); color: #fff; }
.mention-option.selected .muted, .mention-option:hover .muted { color: #e8f5fa; }
.slack-date { border-bottom: 1px dotted #999; }
.muted { color: var(--muted); font-size: 13px; }
.home { padding: 12px 20px; max-width: 760px; }
.home .b-section { margin: 10px 0; }

.btn { background: #fff; border: 1px solid #bbbabb; border-radius: 6px; padding: 4px 12px; min-height: 30px; font-size: 14px; font-weight: 700; cursor: pointer; }
.btn:hover { background: #f6f6f6; }
.btn:disabled { opacity: 0.6; cursor: progress; }
.btn-primary { background: var(--green); border-color: var(--green); color: #fff; }
.btn-primary:hover { background: #148567; }
.btn-danger { color: var(--red); border-color: #e8a2b8; }
.btn-danger:hover { background: #fdf2f5; }
.select { border: 1px solid #bbbabb; border-radius: 6px; padding: 4px 8px; background: #fff; }

/* composer */
.composer { position: relative; margin: 0 20px 16px; border: 1px solid #bbbabb; border-radius: 8px; display: grid; grid-template-columns: 1fr auto; align-items: end; }
.composer:focus-within { border-color: #868686; box-shadow: 0 0 0 1px #868686; }
.composer textarea { border: 0; outline: 0; resize: none; padding: 10px 12px; min-height: 42px; max-height: 160px; font-family: Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 14px; background: transparent; }
.composer .send { margin: 6px; background: var(--green); color: #fff; border: 0; border-radius: 6px; padding: 6px 14px; font-weight: 700; cursor: pointer; }
.composer.sending .send { opacity: 0.6; }
.composer-hint { grid-column: 1 / -1; font-size: 12px; color: var(--muted); padding: 0 12px 8px; }

/* modal */
.backdrop { position: fixed; inset: 0; background: rgba(29, 28, 29, 0.55); display: grid; place-items: center; padding: 20px; z-index: 10; }
.modal { background: #fff; border-radius: 10px; width: min(540px, 100%); max-height: calc(100vh - 40px); display: flex; flex-direction: column; box-shadow: 0 18px 48px rgba(0, 0, 0, 0.35); }
.modal-head { display: flex; align-items: center; justify-content: space-between; padding: 16px 20px; border-bottom: 1px solid var(--line); }
.modal-head h2 { margin: 0; font-size: 20px; font-weight: 800; }
.modal-x { background: none; border: 0; font-size: 26px; line-height: 1; cursor: pointer; color: var(--muted); }
.modal-body { padding: 12px 20px; overflow-y: auto; }
.modal-foot { display: flex; justify-content: flex-end; gap: 8px; padding: 14px 20px; border-top: 1px solid var(--line); }
.modal.sending .btn-primary { opacity: 0.6; }
.field { margin: 10px 0 14px; }
.field-label { display: block; font-weight: 700; margin-bottom: 6px; }
.optional { font-weight: 400; color: var(--muted); }
.field input[type='text'], .field input[type='number'], .field input[type='email'], .field input[type='url'],
.field input[type='date'], .field input[type='time'], .field textarea, .field select { width: 100%; border: 1px solid #bbbabb; border-radius: 6px; padding: 8px 10px; background: #fff; }
.field.has-error input, .field.has-error select, .field.has-error textarea { border-color: var(--red); }
.field-error { color: var(--red); font-size: 13px; margin-top: 4px; }
.hint { color: var(--muted); font-size: 13px; margin-top: 4px; }
.choices label { display: block; margin: 4px 0; }

/* toasts */
.toasts { position: fixed; right: 20px; bottom: 20px; display: flex; flex-direction: column; gap: 8px; z-index: 20; }
.toast { background: #1d1c1d; color: #fff; padding: 10px 14px; border-radius: 8px; max-width: 420px; font-size: 14px; box-shadow: 0 6px 18px rgba(0, 0, 0, 0.25); }
.toast-error { background: #a4133c; }

@media (max-width: 720px) {
  .app { grid-template-columns: 1fr; grid-template-rows: auto 1fr; }
  .sidebar { max-height: 40vh; }
  .b-fields { grid-template-columns: 1fr; }
}
`;
