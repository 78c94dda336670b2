// The micro-places layer, run by the .NET test suite: the Gi* cells drawn over the wards, the legend in words, a
// cell's figures on hover and on keyboard focus, and the hot streets in the drill-down of the ward holding the hot cell.
//   node tests/browser/grid-layer.mjs SETTINGS.json      SETTINGS: { base, user, password, hotWard: { code, name } }
// Prints one JSON line of findings; exits non-zero with the reason when anything is wrong.
import { readFileSync } from 'node:fs';
import { launch, openPage, signIn, pageApi } from './browser.mjs';

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const browser = await launch();
try {
  const page = await openPage(browser, settings.base);
  await signIn(page, settings.user, settings.password);
  await page.waitForFunction(() => document.body.dataset.selection === 'wards|all|24h');
  const before = await page.$$eval('path.grid-cell', cells => cells.length);
  await page.selectOption('#grid-choice', 'grid');
  await page.waitForSelector('path.grid-cell');
  const api = await pageApi(page, '/api/hotspots/grid?set=wards&group=all&window=24h');
  const findings = {
    before,
    drawn: await page.$$eval('path.grid-cell', cells => cells.length),
    features: api.features.length,
    legend: await page.$$eval('#grid-legend li', items => items.map(i => i.textContent)),
    legendHeading: await page.textContent('#grid-legend p'),
  };
  const hot = 'path.grid-cell[aria-label$="Hot spot, 99% confidence"]';
  await page.hover(hot);
  findings.hovered = await page.textContent('#grid-readout');
  findings.hotLabel = await page.getAttribute(hot, 'aria-label');
  const quiet = 'path.grid-cell[aria-label$="Not significant"]';
  await page.focus(quiet);
  findings.focused = await page.textContent('#grid-readout');
  findings.focusedLabel = await page.getAttribute(quiet, 'aria-label');
  findings.hotApi = api.features.filter(f => f.properties.bin === 3).map(f => ({ count: f.properties.count, z: f.properties.z }));
  await page.selectOption('#grid-choice', 'off');
  await page.waitForFunction(() => document.querySelectorAll('path.grid-cell').length === 0);
  findings.legendHiddenWhenOff = await page.$eval('#grid-legend', l => l.hidden);

  const { code, name } = settings.hotWard;
  // The ranking lists the top rows first; the ward holding the cell's centre need not be among them.
  const link = `#ranking button.link >> text="${name}"`;
  if (await page.locator(link).count() === 0) await page.click('#ranking-more');
  await page.click(link);
  await page.waitForFunction(code => document.querySelector('#drill-down').dataset.code === code && !document.querySelector('#drill-down').hidden, code);
  await page.waitForSelector('#dd-streets li');
  findings.streetsHeading = await page.textContent('#dd-streets-part h3');
  findings.streets = await page.$$eval('#dd-streets li', items => items.map(i => i.textContent));
  findings.streetsApi = (await pageApi(page, `/api/hotspots/streets?ward=${code}&group=all&window=24h`)).streets;
  console.log(JSON.stringify(findings));
} catch (error) {
  console.error(`grid layer check failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
