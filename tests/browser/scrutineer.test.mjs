// The independent scrutineer opens the timeliness chart and every case's page,
// and no page they reach shows who a child is: every child's name (the family
// name alone too, any letter case), date of birth however written, NHS number
// with or without spaces and street, found by whole value (identity_scan.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, signIn, ready, checkAccessibility, screenshot, apiSession, assertNoProblems } from "./harness.mjs";
import { findIdentity } from "./identity_scan.mjs";

const env = serverAndBrowser();

// Every child the manager can read, and every case reference.
async function asTheManagerSees() {
  const manager = await apiSession(env.server.base, "demo.manager");
  const children = [];
  const references = [];
  for (const c of (await manager.get("/api/v1/cases?limit=500")).body.cases) {
    references.push(c.reference);
    const s = (await manager.get(`/api/v1/cases/${c.id}`)).body.subject;
    if (!s?.family_name) continue;
    children.push({ reference: c.reference, givenName: s.given_name, familyName: s.family_name,
      dateOfBirth: s.date_of_birth, nhsNumber: s.nhs_number,
      street: s.home_address ? s.home_address.split(",")[0].replace(/^[\d\s]+/, "") : "" });
  }
  return { children, references };
}

test("a scrutineer sees the timeliness chart and every case without identities", async () => {
  const { children, references } = await asTheManagerSees();
  assert.ok(new Set(children.map((c) => c.familyName)).size >= 2, "the demonstration names children to look for");
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
  await page.waitForURL(/show=late/);
  await ready(page);
  const late = await page.locator("#timeliness-rows tbody tr").count();
  assert.ok(late > 0 && late < all, `late filter: ${late} of ${all}`);
  await page.getByLabel(/Late \(overdue/).uncheck();
  await page.waitForURL((url) => !url.searchParams.has("show"));
  await ready(page);

  // What each page shows: its address and the text and markup drawn.
  const seen = [{ url: page.url(), html: await page.content() }];
  await page.locator("#timeliness-rows tbody tr th a").first().click();
  await ready(page);
  assert.ok(await page.locator("#timeline-list li").count() > 0);
  assert.match(await page.locator(".govuk-summary-list").textContent(), /Pseudonym/);
  await checkAccessibility(page, "case page as scrutineer");
  seen.push({ url: page.url(), html: await page.content() });
  for (const [path, what] of [["/actions", "actions"], ["/cases", "cases"]]) {
    await page.goto(`${env.server.base}${path}`);
    await ready(page);
    await checkAccessibility(page, what);
    seen.push({ url: page.url(), html: await page.content() });
  }
  // Every case the scrutineer can list, each on its own page.
  const links = await page.locator("main table a").evaluateAll((as) => as.map((a) => a.href));
  const visited = [];
  for (const href of links) {
    await page.goto(href);
    await ready(page);
    visited.push((await page.locator("main h1").first().textContent()).trim());
    seen.push({ url: page.url(), html: await page.content() });
  }
  assert.deepEqual(visited.sort(), [...references].sort(), "the scrutineer read every case, and only those");

  const found = [];
  for (const { url, html } of seen) {
    for (const child of children) {
      for (const s of findIdentity(html, child)) found.push(`${child.reference}: ${s.what} (${s.form}) on ${url}`);
    }
  }
  assert.deepEqual(found, [], "a scrutineer's page shows who a child is");
  assertNoProblems(page);
});

// A local review on hold (the demonstration has one): beside its paused
// clock, the case page and the timeliness table show the plain time since the
// decision, holds included, as the API gives it.
test("a scrutineer sees the time since the decision beside the paused clock", async () => {
  const scrutineer = await apiSession(env.server.base, "demo.scrutineer");
  const reviews = (await scrutineer.get("/api/v1/cases?kind=lcspr")).body.cases;
  const held = reviews.find((c) => c.state === "on_hold");
  assert.ok(held, "the demonstration has a local review on hold");
  const clock = (await scrutineer.get(`/api/v1/cases/${held.id}`)).body.deadlines.find((d) => d.rule_id === "lcspr.publish");
  assert.equal(clock.status, "paused");
  const e = clock.elapsed;
  assert.ok(e.running && e.days_on_hold > 0 && e.calendar_days > e.days_on_hold, JSON.stringify(e));
  const expected = [`${e.calendar_days} days (`, " so far, ", `${e.days_on_hold} of them on hold`];

  const page = await newPage(env.browser, env.server.base);
  await signIn(page, env.server.base, "demo.scrutineer");
  await page.goto(`${env.server.base}/cases/${held.id}`);
  await ready(page);
  const row = page.locator("#clocks tbody tr", { hasText: clock.title });
  const onCasePage = await row.textContent();
  assert.match(onCasePage, /Paused/);
  for (const part of expected) assert.ok(onCasePage.includes(part), `case page: "${part}" in ${onCasePage}`);
  await checkAccessibility(page, "case page with a paused clock");

  await page.goto(`${env.server.base}/timeliness`);
  await ready(page);
  await page.locator("#timeliness-rows tbody tr").first().waitFor();
  const inTable = await page.locator("#timeliness-rows tbody tr", { hasText: held.reference })
    .filter({ hasText: "Publish the local review" }).textContent();
  for (const part of expected) assert.ok(inTable.includes(part), `timeliness: "${part}" in ${inTable}`);
  assertNoProblems(page);
});

// The same scan on a real page: a summary typed with a child's details in it
// (a real leak of each kind) is found where the scrutineer reads it.
test("the scan finds a leak planted on a scrutineer's page", async () => {
  const { children } = await asTheManagerSees();
  const child = children[0];
  const [y, m, d] = child.dateOfBirth.split("-");
  const manager = await apiSession(env.server.base, "demo.manager");
  const day = (await manager.get("/api/v1/health")).body.today;
  const planted = await manager.post("/api/v1/cases", { kind: "serious_incident_notification", facts: {
    became_aware_on: day, harm: "serious_harm", abuse_or_neglect: "suspected", location: "in_area",
    local_authority: "Northam City Council",
    summary: `Sibling of ${child.givenName.toUpperCase()} ${child.familyName.toUpperCase()}, born ${d}/${m}/${y}` } });
  assert.equal(planted.status, 201, JSON.stringify(planted.body));
  const page = await newPage(env.browser, env.server.base);
  await signIn(page, env.server.base, "demo.scrutineer");
  await page.goto(`${env.server.base}/cases/${planted.body.id}`);
  await ready(page);
  const found = findIdentity(await page.content(), child).map((s) => `${s.what}: ${s.form}`);
  assert.deepEqual(found, [`full name: ${child.givenName} ${child.familyName}`, `family name: ${child.familyName}`,
    `date of birth: ${d}/${m}/${y}`]);
});
