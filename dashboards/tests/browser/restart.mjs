// A dashboard left open while the server restarts comes back by itself, run by the .NET test suite:
//   node tests/browser/restart.mjs SETTINGS.json
// Prints {"await":"restart"} when the page is live; the test then stops the server and starts it again.
// Prints one JSON line of findings; exits non-zero with the reason when anything is wrong.
import { readFileSync } from 'node:fs';
import { launch, openPage, signIn, postIncident } from './browser.mjs';

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const ward = 'E05002235';
const browser = await launch();
try {
  const page = await openPage(browser, settings.base);
  await signIn(page, settings.analyst, settings.password);
  const states = [];
  await page.exposeFunction('recordConnection', s => states.push(s));
  await page.evaluate(() => new MutationObserver(() => window.recordConnection(document.body.dataset.connection))
    .observe(document.body, { attributes: true, attributeFilter: ['data-connection'] }));

  console.log(JSON.stringify({ await: 'restart' }));
  await page.waitForFunction(() => document.body.dataset.connection !== 'live', null, { timeout: 60000 });

  await page.waitForFunction(() => document.body.dataset.connection === 'live' && document.querySelector('#connection').textContent === 'live', null, { timeout: 30000 });
  const before = Number(await page.getAttribute(`path.area[data-code="${ward}"]`, 'data-observed'));
  await postIncident(settings.base, settings.ingestKey, {
    source: 'essex-police', sourceId: `after-restart-${Date.now()}`, category: 'anti-social-behaviour',
    occurredAt: new Date(Date.now() - 60000).toISOString(), latitude: 51.4757, longitude: 0.3217,
  });
  await page.waitForFunction(([code, n]) => document.querySelector(`path.area[data-code="${code}"]`).dataset.observed === String(n),
    [ward, before + 1], { timeout: 5000 });
  const reloaded = await page.evaluate(() => performance.getEntriesByType('navigation').length);
  console.log(JSON.stringify({ states, before, after: before + 1, signInShown: await page.isVisible('#sign-in'), navigations: reloaded }));
} catch (error) {
  console.error(`restart check failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
