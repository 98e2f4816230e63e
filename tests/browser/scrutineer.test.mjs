// The independent scrutineer opens the timeliness chart and a case's timeline,
// and no page they reach carries anything that identifies a child.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, signIn, ready, checkAccessibility, screenshot, apiSession, assertNoProblems } from "./harness.mjs";

const env = serverAndBrowser();

// Every identifying detail the manager can read, across every case.
async function identities() {
  const manager = await apiSession(env.server.base, "demo.manager");
  const found = new Set();
  for (const c of (await manager.get("/api/v1/cases?limit=500")).body.cases) {
    const s = (await manager.get(`/api/v1/cases/${c.id}`)).body.subject;
    if (!s) continue;
    // The child's full name, NHS number, date of birth (as stored and as shown), address.
    if (s.given_name && s.family_name) found.add(`${s.given_name} ${s.family_name}`);
    if (s.nhs_number) found.add(s.nhs_number);
    if (s.date_of_birth) {
      found.add(s.date_of_birth);
      const [y, m, d] = s.date_of_birth.split("-").map(Number);
      const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
      found.add(`${d} ${months[m - 1]} ${y}`);
    }
    if (s.home_address) found.add(s.home_address);
  }
  return [...found];
}

test("a scrutineer sees the timeliness chart and timelines without identities", async () => {
  const secrets = await identities();
  assert.ok(secrets.length >= 3, "the demonstration cases carry identities to look for");
  const page = await newPage(env.browser, env.server.base);
  await signIn(page, env.server.base, "demo.scrutineer");
  assert.match(page.url(), /\/timeliness$/);
  await ready(page);
  await page.locator("#timeliness-rows tbody tr").first().waitFor();
  const drawn = await page.locator("#timeliness-chart").evaluate((c) => c.width > 0 && c.height > 0 && window.Chart !== undefined);
  assert.ok(drawn, "the chart is drawn");
  await checkAccessibility(page, "timeliness");
  await screenshot(page, "scrutineer-chart");
  const all = await page.locator("#timeliness-rows tbody tr").count();
  await page.getByLabel(/Late \(overdue/).check();
  const late = await page.locator("#timeliness-rows tbody tr").count();
  assert.ok(late > 0 && late < all, `late filter: ${late} of ${all}`);
  await page.getByLabel(/Late \(overdue/).uncheck();

  const pages = [page.url()];
  const seen = [await page.content()];
  await page.locator("#timeliness-rows tbody tr th a").first().click();
  await ready(page);
  assert.ok(await page.locator("#timeline-list li").count() > 0);
  assert.match(await page.locator(".govuk-summary-list").textContent(), /Pseudonym/);
  await checkAccessibility(page, "case page as scrutineer");
  pages.push(page.url());
  seen.push(await page.content());
  await page.goto(`${env.server.base}/actions`);
  await ready(page);
  await checkAccessibility(page, "actions");
  seen.push(await page.content());
  await page.goto(`${env.server.base}/cases`);
  await ready(page);
  await checkAccessibility(page, "cases");
  seen.push(await page.content());
  const links = await page.locator("main table a").evaluateAll((as) => as.map((a) => a.href));
  for (const href of links) {
    await page.goto(href);
    await ready(page);
    seen.push(await page.content());
  }
  for (const html of seen) {
    for (const secret of secrets) assert.ok(!html.includes(secret), `a scrutineer's page shows "${secret}"`);
  }
  assertNoProblems(page);
});
