// A panel member records a rapid review's decision to commission a local
// review: the decision opens the LCSPR on the spine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, signIn, ready, checkAccessibility, apiSession, fillDate, assertNoProblems } from "./harness.mjs";
import { today, rapidReviewAwaitingDecision } from "./setup.mjs";

const env = serverAndBrowser();

test("a panel member records a rapid review decision that opens a local review", async () => {
  const day = await today(env.server.base);
  const rr = await rapidReviewAwaitingDecision(await apiSession(env.server.base, "demo.manager"), day);
  const page = await newPage(env.browser, env.server.base);
  await signIn(page, env.server.base, "demo.panel");
  await page.goto(`${env.server.base}/cases/${rr.id}`);
  await ready(page);
  await page.getByRole("link", { name: "Record the decision" }).click();
  await page.waitForURL(/act\/record_decision/);
  await ready(page);
  await checkAccessibility(page, "rapid review decision form");

  // Saving with nothing filled in: the error summary names each missing answer.
  await page.getByRole("button", { name: "Save" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  assert.ok(await page.locator(".govuk-error-summary li").count() >= 3);
  await checkAccessibility(page, "decision form with errors");

  await fillDate(page, "decided_on", day);
  await page.locator('input[name="decision"][value="lcspr"]').check();
  await page.locator("#f-rationale").fill("The criteria for a local review are met: serious harm, neglect suspected, learning about multi-agency working.");
  await page.locator('input[name="local_review_criteria"][value="agencies_working_together"]').check();
  await page.locator("#f-facts").fill("Child of 2 admitted with fractures of different ages; the account given does not explain them.");
  await page.locator("#f-key_practice_episodes").fill("A missed health review; a nursery's concern not shared with children's social care.");
  await page.locator("#f-inequalities").fill("The mother is deaf and no British Sign Language interpreter was used at the health review.");
  await page.locator('input[name="parallel_processes"][value="police_investigation"]').check();
  await page.locator("#f-immediate_safety_actions").fill("Sibling safety plan in place");
  await page.locator('input[name="learning_themes"]').first().check();
  for (const partner of ["local_authority", "integrated_care_board", "police"]) {
    await page.locator(`input[name="partners_agreeing"][value="${partner}"]`).check();
  }
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(new RegExp(`/cases/${rr.id}$`));
  await ready(page);
  const banner = await page.locator(".govuk-notification-banner").textContent();
  assert.match(banner, /Opened LCSPR-\d{4}-\d{4}/);
  const linked = await page.locator("table", { hasText: "Linked cases" }).textContent();
  assert.match(linked, /LCSPR-\d{4}-\d{4}/);
  assertNoProblems(page);
});
