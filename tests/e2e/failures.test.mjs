// failures.test.mjs — promises 4 and 5 in the browser: a bad dataset (data-dataset: 404, an HTML error page, empty,
// truncated, corrupted, another version, a network error) or a core that cannot load (no glue, no wasm, a broken wasm,
// no WebAssembly, a CSP without wasm-unsafe-eval) or that traps (what a Rust panic becomes in wasm) never breaks the
// page: the widget turns itself off with one `crosscheck:` warning (docs/widget.md, "Failure"), throws nothing into
// the page, and the page's own scripts, including one that runs after the failure, keep working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, selectText, readPopup, waitForPopup, HELMER } from './helpers.mjs';
import { compileDataset, withPage, htmlPage, escapeHtml } from './harness.mjs';

let server, browser, tiny;
before(async () => {
  server = await startServer();
  browser = await launch();
  tiny = compileDataset('tests/e2e/fixtures/tiny-dataset').bytes;
  server.put('/failures/tiny.ccd', tiny);
});
after(async () => { await browser?.close(); await server?.close(); });

// A page with the widget and scripts of its own: one before, a module after, one that waits for the widget to give
// up (crosscheck.ready resolves to null), a click counter, and a timer.
function pageWith(attrs) {
  return htmlPage({
    attrs,
    head: '<script>window.__before = true;</script>',
    body: `<main><p id="sentence">${escapeHtml(HELMER)}</p><button id="count" type="button">count</button></main>
<script>document.getElementById('count').addEventListener('click', () => { window.__clicks = (window.__clicks || 0) + 1; });</script>
<script type="module">window.__module = true; window.crosscheck?.ready.then((info) => { window.__afterWidget = info === null ? 'off' : 'on'; });</script>
<script>addEventListener('load', () => setTimeout(() => { window.__late = true; }, 200));</script>`,
  });
}

// The page survived: its scripts ran (including after the widget gave up), its button works, nothing was thrown or
// left rejected, and the widget said so once.
async function assertPageUnharmed(page, { warnings, state = 'off' }) {
  await page.waitForFunction(() => window.__late && window.__afterWidget, null, { timeout: 10000 });
  assert.deepEqual(await page.evaluate(() => [window.__before, window.__module, window.__afterWidget, window.__late]), [true, true, state, true]);
  await page.click('#count');
  await page.click('#count');
  assert.equal(await page.evaluate(() => window.__clicks), 2);
  assert.deepEqual(page.problems.filter((p) => p.startsWith('pageerror')), []);
  assert.deepEqual(await page.evaluate(() => window.__rejections), []);
  // Chromium itself logs "Failed to load resource" for every failed request; no script can prevent that line.
  const found = page.problems.filter((p) => (p.startsWith('warning:') || p.startsWith('error:')) && !p.startsWith('error: Failed to load resource'));
  assert.equal(found.length, warnings.length, `expected ${warnings.length} warning(s), got:\n${found.join('\n')}`);
  warnings.forEach((w, i) => assert.match(found[i], w));
}

