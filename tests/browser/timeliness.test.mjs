// The timeliness page as a partnership reads it: the last 6 months by default
// (other windows one click away), how often each kind of clock was met on time,
// every clock in a table the reader sorts, with the days each was late, and the
// same clocks as CSV.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, signIn, ready, checkAccessibility, apiSession, assertNoProblems,
  screenshot } from "./harness.mjs";
import { inWords } from "./report_helpers.mjs";

const env = serverAndBrowser();

// The window of `months` ending on `today`, as the page works it out.
function windowEndingOn(today, months) {
  const [y, m, d] = today.split("-").map(Number);
  return { from: new Date(Date.UTC(y, m - 1 - months, d + 1)).toISOString().slice(0, 10), to: today };
}

test("the last 6 months by default, on time by kind of clock, sorted by days late, and the window's CSV", async () => {
  const base = env.server.base;
  const manager = await apiSession(base, "demo.manager");
  const today = (await manager.get("/api/v1/health")).body.today;
  const window = windowEndingOn(today, 6);
  const report = (await manager.get(`/api/v1/reports/timeliness?from=${window.from}&to=${window.to}`)).body;
  const clocks = report.cases.flatMap((c) => c.clocks.filter((k) => k.status !== "not_required"));

  const page = await newPage(env.browser, base);
  await signIn(page, base, "demo.manager");
  await page.goto(`${base}/timeliness`);
  await ready(page);
  assert.equal(await page.locator("#list-period").textContent(), inWords(window));
  // Fifty clocks a page, the chart drawing the same; the count says how many in all.
  assert.equal(await page.locator("#timeliness-rows tbody tr").count(), Math.min(50, clocks.length));
  assert.equal(await page.locator("#chart-count").textContent(),
    `Showing clocks 1 to ${Math.min(50, clocks.length)} of ${clocks.length} (of ${clocks.length} in the period).`);
  assert.equal(await page.locator("#export-link").getAttribute("href"), `/api/v1/exports/clocks?from=${window.from}&to=${window.to}`);
  assert.equal(await page.locator("#windows strong").textContent(), "Last 6 months");

  // On time, by kind of clock: the share of the decided clocks of each rule met by their date.
  const byTitle = new Map();
  for (const k of clocks) {
    const e = byTitle.get(k.title) || { met: 0, decided: 0 };
    if (["met", "met_late", "overdue"].includes(k.status)) e.decided += 1;
    if (k.status === "met") e.met += 1;
    byTitle.set(k.title, e);
  }
  const shown = await page.locator("#on-time-rows tbody tr").evaluateAll((rows) =>
    rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
  assert.equal(shown.length, byTitle.size);
  for (const [title, percent] of shown) {
    const e = byTitle.get(title);
    assert.ok(e, `a clock of the period: ${title}`);
    assert.equal(percent, e.decided ? `${Math.round((100 * e.met) / e.decided)}%` : "None decided yet", title);
  }

  // Sorted by days late, most first (pressed twice), each a whole number of days.
  // Sorted on the server, the order kept in the address.
  await page.getByRole("button", { name: "Days late" }).click();
  await page.waitForURL(/sort=days_late(?!.*order=desc)/);
  await ready(page);
  await page.getByRole("button", { name: "Days late" }).click();
  await page.waitForURL(/sort=days_late.*order=desc/);
  await ready(page);
  assert.equal(await page.locator('#timeliness-rows th[aria-sort="descending"]').count(), 1);
  const days = await page.locator("#timeliness-rows tbody tr").evaluateAll((rows) =>
    rows.map((r) => r.children[5].textContent.trim()));
  // "Under a day": an hour-based clock late by hours on the day it was due.
  const numbers = days.map((d) => (d === "—" || d === "Under a day" ? 0 : Number(d.split(" ")[0])));
  assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a));
  assert.ok(numbers[0] > 0, "the demonstration has a late clock in the last 6 months");
  const latest = clocks.filter((k) => ["met_late", "overdue"].includes(k.status))
    .map((k) => Math.round((Date.parse(k.met_on || today) - Date.parse(k.due_date)) / 86400000));
  assert.equal(numbers[0], Math.max(...latest));
  await checkAccessibility(page, "timeliness sorted");
  await screenshot(page, "timeliness");

  // Another window, one click away.
  await page.getByRole("link", { name: "Last 12 months" }).click();
  await ready(page);
  assert.equal(await page.locator("#list-period").textContent(), inWords(windowEndingOn(today, 12)));
  assertNoProblems(page);
});

test("a long window shows its clocks fifty a page, paged and sorted on the server, the chart drawing the table's page", async () => {
  const base = env.server.base;
  const manager = await apiSession(base, "demo.manager");
  const today = (await manager.get("/api/v1/health")).body.today;
  const [y, m, d] = today.split("-").map(Number);
  const from = new Date(Date.UTC(y - 2, m - 1, d)).toISOString().slice(0, 10);  // 29 February: 1 March
  const clocksInWindow = async () => (await manager.get(`/api/v1/reports/timeliness?from=${from}&to=${today}`)).body
    .cases.flatMap((c) => c.clocks.filter((k) => k.status !== "not_required")).length;
  // More than a page: the demonstration's clocks, and notifications opened today
  // (each starts two clocks) until there are.
  while (await clocksInWindow() <= 60) {
    const opened = await manager.post("/api/v1/cases", { kind: "serious_incident_notification", facts: {
      became_aware_on: today, harm: "serious_harm", abuse_or_neglect: "suspected", location: "in_area",
      local_authority: "Northam City Council", summary: "Infant with unexplained bruising" } });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
  }
  const total = await clocksInWindow();

  const page = await newPage(env.browser, base);
  await signIn(page, base, "demo.manager");
  await page.goto(`${base}/timeliness?from=${from}&to=${today}`);
  await ready(page);
  const rows = page.locator("#timeliness-rows tbody tr");
  assert.equal(await rows.count(), 50);
  const firstPage = await rows.locator("th").allTextContents();
  await page.locator(".govuk-pagination__next a").click();
  await page.waitForURL(/page=2/);
  await ready(page);
  assert.equal(await rows.count(), Math.min(50, total - 50));
  assert.equal(await page.locator("#chart-count").textContent(),
    `Showing clocks 51 to ${Math.min(100, total)} of ${total} (of ${total} in the period).`);
  const secondPage = await rows.locator("th").allTextContents();
  assert.notDeepEqual(secondPage, firstPage);
  const bars = await page.locator("#timeliness-chart").evaluate(() => window.Chart.getChart("timeliness-chart").data.labels.length);
  assert.equal(bars, Math.min(50, total - 50), "the chart draws the clocks of the page shown");
  // Sorting starts again from the first page.
  await page.getByRole("button", { name: "Started" }).click();
  await page.waitForURL((url) => url.searchParams.get("sort") === "started" && !url.searchParams.has("page"));
  await ready(page);
  assert.equal(await rows.count(), 50);
  assert.match(await page.locator("#chart-count").textContent(), /^Showing clocks 1 to 50 of /);
  // Another window keeps the sort.
  assert.match(await page.getByRole("link", { name: "Last 3 months" }).getAttribute("href"), /[?&]sort=started(&|$)/);
  await checkAccessibility(page, "timeliness, second page");
  assertNoProblems(page);
});
