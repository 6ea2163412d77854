// helpers.mjs — what the end-to-end tests share: a loopback static server for www/, the system Chromium, and page helpers.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, extname, dirname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, '..', '..');
export const WWW = join(ROOT, 'www');
const FIXTURES = join(HERE, 'fixtures');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8', '.ccd': 'application/octet-stream',
};
export const STRICT_CSP = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

if (!existsSync(join(WWW, 'pkg', 'crosscheck_bg.wasm'))) {
  throw new Error('www/pkg/ is missing: build the wasm core first with ./scripts/build-web.sh');
}

// Routes: /… is www/; /csp/… is www/ again, every response carrying the strict Content-Security-Policy;
// /csp-nowasm/… the same without 'wasm-unsafe-eval'; /nowasm/… is www/ with the .wasm answering 404; /crosscheck/… is www/
// (where the README's embed line looks); /fixtures/… is tests/e2e/fixtures/, after any of those prefixes.
// put(path, bytes) serves made-up files from memory (a dataset compiled by a test). `requests` lists the path (with
// query) of every request the server received, browser-initiated ones (a favicon) included.
export function startServer() {
  const extra = new Map();
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const headers = { 'Cache-Control': 'no-store' };
      if (extra.has(path)) {
        res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(path)] || 'application/octet-stream' });
        return res.end(extra.get(path));
      }
      let root = WWW;
      if (path.startsWith('/csp/')) { path = path.slice(4); headers['Content-Security-Policy'] = STRICT_CSP; }
      else if (path.startsWith('/csp-nowasm/')) { path = path.slice(11); headers['Content-Security-Policy'] = "script-src 'self'; style-src 'self'"; }
      else if (path.startsWith('/nowasm/')) { path = path.slice(7); if (path.endsWith('.wasm')) throw Object.assign(new Error(), { code: 'ENOENT' }); }
      // A site that copied crosscheck.js and pkg/ into /crosscheck/, as the README's one line has it.
      else if (path.startsWith('/crosscheck/')) path = path.slice(11);
      if (path.startsWith('/fixtures/')) { path = path.slice(9); root = FIXTURES; }
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(root, path));
      if (!file.startsWith(root)) throw Object.assign(new Error(), { code: 'ENOENT' });
      if (!(await stat(file)).isFile()) throw Object.assign(new Error(), { code: 'ENOENT' });
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const origin = `http://127.0.0.1:${server.address().port}`;
    resolve({ origin, requests, put: (path, bytes) => extra.set(path, bytes), close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) });
  }));
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export const ARTICLE_2024 = '/articles/000_088caff56e5e4af2.html';   // John Helmer, Dances with Bears
export const ARTICLE_2019 = '/articles/003_ea11b89cf8f7e83b.html';   // Syria Times and Nasser Kandil (English and Arabic)
export const HELMER = 'President Assad flew to Moscow on November 29';

// Opens a page and waits until the widget's core is loaded (crosscheck.ready resolves to the dataset's info).
export async function openPage(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.problems = problems;
  await page.goto(url);
  page.info = await page.evaluate(() => window.crosscheck.ready);
  return page;
}

// Selects the first occurrence of `text` inside `scope` (whitespace folded) as a reader would with the mouse: the
// range is set programmatically, then a real mouse button release happens over it.
export async function selectText(page, text, { scope = 'main', mouseup = true, at = null } = {}) {
  const rect = await page.evaluate(([text, scope, at]) => {
    const root = document.querySelector(scope);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let flat = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push([n, flat.length]), flat += n.data;
    // Fold white space on both sides so a quote matches the page however its lines were broken.
    const map = [];
    let folded = '';
    for (let i = 0; i < flat.length; i++) {
      if (/\s/.test(flat[i])) { if (folded.endsWith(' ')) continue; folded += ' '; } else folded += flat[i];
      map.push(i);
    }
    const want = text.replace(/\s+/g, ' ').trim();
    const found = folded.indexOf(want);
    if (found < 0) return null;
    const start = map[found], end = map[found + want.length - 1] + 1;
    const locate = (pos) => { for (let k = nodes.length - 1; k >= 0; k--) if (nodes[k][1] <= pos) return [nodes[k][0], pos - nodes[k][1]]; };
    const range = document.createRange();
    range.setStart(...locate(start));
    const [endNode, endOffset] = locate(end - 1);
    range.setEnd(endNode, endOffset + 1);
    // Centred by default; `at` puts the selection that many px below the top of the viewport (for screenshots).
    if (at == null) range.startContainer.parentElement.scrollIntoView({ block: 'center' });
    else window.scrollBy(0, range.getBoundingClientRect().top - at);
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    const r = [...range.getClientRects()].filter((x) => x.width > 0).at(-1);
    const box = range.getBoundingClientRect();
    return { x: r.right - 2, y: r.top + r.height / 2, top: box.top, bottom: box.bottom, left: box.left, right: box.right };
  }, [text, scope, at]);
  if (!rect) throw new Error(`text not found in the page: ${text}`);
  if (mouseup) {
    // Pressing would start a new selection, so only the release is real; the widget listens for it.
    await page.evaluate(([x, y]) => document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, clientX: x, clientY: y, button: 0 })), [rect.x, rect.y]);
  }
  return rect;
}

