// widget.test.mjs — end-to-end tests of the crosscheck widget and demo site in the system Chromium (node --test tests/e2e/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import {
  ROOT, startServer, launch, openPage, selectText, readPopup, waitForPopup, findDisputedQuote,
  ARTICLE_2024, ARTICLE_2019, HELMER,
} from './helpers.mjs';

// Screenshots are always taken; they replace docs/screenshots/ only when asked (UPDATE_SCREENSHOTS=1), so that a test
// run leaves the work tree as it was.
const SHOTS = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs', 'screenshots') : join(tmpdir(), 'crosscheck-screenshots');
mkdirSync(SHOTS, { recursive: true });
let server, browser;

before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// Each test gets a context of its own, so that media emulation, touch and storage never leak between tests.
async function withPage(path, fn, { init, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, reducedMotion: 'reduce', ...contextOptions });
  try {
    if (init) await context.addInitScript(init);   // runs before any page script
    const page = await openPage(context, server.origin + path);
    await fn(page, context);
  } finally {
    await context.close();
  }
}

const popupShown = async (page, ms = 900) => {
  try { await waitForPopup(page, true); } catch { return false; }
  return true;
};
const settle = (page) => page.waitForTimeout(700);   // longer than the widget's 300 ms selection debounce

// Waits until auto-marking has marked something and the number of marks has stopped changing; returns that number.
async function marksSettled(page) {
  await page.waitForFunction(() => CSS.highlights.get('crosscheck')?.size > 0, null, { timeout: 20000 });
  let before = -1;
  for (let size = await page.evaluate(() => CSS.highlights.get('crosscheck').size); size !== before; ) {
    before = size;
    await page.waitForTimeout(700);
    size = await page.evaluate(() => CSS.highlights.get('crosscheck').size);
  }
  return before;
}

const allAccounts = (popup) => popup.claims.flatMap((c) => c.groups.flatMap((g) => g.accounts));

