// The CDOP annual report on the Reports page. The demonstration has two child
// deaths in the 400 days up to today: an unexpected infant death notified 40
// working days ago, not yet reviewed, and an expected death in a hospice
// notified 249 working days ago and reviewed by the panel 60 working days ago
// (modifiable factors identified, learning with a theme, an action overdue).
//
// A manager chooses the CDOP annual report and a period, and sees every figure
// the API gives for it, each count opening to the references of its deaths;
// the values that are not counts and the tables of each review as the API
// gives them; a count opens to its case; the printed page is the report alone
// under its title; a table and all its figures download as CSV with the same
// counts. For publication, every count the API withholds reads "1 to 5", no
// death is listed, a notice says so, and the address keeps the choice. A
// scrutineer reads the same report, and it shows no child's identity.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, signIn, ready, checkAccessibility, screenshot, apiSession, fillDate,
  assertNoProblems } from "./harness.mjs";
import { today } from "./setup.mjs";
import { findIdentity } from "./identity_scan.mjs";
import { written, inWords, demonstrationPeriod, figuresOf, figuresShown, rowsOf, downloadThrough, display,
  printedPdf, childrenAsTheManagerSees } from "./report_helpers.mjs";

const env = serverAndBrowser();

const TITLE = "Child Death Overview Panel annual report";
const cdopPath = (period, extra = "") => `/api/v1/reports/cdop-annual?from=${period.from}&to=${period.to}${extra}`;
const references = (figure) => figure.cases.map((c) => c.reference).join("; ");

// What the page says for a percentage or a median the API gives, or gives none of.
function valueText(report, value, unit) {
  if (value !== null) return `${value}${unit}`;
  return report.reviewed.count === 0 ? "None (no review was completed in the period)"
    : `Withheld (it rests on a count from 1 to ${report.suppression.counts_up_to})`;
}

async function textOf(page, selector) {
  return (await page.locator(selector).textContent()).trim();
}

// The values that are not counts: the percentages and the median.
async function assertValues(page, report) {
  assert.equal(await textOf(page, "#factors-percentage"),
    valueText(report, report.modifiable_factors.percentage_of_reviewed, "%"));
  assert.equal(await textOf(page, "#median-days"), valueText(report, report.time_to_review.median_days, " days"));
  assert.equal(await textOf(page, "#within-12-months-percentage"),
    valueText(report, report.time_to_review.percentage_within_12_months, "%"));
}

async function waitForReport(page, period, publication) {
  await page.locator("#report-title", { hasText: TITLE }).waitFor();
  await page.locator("#report-period", { hasText: inWords(period) }).waitFor();
  await page.locator(publication ? "#publication-notice" : "#publication-advice").waitFor();
}

