// An administrator adds a user; the new user signs in with the one-time
// password, must choose their own, and lands on their home page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, expectRefusals, signIn, signOut, ready, checkAccessibility, assertNoProblems } from "./harness.mjs";

const env = serverAndBrowser();
const feedFile = new URL("../../engine/data/bank-holidays-england-and-wales.json", import.meta.url).pathname;

test("an administrator adds a user who then signs in", async () => {
  const page = await newPage(env.browser, env.server.base);
  await signIn(page, env.server.base, "demo.admin");
  assert.match(page.url(), /\/admin$/);
  await ready(page);
  for (const section of ["", "/users", "/vocabularies", "/retention", "/rules", "/areas", "/calendar", "/audit", "/access-log"]) {
    await page.goto(`${env.server.base}/admin${section}`);
    await ready(page);
    await checkAccessibility(page, `admin${section}`);
  }
  assert.match(await page.locator("h1").textContent(), /Access log/);
  expectRefusals(page, 404);  // the address below is not a page
  const missing = await page.goto(`${env.server.base}/no-such-page`);
  assert.equal(missing.status(), 404);
  await ready(page);
  assert.equal(await page.locator("h1").textContent(), "Page not found");
  await checkAccessibility(page, "page not found");
  await page.goto(`${env.server.base}/admin/audit`);
  await ready(page);
  assert.match(await page.locator("#audit-result").textContent(), /Intact/);

  // A local rule changed with its reason; the change log shows it.
  await page.goto(`${env.server.base}/admin/rules`);
  await ready(page);
  await page.locator("#f-rule").selectOption("cdr.notify_cdop");
  await page.locator("#f-amount").fill("24");
  await page.locator("#f-reason").fill("Local protocol: notify within 24 hours");
  await page.getByRole("button", { name: "Change rule" }).click();
  await page.locator("#rule-changes").waitFor();
  const change = await page.locator("#rule-changes tbody tr").first().textContent();
  assert.match(change, /cdr\.notify_cdop.*→ 24.*Local protocol: notify within 24 hours.*demo\.admin/s);

  await page.goto(`${env.server.base}/admin/areas`);
  await ready(page);
  assert.ok(await page.locator("#areas li").count() > 0, "the partnership's areas are listed");

  // A calendar refresh from the feed as GOV.UK publishes it.
  await page.goto(`${env.server.base}/admin/calendar`);
  await ready(page);
  await page.locator("#f-feed").setInputFiles(feedFile);
  await page.getByRole("button", { name: "Load the calendar" }).click();
  await page.locator("#calendar-result .govuk-panel__title").waitFor();
  assert.match(await page.locator("#calendar-result").textContent(), /Calendar revision 2.*2015 to 2027/s);
  await checkAccessibility(page, "calendar loaded");

  await page.goto(`${env.server.base}/admin/users/new`);
  await ready(page);
  await checkAccessibility(page, "add a user");
  await page.locator("#f-username").fill("r.patel");
  await page.locator("#f-display_name").fill("Riya Patel");
  await page.locator("#f-role").selectOption("panel_member");
  await page.getByRole("button", { name: "Add user" }).click();
  await page.locator("#temporary-password").waitFor();
  const password = (await page.locator("#temporary-password").textContent()).trim();
  assert.ok(password.length >= 12);
  await checkAccessibility(page, "user added");
  await signOut(page);

  await signIn(page, env.server.base, "r.patel", password);
  assert.match(page.url(), /\/password$/);
  await ready(page);
  await checkAccessibility(page, "change password");
  await page.locator("#f-current_password").fill(password);
  await page.locator("#f-new_password").fill("A panel member's own passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await page.waitForURL(/\/dashboard$/);
  await ready(page);
  assert.match(await page.locator("#masthead-user").textContent(), /Riya Patel \(Panel member\)/);
  assertNoProblems(page);
});

test("an administrator sets a retention period and erases a closed case's identity after typing its reference", async () => {
  const page = await newPage(env.browser, env.server.base);
  await signIn(page, env.server.base, "demo.admin");
  await page.goto(`${env.server.base}/admin/retention`);
  await ready(page);
  await page.locator('input[name="case_kind"][value="child_death_review"]').check();
  await page.locator("#f-years").fill("8");
  await page.locator("#f-period_reason").fill("Information governance policy, child death reviews");
  await page.getByRole("button", { name: "Save the period" }).click();
  await page.locator(".govuk-notification-banner").waitFor();
  const periods = await page.locator("#retention-periods").textContent();
  assert.match(periods, /Child death review\s*8.*Information governance policy, child death reviews \(demo\.admin\)/s);
  await checkAccessibility(page, "retention period saved");

  // The demonstration's reviewed death is closed and keeps the child's identity.
  const choice = page.locator('[data-field="erase_case"] label').filter({ hasText: /^\s*CDR-/ }).first();
  const reference = (await choice.textContent()).trim().split(" ")[0];
  await choice.click();
  await page.locator("#f-erase_reason").fill("Retention period ended, confirmed with the CDOP chair");
  expectRefusals(page, 422);  // the erasure is refused until the reference typed is the case's
  await page.locator("#f-confirm_reference").fill("CDR-1900-0000");
  await page.getByRole("button", { name: "Erase the identity" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  assert.match(await page.locator(".govuk-error-summary").textContent(), new RegExp(`Type the case's reference, ${reference}`));
  await checkAccessibility(page, "erasure not confirmed");
  await page.locator("#f-confirm_reference").fill(reference);
  await page.getByRole("button", { name: "Erase the identity" }).click();
  // The period's banner is still on the page until the erasure reloads it.
  await page.locator(".govuk-notification-banner").filter({ hasText: /identity was erased/ }).waitFor();
  const row = page.locator("#retention-cases tbody tr").filter({ hasText: reference });
  assert.match(await row.textContent(), /Identity erased/);
  assertNoProblems(page);
});
