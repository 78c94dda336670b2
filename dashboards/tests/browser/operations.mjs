// The operation leads' panel in headless Chromium, run by the .NET test suite against a server with an operation:
//   node tests/browser/operations.mjs SETTINGS.json
// SETTINGS: { base, password, viewer, operation, zones, screenshots }
// Prints one JSON line of findings; exits non-zero with the reason when anything is wrong.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, signIn, pageApi, fail } from './browser.mjs';
import { tableRows, evaluationPath, periodBars } from '../../src/operations.js';

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const findings = {};
const browser = await launch();
try {
  const page = await openPage(browser, settings.base);
  await signIn(page, settings.viewer, settings.password);

  await page.click('#operations-toggle');
  await page.waitForSelector('#operations:not([hidden]) #op-table tbody tr');
  findings.operation = await page.$eval('#op-select', s => s.value);
  if (findings.operation !== settings.operation) fail(`panel opened ${findings.operation}, expected ${settings.operation}`);

  // The table is the API's evaluation, row for row and cell for cell.
  const evaluation = await pageApi(page, evaluationPath(settings.operation, { group: await page.$eval('#op-group', s => s.value) }));
  const shown = await page.$$eval('#op-table tbody tr', trs => trs.map(tr => [...tr.cells].map(td => td.textContent)));
  const expected = tableRows(evaluation).map(r => r.cells);
  if (JSON.stringify(shown) !== JSON.stringify(expected)) fail(`table ${JSON.stringify(shown)} differs from the API's ${JSON.stringify(expected)}`);
  findings.rows = shown.length;
  findings.firstRow = shown[0];
  findings.readings = await page.$$eval('#op-readings .reading', ps => ps.map(p => p.textContent));
  findings.dosage = await page.$$eval('#op-readings .dosage', ps => ps.map(p => p.textContent));

  // The map draws each zone, its buffer ring and what the control leaves out; the chart has two bars a zone.
  findings.zonePaths = await page.locator('#op-map path.op-zone').count();
  findings.bufferPaths = await page.locator('#op-map path.op-buffer').count();
  findings.excludedPaths = await page.locator('#op-map path.op-excluded').count();
  findings.controlWards = await page.locator('#op-map path.op-control').count();
  findings.chartBars = await page.locator('#op-chart rect').count();
  findings.chartValues = await page.$$eval('#op-chart text.value', ts => ts.map(t => t.textContent));
  findings.chartTicks = await page.$$eval('#op-chart .axis text.tick', ts => ts.map(t => t.textContent));
  const barValues = periodBars(evaluation).values.map(String);
  if (JSON.stringify(findings.chartValues) !== JSON.stringify(barValues)) fail(`chart values ${JSON.stringify(findings.chartValues)} differ from the API's ${JSON.stringify(barValues)}`);
  findings.chartMax = String(Math.max(...periodBars(evaluation).values));

  // The export link gives the same figures as CSV.
  const href = await page.getAttribute('#op-export', 'href');
  const csv = await page.evaluate(async h => (await fetch(h)).text(), href);
  findings.csvLines = csv.trim().split('\n').length;
  findings.csvHref = href;

  // Explicit periods re-evaluate; a malformed one is answered in words.
  await page.fill('#op-before', 'last spring');
  await page.fill('#op-during', '2026-01');
  await page.click('#op-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#op-status').textContent.startsWith('No evaluation'));
  findings.badPeriod = await page.textContent('#op-status');

  // One period alone is refused in words, not silently replaced by the defaults; a run of months is a period.
  await page.fill('#op-before', '2026-01..2026-02');
  await page.fill('#op-during', '');
  await page.click('#op-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#op-status').textContent.includes('during is required'));
  findings.beforeAlone = await page.textContent('#op-status');

  if (settings.screenshots) {
    await page.fill('#op-before', '');
    await page.fill('#op-during', '');
    await page.click('#op-form button[type=submit]');
    await page.waitForFunction(() => !document.querySelector('#op-status').textContent.startsWith('Evaluating'));
    const status = await page.textContent('#op-status');
    if (status) fail(`re-evaluating with the default periods: ${status}`);
    await page.screenshot({ path: join(settings.screenshots, 'operations.png') });
  }
  await page.click('#op-close');
  findings.closed = await page.$eval('#operations', s => s.hidden);
  console.log(JSON.stringify(findings));
} finally {
  await browser.close();
}