test("a manager reads the CDOP annual report, each count with its deaths, prints it and downloads its tables", async () => {
  const base = env.server.base;
  const manager = await apiSession(base, "demo.manager");
  const period = demonstrationPeriod(await today(base));
  const report = (await manager.get(cdopPath(period))).body;
  assert.equal(report.publication, false);
  const figures = figuresOf(report);
  for (const path of ["notified", "reviewed", "modifiable_factors.identified", "time_to_review.within_12_months",
    "learning.reviews_with_learning"]) {
    assert.ok(figures.get(path).count > 0, `the demonstration fills ${path}`);
  }
  assert.ok(report.time_to_review.reviews.length > 0 && report.actions.length > 0 && report.learning.themes.length > 0);
  assert.ok([...figures.values()].every((f) => f.suppressed === false && f.count === f.cases.length));

  const page = await newPage(env.browser, base);
  await signIn(page, base, "demo.manager");
  await page.getByRole("link", { name: "Reports", exact: true }).click();
  await page.waitForURL(/\/reports$/);
  await ready(page);
  const forPublication = page.getByLabel("For publication (withhold small numbers)");
  assert.equal(await forPublication.isVisible(), false, "publication is a choice of the CDOP report only");
  await page.getByLabel("CDOP annual report").check();
  assert.equal(await forPublication.isVisible(), true);
  assert.equal(await forPublication.isChecked(), false);
  await fillDate(page, "from", period.from);
  await fillDate(page, "to", period.to);
  await page.getByRole("button", { name: "Show the report" }).click();
  await waitForReport(page, period, false);
  assert.equal(new URL(page.url()).search, `?report=cdop&from=${period.from}&to=${period.to}`);
  assert.equal(await page.locator("h1").textContent(), TITLE);
  assert.equal(await page.title(), `${TITLE} – casereview`);
  assert.equal(await page.getByLabel("CDOP annual report").isChecked(), true);
  assert.equal(await page.locator("#publication-notice").count(), 0);
  await checkAccessibility(page, "CDOP annual report");
  await screenshot(page, "cdop-annual-report");

  // Every figure of the report, each count and its deaths as the API gives them.
  const shown = await figuresShown(page);
  assert.deepEqual(shown.map((f) => f.path).sort(), [...figures.keys()].sort());
  for (const f of shown) {
    const expected = figures.get(f.path);
    assert.equal(f.count, String(expected.count), f.path);
    assert.deepEqual(f.cases, expected.cases.map((c) => [c.reference, `/cases/${c.id}`]), f.path);
  }
  await assertValues(page, report);

  // The tables of each review, row by row.
  assert.deepEqual(await rowsOf(page, "#time_to_review"), report.time_to_review.reviews.map((r) => [r.case_reference,
    written(r.date_of_death), written(r.reviewed_on), String(r.days), r.within_12_months ? "Yes" : "No"]));
  assert.deepEqual(await rowsOf(page, "#actions"), report.actions.map((a) => [a.case_reference, String(a.open),
    String(a.completed), String(a.overdue)]));
  assert.deepEqual((await rowsOf(page, "#learning_themes")).map((r) => r[0]), report.learning.themes.map((t) => t.label));

  // A count opens to its deaths, and each is a link to the case's page.
  const reviewed = figures.get("reviewed");
  await page.locator('[data-figure="reviewed"] summary').click();
  const first = page.locator('[data-figure="reviewed"] details a').first();
  assert.ok(await first.isVisible());
  await first.click();
  await page.waitForURL(new RegExp(`/cases/${reviewed.cases[0].id}$`));
  await ready(page);
  assert.equal((await page.locator("main h1").first().textContent()).trim(), reviewed.cases[0].reference);
  await page.goBack();
  await ready(page);
  await waitForReport(page, period, false);

  // Printed: the report alone under its title and period, as the yearly report prints.
  const chrome = ["#masthead", "#service-navigation", "footer", "#period-form", "#print-report"];
  for (const selector of chrome) assert.notEqual(await display(page, selector), "none", `${selector} on screen`);
  await page.emulateMedia({ media: "print" });
  for (const selector of [...chrome, ".govuk-skip-link", ".govuk-button-group", "#publication-advice"]) {
    assert.equal(await display(page, selector), "none", `${selector} printed`);
  }
  assert.ok(await page.locator("#report-title", { hasText: TITLE }).isVisible());
  assert.ok(await page.locator("#report-period").isVisible());
  assert.ok((await page.locator("#report-title").boundingBox()).y < 100, "the title is at the top of the page");
  const printed = page.locator('[data-figure="reviewed"]');
  assert.equal(await printed.locator("details").isVisible(), false);
  assert.equal(await printed.locator(".app-figure__printed-count").textContent(), String(reviewed.count));
  assert.equal(await printed.locator(".app-figure__printed-cases").textContent(),
    reviewed.cases.map((c) => c.reference).join(", "));
  const pdf = await printedPdf(page);
  assert.equal(pdf.header, "%PDF-");
  assert.ok(pdf.pages > 1, `the printed report has ${pdf.pages} pages`);
  await page.emulateMedia({ media: "screen" });

  // A table's CSV, and every figure's, for the same period.
  const categories = await downloadThrough(page, page.getByRole("link", { name: "Download CSV of category of death" }));
  assert.equal(categories.name, `cdop-annual-report-by_category-${period.from}-to-${period.to}.csv`);
  assert.deepEqual(categories.rows[0], ["code", "label", "count", "case_references"]);
  assert.deepEqual(categories.rows.slice(1), report.by_category.map((c) => [c.code, c.label, String(c.count),
    references(c)]));
  const all = await downloadThrough(page, page.getByRole("link", { name: "Download all figures (CSV)" }));
  assert.equal(all.name, `cdop-annual-report-figures-${period.from}-to-${period.to}.csv`);
  assert.deepEqual(all.rows[0], ["figure", "count", "case_references"]);
  assert.deepEqual(all.rows.slice(1).map((r) => [r[0], r[1], r[2]]).sort(),
    [...figures].map(([path, f]) => [path, String(f.count), references(f)]).sort());
  assertNoProblems(page);
});

