// Every Essex ward on the map, coloured as the API says, run by the .NET test suite against a server on ../shared data:
//   node tests/browser/all-wards.mjs SETTINGS.json      SETTINGS: { base, user, password, screenshots }
// Prints one JSON line of findings; exits non-zero with the reason when anything is wrong.
import { readFileSync } from 'node:fs';
import { launch, openPage, signIn, pageApi, fail, mapShare as share } from './browser.mjs';
import { colourFor } from '../../src/heat.js';

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const browser = await launch();
try {
  const page = await openPage(browser, settings.base);
  await signIn(page, settings.user, settings.password);
  const findings = { wards: await page.locator('path.area.ward').count(), checked: [] };
  // All of Essex loaded, the map opens on the partnership's wards; Show all zooms out to every ward and back.
  const home = (await pageApi(page, '/api/dashboard')).home;
  findings.home = { name: home.name, wards: home.wardCodes.length, opened: await share(page, home.wardCodes) };
  if (settings.screenshots) await page.screenshot({ path: `${settings.screenshots}/essex-home.png` });
  findings.home.button = await page.textContent('#map-extent');
  await page.click('#map-extent');
  await page.waitForFunction(() => document.querySelector('#map-extent').getAttribute('aria-pressed') === 'true');
  findings.home.all = await share(page, home.wardCodes);
  findings.home.back = await page.textContent('#map-extent');
  await page.click('#map-extent');
  await page.waitForFunction(() => document.querySelector('#map-extent').getAttribute('aria-pressed') === 'false');
  findings.home.again = await share(page, home.wardCodes);
  for (const [group, window] of [['all', 'month'], ['violence', '28d']]) {
    await page.selectOption('#group', group);
    await page.selectOption('#window', window);
    await page.waitForFunction(s => document.body.dataset.selection?.startsWith(s), `wards|${group}|${window}`);
    const heat = await pageApi(page, `/api/heat?set=wards&group=${group}&window=${window}`);
    const drawn = await page.$$eval('path.area.ward', paths => Object.fromEntries(paths.map(p => [p.dataset.code, p.getAttribute('fill')])));
    const wrong = heat.areas.filter(a => drawn[a.code] !== colourFor(a.score, a.hasBaseline));
    if (wrong.length) fail(`${group}/${window}: ${wrong.length} wards drawn in the wrong colour, first ${wrong[0].name}`);
    findings.checked.push({ group, window, areas: heat.areas.length });
  }
  findings.rowsShown = await page.locator('#ranking tbody tr').count();
  // Scrolled to, the Show all button is whole: no panel clips it, and the ranking is not a scroller inside the side panel's.
  await page.locator('#ranking-more').scrollIntoViewIfNeeded();
  findings.showAll = await page.$eval('#ranking-more', button => {
    const box = button.getBoundingClientRect();
    const clippedBy = [];
    for (let el = button.parentElement; el; el = el.parentElement) {
      const r = el.getBoundingClientRect();
      const clips = getComputedStyle(el).overflow !== 'visible' || el === document.documentElement;
      if (clips && (box.top < r.top || box.bottom > r.bottom || box.left < r.left || box.right > r.right)) clippedBy.push(el.id || el.className || el.tagName);
    }
    const ranking = button.closest('section');
    return { clippedBy, innerScroll: ranking.scrollHeight > ranking.clientHeight + 1 };
  });
  if (settings.screenshots) await page.screenshot({ path: `${settings.screenshots}/show-all.png` });
  await page.click('#ranking-more');
  await page.waitForFunction(n => document.querySelectorAll('#ranking tbody tr').length === n, findings.wards);
  findings.rows = await page.locator('#ranking tbody tr').count();
  console.log(JSON.stringify(findings));
} catch (error) {
  console.error(`all-wards check failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}

