// Printing the dashboard for the minutes, run by the .NET test suite: the map fitted to the printed box, every row.
//   node tests/browser/print.mjs SETTINGS.json      SETTINGS: { base, user, password, name, showAll, screenshots? }
// Prints one JSON line of findings; exits non-zero with the reason when anything is wrong.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, signIn } from './browser.mjs';

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const browser = await launch();
// How much of every area lies inside the map's box, in the layout the page has now.
const measure = () => {
  const box = document.querySelector('#map').getBoundingClientRect();
  const paths = [...document.querySelectorAll('path.area')].map(p => p.getBoundingClientRect());
  const outside = paths.filter(r => r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1).length;
  const left = Math.min(...paths.map(r => r.left)), right = Math.max(...paths.map(r => r.right));
  const top = Math.min(...paths.map(r => r.top)), bottom = Math.max(...paths.map(r => r.bottom));
  return {
    areas: paths.length, outside, visiblePaths: [...document.querySelectorAll('path.area')].filter(p => getComputedStyle(p).visibility !== 'hidden' && p.getAttribute('d')).length,
    // The drawn extent against the box: fitted means one dimension is (nearly) filled.
    widthShare: (right - left) / box.width, heightShare: (bottom - top) / box.height, box: { width: box.width, height: box.height },
  };
};
const fit = page => page.evaluate(measure);
try {
  const page = await openPage(browser, settings.base);
  await signIn(page, settings.user, settings.password);
  await page.waitForFunction(() => document.body.dataset.selection?.startsWith('wards|'));
  // A map wider than the partnership's area opens on it; the minutes of a county-wide look print every area.
  if (settings.showAll) await page.click('#map-extent');
  const findings = { screen: await fit(page), screenRows: await page.locator('#ranking tbody tr').count() };

  // What Chrome does when printing: beforeprint, then the page laid out for print, with no frame in between.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  findings.print = await fit(page);
  findings.printRows = await page.locator('#ranking tbody tr').count();
  findings.summary = await page.textContent('#print-summary');
  if (settings.screenshots) {
    await page.setViewportSize({ width: 1123, height: 794 });
    await page.screenshot({ path: join(settings.screenshots, `print-${settings.name}.png`) });
    writeFileSync(join(settings.screenshots, `print-${settings.name}.pdf`), await page.pdf({ format: 'A4', landscape: true, printBackground: true }));
  }
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  findings.afterRows = await page.locator('#ranking tbody tr').count();
  // Back on screen the ranking shrinks after the map has refitted, and the page's box may change with it; the
  // resize observer refits at the next frame, the first the user sees. So the check waits (frame by frame, at most
  // 5 s) for a map with every area inside, then reports what it found either way.
  await page.waitForFunction(`(${measure})().outside === 0`, null, { timeout: 5000 }).catch(() => {});
  findings.after = await fit(page);
  console.log(JSON.stringify(findings));
} catch (error) {
  console.error(`print check failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