test('a mouse selection opens a dialog with the claim, its group, the verbatim quote and a text-fragment link', async () => {
  await withPage(ARTICLE_2024, async (page) => {
    assert.ok(page.info && page.info.claims > 0, 'the core loaded and has claims');
    await selectText(page, HELMER);
    await waitForPopup(page);
    const popup = await readPopup(page);
    const claim = popup.claims.find((c) => /Moscow/.test(c.text));
    assert.ok(claim, `a claim about Moscow: ${popup.claims.map((c) => c.text)}`);
    assert.equal(popup.label, popup.claims[0].text, 'the dialog is labelled by its claim heading');
    assert.ok(claim.jumps.some((j) => /^\d+ supports?$/.test(j)), `a count of the accounts that agree: ${claim.jumps}`);
    const group = claim.groups.find((g) => /^Support the claim/.test(g.name));
    assert.ok(group, 'a group of the accounts that support the claim');
    // The reader is on Helmer's page: his own account is "this article" and, like the rest, behind "N more".
    await page.evaluate(() => { for (const b of document.querySelector('crosscheck-popup').shadowRoot.querySelectorAll('section button.more')) b.click(); });
    const account = (await readPopup(page)).claims.find((c) => /Moscow/.test(c.text)).groups.find((g) => /^Support the claim/.test(g.name))
      .accounts.find((a) => a.quote.includes('flew to Moscow on November 29'));
    assert.ok(account, 'the Helmer quote is shown');
    assert.ok(account.here, 'an account of the page the reader is on is "this article"');
    assert.match(account.cite, /^this article · Dances with Bears/);
    assert.ok(account.links.every((l) => !l.startsWith(server.origin)), `not linked to itself: ${account.links}`);
    await page.evaluate(() => window.crosscheck.attach({ scope: 'main', sourceBase: '/articles/copies/' }));
    await selectText(page, HELMER);
    await waitForPopup(page);
    await page.evaluate(() => { for (const b of document.querySelector('crosscheck-popup').shadowRoot.querySelectorAll('section button.more')) b.click(); });
    const elsewhere = (await readPopup(page)).claims.find((c) => /Moscow/.test(c.text)).groups.flatMap((g) => g.accounts).find((a) => a.quote.includes('flew to Moscow on November 29'));
    assert.equal(elsewhere.here, false, 'a source-base elsewhere is not this page');
    assert.equal(account.dir, 'auto');
    assert.match(account.who, /Helmer/);
    assert.match(account.cite, /Dances with Bears/);
    // Helmer's post has a url of its own: the link goes there (a source carried within another goes to the copy).
    const link = elsewhere.links[0];
    assert.ok(link.startsWith('https://johnhelmer.online/') || link.startsWith(`${server.origin}/articles/copies/000_088caff56e5e4af2.html#:~:text=`), link);
    assert.match(link, /#:~:text=/);
    // The whole quote, or for a long one its first and last words (textStart,textEnd).
    const parts = link.split('#:~:text=')[1].split(',').map(decodeURIComponent);
    assert.ok(elsewhere.quote.startsWith(parts[0]) && elsewhere.quote.endsWith(parts.at(-1)), `${parts} for "${elsewhere.quote}"`);
    assert.ok(parts.length === 1 ? parts[0] === account.quote : parts.length === 2, link);
    const role = await page.evaluate(() => {
      const panel = document.querySelector('crosscheck-popup').shadowRoot.querySelector('.panel');
      return [panel.getAttribute('role'), panel.getAttribute('aria-modal')];
    });
    assert.deepEqual(role, ['dialog', 'false']);
    await page.waitForFunction(() => /1 claim found|claims found/.test(document.querySelector('crosscheck-popup').shadowRoot.querySelector('[aria-live]').textContent));
    assert.deepEqual(page.problems, []);
  });
});

test('a disputed claim shows a Corroborate and a Conflict group, each account linked to its source', async () => {
  await withPage(ARTICLE_2019, async (page) => {
    const found = await findDisputedQuote(page);
    assert.ok(found, 'the 2019 article carries at least one disputed claim');
    await selectText(page, found.quote);
    await waitForPopup(page);
    let popup = await readPopup(page);
    const claim = popup.claims.find((c) => c.text === found.claim);
    assert.ok(claim, `the claim "${found.claim}" is shown`);
    const names = claim.groups.map((g) => g.name.replace(/ ·.*/, ''));
    assert.ok(names.includes('Support the claim') && names.includes('Dispute the claim'), names.join(', '));
    assert.ok(claim.jumps.some((j) => /support/.test(j)) && claim.jumps.some((j) => /dispute/.test(j)), claim.jumps.join());
    await page.evaluate(() => { for (const b of document.querySelector('crosscheck-popup').shadowRoot.querySelectorAll('section button.more')) b.click(); });
    popup = await readPopup(page);
    assert.ok(allAccounts(popup).some((a) => a.quote === found.quote), 'the selected quote is one of the accounts');
    for (const a of allAccounts(popup)) {
      for (const href of a.links) {
        assert.ok(/^https?:\/\//.test(href), href);
        if (href.startsWith(server.origin)) assert.match(href, /\/articles\/[\w]+\.html#:~:text=[^#]+$/);
      }
      assert.ok(a.links.length > 0 || a.here, `account of ${a.who} has a link or is this article`);
    }
    // The popup shows exactly what the API says the selection carries.
    const api = await page.evaluate((q) => window.crosscheck.lookup(q).then((r) => r.matches.map((m) => m.claim.text)), found.quote);
    assert.deepEqual(popup.claims.map((c) => c.text), api);
  });
});

test('a selection carrying several claims shows each of them', async () => {
  await withPage(ARTICLE_2019, async (page) => {
    const paragraph = await page.evaluate(async () => {
      for (const p of document.querySelectorAll('main p')) {
        const { matches } = await window.crosscheck.lookup(p.textContent);
        if (new Set(matches.map((m) => m.claim.id)).size >= 2) return p.textContent;
      }
      return null;
    });
    assert.ok(paragraph, 'some paragraph carries two claims');
    await selectText(page, paragraph);
    await waitForPopup(page);
    const popup = await readPopup(page);
    assert.ok(popup.claims.length >= 2, `${popup.claims.length} claims`);
    const count = await page.evaluate(() => document.querySelector('crosscheck-popup').shadowRoot.querySelector('.count').textContent);
    assert.equal(count, `${popup.claims.length} claims`);
  });
});

test('selections that do not count open nothing: off-topic, outside the scope, in a text field or an editor', async () => {
  await withPage('/fixtures/manual.html', async (page) => {
    assert.equal(page.info, null, 'data-attach="manual" attaches nothing');
    assert.equal(await page.locator('crosscheck-popup').count(), 0);
    const info = await page.evaluate(() => window.crosscheck.attach({ scope: 'main' }));
    assert.ok(info.claims > 0);
    assert.deepEqual((await page.evaluate(() => window.crosscheck.lookup('The recipe calls for two cups of flour, a pinch of salt and a slow oven for forty minutes.'))).matches, []);

    await selectText(page, 'The recipe calls for two cups of flour', { scope: '#offtopic' });
    await settle(page);
    assert.equal(await readPopup(page), null, 'off-topic');

    await selectText(page, HELMER, { scope: 'header' });
    await settle(page);
    assert.equal(await readPopup(page), null, 'outside data-scope');

    await page.focus('#field');
    await page.evaluate(() => document.querySelector('#field').select());
    await page.evaluate(() => document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true })));
    await settle(page);
    assert.equal(await readPopup(page), null, 'inside a textarea');

    await selectText(page, HELMER, { scope: '#editor' });
    await settle(page);
    assert.equal(await readPopup(page), null, 'inside contenteditable');

    await page.evaluate(() => document.activeElement.blur());
    await selectText(page, HELMER, { scope: '#sentence' });
    await waitForPopup(page);   // the same words in the page itself do count
    assert.deepEqual(page.problems, []);
  });
});

