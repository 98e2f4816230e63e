// The yearly report: a manager opens it from the menu (the financial year the
// API reports by default), asks for a period the demonstration fills, and sees
// every figure the API gives for it, each count opening to the references of
// its cases, each a link to the case; the printed layout is the report alone,
// with its title and period at the top, and prints to a PDF of several pages;
// a table and all the figures download as CSV with the same counts; a period
// that ends before it starts, or a day that does not exist, is the API's
// message in the error summary and nothing else changes. A scrutineer reads
// the same report, and it shows no child's identity (identity_scan.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, expectRefusals, signIn, ready, checkAccessibility, screenshot, apiSession, fillDate,
  assertNoProblems } from "./harness.mjs";
import { today } from "./setup.mjs";
import { findIdentity } from "./identity_scan.mjs";
import { written, inWords, demonstrationPeriod, figuresOf, figuresShown, rowsOf, downloadThrough, display,
  printedPdf, childrenAsTheManagerSees } from "./report_helpers.mjs";

const env = serverAndBrowser();

const reportPath = (period, extra = "") => `/api/v1/reports/yearly?from=${period.from}&to=${period.to}${extra}`;

async function openReport(page, period) {
  await page.goto(`${env.server.base}/reports?from=${period.from}&to=${period.to}`);
  await ready(page);
  await page.locator("#report-period", { hasText: inWords(period) }).waitFor();
}

test("the address /reports is a page, as every page's address is", async () => {
  const response = await fetch(`${env.server.base}/reports`);
  assert.equal(response.status, 200);
  assert.match(await response.text(), /<main class="govuk-main-wrapper" id="main-content"/);
});

