// Request forgery from another port of the same host, in headless Chromium, run by the .NET test suite:
//   node tests/browser/forgery.mjs SETTINGS.json
// SETTINGS: { base, password, analyst, alertId }
// An analyst signs in; a page served from another port (the same site, so SameSite=Strict still sends the cookie)
// tries to resolve an open alert with a body-less fetch and with a form post. Then the analyst acknowledges it from
// the dashboard. Prints one JSON line of findings; exits non-zero with the reason when anything is wrong.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { launch, openPage, signIn, pageApi, fail } from './browser.mjs';

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { base, password, analyst, alertId } = settings;
const target = `${base}/api/alerts/${encodeURIComponent(alertId)}/resolve`;
const evilPage = `<!doctype html><title>loading</title>
<form id="f" method="post" action="${target}" target="sink"></form><iframe name="sink"></iframe>
<script>
  fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', credentials: 'include' })
    .catch(() => {})
    .then(() => { document.querySelector('iframe').onload = () => { document.title = 'sent'; }; document.getElementById('f').submit(); });
</script>`;
const evil = createServer((_, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end(evilPage));
await new Promise(resolve => evil.listen(0, new URL(base).hostname, resolve));
const evilBase = `http://${new URL(base).hostname}:${evil.address().port}/`;

const findings = {};
const browser = await launch();
try {
  const page = await openPage(browser, base);
  await signIn(page, analyst, password);
  const status = async () => (await pageApi(page, '/api/alerts')).find(a => a.id === alertId)?.status;
  findings.before = await status();

  const attacker = await page.context().newPage();
  await attacker.goto(evilBase);
  await attacker.waitForFunction(() => document.title === 'sent', null, { timeout: 10000 });
  findings.afterForgery = await status();

  await page.waitForSelector('#alert-list li.alert', { timeout: 10000 });
  await page.fill('#alert-list li.alert input[name=note]', 'Seen from the dashboard');
  await page.click('#alert-list li.alert button[data-action=acknowledge]');
  await page.waitForSelector('#alert-list li.alert[data-status=acknowledged]', { timeout: 5000 });
  findings.afterDashboard = await status();
  if (!findings.afterDashboard) fail('the alert went missing');

  console.log(JSON.stringify(findings));
} catch (error) {
  console.error(`forgery check failed: ${error.stack ?? error.message}`);
  console.error(`findings so far: ${JSON.stringify(findings)}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  evil.close();
}