test('Escape closes the popup and focus returns where it was', async () => {
  await withPage(ARTICLE_2024, async (page) => {
    await page.focus('header.site a');
    await selectText(page, HELMER, { mouseup: false });
    await page.keyboard.press('Alt+Shift+C');
    await waitForPopup(page);
    assert.equal(await page.evaluate(() => document.querySelector('crosscheck-popup').shadowRoot.activeElement?.getAttribute('role')), 'dialog', 'focus moved into the dialog');
    await page.keyboard.press('Escape');
    await waitForPopup(page, false);
    assert.equal(await page.evaluate(() => document.activeElement.matches('header.site a')), true, 'focus is back on the link');

    // A click outside closes it too.
    await selectText(page, HELMER);
    await waitForPopup(page);
    await page.mouse.click(20, 20);
    await waitForPopup(page, false);
  });
});

test('keyboard only: select with Shift+arrows, Alt+Shift+C into the popup, Tab through it, close with the button', async () => {
  await withPage(ARTICLE_2024, async (page) => {
    // Chromium extends a selection from the keyboard once one exists (a caret needs caret browsing, F7): start with
    // the sentence's first letter, as a caret-browsing reader would have, then extend it one word at a time.
    await page.evaluate((text) => {
      const p = [...document.querySelectorAll('main p')].find((x) => x.textContent.includes(text));
      const node = [...p.childNodes].find((n) => n.nodeType === 3 && n.data.includes(text));
      p.scrollIntoView({ block: 'center' });
      const at = node.data.indexOf(text);
      getSelection().setBaseAndExtent(node, at, node, at + 1);
    }, HELMER);
    for (let i = 0; i < HELMER.split(' ').length; i++) await page.keyboard.press('Control+Shift+ArrowRight');
    const selected = await page.evaluate(() => getSelection().toString().trim());
    assert.ok(selected.startsWith('President Assad flew to Moscow'), `keyboard selection: "${selected}"`);
    await waitForPopup(page);   // the debounced selectionchange opens it without taking focus
    assert.equal(await page.evaluate(() => document.querySelector('crosscheck-popup').shadowRoot.activeElement), null);
    await page.waitForFunction(() => /found\. Press Alt\+Shift\+C/.test(document.querySelector('crosscheck-popup').shadowRoot.querySelector('[aria-live]').textContent));

    await page.keyboard.press('Alt+Shift+C');
    const focused = () => page.evaluate(() => {
      const el = document.querySelector('crosscheck-popup').shadowRoot.activeElement;
      return el && (el.getAttribute('aria-label') || el.getAttribute('role') || el.textContent);
    });
    assert.equal(await focused(), 'dialog');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Close');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Claims and accounts', 'the scroll region takes focus');
    await page.keyboard.press('Tab');
    assert.match(await focused(), /^\d+ (supports?|disputes?)$/, 'then the counts that jump to each side');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await waitForPopup(page, false);

    // With nothing selected, the shortcut says so through the live region rather than failing silently.
    await page.evaluate(() => getSelection().removeAllRanges());
    await page.keyboard.press('Alt+Shift+C');
    await page.waitForFunction(() => /Select some text first/.test(document.querySelector('crosscheck-popup').shadowRoot.querySelector('[aria-live]').textContent));
  });
});

