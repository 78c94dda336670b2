// The tasking-meeting dashboard, end to end in headless Chromium, run by the .NET test suite against a running server:
//   node tests/browser/tasking-meeting.mjs SETTINGS.json
// SETTINGS: { base, password, analyst, viewer, ingestKey, adminKey, wards, screenshots }
// Prints one JSON line of findings; exits non-zero with the reason when anything is wrong.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, signIn, postIncident, pageApi, mapLabels, fail } from './browser.mjs';
import { colourFor } from '../../src/heat.js';

// Playwright cannot type into a range input; move it as a person's drag would, with an input event.
const setSlider = (page, value) => page.$eval('#time', (input, v) => {
  input.value = String(v);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}, value);

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { base, password, screenshots } = settings;
const ward = 'E05002235';
const findings = {};
const browser = await launch();
try {
  const page = await openPage(browser, base);

  // Sign-in: a wrong password is refused with the reason, the right one opens the dashboard.
  await page.goto('/');
  await page.waitForSelector('#sign-in:not([hidden])');
  // A first visit: the form alone, no empty dashboard behind it and no talk of a session that never was.
  findings.firstVisit = {
    message: await page.textContent('#sign-in-error'),
    mainShown: await page.isVisible('#main'),
    controlsShown: await page.isVisible('#controls'),
  };
  await page.fill('#user-name', settings.analyst);
  await page.fill('#password', 'not the password');
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#sign-in-error').textContent.includes('not recognised'));
  await signIn(page, settings.analyst, password);
  findings.who = await page.textContent('#who');

  // Every ward of the configured set is drawn, and zones on top.
  findings.wards = await page.locator('path.area.ward').count();
  findings.zoneOutlines = await page.locator('path.zone-outline').count();
  if (findings.wards !== settings.wards) fail(`map shows ${findings.wards} wards, expected ${settings.wards}`);
  if (screenshots) await page.screenshot({ path: join(screenshots, 'dashboard.png') });
  // Names that would overlap (Grays' small wards) are left out rather than written over each other.
  findings.labels = await mapLabels(page);

  // Each group and window colours the wards as /api/heat says.
  findings.selections = [];
  for (const [group, window] of [['asb', '24h'], ['deliberate-fires', '7d'], ['violence', '28d'], ['all', 'month'], ['youth-nuisance', '7d']]) {
    await page.selectOption('#group', group);
    await page.selectOption('#window', window);
    await page.waitForFunction(s => document.body.dataset.selection?.startsWith(s), `wards|${group}|${window}`);
    const heat = await pageApi(page, `/api/heat?set=wards&group=${group}&window=${window}`);
    const drawn = await page.$$eval('path.area.ward', paths => Object.fromEntries(paths.map(p => [p.dataset.code, p.getAttribute('fill')])));
    const mismatched = heat.areas.filter(a => drawn[a.code] !== colourFor(a.score, a.hasBaseline)).map(a => `${a.name}: drawn ${drawn[a.code]}, API ${colourFor(a.score, a.hasBaseline)}`);
    if (mismatched.length) fail(`${group}/${window}: ${mismatched.join('; ')}`);
    findings.selections.push({ group, window, colours: new Set(heat.areas.map(a => colourFor(a.score, a.hasBaseline))).size });
  }
  await page.selectOption('#group', 'asb');
  await page.selectOption('#window', '24h');
  await page.waitForFunction(() => document.body.dataset.selection === 'wards|asb|24h');

  // An incident posted to the API pulses its ward within a second of being stored. Timed from the acknowledgement: the
  // post's own commit is the store's latency (the live benchmark's post-to-ack), and under a loaded CI run it took half
  // a second on its own.
  const before = Number(await page.getAttribute(`path.area[data-code="${ward}"]`, 'data-observed'));
  const posted = Date.now();
  await postIncident(base, settings.ingestKey, {
    source: 'essex-police', sourceId: `browser-${posted}`, category: 'anti-social-behaviour',
    occurredAt: new Date(posted - 60000).toISOString(), latitude: 51.4757, longitude: 0.3217, locationText: 'On or near Grays station',
  });
  const acknowledged = Date.now();
  await page.waitForFunction(([code, expected]) => {
    const path = document.querySelector(`path.area[data-code="${code}"]`);
    return path?.dataset.observed === String(expected) && path.classList.contains('pulse');
  }, [ward, before + 1], { timeout: 1000, polling: 'raf' });
  findings.pulsedAfterMs = Date.now() - acknowledged;

  // A second person (a viewer) watches the same alerts.
  const second = await openPage(browser, base);
  await signIn(second, settings.viewer, password);

  // A drill raises an alert (the seeded ASB may raise real ones beside it): it appears in both panels, the analyst acknowledges it with a note, and the viewer sees that.
  const drill = await fetch(`${base}/api/drills`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${settings.adminKey}` },
    body: JSON.stringify({ scenario: 'tilbury-fires' }),
  });
  if (drill.status !== 201) fail(`POST /api/drills answered ${drill.status}`);
  await page.waitForSelector('#alert-list li.alert.drill', { timeout: 10000 });
  await second.waitForSelector('#alert-list li.alert.drill', { timeout: 10000 });
  findings.alert = await page.textContent('#alert-list li.alert.drill .explanation');
  findings.viewerHasActions = await second.locator('#alert-list li.alert.drill button[data-action]').count();
  await page.fill('#alert-list li.alert.drill input[name=note]', 'Drill seen: fire crew briefed');
  await page.click('#alert-list li.alert.drill button[data-action=acknowledge]');
  await second.waitForSelector('#alert-list li.alert.drill[data-status=acknowledged]', { timeout: 5000 });
  findings.acknowledgedSeenBySecond = await second.textContent('#alert-list li.alert.drill .handled');

  // Opened after the drill (its banner long gone), the viewer's page still marks the alert as a drill's.
  await second.reload();
  await second.waitForSelector('#connection.live', { timeout: 15000 });
  await second.waitForSelector('#alert-list li.alert.drill', { timeout: 10000 });
  findings.drillAfterReload = {
    banner: await second.isVisible('#drill-banner'),
    marked: await second.locator('#alert-list li.alert.drill[data-origin=drill]').count(),
    // The seeded ASB may raise real alerts too; none of them may carry the drill's marks.
    realMarked: await second.locator('#alert-list li.alert:not([data-origin=drill]) .drill-badge').count(),
    badge: await second.textContent('#alert-list li.alert.drill .drill-badge'),
    explanation: await second.textContent('#alert-list li.alert.drill .explanation'),
  };
  if (screenshots) await page.screenshot({ path: join(screenshots, 'alert.png') });

  // The drilled ward's drill-down says how many of its incidents are the drill's (its table and charts leave them out).
  await page.selectOption('#group', 'all');
  await page.waitForFunction(() => document.body.dataset.selection === 'wards|all|24h');
  await page.click('#alert-list li.alert.drill .alert-head button.link');
  await page.waitForFunction(() => document.querySelector('#drill-down').dataset.code === 'E05002247' && !document.querySelector('#drill-down').hidden);
  findings.drillSummary = await page.textContent('#dd-summary');
  await page.click('#dd-close');
  await page.selectOption('#group', 'asb');
  await page.waitForFunction(() => document.body.dataset.selection === 'wards|asb|24h');

  // Drill-down: counts by category, both trends, repeat locations and the area's alerts.
  await page.click(`#ranking button.link >> text=Grays Riverside`);
  await page.waitForSelector('#drill-down:not([hidden])');
  await page.waitForFunction(code => document.querySelector('#drill-down').dataset.code === code, ward);
  findings.drillDown = {
    title: await page.textContent('#dd-title'),
    categories: await page.locator('#dd-categories tbody tr').count(),
    dailyBars: await page.locator('#dd-daily rect').count(),
    monthlyBars: await page.locator('#dd-monthly rect').count(),
    locations: await page.$$eval('#dd-locations li', items => items.map(i => i.textContent)),
  };
  if (screenshots) await page.screenshot({ path: join(screenshots, 'drill-down.png') });
  await page.keyboard.press('Escape');
  await page.waitForSelector('#drill-down', { state: 'hidden' });

  // Keyboard: a ward can be reached and opened without a mouse.
  await page.focus(`path.area[data-code="${ward}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#drill-down:not([hidden])');
  findings.keyboardOpened = await page.textContent('#dd-title');
  await page.click('#dd-close');

  // The ranking sorts, and its CSV export holds every row shown, in the order shown, as data.
  await page.click('#ranking th[data-key=name] button');
  await page.waitForFunction(() => document.querySelector('#ranking th[data-key=name]').getAttribute('aria-sort') === 'ascending');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const csv = readFileSync(await download.path(), 'utf8');
  const table = await page.$$eval('#ranking tr', rows => rows.map(r => [...r.cells].map(c => c.textContent.replace(/ [▲▼]$/, ''))));
  if (!csv.startsWith('\uFEFF')) fail('the CSV has no byte-order mark, so Excel on Windows would garble it');
  const csvRows = csv.slice(1).trimEnd().split('\r\n').map(line => line.split(','));
  const names = csvRows.slice(1).map(r => r[1]);
  if (JSON.stringify(names) !== JSON.stringify(table.slice(1).map(r => r[0]))) fail(`CSV rows differ from the table:\n${csv}\n${JSON.stringify(table)}`);
  const heat = await pageApi(page, '/api/heat?set=wards&group=asb&window=24h');
  const byCode = new Map(heat.areas.map(a => [a.code, a]));
  const wrong = csvRows.slice(1).filter(r => byCode.get(r[0])?.observed !== Number(r[6]) || Math.abs(byCode.get(r[0]).expected - Number(r[8])) > 0.001);
  if (wrong.length) fail(`CSV figures differ from the API's heat: ${wrong[0].join(',')}`);
  findings.csv = { file: download.suggestedFilename(), rows: csvRows.length - 1, header: csvRows[0], first: csvRows[1], minus: csv.includes('−') };

  // The time slider shows heat as it stood; back at Live it follows the hub again.
  await setSlider(page, -3);
  await page.waitForSelector('#as-at-banner:not([hidden])');
  await page.waitForFunction(code => document.querySelector(`path.area[data-code="${code}"]`).dataset.observed === '0', ward, { timeout: 5000 });
  findings.asAt = await page.textContent('#time-label');
  await setSlider(page, 0);
  await page.waitForFunction(([code, n]) => document.querySelector(`path.area[data-code="${code}"]`).dataset.observed === String(n), [ward, before + 1], { timeout: 5000 });

  // Zones as the area set.
  await page.check('input[name=set][value=zones]');
  await page.waitForFunction(() => document.body.dataset.selection?.startsWith('zones|'));
  findings.zones = await page.locator('path.area.zone').count();
  await page.check('input[name=set][value=wards]');
  await page.waitForFunction(() => document.body.dataset.selection?.startsWith('wards|'));

  // Meeting mode for the wall screen, and the print layout for the minutes.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.click('#meeting');
  await page.waitForFunction(() => document.body.classList.contains('meeting'));
  findings.meetingRows = await page.locator('#ranking tbody tr:visible').count();
  findings.meetingActions = await page.locator('#alert-list button[data-action]:visible').count();
  findings.meetingLabels = await mapLabels(page);
  findings.actionsInPage = await page.locator('#alert-list li.alert.drill button[data-action]').count();
  if (screenshots) await page.screenshot({ path: join(screenshots, 'meeting.png') });
  await page.click('#meeting');
  await page.emulateMedia({ media: 'print' });
  findings.printHidesControls = !(await page.isVisible('#controls')) && (await page.isVisible('#print-summary'));
  findings.printMarksDrill = await page.isVisible('#alert-list li.alert.drill .drill-badge');
  if (screenshots) writeFileSync(join(screenshots, 'print.pdf'), await page.pdf({ format: 'A4', landscape: true, printBackground: true }));
  await page.emulateMedia({ media: 'screen' });

  // Resolved, the drill's alert leaves the open list; the Resolved toggle shows it with who resolved it and why, without buttons.
  await page.fill('#alert-list li.alert.drill input[name=note]', 'Drill over');
  await page.click('#alert-list li.alert.drill button[data-action=resolve]');
  await page.waitForSelector('#alert-list li.alert.drill', { state: 'detached' });
  await page.click('#alert-resolved');
  await page.waitForSelector('#alert-list li.alert.drill[data-status=resolved]');
  if (screenshots) await page.screenshot({ path: join(screenshots, 'resolved-alerts.png') });
  await page.reload();
  await page.waitForSelector('#connection.live', { timeout: 15000 });
  await page.click('#alert-resolved');
  await page.waitForSelector('#alert-list li.alert.drill[data-status=resolved]');
  findings.resolvedAfterReload = {
    handled: await page.textContent('#alert-list li.alert.drill .handled'),
    actions: await page.locator('#alert-list li.alert button[data-action]').count(),
    open: await page.locator('#alert-list li.alert:not([data-status=resolved])').count(),
  };
  await page.click('#alert-resolved');
  await page.waitForFunction(() => document.querySelector('#alerts').dataset.view === 'active');

  // Sign out ends the session.
  await page.click('#sign-out');
  await page.waitForSelector('#sign-in:not([hidden])');
  findings.afterSignOut = (await page.evaluate(async () => (await fetch('/api/status')).status));

  console.log(JSON.stringify(findings));
} catch (error) {
  console.error(`tasking-meeting check failed: ${error.stack ?? error.message}`);
  console.error(`findings so far: ${JSON.stringify(findings)}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
