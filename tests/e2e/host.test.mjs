// host.test.mjs — promise 7: the widget is a good guest. Two copies on one page, attach() twice, 1,000 attach/detach
// cycles (no leaked listeners, no memory growth), a page that replaces document.body, and a page inside an iframe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, selectText, readPopup, waitForPopup, HELMER, ARTICLE_2024 } from './helpers.mjs';
import { compileDataset, withPage, htmlPage, escapeHtml, wasmMemory } from './harness.mjs';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launch();
  server.put('/host/tiny.ccd', compileDataset('tests/e2e/fixtures/tiny-dataset').bytes);
  server.put('/host/manual.html', htmlPage({ attrs: { attach: 'manual' }, body: `<main><p id="sentence">${escapeHtml(HELMER)}</p></main>` }));
});
after(async () => { await browser?.close(); await server?.close(); });

// Injected before any page script: keeps the list of the widget's listeners live on window and document (those added
// from crosscheck.js, by call stack: Playwright, the harness and the page add their own), through addEventListener,
// removeEventListener and AbortSignal removal (the widget removes its own with one abort()).
function trackListeners() {
  const live = [];
  const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
  const watched = (t) => t === window || t === document;
  const capture = (o) => (typeof o === 'boolean' ? o : !!o?.capture);
  const same = (r, t, type, fn, c) => r.t === t && r.type === type && r.fn === fn && r.capture === c;
  EventTarget.prototype.addEventListener = function (type, fn, options) {
    if (watched(this) && fn && /\/crosscheck\.js/.test(new Error().stack)) {
      const signal = typeof options === 'object' ? options?.signal : undefined, c = capture(options);
      if (!signal?.aborted && !live.some((r) => same(r, this, type, fn, c))) {
        const rec = { t: this, type, fn, capture: c };
        live.push(rec);
        if (signal) add.call(signal, 'abort', () => { const i = live.indexOf(rec); if (i >= 0) live.splice(i, 1); }, { once: true });
      }
    }
    return add.call(this, type, fn, options);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, options) {
    if (watched(this)) { const i = live.findIndex((r) => same(r, this, type, fn, capture(options))); if (i >= 0) live.splice(i, 1); }
    return remove.call(this, type, fn, options);
  };
  window.__listeners = () => live.map((r) => `${r.t === window ? 'window' : 'document'}.${r.type}${r.capture ? '+capture' : ''}`).sort();
}

// The browser's own count of listeners on document and window (DevTools protocol), as a second opinion.
async function cdpListeners(context, page) {
  const cdp = await context.newCDPSession(page);
  const out = [];
  for (const expression of ['document', 'window']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    out.push(...listeners.map((l) => `${expression}.${l.type}`));
  }
  await cdp.detach();
  return out.sort();
}

test('two script tags, or two copies of crosscheck.js, make one widget; attach() twice makes one element', async () => {
  const tags = (a, b) => `<script type="module" src="${a}" data-scope="main"></script>\n<script type="module" src="${b}" data-scope="#nowhere" data-theme="dark"></script>`;
  server.put('/host/twice.html', htmlPage({ widget: false, head: tags('/crosscheck.js', '/crosscheck.js'), body: `<main><p>${escapeHtml(HELMER)}</p></main>` }));
  server.put('/host/copies.html', htmlPage({ widget: false, head: tags('/crosscheck.js', '/crosscheck.js?copy=2'), body: `<main><p>${escapeHtml(HELMER)}</p></main>` }));
  for (const path of ['/host/twice.html', '/host/copies.html']) {
    await withPage(browser, server.origin + path, async (page) => {
      assert.ok(page.info?.claims > 0, path);
      await page.waitForTimeout(300);
      assert.equal(await page.locator('crosscheck-popup').count(), 1, `${path}: one element`);
      const single = await page.evaluate(() => window.__listeners());
      assert.equal(new Set(single).size, single.length, `${path}: no listener twice: ${single}`);
      await selectText(page, HELMER);
      await waitForPopup(page);
      assert.equal((await readPopup(page)).claims.length > 0, true);
      // The first tag's options win, the second copy (data-theme="dark") stays silent.
      assert.equal(await page.evaluate(() => document.querySelector('crosscheck-popup').getAttribute('data-theme')), 'auto');
      assert.deepEqual(page.problems, [], path);
    }, { init: trackListeners });
  }
  await withPage(browser, `${server.origin}/host/manual.html`, async (page) => {
    const infos = await page.evaluate(() => Promise.all([window.crosscheck.attach({ scope: 'main' }), window.crosscheck.attach({ scope: 'main' }), window.crosscheck.attach({ scope: 'main', dataset: '/host/tiny.ccd' }), window.crosscheck.attach({ scope: 'main' })]));
    assert.ok(infos.every((i) => i?.claims > 0), JSON.stringify(infos));
    assert.equal(await page.locator('crosscheck-popup').count(), 1);
    assert.equal((await page.evaluate(() => window.crosscheck.ready)).name, 'seed', 'the last attach() is the one in use');
    await selectText(page, HELMER);
    await waitForPopup(page);
    assert.deepEqual(page.problems, []);
  }, { init: trackListeners, waitReady: false });
});

