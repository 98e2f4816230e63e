// Everyday use on any screen and on paper: the menu and home page come from the
// session (the access policy), the header names the person once, the icon is
// served, a printed case shows its content alone with the protective marking on
// every page when it shows who the child is, and no page of any role is wider
// than a 390-pixel phone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, signIn, ready, checkAccessibility, screenshot, apiSession, assertNoProblems,
  widerThanViewport } from "./harness.mjs";
import { printedPdf } from "./report_helpers.mjs";

const env = serverAndBrowser();

// A child death review whose child the manager can read (the demonstration's infant).
async function caseWithIdentity(manager) {
  for (const c of (await manager.get("/api/v1/cases?kind=child_death_review&limit=500")).body.cases) {
    const detail = (await manager.get(`/api/v1/cases/${c.id}`)).body;
    if (detail.subject?.family_name) return detail;
  }
  throw new Error("the demonstration has a child death review with a named child");
}

test("the menu and the home page are the session's, the header names the person once, and the icon is served", async () => {
  const base = env.server.base;
  const icon = await fetch(`${base}/favicon.ico`);
  assert.equal(icon.status, 200);
  assert.equal(icon.headers.get("content-type"), "image/svg+xml");
  assert.match(await icon.text(), /^<svg /);

  const page = await newPage(env.browser, base);
  await signIn(page, base, "demo.scrutineer");
  const status = (await (await page.request.get(`${base}/api/v1/session/status`)).json());
  assert.equal(new URL(page.url()).pathname, status.home);
  await ready(page);
  const menu = await page.locator("#navigation-list a").evaluateAll((links) => links.map((a) => [a.getAttribute("href"), a.textContent]));
  assert.deepEqual(menu, status.menu.map((m) => [m.path, m.title]));
  assert.ok(!menu.some(([path]) => path === "/dashboard"), "a scrutineer has no dashboard");
  assert.equal((await page.locator("#masthead-user").textContent()).split("·")[0].trim(), `${status.display_name} (${status.role_title})`);
  assert.equal(await page.locator("#protective-marking").isVisible(), false, "the timeliness chart names no child");
  assertNoProblems(page);
});