test('on a touch screen the popup opens below the selection and fits a 360 px wide screen', async () => {
  await withPage(ARTICLE_2024, async (page) => {
    const sel = await selectText(page, HELMER, { mouseup: false });   // touch selections come through selectionchange
    await waitForPopup(page);
    const { rect } = await readPopup(page);
    assert.ok(rect.top >= sel.bottom, `popup top ${rect.top} is below the selection bottom ${sel.bottom}`);
    assert.ok(rect.left >= 8 && rect.right <= 360 - 8, `inside the viewport: ${rect.left}..${rect.right}`);
    assert.ok(rect.bottom <= 740, 'inside the viewport height');
    await page.screenshot({ path: join(SHOTS, 'popup-narrow-360.png') });
  }, { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
});

test('the popup follows its selection when the page scrolls', async () => {
  await withPage(ARTICLE_2024, async (page) => {
    await selectText(page, HELMER);
    await waitForPopup(page);
    const before = (await readPopup(page)).rect.top;
    await page.mouse.wheel(0, 120);
    await page.waitForFunction((t) => {
      const r = document.querySelector('crosscheck-popup').shadowRoot.querySelector('.panel').getBoundingClientRect();
      return Math.abs(r.top - (t - 120)) < 4;
    }, before);
  });
});

test('a hostile host stylesheet and a top z-index overlay do not break the popup', async () => {
  await withPage('/fixtures/hostile.html', async (page) => {
    await selectText(page, HELMER);
    await waitForPopup(page);
    // The reader's own sentence is behind "N more" (it is not evidence to offer back first).
    await page.evaluate(() => { for (const b of document.querySelector('crosscheck-popup').shadowRoot.querySelectorAll('section button.more')) b.click(); });
    const popup = await readPopup(page);
    assert.ok(popup.claims.some((c) => /Moscow/.test(c.text)));
    assert.ok(allAccounts(popup).some((a) => a.quote.includes('flew to Moscow')));
    const look = await page.evaluate(() => {
      const host = document.querySelector('crosscheck-popup');
      const panel = host.shadowRoot.querySelector('.panel');
      const r = panel.getBoundingClientRect();
      const style = getComputedStyle(panel);
      return {
        onTop: document.elementFromPoint(r.left + r.width / 2, r.top + 20) === host,
        host: getComputedStyle(host).display, font: style.fontSize, width: r.width, position: style.position,
        visible: style.visibility, opacity: style.opacity, h2: getComputedStyle(host.shadowRoot.querySelector('h2')).color,
      };
    });
    assert.equal(look.onTop, true, 'above the overlay');
    assert.equal(look.host, 'block');
    assert.equal(look.font, '14px');
    assert.equal(look.position, 'fixed');
    assert.equal(look.visible, 'visible');
    assert.equal(look.opacity, '1');
    assert.notEqual(look.h2, 'rgb(255, 0, 0)');
    assert.ok(look.width > 300 && look.width <= 448 + 1, `width ${look.width}`);
    await page.screenshot({ path: join(SHOTS, 'popup-hostile-page.png') });
    assert.deepEqual(page.problems, []);
  });
});

test('under a strict CSP (script-src self wasm-unsafe-eval; style-src self) the page and the popup work', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, reducedMotion: 'reduce' });
  try {
    // Init scripts run outside the page's CSP, so this can watch for violations without being one.
    await context.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    let csp = null;
    context.on('response', (r) => { if (r.url().endsWith(ARTICLE_2024)) csp = r.headers()['content-security-policy']; });
    const page = await openPage(context, `${server.origin}/csp${ARTICLE_2024}`);
    assert.match(csp, /wasm-unsafe-eval/);
    assert.ok(await page.evaluate(() => window.crosscheck.ready), 'the core loaded under the CSP');
    await selectText(page, HELMER);
    await waitForPopup(page);
    const popup = await readPopup(page);
    assert.equal(popup.background, 'rgb(255, 255, 255)', 'the constructed stylesheet applies');
    assert.ok(popup.claims.length > 0);
    const demoStyled = await page.evaluate(() => getComputedStyle(document.querySelector('main')).maxWidth);
    assert.notEqual(demoStyled, 'none', 'demo.css applies');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test('no network request leaves the page\'s own origin, and the wasm is served as application/wasm', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  try {
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    const wasm = [];
    context.on('response', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.headers()['content-type']); });
    const page = await openPage(context, server.origin + ARTICLE_2024);
    await selectText(page, HELMER);
    await waitForPopup(page);
    await page.evaluate(() => window.crosscheck.lookup('Assad flew to Moscow'));
    const foreign = requests.filter((u) => !u.startsWith(server.origin + '/') && !u.startsWith('data:'));
    assert.deepEqual(foreign, []);
    assert.deepEqual(wasm, ['application/wasm']);
    const paths = new Set(requests.map((u) => new URL(u).pathname));
    assert.deepEqual([...paths].sort(), [ARTICLE_2024, '/crosscheck.js', '/demo.css', '/pkg/crosscheck.js', '/pkg/crosscheck_bg.wasm'].sort());
  } finally {
    await context.close();
  }
});

test('dark mode changes the popup colors, and data-theme overrides the reader setting', async () => {
  let light;
  await withPage(ARTICLE_2024, async (page) => {
    await selectText(page, HELMER);
    await waitForPopup(page);
    light = await readPopup(page);
    await page.screenshot({ path: join(SHOTS, 'popup-light.png') });
  });
  await withPage(ARTICLE_2024, async (page) => {
    await selectText(page, HELMER);
    await waitForPopup(page);
    const dark = await readPopup(page);
    assert.notEqual(dark.background, light.background);
    assert.notEqual(dark.color, light.color);
    await page.evaluate(() => window.crosscheck.attach({ theme: 'light', sourceBase: '.' }));
    await selectText(page, HELMER);
    await waitForPopup(page);
    assert.equal((await readPopup(page)).background, light.background, 'data-theme=light wins over a dark reader setting');
  }, { colorScheme: 'dark' });
});

test('detach() removes the element and every listener; attach() brings it back', async () => {
  await withPage(ARTICLE_2024, async (page, context) => {
    const cdp = await context.newCDPSession(page);
    const listeners = async (expression) => {
      const { result } = await cdp.send('Runtime.evaluate', { expression });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
      return listeners.map((l) => l.type).sort();
    };
    const attached = [...await listeners('document'), ...await listeners('window')];
    assert.ok(attached.includes('selectionchange') && attached.includes('mouseup') && attached.includes('keydown'), attached.join());
    assert.equal(await page.locator('crosscheck-popup').count(), 1, 'exactly one element');

    await page.evaluate(() => window.crosscheck.detach());
    assert.equal(await page.locator('crosscheck-popup').count(), 0);
    assert.deepEqual([...await listeners('document'), ...await listeners('window')], []);
    await selectText(page, HELMER);
    await settle(page);
    assert.equal(await page.locator('crosscheck-popup').count(), 0);

    await page.evaluate(() => window.crosscheck.attach({ scope: 'main', sourceBase: '.' }));
    await selectText(page, HELMER);
    await waitForPopup(page);
  });
});