test("for publication, small counts read \"1 to 5\", no death is listed, and the address keeps the choice", async () => {
  const base = env.server.base;
  const manager = await apiSession(base, "demo.manager");
  const period = demonstrationPeriod(await today(base));
  const published = (await manager.get(cdopPath(period, "&publication=true"))).body;
  assert.equal(published.publication, true);
  assert.deepEqual(published.suppression, { applied: true, counts_up_to: 5 });
  const figures = figuresOf(published);
  const withheld = [...figures].filter(([, f]) => f.suppressed).map(([path]) => path);
  for (const path of ["notified", "reviewed", "modifiable_factors.identified"]) {
    assert.ok(withheld.includes(path), `the demonstration's ${path} is withheld for publication`);
  }
  assert.ok([...figures.values()].some((f) => f.count === 0), "a count of none is shown");
  assert.ok([...figures.values()].every((f) => f.cases.length === 0 && (f.suppressed === (f.count === null))));

  const page = await newPage(env.browser, base);
  await signIn(page, base, "demo.manager");
  await page.goto(`${base}/reports?report=cdop&from=${period.from}&to=${period.to}`);
  await ready(page);
  await waitForReport(page, period, false);
  await page.getByLabel("For publication (withhold small numbers)").check();
  await page.getByRole("button", { name: "Show the report" }).click();
  await waitForReport(page, period, true);
  const address = `?report=cdop&from=${period.from}&to=${period.to}&publication=true`;
  assert.equal(new URL(page.url()).search, address);
  assert.match(await textOf(page, "#publication-notice"), /Counts from 1 to 5 are withheld and shown as “1 to 5”/);
  await checkAccessibility(page, "CDOP annual report for publication");
  await screenshot(page, "cdop-annual-report-for-publication");

  // Every figure: a withheld count is "1 to 5" with why for a screen reader,
  // others the API's count; none opens to a list of deaths.
  const shown = await figuresShown(page);
  assert.deepEqual(shown.map((f) => f.path).sort(), [...figures.keys()].sort());
  for (const f of shown) {
    const expected = figures.get(f.path);
    assert.equal(f.count, expected.suppressed ? "1 to 5" : String(expected.count), f.path);
    assert.deepEqual(f.cases, [], f.path);
  }
  assert.equal(await page.locator("[data-figure] details").count(), 0);
  assert.equal(await page.locator(".app-report a[href^='/cases/']").count(), 0, "no death is listed");
  for (const path of withheld) {
    assert.match(await page.locator(`[data-figure="${path}"] .govuk-visually-hidden`).textContent(),
      /withheld: fewer than 6 deaths/, path);
  }
  await assertValues(page, published);
  for (const selector of ["#time_to_review", "#actions"]) {
    assert.match(await textOf(page, selector), /^Not shown in a report for publication/, selector);
  }

  // The publication CSV, from its link: withheld counts written "suppressed", no references.
  const places = await downloadThrough(page, page.getByRole("link", { name: "Download CSV of place of death" }));
  assert.equal(places.name, `cdop-annual-report-for-publication-by_place_of_death-${period.from}-to-${period.to}.csv`);
  assert.deepEqual(places.rows.slice(1), published.by_place_of_death.map((p) => [p.code, p.label,
    p.suppressed ? "suppressed" : String(p.count), ""]));
  const all = await downloadThrough(page, page.getByRole("link", { name: "Download all figures (CSV)" }));
  assert.equal(all.name, `cdop-annual-report-for-publication-figures-${period.from}-to-${period.to}.csv`);
  assert.deepEqual(all.rows.slice(1).sort(),
    [...figures].map(([path, f]) => [path, f.suppressed ? "suppressed" : String(f.count), ""]).sort());

  // The address is the report: opened again, the same report for publication.
  await page.reload();
  await ready(page);
  await waitForReport(page, period, true);
  assert.equal(await page.getByLabel("For publication (withhold small numbers)").isChecked(), true);
  assert.deepEqual(await figuresShown(page), shown);

  // Printed, the notice is at the top with the title.
  await page.emulateMedia({ media: "print" });
  assert.equal(await display(page, "#service-navigation"), "none");
  assert.ok(await page.locator("#report-title", { hasText: TITLE }).isVisible());
  assert.ok(await page.locator("#publication-notice").isVisible());
  await page.emulateMedia({ media: "screen" });

  // Back to the yearly report, in the yearly report's address.
  await page.getByLabel("Safeguarding partnership yearly report").check();
  assert.equal(await page.getByLabel("For publication (withhold small numbers)").isVisible(), false);
  await page.getByRole("button", { name: "Show the report" }).click();
  await page.locator("#report-title", { hasText: "Yearly report" }).waitFor();
  assert.equal(new URL(page.url()).search, `?from=${period.from}&to=${period.to}`);
  assert.equal(await page.locator("#publication-notice").count(), 0);
  await page.goBack();
  await waitForReport(page, period, true);
  assert.equal(new URL(page.url()).search, address);
  assertNoProblems(page);
});

