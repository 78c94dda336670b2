// A server on a replay store as a tasking meeting would see it, run by the .NET test suite:
//   node tests/browser/replay.mjs SETTINGS.json      SETTINGS: { base, user, password, screenshots? }
// Prints one JSON line of findings; exits non-zero with the reason when anything is wrong.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, signIn, pageApi } from './browser.mjs';

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const browser = await launch();
try {
  const page = await openPage(browser, settings.base);
  await signIn(page, settings.user, settings.password);
  await page.waitForSelector('#replay-banner:not([hidden])');
  const findings = {
    status: await pageApi(page, '/api/status'),
    badge: await page.textContent('#connection'),
    badgeClass: await page.getAttribute('#connection', 'class'),
    banner: await page.textContent('#replay-banner'),
  };
  if (settings.screenshots) await page.screenshot({ path: join(settings.screenshots, 'replay.png') });
  console.log(JSON.stringify(findings));
} catch (error) {
  console.error(`replay check failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
