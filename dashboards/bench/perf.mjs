// Dashboard performance, run by `dotnet run -c Release --project src/HotSpots.Benchmarks -- dashboard`:
//   node bench/perf.mjs SETTINGS.json
// SETTINGS: { base, user, password, ingestKey, points: { CODE: [[lat, lon], ...] }, rate, seconds }
// Measures first paint and map-ready time on a signed-in load, then posts `rate` incidents a second for `seconds`
// while recording every animation frame and long task in the page. Prints one JSON line of figures.
// PROFILE=1 also prints where the renderer's time went (a Chromium trace summed by event); REDUCED_MOTION=1 loads the
// page as a browser set to reduce motion (no pulse rings), to separate their cost.
import { readFileSync } from 'node:fs';
import { launch } from '../tests/browser/browser.mjs';

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { base, rate = 50, seconds = 20 } = settings;
const codes = Object.keys(settings.points);
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, baseURL: base });
  const signIn = await context.request.post('/api/account/sign-in', { data: { name: settings.user, password: settings.password } });
  if (!signIn.ok()) throw new Error(`sign-in answered ${signIn.status()}`);
  const page = await context.newPage();
  if (process.env.REDUCED_MOTION) await page.emulateMedia({ reducedMotion: 'reduce' });
  page.on('pageerror', e => console.error(`page error: ${e.message}`));

  const started = Date.now();
  await page.goto('/');
  await page.waitForFunction(n => document.body.dataset.connection === 'live'
    && document.querySelectorAll('path.area[data-observed]').length === n, codes.length, { timeout: 30000, polling: 'raf' });
  const load = await page.evaluate(() => ({
    firstPaint: performance.getEntriesByName('first-paint')[0]?.startTime,
    firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    mapReady: performance.now(),
  }));
  load.wallClockToMapReady = Date.now() - started;
  const wards = await page.locator('path.area').count();

  await page.evaluate(() => {
    window.perf = { frames: [], longTasks: [], changes: 0 };
    let last = performance.now();
    const frame = now => { window.perf.frames.push(now - last); last = now; if (!window.perf.stop) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
    new PerformanceObserver(list => { for (const e of list.getEntries()) window.perf.longTasks.push(e.duration); }).observe({ type: 'longtask' });
    new MutationObserver(records => { window.perf.changes += records.length; })
      .observe(document.getElementById('map'), { attributes: true, attributeFilter: ['data-observed'], subtree: true });
  });

  if (process.env.PROFILE) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const total = rate * seconds;
  const clock = Date.now();
  let failed = 0;
  const posts = [];
  for (let i = 0; i < total; i++) {
    const due = clock + (i * 1000) / rate;
    if (due > Date.now()) await new Promise(r => setTimeout(r, due - Date.now()));
    const code = codes[(i * 7919) % codes.length];
    const points = settings.points[code];
    const [latitude, longitude] = points[i % points.length];
    posts.push(fetch(`${base}/api/incidents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': settings.ingestKey },
      body: JSON.stringify({ source: 'perf', sourceId: `p-${clock}-${i}`, category: 'anti-social-behaviour', occurredAt: new Date(Date.now() - 60000).toISOString(), latitude, longitude }),
    }).then(r => { if (!r.ok) failed++; }, () => { failed++; }));
  }
  // With no load, the same length of time idle: the machine's own baseline of late frames.
  if (total === 0) await new Promise(r => setTimeout(r, seconds * 1000));
  await Promise.all(posts);
  const postedSeconds = (Date.now() - clock) / 1000;
  await page.waitForTimeout(1000);
  const perf = await page.evaluate(() => { window.perf.stop = true; return window.perf; });
  if (process.env.PROFILE) {
    const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const totals = new Map();
    for (const e of trace) if (e.ph === 'X' && e.dur) totals.set(e.name, (totals.get(e.name) ?? [0, 0]).map((v, i) => v + [e.dur / 1000, 1][i]));
    console.error([...totals].sort((a, b) => b[1][0] - a[1][0]).slice(0, 20).map(([k, [ms, n]]) => `${ms.toFixed(0).padStart(7)} ms ${String(n).padStart(6)}x ${k}`).join('\n'));
  }
  const frames = perf.frames.slice(1).sort((a, b) => a - b);
  const pct = p => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))];
  const vsync = pct(0.5);
  console.log(JSON.stringify({
    wards,
    load,
    posted: total,
    postedPerSecond: total ? +(total / postedSeconds).toFixed(1) : 0,
    failedPosts: failed,
    wardChangesApplied: perf.changes,
    frames: frames.length,
    framesPerSecond: +(frames.length / (postedSeconds + 1)).toFixed(1),
    frameMs: { p50: +pct(0.5).toFixed(1), p95: +pct(0.95).toFixed(1), p99: +pct(0.99).toFixed(1), max: +frames.at(-1).toFixed(1) },
    // A frame interval longer than one and a half vsyncs means at least one frame was missed.
    droppedFrames: frames.filter(f => f > vsync * 1.5).length,
    longTasks: perf.longTasks.length,
    longestTaskMs: perf.longTasks.length ? +Math.max(...perf.longTasks).toFixed(1) : 0,
  }));
} catch (error) {
  console.error(`dashboard benchmark failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
