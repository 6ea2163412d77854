// shell.test.mjs — the shell's own promises against a hostile or heavy page (issue 25 items 2, 3 and 4 and the partial
// ones about marking, mouseup bursts and what the popup renders), and the events a host page can listen to
// (docs/widget.md, "Events"). Each hardening test failed against the single-file shell it replaced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, launch, selectText, readPopup, waitForPopup, HELMER, ARTICLE_2024 } from './helpers.mjs';
import { compileDataset, withPage, htmlPage, escapeHtml } from './harness.mjs';

const LIGHTHOUSE = 'The Point Grey lighthouse was relit on May 4 after ten dark years';
let server, browser;
before(async () => {
  server = await startServer();
  browser = await launch();
  server.put('/shell/tiny.ccd', compileDataset('tests/e2e/fixtures/tiny-dataset').bytes);
});
after(async () => { await browser?.close(); await server?.close(); });

const problemsOf = (page) => page.problems.filter((p) => !p.startsWith('error: Failed to load resource'));

test('a trap inside a core method (its memory overwritten) throws nothing into the page, then or at detach; one warning', async () => {
  for (const dataset of ['/shell/tiny.ccd', null]) {
    const attrs = dataset ? { scope: 'main', dataset } : { scope: 'main' };
    server.put('/shell/trap.html', htmlPage({ attrs, body: `<main><p id="t">${escapeHtml(LIGHTHOUSE)}. ${escapeHtml(HELMER)}.</p></main>` }));
    await withPage(browser, `${server.origin}/shell/trap.html`, async (page) => {
      assert.ok(page.info, 'the core loaded');
      // The page imports the glue by the widget's URL (an ES module is loaded once, so this is the widget's own
      // instance) and overwrites the core's memory: the next call into Rust runs on garbage and traps inside it.
      const size = await page.evaluate(async () => {
        const exports = await (await import('/pkg/crosscheck.js')).default();
        const bytes = new Uint8Array(exports.memory.buffer);
        for (let i = 0; i < bytes.length; i += 4) bytes[i] = 0xff, bytes[i + 1] = 0xff, bytes[i + 2] = 0xff, bytes[i + 3] = 0x7f;
        return bytes.length;
      });
      assert.ok(size > 0);
      await selectText(page, LIGHTHOUSE, { scope: '#t' });
      await page.waitForTimeout(300);
      await page.keyboard.press('Alt+Shift+C');
      // The page's own calls: nothing thrown, no match.
      const after = await page.evaluate(async (t) => {
        const out = [];
        for (const step of [() => window.crosscheck.lookup(t), () => window.crosscheck.detach(), () => window.crosscheck.lookup(t), () => window.crosscheck.detach()]) {
          try { const r = await step(); out.push(r?.matches?.length ?? 'ok'); } catch (e) { out.push(`threw ${e}`); }
        }
        return out;
      }, LIGHTHOUSE);
      assert.deepEqual(after, [0, 'ok', 0, 'ok'], `${dataset ?? 'embedded'}: ${after}`);
      await page.waitForTimeout(300);
      assert.equal(await page.locator('crosscheck-popup').count(), 0, 'the widget is off');
      assert.deepEqual(await page.evaluate(() => window.__rejections), []);
      const found = problemsOf(page);
      assert.equal(found.filter((p) => p.startsWith('pageerror')).length, 0, found.join('\n'));
      assert.equal(found.length, 1, `one warning, got:\n${found.join('\n')}`);
      assert.match(found[0], /^warning: crosscheck: /);
    });
  }
});

