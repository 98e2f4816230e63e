// The dashboard as a manager uses it each morning: one row per case with the
// next thing due, the child named, who acts by name; sorted either way by due
// date, filtered by status, kind and owner, "assigned to me", paged by the
// server; and the case owner given on the case page, which then shows on the
// dashboard and in the timeline. At 1280 pixels and on a 390-pixel phone,
// where the menu folds behind a button.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, signIn, ready, checkAccessibility, apiSession, assertNoProblems,
  widerThanViewport, screenshot } from "./harness.mjs";

const env = serverAndBrowser();

async function rowReferences(page) {
  return page.locator("#due-table tbody tr th").evaluateAll((cells) =>
    cells.map((c) => c.querySelector("a").textContent.trim()));
}

async function cellTexts(page, column) {
  return page.locator(`#due-table tbody tr td:nth-of-type(${column})`).evaluateAll((cells) =>
    cells.map((c) => c.textContent.replace(/\s+/g, " ").trim()));
}

async function showFiltered(page, choose) {
  await choose();
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard" && url.search !== "");
  await ready(page);
}

for (const width of [1280, 390]) {
  test(`the manager's dashboard: sorted, filtered, assigned to me (${width} pixels)`, async () => {
    const base = env.server.base;
    const api = await apiSession(base, "demo.manager");
    const all = (await api.get("/api/v1/dashboard?per_page=100")).body;
    assert.ok(all.total >= 5, "the demonstration has cases with something due");

    const page = await newPage(env.browser, base, { width });
    await signIn(page, base, "demo.manager");
    await page.goto(`${base}/dashboard`);
    await ready(page);
    // One row per case, in the server's order: soonest due first.
    const shown = await rowReferences(page);
    assert.deepEqual(shown, all.rows.slice(0, 25).map((r) => r.case.reference));
    assert.equal(new Set(shown).size, shown.length, "one row per case");
    const dated = all.rows.filter((r) => r.next.due_date).map((r) => r.next.due_date);
    assert.deepEqual(dated, [...dated].sort(), "soonest due first");
    // The child is named to the manager; who acts is a person where one is recorded.
    const named = all.rows.find((r) => r.child && r.child.family_name);
    assert.ok(named, "a row names its child");
    const namedRow = page.locator("#due-table tbody tr").filter({ has: page.locator("th a", { hasText: new RegExp(`^${named.case.reference}$`) }) });
    assert.match(await namedRow.textContent(), new RegExp(named.child.family_name));
    const owned = all.rows.find((r) => r.owner && r.who_acts.people.some((p) => p.as === "case_owner"));
    assert.ok(owned, "a row's owner is who acts");
    const ownedRow = page.locator("#due-table tbody tr").filter({ has: page.locator("th a", { hasText: new RegExp(`^${owned.case.reference}$`) }) });
    assert.match(await ownedRow.textContent(), new RegExp(`Case owner: ${owned.owner.name}`));
    assert.equal(await widerThanViewport(page), false);
    // On a phone the menu folds behind a "Menu" button; wider, it is always there.
    const toggle = page.locator("#navigation-toggle");
    const cases = page.locator("#navigation-list").getByRole("link", { name: "Cases", exact: true });
    if (width === 390) {
      assert.equal(await cases.isVisible(), false, "the menu is folded on a phone");
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      await toggle.click();
      assert.equal(await toggle.getAttribute("aria-expanded"), "true");
      assert.equal(await cases.isVisible(), true);
      assert.equal(await widerThanViewport(page), false);
    } else {
      assert.equal(await toggle.isVisible(), false);
      assert.equal(await cases.isVisible(), true);
    }
    await checkAccessibility(page, `dashboard at ${width}`);
    await screenshot(page, width === 390 ? "phone-dashboard" : "dashboard-everyone");

    // Assigned to me: only the manager's own cases.
    await showFiltered(page, () => page.getByLabel("Case owner").selectOption({ label: "Assigned to me" }));
    assert.equal(new URL(page.url()).searchParams.get("mine"), "true");
    const mine = (await api.get("/api/v1/dashboard?mine=true&per_page=100")).body;
    assert.ok(mine.total > 0 && mine.total < all.total, `some but not all cases are the manager's (${mine.total} of ${all.total})`);
    assert.deepEqual(await rowReferences(page), mine.rows.map((r) => r.case.reference));
    for (const who of await cellTexts(page, 4)) assert.match(who, /Case owner: Alex Morgan/);
    assert.match(await page.locator("#dashboard-summary").textContent(), new RegExp(`${mine.total} cases? match`));

    // Latest due first, every owner, overdue only.
    await page.goto(`${base}/dashboard`);
    await ready(page);
    await showFiltered(page, async () => {
      await page.getByLabel("Order").selectOption("-due");
      await page.getByLabel(/^Overdue \(\d+\)$/).check();
    });
    const overdue = (await api.get("/api/v1/dashboard?status=overdue&sort=-due&per_page=100")).body;
    assert.ok(overdue.total > 0, "the demonstration has overdue cases");
    assert.deepEqual(await rowReferences(page), overdue.rows.map((r) => r.case.reference));
    const lateFirst = overdue.rows.map((r) => r.next.due_date);
    assert.deepEqual(lateFirst, [...lateFirst].sort().reverse(), "latest due first");
    for (const status of await cellTexts(page, 5)) assert.equal(status, "Overdue");
    assert.equal(await page.getByLabel(/^Overdue/).isChecked(), true, "the filter shows what was asked");

    // A kind: only its cases.
    await page.goto(`${base}/dashboard`);
    await ready(page);
    await showFiltered(page, () => page.getByLabel("Kind of case").selectOption("rapid_review"));
    const rapid = (await api.get("/api/v1/dashboard?kind=rapid_review&per_page=100")).body;
    assert.ok(rapid.total > 0);
    assert.deepEqual(await rowReferences(page), rapid.rows.map((r) => r.case.reference));
    for (const ref of await rowReferences(page)) assert.match(ref, /^RR-/);
    assert.equal(await widerThanViewport(page), false);
    await checkAccessibility(page, `filtered dashboard at ${width}`);
    assertNoProblems(page);
    await page.context().close();
  });
}