test('without its WebAssembly (404, a CSP without wasm-unsafe-eval, or none at all) the widget turns itself off with one warning', async () => {
  const cases = [['/nowasm', null], ['/csp-nowasm', null], ['', () => { delete window.WebAssembly; }]];
  for (const [prefix, init] of cases) {
    await withPage(`${prefix}${ARTICLE_2024}`, async (page) => {
      assert.equal(page.info, null, `${prefix}: ready resolves to null`);
      assert.equal(await page.locator('crosscheck-popup').count(), 0);
      await selectText(page, HELMER);
      await settle(page);
      const warnings = page.problems.filter((p) => p.startsWith('warning:'));
      const errors = page.problems.filter((p) => p.startsWith('pageerror'));
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0], /crosscheck: could not load/);
      assert.deepEqual(errors, []);
      assert.deepEqual((await page.evaluate(() => window.crosscheck.lookup(document.body.textContent))).matches, []);
    }, { init });
  }
});

test('data-dataset: a compiled dataset replaces the embedded one; a bad one turns the widget off with one warning', async (t) => {
  // The dataset compiler is the project's own CLI; these tests do not build Rust, so they use it when it is there.
  const cli = [process.env.CROSSCHECK_BIN, join(ROOT, 'target/release/crosscheck'), join(ROOT, 'target/debug/crosscheck')].find((p) => p && existsSync(p));
  if (!cli) return t.skip('no crosscheck binary: run cargo build first');
  const out = join(mkdtempSync(join(tmpdir(), 'crosscheck-')), 'tiny.ccd');
  execFileSync(cli, ['build', join(ROOT, 'tests/e2e/fixtures/tiny-dataset'), '-o', out], { stdio: 'ignore' });
  server.put('/tiny.ccd', readFileSync(out));
  await withPage('/fixtures/manual.html', async (page) => {
    const info = await page.evaluate(() => window.crosscheck.attach({ dataset: '/tiny.ccd' }));
    assert.equal(info.name, 'tiny');
    assert.deepEqual((await page.evaluate((t) => window.crosscheck.lookup(t), HELMER)).matches, [], 'the embedded claims are gone');
    await page.evaluate(() => document.querySelector('main').insertAdjacentHTML('beforeend', '<p id="light">The Point Grey lighthouse was relit on May 4 after ten dark years.</p>'));
    await selectText(page, 'The Point Grey lighthouse was relit on May 4 after ten dark years', { scope: '#light' });
    await waitForPopup(page);
    const popup = await readPopup(page);
    assert.equal(popup.claims[0].text, 'The Point Grey lighthouse was relit on 4 May 2020.');
    // (By stance: the side that says otherwise comes first when the selection has a side.)
    const [yes, no] = ['corroborates', 'conflicts'].map((st) => popup.claims[0].groups.find((g) => g.stance === st).accounts[0]);
    assert.deepEqual(yes.links, ['https://example.org/harbour#:~:text=The%20Point%20Grey%20lighthouse,after%20ten%20dark%20years']);
    assert.deepEqual(no.links, [], 'no url and no data-source-base: no link');
    assert.deepEqual(page.problems, []);

    assert.equal(await page.evaluate(() => window.crosscheck.attach({ dataset: '/demo.css' })), null);
    assert.equal(await page.locator('crosscheck-popup').count(), 0);
    assert.equal(page.problems.length, 1);
    assert.match(page.problems[0], /^warning: crosscheck: could not load/);
  });
});

test('document is injectable: attach({document}) runs the widget inside a same-origin iframe', async () => {
  await withPage('/fixtures/manual.html', async (page) => {
    await page.evaluate(() => new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.src = '/fixtures/frame.html';
      frame.width = 900; frame.height = 600;
      frame.onload = resolve;
      document.body.append(frame);
    }));
    const info = await page.evaluate(() => window.crosscheck.attach({ document: document.querySelector('iframe').contentDocument }));
    assert.ok(info.claims > 0);
    assert.equal(await page.locator('body > crosscheck-popup').count(), 0, 'nothing added to the outer page');
    const frame = page.frames().find((f) => f.url().endsWith('/fixtures/frame.html'));
    await selectText(frame, HELMER, { scope: 'body' });
    await waitForPopup(frame);
    assert.ok((await readPopup(frame)).claims.some((c) => /Moscow/.test(c.text)));
    await page.evaluate(() => window.crosscheck.detach());
    assert.equal(await frame.locator('crosscheck-popup').count(), 0);
    assert.deepEqual(page.problems, []);
  });
});

