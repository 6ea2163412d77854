// style.js — the popup's stylesheet (a constructed sheet in its shadow root: page CSS cannot reach it, and a
// `style-src 'self'` policy does not block it). The :host rules are !important, which beats even a page's
// `* { all: unset !important }`.

const dark = '--bg:#1c2128;--fg:#e6edf3;--muted:#9da7b3;--line:#3d444d;--soft:#262c36;--link:#79c0ff;--focus:#79c0ff;--yes:#4fc3cf;--no:#f0b463;--ctx:#a5a0f0;color-scheme:dark;';

export const CSS = `
:host { all: initial !important; display: block !important; position: fixed !important; inset: 0 auto auto 0 !important;
  width: 0 !important; height: 0 !important; margin: 0 !important; padding: 0 !important; border: 0 !important;
  overflow: visible !important; background: transparent !important; z-index: 2147483647 !important; visibility: visible !important;
  opacity: 1 !important; transform: none !important; pointer-events: none !important; contain: none !important; }
:host([hidden]) { display: none !important; }
[hidden] { display: none !important; }
.live, .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.panel { --bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--link:#0969da;--focus:#0969da;--yes:#0b6e79;--no:#9a4d00;--ctx:#5a4fcf;color-scheme:light;
  position: fixed; box-sizing: border-box; display: flex; flex-direction: column; pointer-events: auto;
  width: min(28rem, calc(100vw - 16px)); max-height: min(34rem, calc(100vh - 16px), calc(100dvh - 16px));
  background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 10px;
  box-shadow: 0 10px 30px rgba(0,0,0,.22), 0 2px 6px rgba(0,0,0,.12); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif;
  text-align: start; letter-spacing: normal; word-spacing: normal; text-transform: none; animation: cc-in .14s ease-out; }
@media (prefers-color-scheme: dark) { :host(:not([data-theme=light])) .panel { ${dark} } }
:host([data-theme=dark]) .panel { ${dark} }
@keyframes cc-in { from { opacity: 0; transform: translateY(4px); } }
@media (prefers-reduced-motion: reduce) { .panel { animation: none; } }
.panel:focus { outline: none; }
.panel:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.bar { display: flex; align-items: center; gap: .5rem; padding: .4rem .4rem .4rem .85rem; border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; letter-spacing: .02em; }
.count { color: var(--muted); flex: 1; }
button { all: unset; box-sizing: border-box; display: inline-grid; place-items: center; width: 2rem; height: 2rem; border-radius: 6px;
  cursor: pointer; font: 20px/1 system-ui, sans-serif; color: var(--muted); }
button:hover { background: var(--soft); color: var(--fg); }
button.more { display: block; width: auto; height: auto; margin: .25rem 0 .5rem; padding: .3rem .5rem; font: inherit; font-size: .9em;
  color: var(--link); border: 1px solid var(--line); }
button:focus-visible, a:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.claims { overflow: auto; overscroll-behavior: contain; padding: 0 .85rem; }
.claim { padding: .75rem 0; }
.claim + .claim { border-top: 2px solid var(--line); }
h2 { font-size: 1.05em; font-weight: 650; margin: 0 0 .25rem; line-height: 1.35; overflow-wrap: anywhere; }
h3 { font-size: .75em; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; margin: .75rem 0 .25rem; color: var(--tone); }
.summary { margin: 0; color: var(--muted); font-size: .92em; }
.corroborates { --tone: var(--yes); } .conflicts { --tone: var(--no); } .context { --tone: var(--ctx); }
ul { list-style: none; margin: 0; padding: 0; }
li { padding: .5rem 0; border-top: 1px solid var(--line); overflow-wrap: anywhere; }
li:first-child { border-top: 0; padding-top: .2rem; }
p { margin: 0; }
.who { font-weight: 600; } .role { font-weight: 400; color: var(--muted); }
.chain { color: var(--muted); font-size: .9em; }
blockquote { margin: .35rem 0; padding: .1rem 0 .1rem .7rem; border-inline-start: 3px solid var(--tone); unicode-bidi: plaintext; }
blockquote:lang(ar) { font-size: 1.08em; line-height: 1.7; }
.note { font-size: .9em; color: var(--muted); font-style: italic; margin-bottom: .2rem; }
.links { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .9em; }
a { color: var(--link); text-decoration: underline; text-underline-offset: 2px; overflow-wrap: anywhere; }
.foot { padding: .45rem .85rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .8em; }
`;
