// injection.test.mjs — promise 1 in the browser: dataset text, quotes, names and the reader's selection are shown as
// text, never as HTML, and the only links are http(s). The dataset is tests/fixtures/hostile (every free-text field a
// payload that would push its field's name onto window.__pwned), compiled with the project's CLI, on a page whose
// own text is the same hostile markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer, launch, selectText, readPopup, waitForPopup } from './helpers.mjs';
import { compileDataset, withPage, shadowReport, SHELL_TAGS, escapeHtml, htmlPage, forge } from './harness.mjs';

let server, browser, hostile;
const corpus = readFileSync(join(ROOT, 'tests/fixtures/hostile/corpus/wire.txt'), 'utf8');
const PAGE_MARKUP = `The page itself shows markup as text: <b>bold</b>, <img src=x onerror="(window.__pwned||=[]).push('page')"> and javascript:alert(1).`;

// The corpus as a page: each paragraph escaped, so the page shows exactly the text the quotes were taken from.
function articleBody() {
  const paragraphs = corpus.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return `<main>\n${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}\n<p id="markup">${escapeHtml(PAGE_MARKUP)}</p>\n</main>`;
}

before(async () => {
  server = await startServer();
  browser = await launch();
  hostile = compileDataset('tests/fixtures/hostile');
  server.put('/hostile/hostile.ccd', hostile.bytes);
  server.put('/hostile/page.html', htmlPage({ title: 'Hostile text', attrs: { dataset: '/hostile/hostile.ccd', 'source-base': '/hostile/articles', scope: 'main' }, body: articleBody() }));
  server.put('/hostile/manual.html', htmlPage({ title: 'Hostile text, attached by script', attrs: { attach: 'manual' }, body: articleBody() }));
});
after(async () => { await browser?.close(); await server?.close(); });

// What a page must never see: a payload that ran, a dialog, a request for an injected image, or an element or link the
// shell does not make.
async function assertNothingRan(page) {
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'a payload ran');
  assert.deepEqual(page.dialogs, [], 'a dialog opened');
  assert.deepEqual(await page.evaluate(() => window.__rejections), []);
  // Only the widget's files, the test's pages and datasets: an injected <img src=x> would ask for /hostile/x.
  const injected = server.requests.filter((u) => !/^\/(crosscheck\.js|pkg\/crosscheck(_bg\.wasm|\.js)|hostile\/[\w.-]+\.(ccd|html))$/.test(u));
  assert.deepEqual(injected, [], 'an injected element made a request');
  for (const root of await shadowReport(page)) {
    assert.deepEqual(root.tags.filter((t) => !SHELL_TAGS.includes(t)), [], `elements the shell never makes: ${root.tags}`);
    assert.deepEqual(root.handlers, []);
    assert.deepEqual(root.resources, []);
    for (const href of root.hrefs) assert.match(href, /^https?:\/\//, `a link that is not http(s): ${href}`);
  }
}

// Hovers, focuses and tabs through every link and button of the popup, as a reader would before clicking.
async function touchEveryLink(page) {
  await page.evaluate(() => {
    for (const el of document.querySelector('crosscheck-popup').shadowRoot.querySelectorAll('a, button, blockquote, p')) {
      for (const type of ['mouseover', 'mouseenter', 'focus', 'pointerover']) el.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
    }
  });
}

const accountsOf = (popup) => popup.claims.flatMap((c) => c.groups.flatMap((g) => g.accounts));