test('a very long selection is cut and does not break the page', async () => {
  await withPage(ARTICLE_2019, async (page) => {
    const length = await page.evaluate(() => {
      getSelection().selectAllChildren(document.querySelector('main'));
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return getSelection().toString().length;
    });
    assert.ok(length > 20000, `selected ${length} characters`);
    await settle(page);
    await page.waitForTimeout(1500);
    assert.deepEqual(page.problems, []);
    const result = await page.evaluate(() => window.crosscheck.lookup('x '.repeat(100000)));
    assert.ok(Array.isArray(result.matches));
  });
});

test('automark tints sentences that carry claims; a click on one opens its popup', async () => {
  await withPage(ARTICLE_2024, async (page) => {
    await page.evaluate(() => window.crosscheck.attach({ scope: 'main', sourceBase: '.', automark: true }));
    await page.waitForFunction(() => CSS.highlights.get('crosscheck')?.size > 0, null, { timeout: 20000 });
    const point = await page.evaluate(() => {
      const range = [...CSS.highlights.get('crosscheck')][0];
      range.startContainer.parentElement.scrollIntoView({ block: 'center' });
      const r = range.getClientRects()[0];
      return { x: r.left + Math.min(10, r.width / 2), y: r.top + r.height / 2 };
    });
    await page.mouse.click(point.x, point.y);
    await waitForPopup(page);
    // The popup shows what lookup() finds for that sentence in its paragraph: the mark carries offsets only, and the
    // accounts are looked up when it opens.
    const expected = await page.evaluate(async () => {
      const range = [...CSS.highlights.get('crosscheck')][0];
      const block = range.startContainer.parentElement.closest('p, li, blockquote, h1, h2, h3, h4, h5, h6, td, dd');
      const before = document.createRange();
      before.setStart(block, 0);
      before.setEnd(range.startContainer, range.startOffset);
      const offset = before.toString().length;
      return (await window.crosscheck.lookup(block.textContent)).matches.filter((m) => m.offset === offset).map((m) => m.claim.text);
    });
    assert.ok(expected.length > 0);
    assert.deepEqual((await readPopup(page)).claims.map((c) => c.text), expected);
    await page.evaluate(() => window.crosscheck.detach());
    assert.deepEqual(await page.evaluate(() => [CSS.highlights.has('crosscheck'), document.adoptedStyleSheets.length]), [false, 0]);
  });
});

test('automark keeps up with a page that changes after load, and Enter on a marked sentence opens it', async () => {
  await withPage(ARTICLE_2024, async (page) => {
    await page.evaluate(() => window.crosscheck.attach({ scope: 'main', sourceBase: '.', automark: true }));
    // Wait until the first pass is done, then add a paragraph as a live page would.
    const before = await marksSettled(page);
    await page.evaluate((text) => {
      const p = document.createElement('p');
      p.id = 'late';
      p.textContent = text;
      document.querySelector('main').append(p);
    }, HELMER);
    await page.waitForFunction(() => [...CSS.highlights.get('crosscheck')].some((r) => r.startContainer.parentElement?.id === 'late'), null, { timeout: 10000 });
    // A changed paragraph loses its mark when its sentence goes; the other paragraphs keep theirs.
    await page.evaluate(() => { document.getElementById('late').textContent = 'The weather in Lisbon was lovely this weekend.'; });
    // (The old mark's range collapses into the paragraph when its text node goes: "in #late" covers both.)
    await page.waitForFunction(() => ![...CSS.highlights.get('crosscheck')].some((r) => document.getElementById('late').contains(r.startContainer) || !r.startContainer.isConnected), null, { timeout: 10000 });
    assert.equal(await page.evaluate(() => CSS.highlights.get('crosscheck').size), before);
    // A marked paragraph that leaves the page takes its mark with it.
    await page.evaluate((text) => { document.getElementById('late').textContent = text; }, HELMER);
    await page.waitForFunction((n) => CSS.highlights.get('crosscheck').size === n + 1, before, { timeout: 10000 });
    await page.evaluate(() => document.getElementById('late').remove());
    await page.waitForFunction((n) => CSS.highlights.get('crosscheck').size === n, before, { timeout: 10000 });
    // The caret inside a marked sentence, then Enter.
    await page.evaluate(() => {
      const range = [...CSS.highlights.get('crosscheck')][0];
      range.startContainer.parentElement.scrollIntoView({ block: 'center' });
      getSelection().collapse(range.startContainer, range.startOffset + 1);
    });
    await page.keyboard.press('Enter');
    await waitForPopup(page);
    assert.ok((await readPopup(page)).claims.length > 0);
  });
});

