// Browser check of the live ward map, run by the .NET test suite against a running server:
//   node tests/live-map.mjs BASE_URL VIEWER_KEY INGEST_KEY ADMIN_KEY [SCREENSHOT.png]
// Prints one JSON line of findings; exits non-zero with the reason when anything is wrong.
import { chromium } from 'playwright-core';

const [base, viewerKey, ingestKey, adminKey, screenshot] = process.argv.slice(2);
const ward = 'E05002235';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', e => console.error(`page error: ${e.message}`));
  page.on('console', m => { if (m.type() === 'error') console.error(`console: ${m.text()}`); });
  page.on('requestfailed', r => console.error(`request failed: ${r.url()} ${r.failure()?.errorText}`));

  await page.goto(base);
  await page.waitForSelector('#sign-in:not([hidden])', { timeout: 10000 });

  await page.fill('#key', 'not-a-key');
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#sign-in-error').textContent.includes('not accepted'), null, { timeout: 10000 });
  await page.fill('#key', viewerKey);
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForSelector('#connection.live', { timeout: 15000 });
  const wards = await page.locator('#map path.ward').count();
  const zones = await page.locator('#map path.zone').count();
  const note = await page.locator('#geography-note').textContent();
  const before = Number(await page.getAttribute(`#map path.ward[data-code="${ward}"]`, 'data-observed'));

  const posted = Date.now();
  const response = await fetch(`${base}/api/incidents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Api-Key': ingestKey },
    body: JSON.stringify({
      source: 'essex-police', sourceId: `browser-${posted}`, category: 'anti-social-behaviour',
      occurredAt: new Date(posted - 60000).toISOString(), latitude: 51.4757, longitude: 0.3217,
    }),
  });
  if (!response.ok) throw new Error(`POST /api/incidents answered ${response.status}`);
  await page.waitForFunction(
    ([code, expected]) => document.querySelector(`#map path.ward[data-code="${code}"]`)?.dataset.observed === String(expected),
    [ward, before + 1], { timeout: 1000, polling: 'raf' });
  const changedAfterMs = Date.now() - posted;

  // A drill is announced on the page as a drill, and the ward it lands in is marked as holding drill incidents.
  const drill = await fetch(`${base}/api/drills`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminKey}` },
    body: JSON.stringify({ scenario: 'grays-asb', count: 3 }),
  });
  if (drill.status !== 201) throw new Error(`POST /api/drills answered ${drill.status}`);
  await page.waitForSelector('#drill-banner:not([hidden])', { timeout: 5000 });
  const drillBanner = await page.locator('#drill-banner').textContent();
  await page.waitForFunction(code => document.querySelector(`#map path.ward[data-code="${code}"]`)?.dataset.drills === '3', ward, { timeout: 5000 });
  const drillTitle = await page.locator(`#map path.ward[data-code="${ward}"] title`).textContent();

  if (screenshot) await page.screenshot({ path: screenshot });
  console.log(JSON.stringify({ wards, zones, note, before, changedAfterMs, drillBanner, drillTitle }));
} catch (error) {
  console.error(`live-map check failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