// The popup as the reader sees it, read through the open shadow root.
export function readPopup(page) {
  return page.evaluate(() => {
    const host = document.querySelector('crosscheck-popup');
    const panel = host?.shadowRoot?.querySelector('[role="dialog"]');
    if (!panel || panel.hidden) return null;
    const r = panel.getBoundingClientRect();
    const label = panel.getAttribute('aria-labelledby');
    return {
      rect: { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height },
      label: label && host.shadowRoot.getElementById(label)?.textContent,
      live: host.shadowRoot.querySelector('[aria-live]')?.textContent,
      background: getComputedStyle(panel).backgroundColor,
      color: getComputedStyle(panel).color,
      lang: panel.getAttribute('lang'),
      dir: panel.getAttribute('dir'),
      claims: [...panel.querySelectorAll('article')].map((a) => ({
        text: a.querySelector('h2').textContent,
        lead: a.querySelector('.lead')?.textContent,
        side: a.dataset.side,
        summary: a.querySelector('.summary').textContent,
        jumps: [...a.querySelectorAll('.summary button.jump')].map((b) => b.textContent),
        groups: [...a.querySelectorAll('section')].map((s) => ({
          name: s.querySelector('h3').textContent,
          stance: s.className,
          accounts: [...s.querySelectorAll('li')].map((li) => ({
            who: li.querySelector('.who').textContent,
            chain: li.querySelector('.chain')?.textContent ?? '',
            cite: li.querySelector('.cite')?.textContent ?? '',
            here: li.classList.contains('here'),
            selected: li.classList.contains('selected'),
            quote: li.querySelector('blockquote').textContent,
            dir: li.querySelector('blockquote').getAttribute('dir'),
            links: [...li.querySelectorAll('a')].map((l) => l.href),
          })),
        })),
      })),
    };
  });
}

export const waitForPopup = (page, open = true) => page.waitForFunction((open) => {
  const panel = document.querySelector('crosscheck-popup')?.shadowRoot?.querySelector('[role="dialog"]');
  return open ? panel && !panel.hidden : !panel || panel.hidden;
}, open, { timeout: 5000 });

// A sentence of the page whose claim is certain to show: the first account quote, in the page, that the page's own
// widget matches back to a claim with both corroborating and conflicting accounts (the dataset grows; ids change).
export function findDisputedQuote(page, { language, minWords = 4 } = {}) {
  return page.evaluate(async ([language, minWords]) => {
    const fold = (s) => s.replace(/\s+/g, ' ').trim();
    const pageText = fold(document.querySelector('main').textContent);
    for (const p of document.querySelectorAll('main p')) {
      const answer = await window.crosscheck.lookup(p.textContent);
      for (const m of answer.matches) {
        for (const a of m.accounts) {
          if (language && answer.sources[a.source].language !== language) continue;
          if (!pageText.includes(fold(a.quote)) || a.quote.split(/\s+/).length < minWords) continue;
          const back = await window.crosscheck.lookup(a.quote);
          const hit = back.matches.find((x) => x.claim.id === m.claim.id);
          if (hit && hit.summary.corroborates && hit.summary.conflicts) return { quote: a.quote, claim: hit.claim.text, stance: a.stance };
        }
      }
    }
    return null;
  }, [language, minWords]);
}