test('the core\'s marks() and marksUtf8() give what lookup() finds as [offset, length, claim index], in UTF-16 units, at every sentence', async () => {
  await withPage(ARTICLE_2019, async (page) => {
    const r = await page.evaluate(async (helmer) => {
      const core = new (await import('/pkg/crosscheck.js')).Crosscheck();   // the module the widget loaded (the same URL)
      const ids = core.claims().claims.map((c) => c.id);
      const texts = [...document.querySelectorAll('main p, main li, main blockquote, main h1, main h2')].map((b) => b.textContent);
      // Characters outside the BMP are two UTF-16 units, one code point and four UTF-8 bytes: any other unit shows.
      const astral = `\u{1F600} \u{1D518}\u{1D52B}\u{1D526}\u{1D520} café. ${helmer}. Then they left.`;
      texts.push(astral);
      const differ = [];
      let marked = 0;
      for (const text of texts) {
        const flat = core.marks(text);
        // What the widget calls: the text as UTF-8, the same marks.
        const utf8 = core.marksUtf8(new TextEncoder().encode(text));
        if (JSON.stringify([...utf8]) !== JSON.stringify([...flat])) differ.push({ text: text.slice(0, 80), utf8: [...utf8], flat: [...flat] });
        const got = [];
        for (let i = 0; i < flat.length; i += 3) got.push([flat[i], flat[i + 1], ids[flat[i + 2]]]);
        const want = core.lookup(text).matches.map((m) => [m.offset, m.length, m.claim.id]);
        // lookup names each claim once, at its first sentence; marks() marks every sentence that carries it.
        const firsts = got.filter((g, i) => got.findIndex((h) => h[2] === g[2]) === i);
        if (JSON.stringify(firsts) !== JSON.stringify(want)) differ.push({ text: text.slice(0, 80), got, want });
        marked += got.length;
      }
      const flat = core.marks(astral);
      const twice = core.marks(`${helmer}. Then they left. ${helmer}.`);
      return { differ, marked, sentence: flat.length ? astral.slice(flat[0], flat[0] + flat[1]) : null, twice: twice.length / 3, once: core.lookup(`${helmer}. Then they left. ${helmer}.`).matches.length };
    }, HELMER);
    assert.equal(r.twice, 2 * r.once, `a sentence repeated is marked twice (${r.twice} marks, ${r.once} claims)`);
    assert.deepEqual(r.differ, []);
    assert.ok(r.marked > 3, `${r.marked} matches in the article`);
    assert.ok(r.sentence?.startsWith(HELMER), `the marked sentence: ${r.sentence}`);
  });
});

// Groups the ranges added to any Highlight by the task that added them: window.__batches = [{at, ranges}].
const RECORD_BATCHES = () => {
  const batches = window.__batches = [];
  let open = null;
  const add = Highlight.prototype.add;
  Highlight.prototype.add = function (range) {
    // The disputed tint is a second highlight over some of the same ranges: 'crosscheck' holds every mark.
    if (this !== CSS.highlights.get('crosscheck')) return add.call(this, range);
    if (!open) {
      open = { at: performance.now(), ranges: [] };
      batches.push(open);
      queueMicrotask(() => { open = null; });
    }
    open.ranges.push(range);
    return add.call(this, range);
  };
};