test("a manager reads the yearly report, each count with its cases, prints it and downloads its tables", async () => {
  const base = env.server.base;
  const manager = await apiSession(base, "demo.manager");
  const period = demonstrationPeriod(await today(base));
  const byDefault = (await manager.get("/api/v1/reports/yearly")).body;
  const report = (await manager.get(reportPath(period))).body;
  const figures = figuresOf(report);
  for (const path of ["notifications.made", "rapid_reviews.opened", "lcsprs.commissioned", "lcsprs.on_hold"]) {
    assert.ok(figures.get(path).count > 0, `the demonstration fills ${path}`);
  }
  const holds = report.lcsprs.on_hold.holds;
  assert.ok(holds.length > 0 && report.actions.length > 0 && report.learning_themes_without_local_review.length > 0);

  const page = await newPage(env.browser, base);
  await signIn(page, base, "demo.manager");
  await page.getByRole("link", { name: "Reports", exact: true }).click();
  await page.waitForURL(/\/reports$/);
  await ready(page);
  assert.equal(await page.locator("h1").textContent(), "Yearly report");
  assert.equal(await page.getByLabel("Safeguarding partnership yearly report").isChecked(), true);
  assert.equal(await page.getByLabel("For publication (withhold small numbers)").isVisible(), false);
  // Without a period: the financial year the API reports, in words and in the form.
  assert.equal(await page.locator("#report-period").textContent(), inWords(byDefault.period));
  const [y, m, d] = byDefault.period.from.split("-");
  assert.deepEqual([await page.locator("#f-from").inputValue(), await page.locator("#f-from-month").inputValue(),
    await page.locator("#f-from-year").inputValue()], [String(Number(d)), String(Number(m)), y]);
  await checkAccessibility(page, "yearly report for the financial year");

  await fillDate(page, "from", period.from);
  await fillDate(page, "to", period.to);
  await page.getByRole("button", { name: "Show the report" }).click();
  await page.locator("#report-period", { hasText: inWords(period) }).waitFor();
  assert.equal(new URL(page.url()).search, `?from=${period.from}&to=${period.to}`);
  await checkAccessibility(page, "yearly report for a period");
  await screenshot(page, "yearly-report");

  // Every figure of the report, each count and its cases as the API gives them.
  const shown = await figuresShown(page);
  assert.deepEqual(shown.map((f) => f.path).sort(), [...figures.keys()].sort());
  for (const f of shown) {
    const expected = figures.get(f.path);
    assert.equal(f.count, String(expected.count), f.path);
    assert.deepEqual(f.cases, expected.cases.map((c) => [c.reference, `/cases/${c.id}`]), f.path);
  }

  // The tables, row by row.
  const reviews = report.rapid_reviews.timeliness.reviews;
  const timings = await rowsOf(page, "#rapid_review_timings");
  assert.deepEqual(timings.map((r) => [r[0], r[1], r[2], r[3]]), reviews.map((r) => [r.case_reference,
    written(r.started_on), r.submitted_on ? written(r.submitted_on) : "Not yet sent", String(r.working_days_taken ?? "")]));
  assert.deepEqual((await rowsOf(page, "#holds")).map((r) => [r[0], r[2], r[3], r[4]]), holds.map((h) =>
    [h.case_reference, written(h.from), h.to ? written(h.to) : "Still on hold", String(h.days_held)]));
  assert.deepEqual(await rowsOf(page, "#commissioning"), report.lcsprs.commissioning.map((c) => [c.case_reference,
    written(c.decided_on), c.contract_signed_on ? written(c.contract_signed_on) : "Not yet signed",
    String(c.calendar_days), String(c.working_days)]));
  assert.deepEqual((await rowsOf(page, "#actions")).map((r) => [r[0], r[2], r[3], r[4]]), report.actions.map((a) =>
    [a.case_reference, String(a.open), String(a.completed), String(a.overdue)]));
  assert.deepEqual((await rowsOf(page, "#learning_themes")).map((r) => r[0]),
    report.learning_themes_without_local_review.map((t) => t.label));

  // A count opens to its cases, and each is a link to the case's page.
  const opened = figures.get("rapid_reviews.opened");
  await page.locator('[data-figure="rapid_reviews.opened"] summary').click();
  const first = page.locator('[data-figure="rapid_reviews.opened"] details a').first();
  assert.ok(await first.isVisible());
  await first.click();
  await page.waitForURL(new RegExp(`/cases/${opened.cases[0].id}$`));
  await ready(page);
  assert.equal((await page.locator("main h1").first().textContent()).trim(), opened.cases[0].reference);
  await page.goBack();
  await ready(page);
  await page.locator("#report-period", { hasText: inWords(period) }).waitFor();

  // Printed: the report alone, its title and period at the top; each count's
  // references written out instead of the control that opens them.
  const chrome = ["#masthead", "#service-navigation", "footer", "#period-form", "#print-report"];
  for (const selector of chrome) assert.notEqual(await display(page, selector), "none", `${selector} on screen`);
  await page.emulateMedia({ media: "print" });
  for (const selector of [...chrome, ".govuk-skip-link", ".govuk-button-group"]) {
    assert.equal(await display(page, selector), "none", `${selector} printed`);
  }
  assert.ok(await page.locator("#report-title").isVisible());
  assert.ok(await page.locator("#report-period").isVisible());
  assert.ok((await page.locator("#report-title").boundingBox()).y < 100, "the title is at the top of the page");
  const made = page.locator('[data-figure="notifications.made"]');
  assert.equal(await made.locator("details").isVisible(), false);
  assert.ok(await made.locator(".app-figure__printed-count").isVisible());
  assert.equal(await made.locator(".app-figure__printed-count").textContent(), String(figures.get("notifications.made").count));
  assert.equal(await made.locator(".app-figure__printed-cases").textContent(),
    figures.get("notifications.made").cases.map((c) => c.reference).join(", "));
  const pdf = await printedPdf(page);
  assert.equal(pdf.header, "%PDF-");
  assert.ok(pdf.pages > 1, `the printed report has ${pdf.pages} pages`);
  await page.emulateMedia({ media: "screen" });

  // The print button prints the page.
  await page.evaluate(() => {
    window.printed = 0;
    window.print = () => { window.printed += 1; };
  });
  await page.getByRole("button", { name: "Print this report" }).click();
  assert.equal(await page.evaluate(() => window.printed), 1);

  // A table's CSV, and every figure's, for the same period.
  const holdsCsv = await downloadThrough(page, page.getByRole("link", { name: "Download CSV of reviews on hold" }));
  assert.equal(holdsCsv.name, `yearly-report-holds-${period.from}-to-${period.to}.csv`);
  assert.deepEqual(holdsCsv.rows[0], ["case_reference", "from", "to", "reason", "days_held"]);
  assert.deepEqual(holdsCsv.rows.slice(1), holds.map((h) => [h.case_reference, h.from, h.to ?? "", h.reason,
    String(h.days_held)]));
  const all = await downloadThrough(page, page.getByRole("link", { name: "Download all figures (CSV)" }));
  assert.equal(all.name, `yearly-report-figures-${period.from}-to-${period.to}.csv`);
  assert.deepEqual(all.rows[0], ["figure", "count", "case_references"]);
  assert.deepEqual(all.rows.slice(1).map((r) => [r[0], r[1]]).sort(),
    [...figures].map(([path, f]) => [path, String(f.count)]).sort());
  assertNoProblems(page);
});