test('placement over a select-all of a large page measures the selection\'s ends only, on every scroll frame', async (t) => {
  const filler = 'and a long paragraph of filler words that make this page big enough to have a great many lines in it, ';
  const body = `<main><p>${escapeHtml(HELMER)}.</p>${Array.from({ length: 6000 }, (_, i) => `<p>${i}. ${filler.repeat(3)}<b>bold</b> <i>and</i> more.</p>`).join('\n')}</main>`;
  server.put('/shell/large.html', htmlPage({ attrs: { scope: 'main' }, body }));
  await withPage(browser, `${server.origin}/shell/large.html`, async (page) => {
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      getSelection().selectAllChildren(document.querySelector('main'));
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0, clientX: 100, clientY: 100 }));
    });
    await page.waitForFunction(() => !document.querySelector('crosscheck-popup')?.shadowRoot.querySelector('[role=dialog]').hidden, null, { timeout: 30000 });
    // Every measurement of a range from now on: whether it goes beyond one text node, how many boxes came back, how long.
    const stats = await page.evaluate(async () => {
      const seen = { wide: 0, calls: 0, rects: 0, ms: 0 };
      for (const name of ['getClientRects', 'getBoundingClientRect']) {
        const original = Range.prototype[name];
        Range.prototype[name] = function () {
          const t0 = performance.now();
          const r = original.call(this);
          seen.ms += performance.now() - t0;
          seen.calls++;
          if (!this.collapsed && (this.startContainer !== this.endContainer || this.startContainer.nodeType !== Node.TEXT_NODE)) seen.wide++;
          seen.rects += name === 'getClientRects' ? r.length : 1;
          return r;
        };
      }
      const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const tops = [];
      for (let i = 0; i < 30; i++) {
        window.scrollBy(0, 120);
        await frame();
        tops.push(document.querySelector('crosscheck-popup').shadowRoot.querySelector('[role=dialog]').getBoundingClientRect().top);
      }
      return { ...seen, frames: 30, distinctTops: new Set(tops).size, open: !document.querySelector('crosscheck-popup').shadowRoot.querySelector('[role=dialog]').hidden };
    });
    t.diagnostic(`30 scroll frames over a select-all of ${await page.evaluate(() => getSelection().toString().length)} characters: ${stats.calls} range measurements, ${stats.rects} boxes, ${stats.ms.toFixed(1)} ms in all`);
    assert.ok(stats.open, 'the popup stays open');
    assert.ok(stats.calls > 0, 'placement ran');
    assert.equal(stats.wide, 0, 'no measurement of a range beyond one text node (such as the whole selection)');
    assert.ok(stats.rects <= stats.frames * 8, `${stats.rects} boxes for ${stats.frames} frames`);
    assert.deepEqual(problemsOf(page), []);
  }, { navigationTimeout: 120000 });
});

test('prototype pollution by the page changes nothing: options, dataset, links, theme', async () => {
  server.put('/shell/evil.ccd', compileDataset('tests/e2e/fixtures/tiny-dataset').bytes);
  const polluted = {
    dataset: '/shell/evil.ccd', sourceBase: 'https://phish.example/', theme: 'dark', scope: '#nowhere', automark: 'on',
    attach: 'manual', document: null, url: 'https://phish.example/url', within: 'polluted', note: 'POLLUTED NOTE',
    role: 'POLLUTED ROLE', outlet: 'POLLUTED OUTLET', language: 'xx', date: '1999-01-01', crosscheck: { attach() {} },
  };
  const pollute = (props) => { for (const [k, v] of Object.entries(props)) Object.defineProperty(Object.prototype, k, { value: v, writable: true, configurable: true, enumerable: false }); };
  server.put('/shell/pollution.html', htmlPage({ attrs: { 'source-base': '.' }, body: `<main><p>${escapeHtml(HELMER)} to meet Putin.</p></main>` }));
  const seen = {};
  for (const name of ['clean', 'polluted']) {
    const from = server.requests.length;
    await withPage(browser, `${server.origin}/shell/pollution.html`, async (page) => {
      assert.ok(page.info, `${name}: the widget is on`);
      await selectText(page, HELMER);
      await waitForPopup(page);
      seen[name] = {
        popup: await readPopup(page),
        theme: await page.evaluate(() => document.querySelector('crosscheck-popup').getAttribute('data-theme')),
        requests: server.requests.slice(from).filter((r) => /\.ccd|phish/.test(r)),
        problems: problemsOf(page),
      };
    }, { init: name === 'polluted' ? [`(${pollute})(${JSON.stringify(polluted).replace('"crosscheck":{}', '"crosscheck":{"attach":1}')})`] : [] });
  }
  assert.deepEqual(seen.polluted.requests, [], 'no dataset from the prototype');
  assert.equal(seen.polluted.theme, 'auto', 'no theme from the prototype');
  assert.ok(seen.clean.popup.claims.length > 0);
  assert.deepEqual(seen.polluted.popup.claims, seen.clean.popup.claims, 'the same claims, accounts and links');
  assert.ok(!JSON.stringify(seen.polluted.popup).includes('phish') && !JSON.stringify(seen.polluted.popup).includes('POLLUTED'));
  assert.deepEqual(seen.polluted.problems, []);
});

