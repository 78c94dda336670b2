// A new store as a tasking meeting sees it, run by the .NET test suite: incidents but no earlier period to compare with.
//   node tests/browser/no-baseline.mjs SETTINGS.json      SETTINGS: { base, user, password, ward }
// Prints one JSON line of findings; exits non-zero with the reason when anything is wrong.
import { readFileSync } from 'node:fs';
import { launch, openPage, signIn, pageApi, fail } from './browser.mjs';

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const browser = await launch();
try {
  const page = await openPage(browser, settings.base);
  await signIn(page, settings.user, settings.password);
  await page.waitForFunction(() => document.body.dataset.selection === 'wards|all|24h');
  const ward = `path.area[data-code="${settings.ward}"]`;
  await page.waitForFunction(s => Number(document.querySelector(s)?.dataset.observed) > 0, ward);
  const heat = await pageApi(page, '/api/heat?set=wards&group=all&window=24h');
  const api = heat.areas.find(a => a.code === settings.ward);
  const findings = {
    api: { observed: api.observed, score: api.score, hasBaseline: api.hasBaseline },
    fill: await page.getAttribute(ward, 'fill'),
    ariaLabel: await page.getAttribute(ward, 'aria-label'),
    legend: await page.$$eval('#legend-steps li', items => items.map(i => i.textContent)),
    firstRow: await page.$$eval('#ranking tbody tr:first-child td', cells => cells.map(c => c.textContent)),
    lastRow: await page.$$eval('#ranking tbody tr:last-child td', cells => cells.map(c => c.textContent)),
    veryUnusual: await page.$$eval('#ranking tbody td', cells => cells.filter(c => c.textContent.includes('very unusual')).length),
    alerts: await page.textContent('#alert-count'),
  };
  await page.click(`#ranking button.link >> text=${api.name}`);
  await page.waitForSelector('#drill-down:not([hidden])');
  findings.summary = await page.textContent('#dd-summary');
  findings.categoryHeat = await page.$$eval('#dd-categories tbody tr', rows => rows.map(r => r.cells[3].textContent));
  console.log(JSON.stringify(findings));
} catch (error) {
  console.error(`no-baseline check failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
