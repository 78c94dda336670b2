// Localities in headless Chromium, run by the .NET test suite against a real server:
//   node tests/browser/localities.mjs SETTINGS.json
// SETTINGS: { base, password, admin, viewer, wards: [two ward codes], screenshots }
// An admin makes a locality of two wards in the editor (meeting its refusals first), chooses it in the header's
// selector and sees the ranking and map limited to it, renames and retires it; a viewer has the selector, not the
// editor. Prints one JSON line of findings; exits non-zero with the reason when anything is wrong.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, signIn, pageApi, mapShare } from './browser.mjs';

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const findings = {};
const errorOf = (page, field) => page.textContent(`#locality-admin .field[data-field="${field}"] .field-error`);
const rankingCodes = page => page.$$eval('#ranking tbody tr', rows => rows.map(r => r.dataset.code));
const browser = await launch();
try {
  const page = await openPage(browser, settings.base);
  await signIn(page, settings.admin, settings.password);
  await page.waitForSelector('#locality-admin:not([hidden])');
  findings.selectorBefore = await page.$$eval('#locality option', os => os.map(o => o.textContent));
  findings.rowsBefore = (await rankingCodes(page)).length;

  // Nothing filled in: each of the API's reasons beside its field.
  await page.click('#le-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#locality-admin .field[data-field="wards"] .field-error').textContent !== '');
  findings.refused = { code: await errorOf(page, 'code'), name: await errorOf(page, 'name'), wards: await errorOf(page, 'wards') };
  findings.codeInvalid = await page.getAttribute('#le-code', 'aria-invalid');

  await page.fill('#le-code', 'riverside');
  await page.fill('#le-name', 'Riverside LAG');
  for (const ward of settings.wards) await page.check(`#le-wards input[value="${ward}"]`);
  findings.count = await page.textContent('#le-count');
  await page.click('#le-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#le-status').textContent.startsWith('Saved'));
  findings.saved = await page.textContent('#le-status');
  findings.refusedAfterSave = await errorOf(page, 'wards');
  findings.stored = (await pageApi(page, '/api/localities')).map(l => ({ code: l.code, name: l.name, wards: l.wards }));

  // Chosen in the header: the ranking lists exactly its wards, as the API limited to it does; the map frames them.
  findings.selectorAfter = await page.$$eval('#locality option', os => os.map(o => o.textContent));
  const shareBefore = await mapShare(page, settings.wards);
  await page.selectOption('#locality', 'riverside');
  await page.waitForFunction(n => document.querySelectorAll('#ranking tbody tr').length === n, settings.wards.length);
  findings.ranking = await rankingCodes(page);
  findings.api = (await pageApi(page, '/api/heat?set=wards&group=all&window=24h&locality=riverside')).areas.map(a => a.code);
  findings.rankingTitle = await page.textContent('#ranking-title');
  findings.dimmed = await page.locator('path.area.ward.outside').count();
  findings.share = { before: shareBefore, after: await mapShare(page, settings.wards) };
  findings.printLine = await page.textContent('#print-summary');
  if (settings.screenshots) await page.screenshot({ path: join(settings.screenshots, 'localities.png') });

  // The drill-down still opens from the limited ranking.
  await page.click('#ranking tbody tr:first-child button');
  await page.waitForSelector('#drill-down:not([hidden])');
  findings.drillDown = await page.textContent('#dd-title');
  await page.click('#dd-close');

  // Renamed in the editor: the selector says the new name and keeps the choice.
  await page.selectOption('#le-pick', 'riverside');
  findings.codeReadOnly = await page.$eval('#le-code', i => i.readOnly);
  findings.ticked = await page.$$eval('#le-wards input:checked', boxes => boxes.map(b => b.value));
  await page.fill('#le-name', 'Riverside and Tilbury LAG');
  await page.click('#le-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#le-status').textContent.includes('version 2'));
  findings.renamed = await page.textContent('#le-status');
  findings.chosenAfterRename = await page.$eval('#locality', s => s.selectedOptions[0].textContent);

  // Retired: the header goes back to all wards, nothing is dimmed.
  await page.click('#le-retire');
  await page.waitForFunction(() => document.querySelector('#le-status').textContent.startsWith('Retired'));
  await page.waitForFunction(n => document.querySelectorAll('#ranking tbody tr').length === n, findings.rowsBefore);
  findings.retired = await page.textContent('#le-status');
  findings.chosenAfterRetire = await page.inputValue('#locality');
  findings.dimmedAfterRetire = await page.locator('path.area.ward.outside').count();

  const viewer = await openPage(browser, settings.base);
  await signIn(viewer, settings.viewer, settings.password);
  findings.viewerSeesEditor = await viewer.isVisible('#locality-admin');
  findings.viewerSeesSelector = await viewer.isVisible('#locality');
  console.log(JSON.stringify(findings));
} finally {
  await browser.close();
}