test("a period that ends before it starts, or a day that does not exist, is the API's message and nothing else changes", async () => {
  const base = env.server.base;
  const manager = await apiSession(base, "demo.manager");
  const period = demonstrationPeriod(await today(base));
  const page = await newPage(env.browser, base);
  await signIn(page, base, "demo.manager");
  await openReport(page, period);
  expectRefusals(page, 400);  // each wrong period below is the API's 400
  const address = page.url();
  const report = () => page.locator("section.app-report-section").evaluateAll((s) => s.map((x) => x.outerHTML));
  const before = await report();
  assert.ok(before.length > 0);

  const backwards = await manager.get(`/api/v1/reports/yearly?from=${period.to}&to=${period.from}`);
  assert.equal(backwards.status, 400);
  await fillDate(page, "from", period.to);
  await fillDate(page, "to", period.from);
  await page.getByRole("button", { name: "Show the report" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  const message = backwards.body.errors[0].message;
  assert.equal((await page.locator(".govuk-error-summary__list").textContent()).trim(), message);
  assert.match(await page.locator("#f-to-error").textContent(), new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  assert.equal(page.url(), address);
  assert.equal(await page.locator("#report-period").textContent(), inWords(period));
  assert.deepEqual(await report(), before);
  await checkAccessibility(page, "yearly report with a period that ends before it starts");

  const year = period.to.slice(0, 4);
  const unreal = await manager.get(`/api/v1/reports/yearly?from=${year}-02-31&to=${period.to}`);
  assert.equal(unreal.status, 400);
  await fillDate(page, "from", `${year}-02-31`);
  await fillDate(page, "to", period.to);
  await page.getByRole("button", { name: "Show the report" }).click();
  await page.locator(".govuk-error-summary__list", { hasText: "not a real calendar date" }).waitFor();
  const said = unreal.body.errors[0].message;
  assert.equal((await page.locator(".govuk-error-summary__list").textContent()).trim(),
    said.charAt(0).toUpperCase() + said.slice(1));
  assert.equal(page.url(), address);
  assert.deepEqual(await report(), before);
  assertNoProblems(page);
});

test("a scrutineer reads the same figures, and the report shows no child's identity", async () => {
  const base = env.server.base;
  const children = await childrenAsTheManagerSees(await apiSession(base, "demo.manager"));
  assert.ok(new Set(children.map((c) => c.familyName)).size >= 2, "the demonstration names children to look for");
  const scrutineer = await apiSession(base, "demo.scrutineer");
  const period = demonstrationPeriod(await today(base));
  const figures = figuresOf((await scrutineer.get(reportPath(period))).body);
  assert.ok(figures.get("notifications.made").count > 1);

  const page = await newPage(env.browser, base);
  await signIn(page, base, "demo.scrutineer");
  await page.getByRole("link", { name: "Reports", exact: true }).click();
  await page.waitForURL(/\/reports$/);
  // The page asks for no more of each list than it names (a national year lists thousands).
  const asked = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/v1/reports/yearly") asked.push(Object.fromEntries(url.searchParams));
  });
  await openReport(page, period);
  assert.deepEqual(asked.at(-1), { cases: "100", rows: "100", from: period.from, to: period.to });
  await checkAccessibility(page, "yearly report as scrutineer");
  const shown = await figuresShown(page);
  assert.deepEqual(Object.fromEntries(shown.map((f) => [f.path, f.count])),
    Object.fromEntries([...figures].map(([path, f]) => [path, String(f.count)])));

  await page.locator("details").evaluateAll((all) => all.forEach((d) => { d.open = true; }));
  const html = await page.content();
  const found = children.flatMap((child) => findIdentity(html, child).map((s) => `${child.reference}: ${s.what} (${s.form})`));
  assert.deepEqual(found, [], "the yearly report shows who a child is");
  assertNoProblems(page);
});

test("a table the API cut to the rows the page shows says how many its CSV holds", async () => {
  const page = await newPage(env.browser, env.server.base);
  await signIn(page, env.server.base, "demo.manager");
  const drawn = await page.evaluate(async () => {
    const { itemsTable, ROWS_SHOWN } = await import("/assets/reports.js");
    const { markup } = await import("/assets/ui.js");
    // As the API gives a table to the page (rows=ROWS_SHOWN): its first rows, and its length in totals.
    const rows = Array.from({ length: ROWS_SHOWN }, (_, i) => ({ case_id: i + 1, case_reference: `CDR-2026-${i + 1}` }));
    const box = document.createElement("div");
    box.innerHTML = markup(itemsTable({ api: "/api/v1/reports/yearly", period: { from: "2025-04-01", to: "2026-03-31" } },
      { name: "actions", caption: "Actions by review", empty: "None.", rows, total: 4321,
        columns: [{ title: "Review", cell: (r) => r.case_reference }] }));
    return { shown: ROWS_SHOWN, rows: box.querySelectorAll("tbody tr").length, more: box.querySelector("#actions-more")?.textContent };
  });
  assert.equal(drawn.rows, drawn.shown);
  assert.equal(drawn.more, `The first ${drawn.shown} of 4,321: the CSV has them all.`);
  assertNoProblems(page);
});

test("a figure of thousands of cases names the first hundred and says how many more the CSV names", async () => {
  const page = await newPage(env.browser, env.server.base);
  await signIn(page, env.server.base, "demo.manager");
  const drawn = await page.evaluate(async () => {
    const { figureCell, CASES_NAMED } = await import("/assets/reports.js");
    const { markup } = await import("/assets/ui.js");
    const cases = Array.from({ length: 4321 }, (_, i) => ({ id: i + 1, reference: `CDR-2026-${String(i + 1).padStart(4, "0")}` }));
    const box = document.createElement("div");
    // As the API gives it to the page (cases=CASES_NAMED): the whole count and its first cases.
    box.innerHTML = markup(figureCell("notified", { count: cases.length, cases: cases.slice(0, CASES_NAMED) }));
    return { named: CASES_NAMED, links: [...box.querySelectorAll("a")].map((a) => a.getAttribute("href")),
      listed: [...box.querySelectorAll("li")].map((li) => li.textContent.trim()),
      printed: box.querySelector(".app-figure__printed-cases").textContent.replace(/\s+/g, " ").trim(),
      count: box.querySelector(".app-figure__count").textContent };
  });
  assert.equal(drawn.count, "4321");
  assert.deepEqual(drawn.links, Array.from({ length: drawn.named }, (_, i) => `/cases/${i + 1}`));
  assert.equal(drawn.listed.at(-1), `and ${(4321 - drawn.named).toLocaleString("en-GB")} more (the figures’ CSV names every case)`);
  assert.ok(drawn.printed.endsWith(`CDR-2026-${String(drawn.named).padStart(4, "0")} and ${(4321 - drawn.named).toLocaleString("en-GB")} more`),
    drawn.printed);
  assertNoProblems(page);
});