const truncated = () => tiny.subarray(0, tiny.length - 7);
const corrupted = () => { const b = Buffer.from(tiny); b[30] ^= 0x20; return b; };
const version9 = () => { const b = Buffer.from(tiny); b[4] = 9; return b; };
const BAD_DATASETS = {
  '404 with an HTML body': [(r) => r.fulfill({ status: 404, contentType: 'text/html', body: '<!doctype html><h1>Not Found</h1>' }), /HTTP 404/],
  '500': [(r) => r.fulfill({ status: 500, body: 'oops' }), /HTTP 500/],
  'an HTML error page served as 200': [(r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Sign in</title><p>Please sign in.</p>' }), /not a crosscheck dataset/],
  'a zero-byte file': [(r) => r.fulfill({ status: 200, body: '' }), /not a crosscheck dataset/],
  'JSON': [(r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"claims":[]}' }), /not a crosscheck dataset/],
  'a truncated download': [(r) => r.fulfill({ status: 200, body: truncated() }), /truncated/],
  'a corrupted download': [(r) => r.fulfill({ status: 200, body: corrupted() }), /corrupted/],
  'another format version': [(r) => r.fulfill({ status: 200, body: version9() }), /format version 9.*recompile/],
  'a network error': [(r) => r.abort('failed'), /Failed to fetch/],
};

test('data-dataset that is bad: the widget turns itself off with one warning naming the problem; the page is unharmed', async () => {
  for (const [name, [respond, reason]] of Object.entries(BAD_DATASETS)) {
    server.put('/failures/bad-dataset.html', pageWith({ dataset: '/failures/bad.ccd', scope: 'main' }));
    await withPage(browser, `${server.origin}/failures/bad-dataset.html`, async (page) => {
      assert.equal(page.info, null, `${name}: ready resolves to null`);
      assert.equal(await page.locator('crosscheck-popup').count(), 0, `${name}: the element is gone`);
      await selectText(page, HELMER);
      await page.waitForTimeout(700);
      assert.equal(await readPopup(page), null, `${name}: no popup`);
      await assertPageUnharmed(page, { warnings: [new RegExp(`^warning: crosscheck: could not load.*${reason.source}`, 's')] });
    }, { route: (context) => context.route('**/failures/bad.ccd', respond) });
  }
});

test('attach() with a bad dataset after a good one turns the widget off (docs/widget.md), with one warning', async () => {
  server.put('/failures/manual.html', pageWith({ attach: 'manual' }));
  await withPage(browser, `${server.origin}/failures/manual.html`, async (page) => {
    assert.equal((await page.evaluate(() => window.crosscheck.attach({ dataset: '/failures/tiny.ccd' }))).name, 'tiny');
    server.put('/failures/truncated.ccd', truncated());
    assert.equal(await page.evaluate(() => window.crosscheck.attach({ dataset: '/failures/truncated.ccd' })), null);
    assert.equal(await page.locator('crosscheck-popup').count(), 0);
    // attach() again with a good dataset brings it back.
    assert.equal((await page.evaluate(() => window.crosscheck.attach({ dataset: '/failures/tiny.ccd', scope: 'main' }))).name, 'tiny');
    const warnings = page.problems.filter((p) => p.startsWith('warning:'));
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /crosscheck: could not load.*truncated/s);
  }, { waitReady: false });
});

// lookup() is documented as "{matches: []} when the widget is off"; after a bad data-dataset it answers from the
// embedded dataset instead (crosscheck.js lookup(): `current` is null, so it falls back to loadCore().lookup).
test('regression: after a bad data-dataset turned the widget off, crosscheck.lookup() answers {matches: []}', async () => {
  server.put('/failures/bad-dataset.html', pageWith({ dataset: '/failures/bad.ccd' }));
  await withPage(browser, `${server.origin}/failures/bad-dataset.html`, async (page) => {
    assert.equal(page.info, null);
    assert.deepEqual((await page.evaluate((t) => window.crosscheck.lookup(t), HELMER)).matches, []);
  }, { route: (context) => context.route('**/failures/bad.ccd', (r) => r.fulfill({ status: 404, body: '' })) });
});

const CORE_FAILURES = {
  'the glue module is missing (404)': { route: (c) => c.route('**/pkg/crosscheck.js', (r) => r.fulfill({ status: 404, body: 'not found' })) },
  'the glue module does not parse': { route: (c) => c.route('**/pkg/crosscheck.js', (r) => r.fulfill({ status: 200, contentType: 'text/javascript', body: 'export default 1 +;' })) },
  'the wasm is missing (404)': { route: (c) => c.route('**/pkg/crosscheck_bg.wasm', (r) => r.fulfill({ status: 404, body: '' })) },
  'the wasm download fails': { route: (c) => c.route('**/pkg/crosscheck_bg.wasm', (r) => r.abort('failed')) },
  'the wasm is truncated': { route: (c) => c.route('**/pkg/crosscheck_bg.wasm', async (r) => r.fulfill({ status: 200, contentType: 'application/wasm', body: (await (await r.fetch()).body()).subarray(0, 4096) })) },
  'no WebAssembly at all': { init: () => { delete window.WebAssembly; } },
  'WebAssembly refuses to compile (a browser policy)': {
    init: () => {
      const refuse = () => Promise.reject(new WebAssembly.CompileError('WebAssembly is disabled by policy'));
      WebAssembly.instantiateStreaming = refuse; WebAssembly.instantiate = refuse; WebAssembly.compile = refuse; WebAssembly.compileStreaming = refuse;
    },
  },
  'a CSP without wasm-unsafe-eval': {
    route: (c) => c.route(/\/failures\/core\.html$/, async (r) => r.fulfill({ response: await r.fetch(), headers: { 'content-type': 'text/html', 'content-security-policy': "script-src 'self' 'unsafe-inline'" } })),
  },
};

test('a core that cannot load turns the widget off with one warning, and the page\'s own scripts keep running', async () => {
  server.put('/failures/core.html', pageWith({ scope: 'main' }));
  for (const [name, options] of Object.entries(CORE_FAILURES)) {
    await withPage(browser, `${server.origin}/failures/core.html`, async (page) => {
      assert.equal(page.info, null, `${name}: ready resolves to null`);
      assert.equal(await page.locator('crosscheck-popup').count(), 0, name);
      await selectText(page, HELMER);
      await page.keyboard.press('Alt+Shift+C');
      await page.waitForTimeout(500);
      assert.deepEqual((await page.evaluate((t) => window.crosscheck.lookup(t), HELMER)).matches, [], `${name}: lookup answers nothing`);
      await assertPageUnharmed(page, { warnings: [/^warning: crosscheck: could not load/] });
    }, options);
  }
});

// wasm-bindgen's glue falls back to WebAssembly.instantiate when the server sends another MIME type, and says so with a
// console.warn of its own: one more warning, not prefixed crosscheck:, on every page of a site whose server does not
// know .wasm (and a second warning when the wasm is then broken too).
test('regression: a .wasm served as application/octet-stream works without any warning', async () => {
  server.put('/failures/core.html', pageWith({ scope: 'main' }));
  await withPage(browser, `${server.origin}/failures/core.html`, async (page) => {
    assert.ok(page.info, 'the core loads');
    await assertPageUnharmed(page, { warnings: [], state: 'on' });
  }, { route: (c) => c.route('**/pkg/crosscheck_bg.wasm', async (r) => r.fulfill({ response: await r.fetch(), headers: { 'content-type': 'application/octet-stream' } })) });
});

test('regression: an HTML page served in place of the wasm gives exactly one crosscheck warning', async () => {
  server.put('/failures/core.html', pageWith({ scope: 'main' }));
  await withPage(browser, `${server.origin}/failures/core.html`, async (page) => {
    assert.equal(page.info, null);
    await assertPageUnharmed(page, { warnings: [/^warning: crosscheck: could not load/] });
  }, { route: (c) => c.route('**/pkg/crosscheck_bg.wasm', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><h1>Server error</h1>' })) });
});

// A Rust panic in wasm32 aborts: the call ends in a `RuntimeError: unreachable` trap. The glue is patched so that a
// lookup of text containing CROSSCHECK-TRAP makes the core abort for real (an impossible allocation request, which
// Rust's allocator answers with abort(), exactly the path a panic takes).
const TRAP = 'CROSSCHECK-TRAP';
const trapRoute = (context) => context.route('**/pkg/crosscheck.js', async (r) => {
  const js = (await (await r.fetch()).text())
    .replace(/(\n    lookup\(text\) \{)/, `$1\n        if (String(text).includes('${TRAP}')) wasm.__wbindgen_malloc(1, 3);`);
  if ((js.match(new RegExp(TRAP, 'g')) || []).length !== 1) throw new Error('the glue changed: the trap was not inserted');
  r.fulfill({ body: js, contentType: 'text/javascript' });
});

test('a trap (panic) in the core during a selection or a lookup() throws nothing into the page; one warning', async () => {
  const body = `<p id="trap">${escapeHtml(HELMER)} ${TRAP}</p>`;
  server.put('/failures/trap.html', pageWith({ scope: 'main' }).replace('<main>', `<main>${body}`));
  await withPage(browser, `${server.origin}/failures/trap.html`, async (page) => {
    assert.ok(page.info, 'the core loaded');
    assert.equal(await page.evaluate(async (t) => { try { new (await import('/pkg/crosscheck.js')).Crosscheck().lookup(t); return 'no trap'; } catch (e) { return e.constructor.name; } }, TRAP), 'RuntimeError', 'the patch traps for real');
    await selectText(page, `${HELMER} ${TRAP}`, { scope: '#trap' });   // mouse selection
    await page.waitForTimeout(400);
    await page.keyboard.press('Alt+Shift+C');                            // keyboard shortcut
    assert.deepEqual((await page.evaluate((t) => window.crosscheck.lookup(t), TRAP)).matches, []);   // the API
    await assertPageUnharmed(page, { warnings: [/^warning: crosscheck: /], state: 'on' });
  }, { route: trapRoute });
  // The same with a dataset of its own (the Crosscheck class).
  server.put('/failures/trap-dataset.html', pageWith({ scope: 'main', dataset: '/failures/tiny.ccd' }).replace('<main>', `<main>${body}`));
  await withPage(browser, `${server.origin}/failures/trap-dataset.html`, async (page) => {
    assert.equal(page.info?.name, 'tiny');
    await selectText(page, `${HELMER} ${TRAP}`, { scope: '#trap' });
    await page.waitForTimeout(400);
    await assertPageUnharmed(page, { warnings: [/^warning: crosscheck: /], state: 'on' });
  }, { route: trapRoute });
});

// After a trap the core's state is unknown (Rust gives no guarantee after an abort: a RefCell left borrowed or a
// OnceLock left initialising makes every later call trap too). The shell warns once and carries on calling it.
test('regression: after a trap (panic) in the core the widget turns itself off', async () => {
  server.put('/failures/trap.html', pageWith({ scope: 'main' }).replace('<main>', `<main><p id="trap">${escapeHtml(HELMER)} ${TRAP}</p>`));
  await withPage(browser, `${server.origin}/failures/trap.html`, async (page) => {
    await selectText(page, `${HELMER} ${TRAP}`, { scope: '#trap' });
    await page.waitForTimeout(400);
    assert.equal(await page.locator('crosscheck-popup').count(), 0, 'the widget turned itself off');
    assert.equal(await page.evaluate(() => window.crosscheck.ready), null);
  }, { route: trapRoute });
});

test('another script\'s <crosscheck-popup>, or a page global named crosscheck, never makes the widget throw', async () => {
  // The page defines the element first: the widget stays off with one warning.
  server.put('/failures/taken.html', pageWith({ scope: 'main' }).replace('<script>window.__before = true;</script>',
    '<script>window.__before = true; customElements.define("crosscheck-popup", class extends HTMLElement {});</script>'));
  await withPage(browser, `${server.origin}/failures/taken.html`, async (page) => {
    assert.equal(page.info, null);
    assert.equal(await page.evaluate(() => document.querySelector('crosscheck-popup')?.shadowRoot ?? null), null);
    await assertPageUnharmed(page, { warnings: [/^warning: crosscheck: another script already defined <crosscheck-popup>/] });
  });
  // The page has its own window.crosscheck with an attach(): the widget leaves it alone and attaches nothing.
  server.put('/failures/global.html', htmlPage({
    attrs: { scope: 'main' },
    head: '<script>window.crosscheck = { attach() { window.__ownAttach = true; }, mine: true };</script>',
    body: `<main><p>${escapeHtml(HELMER)}</p></main>`,
  }));
  await withPage(browser, `${server.origin}/failures/global.html`, async (page) => {
    await page.waitForTimeout(500);
    assert.deepEqual(await page.evaluate(() => [window.crosscheck.mine, window.__ownAttach ?? false, document.querySelectorAll('crosscheck-popup').length]), [true, false, 0]);
    assert.deepEqual(page.problems, []);
  }, { waitReady: false });
});

test('a good data-dataset, for contrast: the same page helpers see the widget on', async () => {
  server.put('/failures/good.html', pageWith({ dataset: '/failures/tiny.ccd', scope: 'main' }));
  await withPage(browser, `${server.origin}/failures/good.html`, async (page) => {
    assert.equal(page.info?.name, 'tiny');
    await page.evaluate(() => document.querySelector('main').insertAdjacentHTML('beforeend', '<p id="light">The Point Grey lighthouse was relit on May 4 after ten dark years.</p>'));
    await selectText(page, 'The Point Grey lighthouse was relit on May 4 after ten dark years', { scope: '#light' });
    await waitForPopup(page);
    await assertPageUnharmed(page, { warnings: [], state: 'on' });
  });
});
