// The operation form in headless Chromium, run by the .NET test suite against a real server:
//   node tests/browser/operation-form.mjs SETTINGS.json
// SETTINGS: { base, password, lead, viewer, controlWard, existingZone, screenshots }
// A lead (an analyst) makes an operation with a zone drawn on the map, meets the API's refusals beside the fields,
// then edits it; a viewer sees no form and is refused by the API. Prints one JSON line of findings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, signIn, pageApi, fail } from './browser.mjs';

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const findings = {};
const errorOf = (page, field) => page.textContent(`#op-editor .field[data-field="${field}"] .field-error`);
const browser = await launch();
try {
  const page = await openPage(browser, settings.base, { width: 1366, height: 768 });
  await signIn(page, settings.lead, settings.password);
  await page.click('#operations-toggle');
  await page.waitForSelector('#op-manage:not([hidden]) #op-new');
  findings.emptyNote = await page.textContent('#op-empty');
  findings.editHiddenWithNone = await page.$eval('#op-edit', b => b.hidden);

  await page.click('#op-new');
  await page.waitForSelector('#op-editor:not([hidden])');
  findings.panelBelowHeader = await page.evaluate(() => document.querySelector('#operations').getBoundingClientRect().top >= document.querySelector('header').getBoundingClientRect().bottom);
  findings.evaluationHiddenWhileEditing = await page.$eval('#op-form', f => getComputedStyle(f).display === 'none');
  findings.zonePathsBefore = await page.locator('#ope-map path.ope-zone').count();
  await page.fill('#ope-id', 'op-lakeside');
  await page.fill('#ope-name', 'Op Dial: Lakeside');
  await page.selectOption('#ope-type', 'dial');
  await page.fill('#ope-groups', 'asb, burglaries');
  await page.fill('#op-editor .period-start', '2026-05-01');
  await page.fill('#op-editor .period-end', '2026-04-01');
  await page.check(`#ope-zone-list input[value="${settings.existingZone}"]`);
  await page.selectOption('#ope-control', [settings.controlWard]);
  await page.fill('#ope-hours', '40');

  // A circle of no size: the API's reason is shown beside the map, and no operation is sent.
  await page.fill('#ope-zone-code', 'lakeside-drawn');
  await page.fill('#ope-zone-name', 'Lakeside drawn');
  await page.check('input[name=ope-shape][value=circle]');
  const map = page.locator('#ope-map');
  const box = await map.boundingBox();
  await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
  findings.circleCentre = [await page.inputValue('#ope-lat'), await page.inputValue('#ope-lon')];
  await page.fill('#ope-radius', '0');
  await page.click('#op-editor button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#op-editor .field[data-field="zone.shape"] .field-error').textContent !== '');
  findings.shapeError = await errorOf(page, 'zone.shape');
  findings.shapeInvalid = await page.$eval('#op-editor .field[data-field="zone.shape"]', f => f.classList.contains('invalid'));
  findings.operationsAfterShapeError = (await pageApi(page, '/api/operations')).length;

  // Drawn instead as a polygon of four clicked corners; the operation's own mistakes then come back by field.
  await page.check('input[name=ope-shape][value=polygon]');
  for (const [x, y] of [[0.45, 0.45], [0.55, 0.45], [0.55, 0.55], [0.45, 0.55]]) await map.click({ position: { x: box.width * x, y: box.height * y } });
  findings.corners = await page.textContent('#ope-corners');
  findings.draftPaths = await page.locator('#ope-map path.ope-draft').count();
  if (findings.draftPaths !== 1) fail(`the drawn polygon is not on the map (${findings.draftPaths} paths; ${await page.locator('#ope-map path').count()} in all)`);
  if (settings.screenshots) {
    await page.$eval('#operations', panel => { panel.scrollTop = 0; });
    await page.screenshot({ path: join(settings.screenshots, 'operation-form-1366.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: join(settings.screenshots, 'operation-form-1920.png') });
    await page.setViewportSize({ width: 1366, height: 768 });
  }
  await page.click('#op-editor button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#op-editor .field[data-field="targetGroups"] .field-error').textContent !== '');
  findings.groupsError = await errorOf(page, 'targetGroups');
  findings.periodsError = await errorOf(page, 'activePeriods');
  findings.shapeErrorAfterFix = await errorOf(page, 'zone.shape');
  findings.savedZoneDrawn = await page.locator('#ope-map path.ope-zone').count();
  findings.drawnZoneTicked = await page.isChecked('#ope-zone-list input[value="lakeside-drawn"]');
  findings.groupsAriaInvalid = await page.getAttribute('#ope-groups', 'aria-invalid');
  if (settings.screenshots) await page.screenshot({ path: join(settings.screenshots, 'operation-form-errors.png') });

  // Put right and saved: the form closes and the picker shows the operation.
  await page.fill('#ope-groups', 'asb');
  await page.fill('#op-editor .period-end', '2026-05-28');
  await page.click('#op-editor button[type=submit]');
  await page.waitForSelector('#op-editor', { state: 'hidden' });
  await page.waitForFunction(() => document.querySelector('#op-select').value === 'op-lakeside');
  findings.saved = await page.textContent('#op-saved');
  findings.picker = await page.$$eval('#op-select option', os => os.map(o => o.textContent));
  const stored = (await pageApi(page, '/api/operations')).find(o => o.id === 'op-lakeside');
  if (!stored) fail('op-lakeside is not in GET /api/operations');
  findings.stored = stored;
  findings.drawnZone = await pageApi(page, '/api/zones/lakeside-drawn');

  // Edited: the form opens filled in, the id fixed; a new name is saved and shown.
  await page.click('#op-edit');
  await page.waitForSelector('#op-editor:not([hidden])');
  findings.editFilled = {
    id: await page.inputValue('#ope-id'), idReadOnly: await page.$eval('#ope-id', i => i.readOnly), name: await page.inputValue('#ope-name'),
    zones: await page.$$eval('#ope-zone-list input:checked', bs => bs.map(b => b.value)),
    control: await page.$$eval('#ope-control option:checked', os => os.map(o => o.value)),
    periods: await page.$$eval('#ope-periods li', lis => lis.map(li => `${li.querySelector('.period-start').value}..${li.querySelector('.period-end').value}`)),
  };
  await page.fill('#ope-name', 'Op Dial: Lakeside and Grays');
  await page.click('#op-editor button[type=submit]');
  await page.waitForSelector('#op-editor', { state: 'hidden' });
  await page.waitForFunction(() => document.querySelector('#op-select').selectedOptions[0]?.textContent.startsWith('Op Dial: Lakeside and Grays'));
  findings.renamed = await page.$eval('#op-select', s => s.selectedOptions[0].textContent);

  // A viewer sees the operations but no way to change them, and the API refuses one sent by hand.
  const viewer = await openPage(browser, settings.base);
  await signIn(viewer, settings.viewer, settings.password);
  await viewer.click('#operations-toggle');
  await viewer.waitForFunction(() => document.querySelector('#op-select').options.length > 0);
  findings.viewerSeesManage = await viewer.isVisible('#op-manage');
  findings.viewerSeesNew = await viewer.isVisible('#op-new');
  findings.viewerSeesForm = await viewer.isVisible('#op-editor');
  findings.viewerPut = await viewer.evaluate(async () => (await fetch('/api/operations/op-viewer', {
    method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-HotSpots-Request': 'dashboard' },
    body: JSON.stringify({ name: 'x', type: 'dial', zones: ['lakeside-drawn'], activePeriods: [], targetGroups: ['asb'] }),
  })).status);
  findings.viewerZonePut = await viewer.evaluate(async () => (await fetch('/api/zones/viewer-zone', {
    method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-HotSpots-Request': 'dashboard' },
    body: JSON.stringify({ name: 'x', circle: { latitude: 51.47, longitude: 0.32, radiusMetres: 100 } }),
  })).status);
  console.log(JSON.stringify(findings));
} finally {
  await browser.close();
}
