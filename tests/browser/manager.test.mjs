// A manager signs in to the dashboard, logs a serious incident (the deadlines
// preview as the date is typed), sees the confirmation with the deadlines, and
// opens the case page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, signIn, ready, checkAccessibility, screenshot, fillDate,
  assertNoProblems } from "./harness.mjs";

const env = serverAndBrowser();

test("a manager logs a serious incident and sees its deadlines", async () => {
  const page = await newPage(env.browser, env.server.base);
  await signIn(page, env.server.base, "demo.manager");
  assert.match(page.url(), /\/dashboard$/);
  await ready(page);
  assert.equal(await page.locator("h1").textContent(), "Dashboard");
  assert.ok(await page.locator("#due-table tbody tr").count() > 0, "the demonstration data has deadlines due");
  await checkAccessibility(page, "dashboard");
  await screenshot(page, "dashboard");

  await page.getByRole("link", { name: "Log a notification" }).first().click();
  await ready(page);
  await checkAccessibility(page, "what are you logging");
  await page.getByLabel("A serious incident").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(/kind=incident/);
  await ready(page);
  await checkAccessibility(page, "serious incident form");

  const today = (await (await fetch(`${env.server.base}/api/v1/health`)).json()).today;
  await fillDate(page, "became_aware_on", today);
  await page.locator("#preview-deadlines").waitFor();
  assert.match(await page.locator("#preview").textContent(), /National Panel/);

  await page.locator('input[name="harm"][value="serious_harm"]').check();
  await page.locator('input[name="abuse_or_neglect"][value="suspected"]').check();
  await page.locator('input[name="location"][value="in_area"]').check();
  await page.locator("#f-local_authority").fill("Northam City Council");
  await page.locator("#f-summary").fill("Young person seriously injured; neglect suspected.");
  await page.getByRole("button", { name: "Save notification" }).click();
  await page.locator(".govuk-panel__title", { hasText: "Notification saved" }).waitFor();
  const reference = (await page.locator("#case-reference").textContent()).trim();
  assert.match(reference, /^SIN-\d{4}-\d{4}$/);
  const rows = page.locator("#new-case-deadlines tbody tr");
  assert.ok(await rows.count() > 0);
  assert.match(await page.locator("#new-case-deadlines").textContent(), /National Panel/);
  await checkAccessibility(page, "confirmation");

  await page.getByRole("link", { name: "Go to the case" }).click();
  await ready(page);
  assert.equal((await page.locator("h1").textContent()).trim(), reference);
  assert.ok(await page.locator("#clocks tbody tr").count() > 0);
  assert.ok(await page.locator("#timeline-list li").count() > 0);
  await checkAccessibility(page, "case page");
  await screenshot(page, "case-page");
  assertNoProblems(page);
});

test("a manager whose session has ended signs in again and returns to the page they asked for", async () => {
  const page = await newPage(env.browser, env.server.base);
  await signIn(page, env.server.base, "demo.manager");
  await page.context().clearCookies();
  await page.goto(`${env.server.base}/actions?overdue=true`);
  await page.waitForURL(/\/sign-in\?next=/);
  await page.getByLabel("Username").fill("demo.manager");
  await page.getByLabel("Password").fill("demonstration only 2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/actions\?overdue=true$/);
  await ready(page);
  assert.equal(await page.locator("h1").textContent(), "Actions");
  await checkAccessibility(page, "actions");

  // A wrong password is one message in the error summary, and nothing else happens.
  await page.context().clearCookies();
  await page.goto(`${env.server.base}/sign-in`);
  await page.getByLabel("Username").fill("demo.manager");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  assert.match(await page.locator(".govuk-error-summary").textContent(), /username or the password is not right/);
  assert.match(page.url(), /\/sign-in$/);
  await checkAccessibility(page, "sign-in with an error");
  assertNoProblems(page);
});
