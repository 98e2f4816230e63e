// The scrutineer's evidence pack in the browser: a scrutineer opens Reports,
// chooses the evidence pack and a period the demonstration fills, and sees
// every decision, hold, action and clock the API gives for it; each table
// links to the CSV export of the same period and the whole pack downloads as
// one ZIP; printed, the pack alone with its title and period at the top; and
// it shows no child's identity (identity_scan.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, signIn, ready, checkAccessibility, screenshot, apiSession, fillDate,
  assertNoProblems } from "./harness.mjs";
import { today } from "./setup.mjs";
import { findIdentity } from "./identity_scan.mjs";
import { inWords, demonstrationPeriod, display, printedPdf, childrenAsTheManagerSees } from "./report_helpers.mjs";

const env = serverAndBrowser();

test("a scrutineer reads, downloads and prints the evidence pack of a period, without any child's identity", async () => {
  const base = env.server.base;
  const children = await childrenAsTheManagerSees(await apiSession(base, "demo.manager"));
  const scrutineer = await apiSession(base, "demo.scrutineer");
  const period = demonstrationPeriod(await today(base));
  const query = `from=${period.from}&to=${period.to}`;
  const evidence = (await scrutineer.get(`/api/v1/reports/evidence?${query}`)).body;
  assert.ok(evidence.decisions.length > 0 && evidence.holds.length > 0 && evidence.learning.length > 0,
    "the demonstration has decisions, holds and actions in the period");

  const page = await newPage(env.browser, base);
  await signIn(page, base, "demo.scrutineer");
  await page.getByRole("link", { name: "Reports", exact: true }).click();
  await page.waitForURL(/\/reports$/);
  await ready(page);
  await page.getByLabel("Scrutineer's evidence pack").check();
  await fillDate(page, "from", period.from);
  await fillDate(page, "to", period.to);
  await page.getByRole("button", { name: "Show the report" }).click();
  await page.locator("#report-period", { hasText: inWords(period) }).waitFor();
  assert.equal(await page.locator("#report-title").textContent(), "Scrutineer's evidence pack");
  assert.equal(new URL(page.url()).search, `?report=evidence&${query}`);

  assert.equal(await page.locator("#decisions tbody tr").count(), evidence.decisions.length);
  assert.equal(await page.locator("#holds tbody tr").count(), evidence.holds.length);
  assert.equal(await page.locator("#learning tbody tr").count(), evidence.learning.length);
  // Every clock, as the CSV has them (a clock not required says so).
  assert.equal(await page.locator("#timelines tbody tr").count(), Math.min(100, evidence.timelines.length));
  assert.equal(await page.locator("#timelines-more").count(), evidence.timelines.length > 100 ? 1 : 0);
  const firstDecision = evidence.decisions[0];
  assert.match(await page.locator("#decisions tbody tr").first().textContent(), new RegExp(firstDecision.case_reference));
  for (const [table, dataset] of [["decisions", "decisions"], ["holds", "holds"], ["learning", "actions"], ["timelines", "clocks"]]) {
    const href = await page.locator(`section:has(#${table}) a[download]`).getAttribute("href");
    assert.equal(href, `/api/v1/exports/${dataset}?${query}`, table);
  }
  const [zip] = await Promise.all([page.waitForEvent("download"), page.locator("#evidence-zip").click()]);
  assert.equal(zip.suggestedFilename(), `evidence-pack-${period.from}-to-${period.to}.zip`);
  await checkAccessibility(page, "evidence pack");
  await screenshot(page, "evidence-pack");

  await page.emulateMedia({ media: "print" });
  for (const selector of ["#masthead", "#service-navigation", "footer", "#period-form", ".govuk-button-group"]) {
    assert.equal(await display(page, selector), "none", `${selector} printed`);
  }
  assert.ok((await page.locator("#report-title").boundingBox()).y < 100, "the title is at the top of the page");
  const pdf = await printedPdf(page);
  assert.equal(pdf.header, "%PDF-");
  assert.ok(pdf.pages >= 1);
  await page.emulateMedia({ media: "screen" });

  const html = await page.content();
  const found = children.flatMap((child) => findIdentity(html, child).map((s) => `${child.reference}: ${s.what} (${s.form})`));
  assert.deepEqual(found, [], "the evidence pack shows who a child is");
  assertNoProblems(page);
});
