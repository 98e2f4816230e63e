// Periods on the lists: a manager reads the action log for the financial year
// the API uses, asks for a period the demonstration fills and sees exactly the
// actions the API lists for it, the period kept in the address, and downloads
// the export of the same period through the page's link; the case list and the
// timeliness chart take a period the same way; a period that ends before it
// starts, or a day that does not exist, is the API's message in the error
// summary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, expectRefusals, signIn, ready, checkAccessibility, apiSession, fillDate,
  assertNoProblems } from "./harness.mjs";
import { today } from "./setup.mjs";
import { inWords, demonstrationPeriod, rowsOf, downloadThrough } from "./report_helpers.mjs";

const env = serverAndBrowser();

async function askFor(page, period, buttonName) {
  await fillDate(page, "from", period.from);
  await fillDate(page, "to", period.to);
  await Promise.all([page.waitForURL(new RegExp(`from=${period.from}&to=${period.to}$`)),
    page.getByRole("button", { name: buttonName, exact: true }).click()]);
  await ready(page);
}

test("the action log, the case list and the timeliness chart show the period asked for, and export it", async () => {
  const base = env.server.base;
  const manager = await apiSession(base, "demo.manager");
  const period = demonstrationPeriod(await today(base));
  const query = `from=${period.from}&to=${period.to}`;
  const page = await newPage(env.browser, base);
  await signIn(page, base, "demo.manager");

  // The action log: by default the financial year the API uses.
  const byDefault = (await manager.get("/api/v1/actions")).body;
  await page.goto(`${base}/actions`);
  await ready(page);
  assert.equal(await page.locator("#list-period").textContent(), inWords(byDefault.period));
  await askFor(page, period, "Show");
  const actions = (await manager.get(`/api/v1/actions?${query}`)).body.actions;
  assert.ok(actions.length > 0, "the demonstration has actions in the period");
  assert.equal(await page.locator("#list-period").textContent(), inWords(period));
  const shown = await rowsOf(page, "#action-rows");
  assert.deepEqual(shown.map((r) => `${r[0]} ${r[1]}`).sort(), actions.map((a) => `${a.case_reference} ${a.ref}`).sort());
  const link = page.locator("#export-link");
  assert.equal(await link.getAttribute("href"), `/api/v1/exports/actions?${query}`);
  const download = await downloadThrough(page, link);
  assert.equal(download.name, `actions-${period.from}-to-${period.to}.csv`);
  const exported = (await (await fetch(`${base}/api/v1/exports/actions?${query}`, {
    headers: { Cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ") },
  })).text()).trim().split("\r\n").length;
  assert.equal(download.rows.filter((r) => r.length > 1).length, exported);
  for (const a of actions) {
    assert.ok(download.rows.some((r) => r[0] === a.case_reference && r[2] === a.ref), `${a.case_reference} ${a.ref}`);
  }
  await checkAccessibility(page, "actions for a period");

  // The case list: every case without a period; with one, those active in it.
  await page.goto(`${base}/cases`);
  await ready(page);
  assert.equal(await page.locator("#list-period").count(), 0);
  await page.getByText("Filter the cases").click();  // the filters sit under a disclosure beside the search
  await askFor(page, period, "Show");
  const cases = (await manager.get(`/api/v1/cases?limit=200&${query}`)).body.cases;
  assert.equal(await page.locator("#list-period").textContent(), `Active from ${inWords(period)}`);
  assert.deepEqual((await rowsOf(page, "#case-rows")).map((r) => r[0]).sort(), cases.map((c) => c.reference).sort());
  assert.equal(await page.locator("#export-link").getAttribute("href"), `/api/v1/exports/cases?${query}`);
  await checkAccessibility(page, "cases for a period");

  // The timeliness chart: the clocks of the cases active in the period.
  await page.goto(`${base}/timeliness`);
  await ready(page);
  await askFor(page, period, "Show the period");
  const report = (await manager.get(`/api/v1/reports/timeliness?${query}`)).body;
  const clocks = report.cases.flatMap((c) => c.clocks.filter((k) => k.status !== "not_required"));
  assert.equal(await page.locator("#timeliness-rows tbody tr").count(), Math.min(50, clocks.length));
  assert.equal(await page.locator("#export-link").getAttribute("href"), `/api/v1/exports/clocks?${query}`);

  // A period that ends before it starts: the API's message (400), and the page stays put.
  expectRefusals(page, 400);
  await page.goto(`${base}/actions`);
  await ready(page);
  await fillDate(page, "from", period.to);
  await fillDate(page, "to", period.from);
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await page.waitForURL(new RegExp(`from=${period.to}&to=${period.from}$`));
  await ready(page);
  await page.locator(".govuk-error-summary").waitFor();
  assert.match(await page.locator(".govuk-error-summary").textContent(), /before/);
  assert.equal(await page.locator("#action-rows").count(), 0);
  // A day that does not exist: the API's message too.
  await page.locator("#f-from").fill("31");
  await page.locator("#f-from-month").fill("2");
  await page.locator("#f-from-year").fill("2026");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await page.waitForURL(/from=2026-02-31/);
  await ready(page);
  await page.locator(".govuk-error-summary").waitFor();
  assert.match(await page.locator(".govuk-error-summary").textContent(), /not a real calendar date/);
  await checkAccessibility(page, "actions for a period that cannot be read");
  assertNoProblems(page);
});