test("the manager gives a case an owner; the dashboard and the timeline name them", async () => {
  const base = env.server.base;
  const api = await apiSession(base, "demo.manager");
  const unowned = (await api.get("/api/v1/dashboard?owner=none&per_page=100")).body;
  assert.ok(unowned.total > 0, "the demonstration leaves some cases without an owner");
  const target = unowned.rows[0].case;

  const page = await newPage(env.browser, base);
  await signIn(page, base, "demo.manager");
  await page.goto(`${base}/cases/${target.id}`);
  await ready(page);
  await page.getByText("Give the case an owner").click();
  const select = page.getByLabel("Case owner", { exact: true });
  await page.locator("#f-owner option", { hasText: "Priya Shah" }).waitFor({ state: "attached" });
  await select.selectOption({ label: "Priya Shah" });
  await page.getByRole("button", { name: "Save the owner" }).click();
  await page.locator(".govuk-notification-banner--success").waitFor();
  await ready(page);
  assert.match(await page.locator(".govuk-notification-banner--success").textContent(),
    new RegExp(`Priya Shah is the case owner of ${target.reference}`));
  const ownerRow = page.locator(".govuk-summary-list__row").filter({ has: page.locator("dt", { hasText: /^\s*Case owner\s*$/ }) });
  assert.match(await ownerRow.locator("dd").textContent(), /Priya Shah/);
  assert.ok(await page.locator("#timeline-list").getByText("Priya Shah became the case owner.").count() === 1);
  await checkAccessibility(page, "case page with its owner form");

  await page.goto(`${base}/dashboard?owner=demo.panel`);
  await ready(page);
  assert.ok((await rowReferences(page)).includes(target.reference), `${target.reference} is Priya Shah's now`);
  assertNoProblems(page);
  await page.context().close();
});
