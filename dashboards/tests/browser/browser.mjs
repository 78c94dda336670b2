// Shared set-up for the browser checks: Debian's Chromium driven by playwright-core, and helpers that sign in.
import { chromium } from 'playwright-core';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
  });
}

// A page that reports its errors on stderr, so a failing check shows what the page saw.
export async function openPage(browser, base, viewport = { width: 1500, height: 950 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, baseURL: base });
  const page = await context.newPage();
  page.on('pageerror', e => console.error(`page error: ${e.message}`));
  page.on('console', m => { if (m.type() === 'error' && !m.text().includes('401')) console.error(`console: ${m.text()}`); });
  return page;
}

export async function signIn(page, name, password) {
  await page.goto('/');
  await page.waitForSelector('#sign-in:not([hidden])', { timeout: 15000 });
  await page.fill('#user-name', name);
  await page.fill('#password', password);
  await page.click('#sign-in-form button[type=submit]');
  await page.waitForSelector('#connection.live', { timeout: 15000 });
}

export async function postIncident(base, ingestKey, incident) {
  const response = await fetch(`${base}/api/incidents`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Api-Key': ingestKey },
    body: JSON.stringify(incident),
  });
  if (!response.ok) throw new Error(`POST /api/incidents answered ${response.status}: ${await response.text()}`);
}

// Reads the API as the signed-in page does (its cookie), for comparing what is drawn with what is served.
export const pageApi = (page, path) => page.evaluate(async p => (await fetch(p)).json(), path);

export function fail(message) {
  throw new Error(message);
}

// The area names on the map: how many are shown and which shown pairs overlap (none should).
export async function mapLabels(page) {
  // Leaflet fades a removed name out (opacity 0) for 200 ms before taking it away: wait until only current ones remain.
  await page.waitForFunction(() => [...document.querySelectorAll('.area-label')].every(l => getComputedStyle(l).opacity !== '0'));
  return page.$$eval('.area-label', labels => {
    const shown = labels.filter(l => getComputedStyle(l).visibility !== 'hidden').map(l => ({ name: l.textContent, box: l.getBoundingClientRect() }));
    const overlaps = [];
    shown.forEach((a, i) => shown.slice(i + 1).forEach(b => {
      if (a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom) overlaps.push(`${a.name} / ${b.name}`);
    }));
    return { shown: shown.map(l => l.name), hidden: labels.length - shown.length, overlaps };
  });
}

// How much of the map's box the given wards fill: the larger of their extent's share of its width and of its height.
export async function mapShare(page, codes) {
  return page.$$eval('path.area.ward', (paths, wanted) => {
    const box = document.querySelector('#map').getBoundingClientRect();
    const rects = paths.filter(p => wanted.includes(p.dataset.code)).map(p => p.getBoundingClientRect());
    const width = Math.max(...rects.map(r => r.right)) - Math.min(...rects.map(r => r.left));
    const height = Math.max(...rects.map(r => r.bottom)) - Math.min(...rects.map(r => r.top));
    return Math.round(100 * Math.max(width / box.width, height / box.height));
  }, codes);
}