test("a scrutineer reads the same CDOP figures, and the report shows no child's identity", async () => {
  const base = env.server.base;
  const children = await childrenAsTheManagerSees(await apiSession(base, "demo.manager"));
  assert.ok(new Set(children.map((c) => c.familyName)).size >= 2, "the demonstration names children to look for");
  const scrutineer = await apiSession(base, "demo.scrutineer");
  const period = demonstrationPeriod(await today(base));
  const figures = figuresOf((await scrutineer.get(cdopPath(period))).body);
  assert.ok(figures.get("notified").count > 1);

  const page = await newPage(env.browser, base);
  await signIn(page, base, "demo.scrutineer");
  // The page asks for no more of each list than it names (a national year lists thousands).
  const asked = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/v1/reports/cdop-annual") asked.push(Object.fromEntries(url.searchParams));
  });
  await page.goto(`${base}/reports?report=cdop&from=${period.from}&to=${period.to}`);
  await ready(page);
  await waitForReport(page, period, false);
  assert.deepEqual(asked.at(-1), { cases: "100", rows: "100", from: period.from, to: period.to });
  await checkAccessibility(page, "CDOP annual report as scrutineer");
  const shown = await figuresShown(page);
  assert.deepEqual(Object.fromEntries(shown.map((f) => [f.path, [f.count, f.cases.map(([reference]) => reference)]])),
    Object.fromEntries([...figures].map(([path, f]) => [path, [String(f.count), f.cases.map((c) => c.reference)]])));

  await page.locator("details").evaluateAll((all) => all.forEach((d) => { d.open = true; }));
  const html = await page.content();
  const found = children.flatMap((child) => findIdentity(html, child).map((s) => `${child.reference}: ${s.what} (${s.form})`));
  assert.deepEqual(found, [], "the CDOP annual report shows who a child is");
  assertNoProblems(page);
});
