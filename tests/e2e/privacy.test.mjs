// privacy.test.mjs — promise 6: the widget asks the network for nothing but its own files (crosscheck.js, pkg/) and
// the dataset URL the site owner configured, whatever the reader does (select, use the keyboard, hover links), with
// automark and source-base on, and it stores nothing in the browser. Every request is counted twice: by the browser
// (Playwright) and by the server (so that browser-initiated ones, such as a favicon, count too).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer, launch, selectText, waitForPopup, HELMER } from './helpers.mjs';
import { compileDataset, withPage, htmlPage, escapeHtml } from './harness.mjs';

let server, browser, hostile;
const WIDGET = ['/crosscheck.js', '/pkg/crosscheck.js', '/pkg/crosscheck_bg.wasm'];
before(async () => {
  server = await startServer();
  browser = await launch();
  hostile = compileDataset('tests/fixtures/hostile');
  server.put('/privacy/site.ccd', hostile.bytes);
});
after(async () => { await browser?.close(); await server?.close(); });

// Runs `fn` on a page and returns every URL the browser requested and every path the server was asked for, with any
// request to another origin recorded (there is no network here anyway).
async function requestsOf(path, fn, options = {}) {
  const seen = [], sockets = [];
  const first = server.requests.length;
  await withPage(browser, server.origin + path, async (page, context) => {
    page.on('websocket', (w) => sockets.push(w.url()));
    await fn(page, context);
    await page.waitForTimeout(500);
    // Nothing kept in the browser either: no cookie, storage, cache or service worker.
    const stored = await page.evaluate(async () => ({
      cookie: document.cookie, local: localStorage.length, session: sessionStorage.length,
      caches: (await caches.keys()).length, databases: (await indexedDB.databases()).length,
      workers: (await navigator.serviceWorker.getRegistrations()).length,
    }));
    assert.deepEqual(stored, { cookie: '', local: 0, session: 0, caches: 0, databases: 0, workers: 0 });
    assert.deepEqual(page.problems, []);
  }, {
    ...options,
    // Requests are watched, not intercepted: under Playwright's interception Chromium fails a fetch of /favicon.ico
    // before it reaches the network, which would hide exactly the request this test looks for.
    route: async (context) => { context.on('request', (r) => seen.push(r.url())); },
  });
  const foreign = seen.filter((u) => !u.startsWith(`${server.origin}/`) && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'a request left the page\'s origin');
  assert.deepEqual(sockets, []);
  const browserPaths = [...new Set(seen.filter((u) => !u.startsWith('data:')).map((u) => { const x = new URL(u); return x.pathname + x.search; }))].sort();
  const serverPaths = [...new Set(server.requests.slice(first))].sort();
  // Playwright does not report every request (a fetch of /favicon.ico, say): the server's log is the ground truth.
  assert.deepEqual(serverPaths, browserPaths, 'the server was asked for something the browser did not report (a favicon?)');
  return serverPaths;
}

// A reader's whole session: selections by mouse and keyboard, the popup's links hovered and focused, the API called.
async function readerSession(page, quotes) {
  for (const quote of quotes) {
    await selectText(page, quote);
    await waitForPopup(page);
    await page.evaluate(() => {
      for (const a of document.querySelector('crosscheck-popup').shadowRoot.querySelectorAll('a')) {
        for (const type of ['pointerover', 'mouseover', 'mouseenter', 'focus']) a.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
        a.focus();
      }
    });
    await page.keyboard.press('Alt+Shift+C');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
  }
  await page.evaluate((q) => window.crosscheck.lookup(q), quotes[0]);
}

test('with data-dataset, data-source-base and automark: only the widget\'s files and the configured dataset', async () => {
  const corpus = readFileSync(join(ROOT, 'tests/fixtures/hostile/corpus/wire.txt'), 'utf8');
  const body = `<main>${corpus.split(/\n\s*\n/).map((p) => `<p>${escapeHtml(p.trim())}</p>`).join('\n')}</main>`;
  server.put('/privacy/site.html', htmlPage({ attrs: { dataset: '/privacy/site.ccd', 'source-base': '/privacy/articles', automark: 'on', scope: 'main' }, body }));
  const quotes = hostile.dump.claims.flatMap((c) => c.accounts.map((a) => a.quote));
  const paths = await requestsOf('/privacy/site.html', async (page) => {
    assert.equal(page.info?.name, 'hostile');
    await page.waitForFunction(() => CSS.highlights.get('crosscheck')?.size > 0, null, { timeout: 10000 });
    await readerSession(page, quotes);
  });
  assert.deepEqual(paths, ['/privacy/site.ccd', '/privacy/site.html', ...WIDGET].sort());
});

test('with the embedded dataset, automark and source-base: only the widget\'s files', async () => {
  server.put('/privacy/embedded.html', htmlPage({ attrs: { 'source-base': '/articles', automark: 'on', scope: 'main' }, body: `<main><p>He does confirm that ${escapeHtml(HELMER)}.</p><p>Another paragraph.</p></main>` }));
  const paths = await requestsOf('/privacy/embedded.html', async (page) => {
    assert.ok(page.info?.claims > 0);
    await page.waitForFunction(() => CSS.highlights.get('crosscheck')?.size > 0, null, { timeout: 10000 });
    await readerSession(page, [HELMER]);
  });
  assert.deepEqual(paths, ['/privacy/embedded.html', ...WIDGET].sort());
});

test('data-attach="manual" loads nothing beyond crosscheck.js until the page attaches it', async () => {
  server.put('/privacy/manual.html', htmlPage({ attrs: { attach: 'manual' }, body: `<main><p>${escapeHtml(HELMER)}</p></main>` }));
  const paths = await requestsOf('/privacy/manual.html', async (page) => {
    await selectText(page, HELMER);
    await page.waitForTimeout(600);
  }, { waitReady: false });
  assert.deepEqual(paths, ['/crosscheck.js', '/privacy/manual.html']);
});
