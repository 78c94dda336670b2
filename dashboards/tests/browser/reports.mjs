// The Reports panel in headless Chromium, run by the .NET test suite against a server with a locality on real data:
//   node tests/browser/reports.mjs SETTINGS.json
// SETTINGS: { base, password, viewer, locality, from, to, screenshots }
// Prints one JSON line of findings; exits non-zero with the reason when anything is wrong.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, signIn, pageApi, fail } from './browser.mjs';
import { packPath } from '../../src/reports.js';

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const findings = {};
const browser = await launch();
try {
  const page = await openPage(browser, settings.base);
  await signIn(page, settings.viewer, settings.password);

  // Opened, the panel lists the localities and previews the default months' pack at once.
  await page.click('#reports-toggle');
  await page.waitForSelector('#reports:not([hidden]) #rp-preview:not([hidden])');
  findings.localities = await page.$$eval('#rp-locality option', os => os.map(o => o.value));
  findings.defaultHeading = await page.frameLocator('#rp-preview').locator('h1').textContent();

  // Chosen months: the preview is the pack the API serves for them, figure for figure.
  await page.selectOption('#rp-locality', settings.locality);
  await page.fill('#rp-from', settings.from);
  await page.fill('#rp-to', settings.to);
  await page.click('#rp-form button[type=submit]');
  const frame = page.frameLocator('#rp-preview');
  await frame.locator('#period', { hasText: 'March to April 2018' }).waitFor();
  findings.heading = await frame.locator('h1').textContent();
  findings.sandbox = await page.getAttribute('#rp-preview', 'sandbox');
  const pack = await pageApi(page, packPath(settings.locality, settings, 'json'));
  findings.wards = await frame.locator('#wards tbody tr td:nth-child(2)').allTextContents();
  const expected = pack.wards.map(w => w.name);
  if (JSON.stringify(findings.wards) !== JSON.stringify(expected)) fail(`preview wards ${JSON.stringify(findings.wards)} differ from the API's ${JSON.stringify(expected)}`);
  findings.allCurrent = await frame.locator('#headlines tbody tr[data-group=all] td:nth-child(2)').textContent();
  if (findings.allCurrent !== String(pack.headlines[0].current)) fail(`preview count ${findings.allCurrent} differs from the API's ${pack.headlines[0].current}`);
  await page.screenshot({ path: join(settings.screenshots, 'reports.png') });

  // Every download link works with the session cookie alone.
  findings.downloads = {};
  for (const id of ['rp-html', 'rp-pdf', 'rp-xlsx', 'rp-performance-csv', 'rp-performance-xlsx']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#${id}`)]);
    const path = await download.path();
    const head = readFileSync(path).subarray(0, 4).toString('latin1');
    findings.downloads[id] = { name: download.suggestedFilename(), head };
  }

  // The pack itself on an A4 page (96 dpi), for README: it is served as a download, so it is opened from its text.
  const html = await page.evaluate(async p => (await fetch(p)).text(), packPath(settings.locality, settings, 'html'));
  const a4 = await page.context().newPage();
  await a4.setViewportSize({ width: 794, height: 1123 });
  await a4.setContent(html);
  await a4.screenshot({ path: join(settings.screenshots, 'lag-pack.png') });
  findings.a4Title = await a4.title();
  await a4.close();

  await page.click('#rp-close');
  findings.closed = await page.isHidden('#reports');
  console.log(JSON.stringify(findings));
} finally {
  await browser.close();
}