test('1,000 attach/detach cycles leak no listener and no memory (JS heap and wasm memory)', async (t) => {
  await withPage(browser, `${server.origin}/host/manual.html`, async (page, context) => {
    const cdp = await context.newCDPSession(page);
    const heap = async () => {
      for (let i = 0; i < 2; i++) { await cdp.send('HeapProfiler.collectGarbage'); await page.waitForTimeout(100); }
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const cycles = (n, options, wait) => page.evaluate(async ([n, options, wait]) => {
      const pending = [];
      for (let i = 0; i < n; i++) {
        const ready = window.crosscheck.attach(options);
        if (wait) await ready; else pending.push(ready);
        window.crosscheck.detach();
      }
      return (await Promise.all(pending)).every((info) => info !== null);
    }, [n, options, wait]);
    const baseline = await page.evaluate(() => window.__listeners());
    const baselineByBrowser = await cdpListeners(context, page);
    await page.evaluate(() => window.crosscheck.attach({ scope: 'main' }));
    const one = await page.evaluate(() => window.__listeners());
    const oneByBrowser = await cdpListeners(context, page);
    assert.ok(one.length > baseline.length, 'attach() adds listeners');
    page.evaluate(() => window.crosscheck.detach());

    await cycles(50, { scope: 'main' }, true);   // warm-up: the core, the JIT, the first allocations
    const [heap0, wasm0] = [await heap(), await wasmMemory(page)];
    const started = Date.now();
    await cycles(1000, { scope: 'main' }, true);
    const took = Date.now() - started;
    const [heap1, wasm1] = [await heap(), await wasmMemory(page)];
    t.diagnostic(`1,000 cycles in ${took} ms; JS heap ${heap0} -> ${heap1} bytes; wasm memory ${wasm0} -> ${wasm1} bytes`);
    assert.deepEqual(await page.evaluate(() => window.__listeners()), baseline, 'every listener is removed');
    assert.deepEqual(await cdpListeners(context, page), baselineByBrowser, 'the browser agrees: none left on document or window');
    assert.ok(heap1 - heap0 < 512 * 1024, `the JS heap grew by ${heap1 - heap0} bytes`);
    assert.equal(wasm1, wasm0, 'the wasm memory did not grow');

    // With a dataset of its own (an engine per attach, freed by detach): awaited, then as fast as a page can call.
    await cycles(20, { scope: 'main', dataset: '/host/tiny.ccd' }, true);
    const wasm2 = await wasmMemory(page);
    assert.ok(await cycles(200, { scope: 'main', dataset: '/host/tiny.ccd' }, true));
    const wasm3 = await wasmMemory(page);
    t.diagnostic(`200 dataset cycles: wasm memory ${wasm2} -> ${wasm3} bytes`);
    assert.equal(wasm3, wasm2, 'engines are freed on detach');
    // Unawaited, an engine arrives after its element was detached; it is freed when the element is collected, so
    // memory grows for a burst and then stays put.
    const bursts = [];
    for (let i = 0; i < 3; i++) { await cycles(200, { scope: 'main', dataset: '/host/tiny.ccd' }, false); await heap(); await page.waitForTimeout(300); bursts.push(await wasmMemory(page)); }
    t.diagnostic(`three bursts of 200 unawaited dataset cycles: wasm memory ${bursts.join(' -> ')} bytes`);
    assert.ok(bursts[2] - bursts[1] <= 256 * 1024 && bursts[2] - wasm3 < 4 << 20, `wasm memory keeps growing: ${bursts}`);

    // After all that, one attach() is exactly one widget, and it works.
    await page.evaluate(() => window.crosscheck.attach({ scope: 'main' }));
    assert.deepEqual(await page.evaluate(() => window.__listeners()), one);
    assert.deepEqual(await cdpListeners(context, page), oneByBrowser);
    assert.equal(await page.locator('crosscheck-popup').count(), 1);
    await selectText(page, HELMER);
    await waitForPopup(page);
    assert.deepEqual(page.problems, []);
  }, { init: trackListeners, waitReady: false });
});

test('a page that replaces document.body: nothing breaks, no listener stays, attach() brings the widget back', async () => {
  await withPage(browser, `${server.origin}/host/manual.html`, async (page, context) => {
    await page.evaluate(() => window.crosscheck.attach({ scope: 'main' }));
    await page.evaluate((text) => {
      const body = document.createElement('body');
      body.innerHTML = `<main><p id="sentence">${text}</p></main>`;
      document.body = body;
    }, HELMER);
    assert.equal(await page.locator('crosscheck-popup').count(), 0, 'the element went with the old body');
    assert.deepEqual(await page.evaluate(() => window.__listeners()), [], 'its listeners went with it');
    await selectText(page, HELMER);
    await page.waitForTimeout(600);
    assert.equal(await readPopup(page), null, 'the widget is off until the page attaches it again');
    assert.ok((await page.evaluate((t) => window.crosscheck.lookup(t), HELMER)).matches.length > 0, 'lookup() still answers');
    await page.evaluate(() => window.crosscheck.attach({ scope: 'main' }));
    await selectText(page, HELMER);
    await waitForPopup(page);
    assert.equal(await page.locator('crosscheck-popup').count(), 1);
    assert.deepEqual(page.problems, []);
  }, { init: trackListeners, waitReady: false });
});

// The parser (innerHTML) and cloneNode() upgrade a copied <crosscheck-popup>: its constructor and connectedCallback run
// although attach() never configured it, so it listens on document forever, with no engine; detach() only removes the
// element attach() made. Turbo's page cache restores bodies from cloneNode() snapshots, so such sites collect them.
test('regression: a page that copies its body (innerHTML or cloneNode, as Turbo\'s cache does) gets no second widget', async () => {
  await withPage(browser, `${server.origin}/host/manual.html`, async (page) => {
    await page.evaluate(() => window.crosscheck.attach({ scope: 'main' }));
    await page.evaluate(() => { document.body = document.body.cloneNode(true); });
    await page.evaluate(() => { const b = document.createElement('body'); b.innerHTML = document.body.innerHTML; document.body = b; });
    await page.evaluate(() => window.crosscheck.detach());
    assert.equal(await page.locator('crosscheck-popup').count(), 0, 'no copy of the widget is left');
    assert.deepEqual(await page.evaluate(() => window.__listeners()), [], 'no listener is left');
  }, { init: trackListeners, waitReady: false });
});

test('inside an iframe (same origin, and another origin) the widget works in the frame and leaves the parent alone', async () => {
  const port = new URL(server.origin).port;
  for (const frameOrigin of [server.origin, `http://localhost:${port}`]) {
    server.put('/host/outer.html', htmlPage({ widget: false, body: `<main><p>${escapeHtml(HELMER)}</p></main><iframe src="${frameOrigin}${ARTICLE_2024}" width="1000" height="600"></iframe>` }));
    await withPage(browser, `${server.origin}/host/outer.html`, async (page, context) => {
      const frame = await (await page.waitForSelector('iframe')).contentFrame();
      await frame.waitForFunction(() => window.crosscheck?.ready);
      assert.ok((await frame.evaluate(() => window.crosscheck.ready)).claims > 0, `${frameOrigin}: the core loaded in the frame`);
      await selectText(frame, HELMER);
      await waitForPopup(frame);
      assert.ok((await readPopup(frame)).claims.some((c) => /Moscow/.test(c.text)));
      // The parent: no element, no global, no listener of the widget's.
      assert.deepEqual(await page.evaluate(() => [document.querySelectorAll('crosscheck-popup').length, typeof window.crosscheck]), [0, 'undefined']);
      assert.deepEqual(await page.evaluate(() => window.__listeners()), []);
      // A selection in the parent opens nothing anywhere.
      await selectText(page, HELMER);
      await page.waitForTimeout(600);
      assert.equal(await readPopup(page), null);
      assert.deepEqual(page.problems, [], frameOrigin);
    }, { init: trackListeners, waitReady: false });
  }
});
