// style.js — the popup's stylesheet (a constructed sheet in its shadow root: page CSS cannot reach it, and a
// `style-src 'self'` policy does not block it). The :host rules are !important, which beats even a page's
// `* { all: unset !important }`. Every length is in px (or em of a px font size), never rem: a page's
// `html { font-size: 62.5% }` must not shrink the popup. Directions are logical (inline start/end), so the same
// rules serve a right-to-left panel.

const dark = '--bg:#1c2128;--fg:#e6edf3;--muted:#9da7b3;--line:#3d444d;--soft:#262c36;--link:#79c0ff;--focus:#79c0ff;--yes:#4fc3cf;--no:#f0b463;--ctx:#a5a0f0;--yes-bg:#12343a;--no-bg:#3d2c12;color-scheme:dark;';
const light = '--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--link:#0969da;--focus:#0969da;--yes:#0b6e79;--no:#9a4d00;--ctx:#5a4fcf;--yes-bg:#e3f4f6;--no-bg:#fdf0e1;color-scheme:light;';
const font = '14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif';

export const CSS = `
:host { all: initial !important; display: block !important; position: fixed !important; inset: 0 auto auto 0 !important;
  width: 0 !important; height: 0 !important; margin: 0 !important; padding: 0 !important; border: 0 !important;
  overflow: visible !important; background: transparent !important; z-index: 2147483647 !important; visibility: visible !important;
  opacity: 1 !important; transform: none !important; pointer-events: none !important; contain: none !important; }
:host([hidden]) { display: none !important; }
[hidden] { display: none !important; }
.live, .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.panel, .peek, .toast, .legend { ${light} box-sizing: border-box; background: var(--bg); color: var(--fg); font: ${font};
  text-align: start; letter-spacing: normal; word-spacing: normal; text-transform: none; }
.panel { position: fixed; display: flex; flex-direction: column; pointer-events: auto;
  width: min(448px, calc(100vw - 16px)); max-height: min(560px, calc(100vh - 16px), calc(100dvh - 16px));
  border: 1px solid var(--line); border-radius: 10px;
  box-shadow: 0 10px 30px rgba(0,0,0,.22), 0 2px 6px rgba(0,0,0,.12); animation: cc-in .14s ease-out; }
@media (prefers-color-scheme: dark) { :host(:not([data-theme=light])) :is(.panel, .peek, .toast, .legend) { ${dark} } }
:host([data-theme=dark]) :is(.panel, .peek, .toast, .legend) { ${dark} }
@keyframes cc-in { from { opacity: 0; transform: translateY(4px); } }
@media (prefers-reduced-motion: reduce) { .panel { animation: none; } }
.panel:focus { outline: none; }
.panel:focus-visible, .claims:focus-visible, section:focus-visible { outline: 2px solid var(--focus); outline-offset: -2px; }
.bar { display: flex; align-items: center; gap: 8px; padding-block: 4px; padding-inline: 14px 4px; border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; letter-spacing: .02em; }
.count { color: var(--muted); flex: 1; }
button { all: unset; box-sizing: border-box; display: inline-grid; place-items: center; width: 32px; height: 32px; border-radius: 6px;
  cursor: pointer; font: 20px/1 system-ui, sans-serif; color: var(--muted); }
button:hover { background: var(--soft); color: var(--fg); }
button.more, button.toggle { display: inline-block; width: auto; height: auto; margin: 2px 0 6px; padding: 3px 8px; font: ${font}; font-size: 13px;
  color: var(--link); border: 1px solid var(--line); }
button:focus-visible, a:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.claims { overflow: auto; overscroll-behavior: contain; padding: 0 14px; }
.claim { padding: 10px 0; }
.claim + .claim, .claims > button.more { border-top: 2px solid var(--line); }
.lead { font-weight: 700; font-size: 13px; margin: 0 0 2px; color: var(--fg); }
.lead.disputes { color: var(--no); } .lead.asserts { color: var(--yes); }
h2 { font-size: 15px; font-weight: 650; margin: 0 0 6px; line-height: 1.35; overflow-wrap: anywhere; }
.summary { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 2px; }
button.jump { display: inline-block; width: auto; height: auto; padding: 2px 9px; border-radius: 999px; font: ${font}; font-size: 13px; font-weight: 600;
  color: var(--tone); border: 1px solid var(--tone); }
button.jump.corroborates { background: var(--yes-bg); } button.jump.conflicts { background: var(--no-bg); }
button.toggle { margin: 0; padding: 2px 9px; }
h3 { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; margin: 10px 0 2px; color: var(--tone); }
h3 .hint { text-transform: none; letter-spacing: normal; font-weight: 600; font-size: 12px; }
.panel[dir=rtl] h3 { letter-spacing: normal; }
section { border-radius: 4px; }
.corroborates { --tone: var(--yes); } .conflicts { --tone: var(--no); } .context { --tone: var(--ctx); }
ul { list-style: none; margin: 0; padding: 0; }
li { padding: 6px 0; border-top: 1px solid var(--line); overflow-wrap: anywhere; }
li:first-child { border-top: 0; padding-top: 2px; }
p { margin: 0; }
.who { font-weight: 600; } .role { font-weight: 400; color: var(--muted); }
.tag { display: inline-block; margin-inline-start: 6px; padding: 0 6px; border-radius: 4px; font-size: 11px; font-weight: 600;
  color: var(--muted); border: 1px solid var(--line); }
.cite .tag { margin-inline-start: 0; }
.chain { color: var(--muted); font-size: 13px; }
blockquote { margin: 4px 0; padding: 1px 0; padding-inline-start: 10px; border-inline-start: 3px solid var(--tone); unicode-bidi: plaintext; }
blockquote:lang(ar) { font-size: 15px; line-height: 1.7; }
.note { font-size: 13px; color: var(--muted); font-style: italic; margin-bottom: 2px; }
.cite { font-size: 13px; color: var(--muted); }
.outlet { font-style: italic; color: var(--fg); }
a { color: var(--link); text-decoration: underline; text-underline-offset: 2px; overflow-wrap: anywhere; }
.foot { padding: 6px 0 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 11px; }
.peek, .toast { position: fixed; pointer-events: none; max-width: min(340px, calc(100vw - 16px)); padding: 6px 10px; border: 1px solid var(--line);
  border-radius: 8px; box-shadow: 0 4px 14px rgba(0,0,0,.18); font-size: 13px; }
.peek strong { display: block; font-weight: 650; overflow-wrap: anywhere; }
.peek .counts { color: var(--muted); }
.peek .counts .conflicts { color: var(--no); font-weight: 600; }
.toast { color: var(--muted); transition: opacity .3s; }
.legend { position: fixed; inset: auto 12px 12px auto; pointer-events: auto; display: flex; align-items: center; gap: 10px; flex-wrap: wrap;
  max-width: min(420px, calc(100vw - 24px)); padding: 6px 6px 6px 12px; border: 1px solid var(--line); border-radius: 8px;
  box-shadow: 0 4px 14px rgba(0,0,0,.18); font-size: 12px; }
.legend .swatch { display: inline-block; width: 22px; height: 12px; border-radius: 2px; vertical-align: -1px; margin-inline-end: 4px; }
/* The same tints as the marks (marker.js): a disputed mark is the settled tint with the disputed one over it. */
.legend .settled { background: rgba(31, 154, 168, 0.2); }
.legend .disputed { background: linear-gradient(rgba(232, 128, 16, 0.34), rgba(232, 128, 16, 0.34)), rgba(31, 154, 168, 0.2); }
.legend button { width: 24px; height: 24px; font-size: 16px; }
`;