test('auto-marking a 200,000-block page: no long task after ready (block positions are not read in one go)', async (t) => {
  const blocks = Array.from({ length: 200000 }, (_, i) => (i === 3 ? `<p>${escapeHtml(HELMER)}.</p>` : `<p>Line ${i}.</p>`)).join('');
  server.put('/shell/blocks.html', htmlPage({
    attrs: { scope: 'main', automark: '' },
    // Long tasks, and every read of an element's position (counted, not changed).
    head: `<script>window.__tasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
window.__reads = 0; const rect = Element.prototype.getBoundingClientRect; Element.prototype.getBoundingClientRect = function () { window.__reads++; return rect.call(this); };</script>`,
    body: `<main>${blocks}</main>`,
  }));
  await withPage(browser, `${server.origin}/shell/blocks.html`, async (page) => {
    assert.ok(page.info);
    const readyAt = await page.evaluate(() => performance.now());
    // The first marks appear (the sentence in view), then marking goes on in the background.
    await page.waitForFunction(() => CSS.highlights.get('crosscheck')?.size > 0, null, { timeout: 20000 });
    await page.waitForTimeout(1500);
    const tasks = (await page.evaluate(() => window.__tasks)).filter(([start]) => start >= readyAt);
    const longest = Math.max(0, ...tasks.map(([, d]) => d));
    const reads = await page.evaluate(() => window.__reads);
    t.diagnostic(`200,000 blocks: longest task after ready ${longest.toFixed(0)} ms (${tasks.length} over 50 ms), ${reads} block positions read`);
    // The count is what does not depend on the machine's load; the time bound is loose (the one-go reading took
    // seconds on a loaded machine).
    assert.ok(reads < 5000, `${reads} block positions read`);
    assert.ok(longest < 1000, `a task of ${longest.toFixed(0)} ms after ready`);
    assert.deepEqual(problemsOf(page), []);
  }, { navigationTimeout: 180000 });
});

test('1,000 mouseups a second over one selection make one lookup; a new selection is looked up again', async (t) => {
  server.put('/shell/burst.html', htmlPage({ attrs: { scope: 'main', dataset: '/shell/tiny.ccd' }, body: `<main><p id="off">Nothing about any lighthouse is in this sentence at all.</p><p id="on">${escapeHtml(LIGHTHOUSE)}.</p></main>` }));
  await withPage(browser, `${server.origin}/shell/burst.html`, async (page) => {
    // Counts the core's lookups: the widget's engine is an instance of the glue's class (same module instance).
    await page.evaluate(async () => {
      const { Crosscheck } = await import('/pkg/crosscheck.js');
      const original = Crosscheck.prototype.lookup;
      window.__lookups = 0;
      Crosscheck.prototype.lookup = function (text) { window.__lookups++; return original.call(this, text); };
    });
    await selectText(page, 'Nothing about any lighthouse is in this sentence at all', { scope: '#off', mouseup: false });
    const ms = await page.evaluate(async () => {
      const t0 = performance.now();
      for (let batch = 0; batch < 20; batch++) {
        for (let i = 0; i < 50; i++) document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0, clientX: 20, clientY: 20 }));
        await new Promise((r) => setTimeout(r, 50));
      }
      return performance.now() - t0;
    });
    await page.waitForTimeout(400);
    const lookups = await page.evaluate(() => window.__lookups);
    t.diagnostic(`1,000 mouseups in ${ms.toFixed(0)} ms: ${lookups} lookups`);
    assert.ok(lookups <= 1, `${lookups} lookups for one unchanged selection`);
    await selectText(page, LIGHTHOUSE, { scope: '#on' });
    await waitForPopup(page);
    assert.equal(await page.evaluate(() => window.__lookups), lookups + 1);
    assert.deepEqual(problemsOf(page), []);
  });
});

// A dataset with one claim, 30 corroborating accounts and one with a quote and a speaker as long as the format's
// limits allow (docs/dataset.md: 2,000 and 200 bytes), longer than the popup shows: written at test time.
function crowdDataset() {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-crowd-'));
  mkdirSync(join(dir, 'claims')); mkdirSync(join(dir, 'corpus'));
  const long = `The Point Grey lighthouse was relit on May 4, ${Array.from({ length: 50 }, (_, i) => `and witness number ${i} saw the beam`).join(', ')}.`;
  const sentences = Array.from({ length: 30 }, (_, i) => `Witness ${i} said the Point Grey lighthouse was relit on May 4 after ten dark years.`);
  writeFileSync(join(dir, 'corpus', 'crowd.txt'), `Crowd news.\n\n${sentences.join('\n\n')}\n\n${long}\n`);
  writeFileSync(join(dir, 'dataset.toml'), 'format = 1\nname = "crowd"\ntitle = "Many accounts"\ndescription = "One claim, many accounts."\n');
  writeFileSync(join(dir, 'entities.toml'), '[[entity]]\nid = "lighthouse"\nname = "Point Grey lighthouse"\nkind = "place"\naliases = ["lighthouse"]\n');
  writeFileSync(join(dir, 'sources.toml'), '[[source]]\nid = "crowd"\nfile = "corpus/crowd.txt"\noutlet = "Crowd News"\ntitle = "Many witnesses"\nauthor = ""\ndate = "2020-05-05"\nlanguage = "en"\nurl = "https://example.org/crowd"\n');
  const account = (speaker, quote) => `\n[[claim.account]]\nsource = "crowd"\nspeaker = ${JSON.stringify(speaker)}\nrole = ""\nvia = []\norigin = ${JSON.stringify(`o-${speaker.length}-${speaker.slice(0, 12)}`)}\nstance = "corroborates"\nquote = ${JSON.stringify(quote)}\n`;
  writeFileSync(join(dir, 'claims', 'crowd.toml'), '[[claim]]\nid = "lighthouse-relit"\ntext = "The Point Grey lighthouse was relit on 4 May 2020."\nevent = "lighthouse-relit"\ndates = ["2020-05-04"]\nentities = ["lighthouse"]\n'
    + sentences.map((s, i) => account(`Witness ${i}`, s.slice(0, -1))).join('') + account(`Witness ${'W'.repeat(190)}`, long.slice(0, -1)));
  return compileDataset(dir).bytes;
}

