// The main forms completed with the keyboard alone: signing in, logging a
// serious incident, and the CDOP analysis form. Keys only: Tab to move, typing,
// arrows for radios and lists, Space for checkboxes, Enter to submit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, ready, checkAccessibility, screenshot, apiSession, assertNoProblems } from "./harness.mjs";
import { today, deathAwaitingAnalysis } from "./setup.mjs";

const env = serverAndBrowser();

// Presses Tab until the focused element matches `selector` (at most 200 times).
async function tabTo(page, selector) {
  for (let i = 0; i < 200; ++i) {
    if (await page.evaluate((s) => document.activeElement && document.activeElement.matches(s), selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector}`);
}
async function typeInto(page, selector, text) {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}
async function date(page, name, iso) {
  const [y, m, d] = iso.split("-");
  await typeInto(page, `#f-${name}`, String(Number(d)));
  await typeInto(page, `#f-${name}-month`, String(Number(m)));
  await typeInto(page, `#f-${name}-year`, y);
}
// Radios: Tab reaches the group, arrows move the choice.
async function radio(page, name, value) {
  await tabTo(page, `input[name="${name}"]`);
  for (let i = 0; i < 12; ++i) {
    if (await page.evaluate(([n, v]) => document.querySelector(`input[name="${n}"][value="${v}"]`).checked, [name, value])) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`could not choose ${name}=${value}`);
}
async function choose(page, name, value) {
  const isSelect = await page.evaluate((n) => document.querySelector(`[name="${n}"]`).tagName === "SELECT", name);
  if (!isSelect) return radio(page, name, value);
  await tabTo(page, `select[name="${name}"]`);
  for (let i = 0; i < 20; ++i) {
    if (await page.evaluate(([n, v]) => document.querySelector(`select[name="${n}"]`).value === v, [name, value])) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`could not choose ${name}=${value}`);
}
async function tick(page, selector) {
  await tabTo(page, selector);
  await page.keyboard.press("Space");
}

test("sign in, log a serious incident and record a CDOP analysis by keyboard alone", async () => {
  const day = await today(env.server.base);
  const cdr = await deathAwaitingAnalysis(await apiSession(env.server.base, "demo.manager"), day);
  const page = await newPage(env.browser, env.server.base);

  await page.goto(`${env.server.base}/sign-in`);
  await ready(page);
  await typeInto(page, "#f-username", "demo.manager");
  await typeInto(page, "#f-password", "demonstration only 2026");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/dashboard$/);

  await page.goto(`${env.server.base}/notifications/new?kind=incident`);
  await ready(page);
  await date(page, "became_aware_on", day);
  await radio(page, "harm", "death");
  await radio(page, "abuse_or_neglect", "known");
  await radio(page, "location", "in_area");
  await typeInto(page, "#f-local_authority", "Northam City Council");
  await typeInto(page, "#f-summary", "Child died; abuse known.");
  await tabTo(page, "button[type=submit]");
  await page.keyboard.press("Enter");
  // The answers to check before saving, then save, all from the keyboard.
  await page.locator("#check-heading").waitFor();
  await tabTo(page, "#save-notification button[type=submit]");
  await page.keyboard.press("Enter");
  await page.locator("#case-reference").waitFor();
  assert.match(await page.locator("#case-reference").textContent(), /SIN-/);

  await page.goto(`${env.server.base}/cases/${cdr.id}/act/record_panel_review`);
  await ready(page);
  await checkAccessibility(page, "analysis form");
  await screenshot(page, "analysis-form");
  await date(page, "reviewed_on", day);
  await choose(page, "category", "chronic_medical");
  // The first factor listed is in the child domain, which must then be scored 2.
  for (const domain of ["child", "social_environment", "physical_environment", "service_provision"]) {
    await radio(page, `score_${domain}`, domain === "child" ? "2" : "1");
  }
  await tick(page, 'input[name="modifiable_factors"]');
  await radio(page, "judgement", "modifiable_factors_identified");
  await typeInto(page, "#f-learning", "Escalation when a care plan changes needs a named lead.");
  await tabTo(page, "button[type=submit]");
  await page.keyboard.press("Enter");
  try {
    await page.waitForURL(new RegExp(`/cases/${cdr.id}$`));
  } catch (e) {
    // Say why the form stayed: what its error summary shows, if it shows one.
    const summary = await page.locator(".govuk-error-summary").allTextContents();
    throw new Error(`${e.message}\n${summary.join("\n") || "no error summary"}`, { cause: e });
  }
  await ready(page);
  assert.match(await page.locator(".govuk-notification-banner").textContent(), /saved/);
  assert.match(await page.locator("main .govuk-tag").first().textContent(), /Panel review recorded/);
  assertNoProblems(page);
});