test('automark on a long page: the blocks around the reader first, marks added in a few batches, every sentence marked', async () => {
  const body = readFileSync(join(ROOT, 'www', ARTICLE_2024), 'utf8').match(/<main[^>]*>([\s\S]*?)<\/main>/)[1];
  server.put('/articles/long-marking.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A long page</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="../demo.css"><script type="module" src="../crosscheck.js" data-attach="manual"></script></head>
<body><main class="article">${Array.from({ length: 8 }, () => `<article>${body}</article>`).join('\n')}</main></body></html>`);
  await withPage('/articles/long-marking.html', async (page) => {
    await page.evaluate(() => {
      document.querySelectorAll('main article')[4].scrollIntoView();
      return window.crosscheck.attach({ scope: 'main', automark: true });
    });
    const size = await marksSettled(page);
    const r = await page.evaluate(async () => {
      const h = innerHeight, BLOCKS = 'p, li, blockquote, h1, h2, h3, h4, h5, h6, td, dd';
      const blockOf = (range) => range.startContainer.parentElement.closest(BLOCKS);
      // "Near" as the widget has it: the viewport and a viewport's height above and below.
      const near = (range) => { const b = blockOf(range).getBoundingClientRect(); return b.bottom >= -h && b.top <= 2 * h; };
      const inView = (range) => { const b = range.getBoundingClientRect(); return b.bottom > 0 && b.top < h; };
      const all = [...CSS.highlights.get('crosscheck')];
      const batches = window.__batches;
      // Every sentence the core finds, counted without the widget.
      const core = new (await import('/pkg/crosscheck.js')).Crosscheck();
      let expected = 0;
      for (const b of document.querySelectorAll(`main :is(${BLOCKS})`)) {
        if (!b.textContent.trim() || b.querySelector('p, li')) continue;
        const flat = core.marks(b.textContent);
        let starts = [...new Set(flat.filter((_, i) => i % 3 === 0))];
        // Headings and blocks under 8 words are marked only where the core's confidence is at least 0.95 (docs/widget.md).
        if (starts.length && (b.matches('h1, h2, h3, h4, h5, h6') || b.textContent.trim().split(/\s+/).length < 8)) {
          const sure = new Set(core.lookup(b.textContent).matches.filter((m) => m.score >= 0.95).map((m) => m.offset));
          starts = starts.filter((x) => sure.has(x));
        }
        expected += starts.length;
      }
      return {
        expected, batches: batches.length, span: batches.at(-1).at - batches[0].at, firstSize: batches[0].ranges.length,
        firstNear: batches[0].ranges.every(near), firstInView: batches[0].ranges.some(inView),
        above: all.some((x) => x.getBoundingClientRect().bottom < -h), below: all.some((x) => x.getBoundingClientRect().top > 2 * h),
        blocks: new Set(all.map(blockOf)).size,
      };
    });
    assert.equal(size, r.expected, 'every sentence the core finds is marked, once');
    assert.ok(r.firstNear && r.firstInView, `the first batch (${r.firstSize} marks) is around the reader: ${JSON.stringify(r)}`);
    assert.ok(r.above && r.below, 'the whole page is marked, above and below the reader');
    assert.ok(r.batches <= Math.ceil(r.span / 250) + 2 && r.batches < r.blocks / 4, `${r.batches} batches in ${Math.round(r.span)} ms for ${r.blocks} marked blocks`);
    // A paragraph appended to the page is marked on its own: the rest of the page is not matched again.
    const added = await page.evaluate(async (text) => {
      const from = window.__batches.length, before = CSS.highlights.get('crosscheck').size;
      const p = document.createElement('p');
      p.textContent = text;
      document.querySelector('main').append(p);
      for (const until = performance.now() + 10000; CSS.highlights.get('crosscheck').size === before && performance.now() < until; ) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 500));
      return window.__batches.slice(from).flatMap((b) => b.ranges).map((r) => r.toString());
    }, HELMER);
    assert.deepEqual(added, [`${HELMER}`]);
    // Detached in the middle of a pass: it stops, and leaves nothing behind.
    await page.evaluate(() => window.crosscheck.attach({ scope: 'main', automark: true }));
    await page.waitForFunction(() => CSS.highlights.get('crosscheck')?.size > 0, null, { timeout: 20000 });
    await page.evaluate(() => window.crosscheck.detach());
    await page.waitForTimeout(600);
    assert.equal(await page.evaluate(() => CSS.highlights.has('crosscheck')), false);
    assert.deepEqual(page.problems, []);
  }, { init: RECORD_BATCHES });
});

test('demo site: the index links the five articles and each article loads the widget cleanly', async () => {
  await withPage('/index.html', async (page) => {
    const links = await page.$$eval('ul.articles a', (as) => as.map((a) => a.getAttribute('href')));
    const expected = readdirSync(join(ROOT, 'data/seed/corpus')).filter((f) => f.endsWith('.txt')).map((f) => `articles/${f.replace(/\.txt$/, '.html')}`);
    assert.deepEqual(links, expected);
    assert.match(await page.textContent('pre'), /<script type="module" src="[^"]*crosscheck\.js"><\/script>/);
    await selectText(page, HELMER, { scope: '.try' });
    await waitForPopup(page);
    assert.deepEqual(page.problems, []);
    for (const href of links) {
      const article = await openPage(page.context(), `${server.origin}/${href}`);
      assert.ok(article.info, `${href} loads the core`);
      assert.ok(await article.$eval('h1', (h) => h.textContent.length > 5));
      assert.deepEqual(article.problems, [], href);
      await article.close();
    }
  });
});

test('screenshots of the popup: a disputed claim in light and dark, and an Arabic account', async (t) => {
  for (const scheme of ['light', 'dark']) {
    await withPage(ARTICLE_2019, async (page) => {
      const found = await findDisputedQuote(page);
      assert.ok(found);
      await selectText(page, found.quote, { at: 90 });
      await waitForPopup(page);
      await page.screenshot({ path: join(SHOTS, `popup-disputed-${scheme}.png`) });
    }, { colorScheme: scheme });
  }
  await withPage(ARTICLE_2019, async (page) => {
    const found = await findDisputedQuote(page, { language: 'ar', minWords: 8 }) || await findDisputedQuote(page, { language: 'ar' });
    if (!found) return t.skip('the dataset has no disputed Arabic account yet');
    await selectText(page, found.quote, { at: 90 });
    await waitForPopup(page);
    const popup = await readPopup(page);
    assert.ok(allAccounts(popup).some((a) => /[\u0600-\u06FF]/.test(a.quote)), 'an Arabic quote is shown');
    // The picture shows the popup as it opens: Arabic labels, right to left, the lead line and the claim at the top.
    const dir = await page.evaluate(() => {
      const q = [...document.querySelector('crosscheck-popup').shadowRoot.querySelectorAll('blockquote')].find((b) => b.lang === 'ar');
      return getComputedStyle(q).direction;
    });
    assert.equal(dir, 'rtl', 'Arabic quotes run right to left');
    await page.screenshot({ path: join(SHOTS, 'popup-arabic.png') });
  });
});
