// harness.mjs — what the hardening tests (injection, bounded, failures, privacy, host) share, on top of helpers.mjs:
// compiling a dataset with the project's CLI, pages with their problems and dialogs recorded, reading everything the
// shadow root holds, and re-sealing a .ccd whose bytes a test changed.
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ROOT } from './helpers.mjs';

// The project's CLI: the binary `cargo test --release` leaves (or CROSSCHECK_BIN), else `cargo run --release`.
function cli(args) {
  const bin = [process.env.CROSSCHECK_BIN, join(ROOT, 'target/release/crosscheck'), join(ROOT, 'target/debug/crosscheck')].find((p) => p && existsSync(p));
  if (bin) return execFileSync(bin, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  return execFileSync('cargo', ['run', '--release', '--quiet', '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

// Compiles a dataset folder (relative to the repository) and returns the .ccd bytes and the dataset as JSON (`dump`).
export function compileDataset(folder) {
  const out = join(mkdtempSync(join(tmpdir(), 'crosscheck-')), 'dataset.ccd');
  cli(['build', folder, '-o', out]);
  const dump = JSON.parse(cli(['dump', '--dataset', out]).toString());
  return { bytes: readFileSync(out), dump };
}

// Opens a page in a fresh context. Records console warnings and errors, page errors, unhandled rejections and
// dialogs (dismissed). `waitReady` waits for window.crosscheck.ready like helpers.openPage; pages whose widget
// cannot start set it to false.
export async function withPage(browser, url, fn, { init = [], route = null, waitReady = true, navigationTimeout = 30000, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, reducedMotion: 'reduce', ...contextOptions });
  context.setDefaultNavigationTimeout(navigationTimeout);
  try {
    await context.addInitScript(() => {
      window.__rejections = [];
      window.addEventListener('unhandledrejection', (e) => window.__rejections.push(String(e.reason?.message ?? e.reason)));
    });
    for (const script of [].concat(init)) await context.addInitScript(script);
    if (route) await route(context);
    const page = await context.newPage();
    const problems = [], dialogs = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
    Object.assign(page, { problems, dialogs });
    await page.goto(url);
    if (waitReady) page.info = await page.evaluate(() => window.crosscheck?.ready);
    await fn(page, context);
  } finally {
    await context.close();
  }
}

// Everything the widget's shadow roots hold: element names, event-handler and resource attributes, link targets and
// text. An injection would show here as an element or attribute that the shell never makes.
export function shadowReport(pageOrFrame) {
  return pageOrFrame.evaluate(() => [...document.querySelectorAll('crosscheck-popup')].map((host) => {
    const els = [...host.shadowRoot.querySelectorAll('*')];
    return {
      tags: [...new Set(els.map((e) => e.localName))].sort(),
      handlers: els.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.localName}[${a.name}]`)),
      resources: els.flatMap((e) => ['src', 'srcdoc', 'srcset', 'data', 'action', 'formaction', 'poster', 'background', 'style']
        .filter((n) => e.hasAttribute(n)).map((n) => `${e.localName}[${n}]`)),
      hrefs: [...host.shadowRoot.querySelectorAll('[href]')].map((a) => a.getAttribute('href')),
      text: host.shadowRoot.textContent,
    };
  }));
}

// The only elements the shell creates inside its shadow root.
export const SHELL_TAGS = ['a', 'article', 'bdi', 'blockquote', 'button', 'div', 'h2', 'h3', 'li', 'p', 'section', 'span', 'ul'];

export const escapeHtml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// A page that embeds the widget with the given data attributes; body is HTML. The data: favicon keeps the browser
// from asking for /favicon.ico, so that a privacy test can count every request.
export function htmlPage({ title = 'crosscheck test page', attrs = {}, head = '', body = '', widget = true } = {}) {
  const data = Object.entries(attrs).map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
${widget ? `<script type="module" src="/crosscheck.js"${data}></script>` : ''}
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

// The FNV-1a checksum of the .ccd format; `reseal` makes a changed body valid again, so a forged dataset reaches the
// body checks (and, if it decodes, the shell).
function fnv1a(bytes) {
  let h = 0x811c9dc5;
  for (const b of bytes) { h ^= b; h = Math.imul(h, 0x01000193) >>> 0; }
  return h >>> 0;
}
export function reseal(bytes) {
  const out = Buffer.from(bytes);
  out.writeUInt32LE(fnv1a(out.subarray(10, out.length - 4)), out.length - 4);
  return out;
}

// Replaces one UTF-8 string of a .ccd by another of the same byte length (padding the new one with `pad`), re-sealed.
export function forge(bytes, from, to, pad = '/') {
  const old = Buffer.from(from, 'utf8');
  let fake = Buffer.from(to, 'utf8');
  if (fake.length > old.length) throw new Error(`"${to}" is longer than "${from}"`);
  fake = Buffer.concat([fake, Buffer.from(pad.repeat(old.length - fake.length), 'utf8')]);
  const at = Buffer.from(bytes).indexOf(old);
  if (at < 0) throw new Error(`"${from}" is not in the dataset`);
  const out = Buffer.from(bytes);
  fake.copy(out, at);
  return reseal(out);
}

// Reads the wasm core's linear memory size from the page: the module instance is the widget's own (same URL).
export const wasmMemory = (page) => page.evaluate(async () => (await (await import('/pkg/crosscheck.js')).default()).memory.buffer.byteLength);
