// Imported police.uk months as an analyst sees them, run by the .NET test suite against a server holding only old,
// month-only rows (real Thurrock boundaries and police.uk data from ../shared):
//   node tests/browser/police-uk-months.mjs SETTINGS.json      SETTINGS: { base, user, password, screenshots? }
// Prints one JSON line of findings; exits non-zero with the reason when anything is wrong.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, signIn, pageApi, fail } from './browser.mjs';
import { colourFor } from '../../src/heat.js';

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const browser = await launch();
const drawnColours = page => page.$$eval('path.area.ward', paths => Object.fromEntries(paths.map(p => [p.dataset.code, p.getAttribute('fill')])));
// Ranking cells (and headings) whose text does not fit their box: cut off, or running into the next column.
const clipped = page => page.$$eval('#ranking th button, #ranking td', cells =>
  cells.filter(c => c.offsetParent && (c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > c.closest('th, td').getBoundingClientRect().right + 1))
    .map(c => c.textContent));
const rankingFirst = page => page.$$eval('#ranking tbody tr:first-child td', cells => cells.map(c => c.textContent));
try {
  const page = await openPage(browser, settings.base);
  await signIn(page, settings.user, settings.password);
  const findings = {};

  // The live windows are empty, so the page opens on the latest month with data and says why.
  await page.waitForFunction(() => document.body.dataset.selection?.includes('|month|'));
  findings.opened = {
    selection: await page.evaluate(() => document.body.dataset.selection),
    window: await page.inputValue('#window'),
    month: await page.inputValue('#month'),
    pickerShown: await page.isVisible('#month'),
    note: await page.textContent('#window-note'),
  };
  const april = await pageApi(page, '/api/heat?set=wards&group=all&window=month&month=2018-04');
  const drawn = await drawnColours(page);
  const wrong = april.areas.filter(a => drawn[a.code] !== colourFor(a.score, a.hasBaseline));
  if (wrong.length) fail(`${wrong.length} wards drawn in a colour other than April 2018's, first ${wrong[0].name}`);
  findings.aprilObserved = april.areas.reduce((n, a) => n + a.observed, 0);
  findings.aprilFirstRow = await rankingFirst(page);
  findings.clipped = await clipped(page);
  if (settings.screenshots) await page.screenshot({ path: join(settings.screenshots, 'police-uk-month.png') });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.click('#meeting');
  await page.waitForFunction(() => document.body.classList.contains('meeting'));
  findings.clippedInMeeting = await clipped(page);
  if (settings.screenshots) await page.screenshot({ path: join(settings.screenshots, 'police-uk-month-meeting.png') });
  await page.click('#meeting');
  await page.setViewportSize({ width: 1500, height: 950 });

  // Another month: the ranking, drill-down, export and print follow it.
  await page.fill('#month', '2018-02');
  await page.dispatchEvent('#month', 'change');
  await page.waitForFunction(() => document.body.dataset.selection === 'wards|all|month|2018-02');
  const february = await pageApi(page, '/api/heat?set=wards&group=all&window=month&month=2018-02');
  const top = [...february.areas].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'en-GB'))[0];
  await page.waitForFunction(name => document.querySelector('#ranking tbody tr:first-child button.link')?.textContent === name, top.name);
  findings.februaryFirstRow = await rankingFirst(page);
  findings.februaryTop = { name: top.name, observed: top.observed };

  await page.click('#ranking tbody tr:first-child button.link');
  await page.waitForSelector('#drill-down:not([hidden])');
  await page.waitForFunction(code => document.querySelector('#drill-down').dataset.code === code, top.code);
  findings.drillDown = {
    summary: await page.textContent('#dd-summary'),
    categories: await page.$$eval('#dd-categories tbody tr', rows => rows.map(r => Number(r.cells[1].textContent)).reduce((a, b) => a + b, 0)),
    monthlyTitle: await page.textContent('#dd-monthly .chart-title'),
    lastMonthBar: await page.$eval('#dd-monthly rect:last-of-type title', t => t.textContent),
    locationsWhen: await page.textContent('#dd-locations-when'),
  };
  await page.click('#dd-close');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  findings.csvFile = download.suggestedFilename();
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  findings.printSummary = await page.textContent('#print-summary');
  await page.emulateMedia({ media: 'screen' });

  // Back to a live window: the note says what it can hold.
  await page.selectOption('#window', '7d');
  await page.waitForFunction(() => document.body.dataset.selection === 'wards|all|7d');
  findings.weekNote = await page.textContent('#window-note');
  findings.pickerShownFor7d = await page.isVisible('#month');
  console.log(JSON.stringify(findings));
} catch (error) {
  console.error(`police-uk months check failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
