// The wall screen over a long, busy feed on all of Essex, run by the .NET test suite: the page must not grow.
//   node tests/browser/long-feed.mjs SETTINGS.json
//   SETTINGS: { base, user, password, ingestKey, points: [[lat, lon], ...], seconds, perSecond }
// Prints one JSON line of findings; exits non-zero with the reason when anything is wrong.
import { readFileSync } from 'node:fs';
import { launch, openPage, signIn, postIncident } from './browser.mjs';

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const browser = await launch();
const size = page => page.evaluate(() => ({
  nodes: document.getElementsByTagName('*').length,
  rings: document.querySelectorAll('.pulse-ring').length,
  labels: document.querySelectorAll('.area-label').length,
}));
// Every posted incident drawn, every pulse over and the hot labels refreshed since the last change.
const settled = async (page, posted) => {
  await page.waitForFunction(
    n => [...document.querySelectorAll('path.area.ward')].reduce((sum, p) => sum + Number(p.dataset.observed ?? 0), 0) === n, posted, { timeout: 10000 });
  await page.waitForFunction(
    () => !document.querySelector('path.area.pulse') && document.querySelector('#map').dataset.labels === 'current', null, { timeout: 10000 });
};
try {
  const page = await openPage(browser, settings.base, { width: 1920, height: 1080 });
  await signIn(page, settings.user, settings.password);
  await page.waitForFunction(() => document.body.dataset.selection === 'wards|all|24h');
  const findings = { wards: await page.locator('path.area.ward').count() };

  // Warm up: the first changes bind the first hot labels.
  let posted = 0;
  const feed = async count => {
    for (let i = 0; i < count; i++) {
      const [latitude, longitude] = settings.points[posted % settings.points.length];
      await postIncident(settings.base, settings.ingestKey, {
        source: 'essex-police', sourceId: `feed-${posted++}`, category: 'anti-social-behaviour',
        occurredAt: new Date(Date.now() - 60000).toISOString(), latitude, longitude,
      });
      await new Promise(resolve => setTimeout(resolve, 1000 / settings.perSecond));
    }
  };
  await feed(settings.perSecond * 2);
  await settled(page, posted);
  findings.before = await size(page);

  await feed(settings.perSecond * settings.seconds);
  await settled(page, posted);
  findings.after = await size(page);
  findings.posted = posted;

  // Switching to zones keeps every zone's name however recently the wards were relabelled.
  await feed(3);
  await page.check('input[name=set][value=zones]');
  await page.waitForFunction(() => document.body.dataset.selection === 'zones|all|24h');
  // Nothing to await here: the check is that a refresh due for the wards never comes, so wait out its second.
  await page.waitForTimeout(1500);
  findings.zoneLabels = await page.$$eval('.area-label', labels => labels.map(l => l.textContent));
  console.log(JSON.stringify(findings));
} catch (error) {
  console.error(`long-feed check failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