test("a printed case shows its content alone, with OFFICIAL-SENSITIVE on every page when it names the child", async () => {
  const base = env.server.base;
  const manager = await apiSession(base, "demo.manager");
  const infant = await caseWithIdentity(manager);
  const page = await newPage(env.browser, base);
  await signIn(page, base, "demo.manager");
  await page.goto(`${base}/cases/${infant.id}`);
  await ready(page);
  assert.ok(await page.locator("#protective-marking").isVisible(), "the marking is on the screen too");
  await checkAccessibility(page, "case page with identity");
  const printed = await printedPdf(page);
  assert.equal(printed.header, "%PDF-");
  assert.equal(printed.pageTexts.length, printed.pages);
  const all = printed.pageTexts.join("\n");
  assert.ok(all.includes(infant.reference), "the case is printed");
  assert.ok(all.includes(infant.subject.family_name), "with the child it names");
  printed.pageTexts.forEach((text, i) => {
    assert.ok((text.match(/OFFICIAL-SENSITIVE/g) || []).length >= 2, `page ${i + 1} is marked at its head and foot:\n${text}`);
  });
  for (const menuItem of ["Log a notification", "Timeliness", "Sign out", "Skip to main content"]) {
    assert.ok(!all.includes(menuItem), `the printed page has no "${menuItem}"`);
  }
  assert.ok(!/\(\/(cases|documents|api)\//.test(all), "no link address is printed");

  assertNoProblems(page);
  // Closed before the next page opens: headless Chromium sometimes leaves a
  // page opened beside one it has just printed without drawing it.
  await page.context().close();

  // The scrutineer's view of the same case names no child, so it carries no marking.
  const scrutineer = await newPage(env.browser, base);
  await signIn(scrutineer, base, "demo.scrutineer");
  await scrutineer.goto(`${base}/cases/${infant.id}`);
  await ready(scrutineer);
  assert.equal(await scrutineer.locator("#protective-marking").isVisible(), false);
  const redacted = await printedPdf(scrutineer);
  assert.ok(!redacted.pageTexts.join("\n").includes("OFFICIAL-SENSITIVE"));
  assert.ok(!redacted.pageTexts.join("\n").includes(infant.subject.family_name));
  assertNoProblems(scrutineer);
});

test("the timeline says each event in words, with the stored record one click away", async () => {
  const base = env.server.base;
  const infant = await caseWithIdentity(await apiSession(base, "demo.manager"));
  for (const username of ["demo.manager", "demo.scrutineer"]) {
    const page = await newPage(env.browser, base);
    await signIn(page, base, username);
    await page.goto(`${base}/cases/${infant.id}`);
    await ready(page);
    const items = page.locator("#timeline-list > li");
    const count = await items.count();
    assert.ok(count >= 10, `the spine's timeline has its events (${count})`);
    const visible = await page.locator("#timeline-list").innerText();
    assert.doesNotMatch(visible, /\b\d{4}-\d{2}-\d{2}\b/, "no stored date");
    assert.doesNotMatch(visible, /\d{2}:\d{2}:\d{2}|\bUTC\b/, "no stored timestamp");
    assert.doesNotMatch(visible, /\b[a-z]+(?:_[a-z0-9]+)+\b/, "no stored code");
    assert.doesNotMatch(visible, /\b[a-z]+\.[a-z_]+\b/, "no rule id");
    for (const sentence of await page.locator(".app-timeline__sentence").allInnerTexts()) {
      assert.match(sentence, /^[A-Z0-9].*\.$/s, `a sentence: ${sentence}`);
    }
    assert.match(visible, /Asked .+ for information on \d{1,2} [A-Z][a-z]+ \d{4}; returns due \d{1,2} [A-Z][a-z]+ \d{4}/);
    // The summary names the death, the age and the area; each clock is a statutory step.
    const summary = await page.locator("main .govuk-summary-list").first().innerText();
    assert.match(summary, /Date of death\s+\d{1,2} [A-Z][a-z]+ \d{4}/);
    // From the date of birth for the manager; the scrutineer, who never reads it, sees the age group.
    assert.match(summary, username === "demo.manager" ? /Age\s+\d+ (months?|years?)\n/ : /Age\s+\S.* \(age group\)/);
    assert.match(summary, /Area\s+\S+/);
    const clocks = (await (await page.request.get(`${base}/api/v1/cases/${infant.id}`)).json()).deadlines;
    const steps = await page.locator("#steps .govuk-task-list__item").allInnerTexts();
    assert.equal(steps.length, clocks.length);
    clocks.forEach((k, i) => {
      assert.ok(steps[i].startsWith(k.title), `${steps[i]} is ${k.title}`);
      if (k.status === "met") assert.match(steps[i], new RegExp(`on \\d{1,2} [A-Z][a-z]+ \\d{4}[\\s\\S]*Done`));
      if (k.status === "not_required") assert.match(steps[i], /Not needed/);
    });
    // The record as stored, one click away.
    const first = items.first().locator("details");
    await first.locator("summary").click();
    assert.match(await first.innerText(), /type\s+[a-z_]+/);
    assert.match(await first.innerText(), /effective_date\s+\d{4}-\d{2}-\d{2}/);
    await checkAccessibility(page, `timeline as ${username}`);
    if (username === "demo.manager") await screenshot(page, "case-page");
    assertNoProblems(page);
    await page.context().close();
  }
});

// Every page of the roles' menus, a case and the notification form at 390 pixels.
const phonePages = {
  "demo.manager": ["/dashboard", "/cases", "/notifications/new", "/notifications/new?kind=death", "/actions", "/timeliness",
    "/reports", "/imports", "/calendar", "{case}"],
  "demo.scrutineer": ["/timeliness", "/cases", "/reports", "{case}"],
  "demo.agency": ["/inbox"],
  "demo.admin": ["/admin", "/admin/users", "/admin/vocabularies", "/admin/retention", "/admin/audit", "/admin/access-log"],
};

test("no page of any role is wider than a 390-pixel phone", async () => {
  const base = env.server.base;
  const infant = await caseWithIdentity(await apiSession(base, "demo.manager"));
  for (const [username, addresses] of Object.entries(phonePages)) {
    const page = await newPage(env.browser, base, { width: 390 });
    await signIn(page, base, username);
    for (const address of addresses) {
      const path = address.replace("{case}", `/cases/${infant.id}`);
      await page.goto(`${base}${path}`);
      await ready(page);
      assert.equal(await widerThanViewport(page), false, `${username} ${path} is wider than 390 pixels`);
      await checkAccessibility(page, `${username} ${path} at 390 pixels`);
    }
    if (username === "demo.manager") await screenshot(page, "phone-case-page");
    assertNoProblems(page);
    await page.context().close();
  }
});