test('the popup renders a bounded number of accounts ("N more" shows the next ones) and cuts very long strings', async () => {
  server.put('/shell/crowd.ccd', crowdDataset());
  server.put('/shell/crowd.html', htmlPage({ attrs: { scope: 'main', dataset: '/shell/crowd.ccd' }, body: `<main><p id="on">${escapeHtml(LIGHTHOUSE)}.</p></main>` }));
  await withPage(browser, `${server.origin}/shell/crowd.html`, async (page) => {
    assert.equal(page.info?.name, 'crowd');
    await selectText(page, LIGHTHOUSE, { scope: '#on' });
    await waitForPopup(page);
    const shown = () => page.evaluate(() => {
      const root = document.querySelector('crosscheck-popup').shadowRoot;
      return { items: root.querySelectorAll('li').length, more: root.querySelector('button.more')?.textContent ?? null, heading: root.querySelector('h3').textContent, longest: Math.max(...[...root.querySelectorAll('li *')].map((e) => e.textContent.length)) };
    });
    const first = await shown();
    assert.match(first.heading, /31$/, 'the group counts every account');
    assert.ok(first.items < 31, `${first.items} accounts rendered at first`);
    assert.equal(first.more, `${31 - first.items} more accounts`);
    let last = first;
    for (let i = 0; i < 10 && last.more; i++) {
      await page.evaluate(() => document.querySelector('crosscheck-popup').shadowRoot.querySelector('button.more').click());
      last = await shown();
    }
    assert.equal(last.items, 31, 'every account can be shown');
    assert.equal(last.more, null);
    assert.ok(last.longest <= 1200, `a rendered string of ${last.longest} characters`);
    const links = await page.evaluate(() => [...document.querySelector('crosscheck-popup').shadowRoot.querySelectorAll('a')].map((a) => a.href));
    assert.ok(links.every((h) => h.startsWith('https://example.org/crowd#:~:text=')), 'the links still carry the quote\'s fragment');
    assert.deepEqual(problemsOf(page), []);
  });
});

test('events: crosscheck:ready, match, nomatch, open and close reach the host page with their detail', async () => {
  await withPage(browser, server.origin + ARTICLE_2024, async (page) => {
    await page.evaluate(() => {
      window.__events = [];
      for (const name of ['ready', 'match', 'nomatch', 'open', 'close']) document.addEventListener(`crosscheck:${name}`, (e) => window.__events.push([name, JSON.parse(JSON.stringify(e.detail))]));
    });
    await selectText(page, HELMER);
    await waitForPopup(page);
    await page.keyboard.press('Escape');
    await page.evaluate(() => {
      const p = document.createElement('p'); p.id = 'nothing'; p.textContent = 'A sentence about nothing at all, zebra quilt.'; document.querySelector('main').prepend(p);
    });
    await selectText(page, 'A sentence about nothing at all, zebra quilt.', { scope: '#nothing' });
    await page.waitForTimeout(200);
    const ready = page.evaluate(() => new Promise((r) => document.addEventListener('crosscheck:ready', (e) => r(e.detail.info.name), { once: true })));
    await page.evaluate(() => window.crosscheck.attach({ scope: 'main' }));
    assert.equal(typeof await ready, 'string');
    const events = await page.evaluate(() => window.__events);
    // The mouseup and the settled selectionchange may both check the same selection: a repeat is not another step.
    const names = events.map(([n]) => n).filter((n, i, all) => n !== all[i - 1]);
    assert.deepEqual(names.slice(0, 5), ['match', 'open', 'close', 'nomatch', 'ready']);
    const detail = (name) => events.find(([n]) => n === name)[1];
    const match = detail('match'), open = detail('open'), close = detail('close'), nomatch = detail('nomatch');
    assert.ok(match.text.includes('Moscow') && match.claims.length > 0 && typeof match.claims[0] === 'string');
    assert.deepEqual(open.claims, match.claims);
    assert.equal(open.via, 'selection');
    assert.equal(close.reason, 'escape');
    assert.match(nomatch.text, /zebra quilt/);
  });
});