test('hostile dataset text and a hostile selection are shown as text: nothing runs, every link is http(s)', async () => {
  await withPage(browser, `${server.origin}/hostile/page.html`, async (page) => {
    assert.equal(page.info?.name, 'hostile', 'the data-dataset loaded');
    const claims = Object.fromEntries(hostile.dump.claims.map((c) => [c.id, c]));
    for (const [id, account] of [['bridge-closed', 0], ['bridge-closed', 1], ['timetable-changed', 0]]) {
      const want = claims[id].accounts[account];
      await selectText(page, want.quote);
      await waitForPopup(page);
      const popup = await readPopup(page);
      const claim = popup.claims.find((c) => c.text === claims[id].text);
      assert.ok(claim, `the claim text is shown literally: ${JSON.stringify(popup.claims.map((c) => c.text))}`);
      const shown = accountsOf(popup).find((a) => a.quote === want.quote);
      assert.ok(shown, `the quote is shown literally: ${want.quote}`);
      assert.ok(shown.who.startsWith(want.speaker), `speaker: ${shown.who}`);
      if (want.role) assert.ok(shown.who.includes(want.role), `role: ${shown.who}`);
      for (const step of want.via) assert.ok(shown.chain.includes(step), `via ${step} in ${shown.chain}`);
      if (want.source.outlet) assert.ok(shown.cite.includes(want.source.outlet), `outlet in ${shown.cite}`);
      for (const link of shown.links) assert.match(link, /^https?:\/\//);
      const notes = await page.evaluate(() => [...document.querySelector('crosscheck-popup').shadowRoot.querySelectorAll('.note')].map((n) => n.textContent));
      if (want.note) assert.ok(notes.includes(want.note), `the note is shown literally: ${notes}`);
      await touchEveryLink(page);
      await assertNothingRan(page);
    }
    // The source's own url (http(s), with its payload in the query string) is linked as it is, plus the fragment.
    await selectText(page, claims['bridge-closed'].accounts[0].quote);
    await waitForPopup(page);
    const links = accountsOf(await readPopup(page)).flatMap((a) => a.links);
    assert.ok(links.some((l) => l.startsWith('https://example.org/wire?')), links.join('\n'));
    assert.ok(links.some((l) => l.startsWith(`${server.origin}/hostile/articles/wire.html#:~:text=`)), 'the relay source, carried inside wire, links to its page');
    // The page's own markup-looking text, selected: no claim, nothing runs.
    await selectText(page, PAGE_MARKUP, { scope: '#markup' });
    await page.waitForTimeout(700);
    await assertNothingRan(page);
    assert.deepEqual(page.problems, []);
  });
});

test('the JS API returns hostile strings unchanged (a page script that renders them must escape them itself)', async () => {
  await withPage(browser, `${server.origin}/hostile/page.html`, async (page) => {
    const quote = hostile.dump.claims[0].accounts[0].quote;
    const result = await page.evaluate((q) => window.crosscheck.lookup(q), quote);
    assert.equal(result.matches[0].claim.text, hostile.dump.claims[0].text);
    assert.ok(result.matches[0].accounts.some((a) => a.quote === quote));
    await assertNothingRan(page);
  });
});

test('a forged .ccd with a javascript:, data: or vbscript: url (it bypasses the compiler) is refused whole, and nothing runs', async () => {
  const url = hostile.dump.sources.find((s) => s.id === 'wire').url;
  const forged = {
    javascript: "javascript:(window.__pwned||=[]).push('forged')//",
    mixedcase: "JaVaScRiPt:(window.__pwned||=[]).push('forged')//",
    space: " javascript:(window.__pwned||=[]).push('forged')//",
    tab: "\tjavascript:(window.__pwned||=[]).push('forged')//",
    data: 'data:text/html,<script>alert(1)</script>//',
    vbscript: 'vbscript:msgbox(1)//',
    slashes: '//evil.example/x',
  };
  for (const [name, fake] of Object.entries(forged)) server.put(`/hostile/forged-${name}.ccd`, forge(hostile.bytes, url, fake));
  await withPage(browser, `${server.origin}/hostile/manual.html`, async (page) => {
    for (const name of Object.keys(forged)) {
      // The decoder checks links as the compiler does, so the dataset is refused and the widget turns off.
      const info = await page.evaluate((n) => window.crosscheck.attach({ dataset: `/hostile/forged-${n}.ccd`, scope: 'main' }), name);
      assert.equal(info, null, `${name}: the forged dataset is refused`);
      const api = await page.evaluate((q) => window.crosscheck.lookup(q), hostile.dump.claims[0].accounts[0].quote);
      assert.deepEqual(api.matches, [], `${name}: nothing reaches page scripts`);
      await assertNothingRan(page);
    }
    // One warning for the page: the widget reports its first problem and stays quiet after that.
    assert.equal(page.problems.length, 1, page.problems.join('\n'));
    assert.match(page.problems[0], /crosscheck: could not load/);
    assert.match(page.problems[0], /not http: or https:/);
  });
});

test('hostile options from the page (source-base, scope, theme) never inject either', async () => {
  await withPage(browser, `${server.origin}/hostile/manual.html`, async (page) => {
    const quote = hostile.dump.claims[0].accounts[0].quote;
    // A javascript: source-base cannot be a base for links: the popup does not open, and nothing runs.
    await page.evaluate(() => window.crosscheck.attach({ dataset: '/hostile/hostile.ccd', scope: 'main', sourceBase: "javascript:(window.__pwned||=[]).push('base')//" }));
    await selectText(page, quote);
    await page.waitForTimeout(700);
    await assertNothingRan(page);
    // A scope that is markup, and a theme that is markup: ignored with a warning.
    await page.evaluate(() => window.crosscheck.attach({ dataset: '/hostile/hostile.ccd', scope: "<img src=x onerror=\"(window.__pwned||=[]).push('scope')\">", theme: '"><img src=x onerror=alert(1)>' }));
    await selectText(page, quote);
    await waitForPopup(page);
    assert.equal(await page.evaluate(() => document.querySelector('crosscheck-popup').getAttribute('data-theme')), 'auto');
    await touchEveryLink(page);
    await assertNothingRan(page);
    assert.ok(page.problems.every((p) => p.startsWith('warning: crosscheck:')), page.problems.join('\n'));
  });
});
