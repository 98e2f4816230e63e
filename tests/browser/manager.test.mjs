// The manager: signs in to the dashboard, logs a serious incident (the
// deadlines preview as the date is typed), sees the confirmation with the
// deadlines and opens the case page; returns to the page asked for after a
// session ends; is warned of a duplicate and a child from outside the area
// before a death is saved, on the notification form's sections, and checks the
// answers section by section before saving.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, expectRefusals, signIn, ready, checkAccessibility, screenshot, fillDate, apiSession,
  assertNoProblems } from "./harness.mjs";
import { today } from "./setup.mjs";

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

  const day = await today(env.server.base);
  await fillDate(page, "became_aware_on", day);
  await page.locator("#preview-deadlines").waitFor();
  assert.match(await page.locator("#preview").textContent(), /National Panel/);

  await page.locator('input[name="harm"][value="serious_harm"]').check();
  await page.locator('input[name="abuse_or_neglect"][value="suspected"]').check();
  await page.locator('input[name="location"][value="in_area"]').check();
  // The notifying authority is offered from the partnership's areas.
  const areas = (await (await apiSession(env.server.base, "demo.manager")).get("/api/v1/partnership/areas")).body.local_authorities;
  assert.ok(areas.includes("Northam City Council"));
  assert.deepEqual(await page.locator("#f-local_authority-suggestions option").evaluateAll((os) => os.map((o) => o.value)), areas);
  assert.equal(await page.locator("#f-local_authority").getAttribute("list"), "f-local_authority-suggestions");
  await page.locator("#f-local_authority").fill("Northam City Council");
  await page.locator("#f-summary").fill("Young person seriously injured; neglect suspected.");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#check-heading").waitFor();
  assert.match(await page.locator("#check-answers").textContent(), /Northam City Council/);
  await checkAccessibility(page, "check your answers");
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
  expectRefusals(page, 401);
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

// The demonstration's infant as the manager reads it: reference, identity and
// date of death (from the notification, the case's first event).
async function demonstrationInfant(manager) {
  for (const c of (await manager.get("/api/v1/cases?kind=child_death_review&limit=500")).body.cases) {
    const { reference, subject } = (await manager.get(`/api/v1/cases/${c.id}`)).body;
    if (!subject?.nhs_number) continue;
    const notified = (await manager.get(`/api/v1/cases/${c.id}/timeline`)).body.events[0];
    return { id: c.id, reference, ...subject, date_of_death: notified.payload.date_of_death };
  }
  throw new Error("the demonstration has an infant with an NHS number");
}

test("logging a death warns of a possible duplicate and of a child from outside the area before saving", async () => {
  const manager = await apiSession(env.server.base, "demo.manager");
  const infant = await demonstrationInfant(manager);
  const page = await newPage(env.browser, env.server.base);
  await signIn(page, env.server.base, "demo.manager");
  await page.goto(`${env.server.base}/notifications/new?kind=death`);
  await ready(page);
  // The notification form comes in sections, each under its heading, in order.
  const headings = await page.locator("#notification section.app-form-section > h2").allTextContents();
  assert.deepEqual(headings.map((h) => h.trim()), ["The death", "The notification", "About the child",
    "The child's status", "Coroner and post-mortem", "Professionals involved"]);
  assert.equal(await page.locator('section:has(h2:text-is("About the child")) #f-given_name').count(), 1);
  assert.equal(await page.locator('section:has(h2:text-is("Professionals involved")) #f-general_practitioner').count(), 1);
  const day = await today(env.server.base);
  // The demonstration's infant, notified again from elsewhere, without the NHS
  // number: the same name, date of birth and date of death make the duplicate.
  await fillDate(page, "date_of_death", infant.date_of_death);
  await fillDate(page, "notified_on", day);
  await page.locator('input[name="place_of_death"][value="home"]').check();
  await page.locator('input[name="expected"][value="unexpected"]').check();
  await page.locator("#f-resident_local_authority").fill("Far Away Borough Council");
  await page.locator("#f-notified_by").fill("Ambulance service");
  await page.locator("#f-summary").fill("Infant found unresponsive.");
  await page.locator("#f-given_name").fill(infant.given_name.toUpperCase());
  await page.locator("#f-family_name").fill(infant.family_name);
  await fillDate(page, "date_of_birth", infant.date_of_birth);
  await page.locator('input[name="sex"][value="female"]').check();
  await page.locator("#f-ethnicity").selectOption("not_known");
  await page.locator('input[name="coroner_informed"][value="yes"]').check();
  await page.locator("#f-general_practitioner").fill("Dr Example, Example Surgery");
  await page.locator("#f-confirm").waitFor();
  // The check runs again as each field is filled: the duplicate is known once
  // the last of the name and dates has been checked, under load a little later.
  await page.locator("#warnings", { hasText: `(${infant.reference})` }).waitFor({ timeout: 15000 }).catch(() => {});
  const warnings = await page.locator("#warnings").textContent();
  assert.ok(warnings.includes(`(${infant.reference})`), `the warning names ${infant.reference}: ${warnings}`);
  assert.equal(await page.locator('#warnings input[name="confirm"]').count(), 2, warnings);
  await checkAccessibility(page, "death form with warnings");

  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  assert.match(await page.locator(".govuk-error-summary").textContent(), /Check the warnings/);
  assert.match(page.url(), /kind=death/);
  const deaths = async () => (await manager.get("/api/v1/cases?kind=child_death_review&limit=500")).body.cases.length;
  const before = await deaths();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  assert.equal(await deaths(), before, "nothing is saved until the warnings are confirmed");

  for (const box of await page.locator('#warnings input[name="confirm"]').all()) await box.check();
  await page.getByRole("button", { name: "Continue" }).click();
  // The answers, section by section; a change goes back to its field with the answers kept.
  await page.locator("#check-heading").waitFor();
  const checked = await page.locator("#check-answers h3").allTextContents();
  assert.deepEqual(checked.map((h) => h.trim()), ["The death", "The notification", "About the child",
    "The child's status", "Coroner and post-mortem", "Professionals involved"]);
  assert.match(await page.locator("#check-answers").textContent(), /Dr Example, Example Surgery/);
  assert.equal(await deaths(), before, "checking the answers saves nothing");
  await checkAccessibility(page, "death notification answers to check");
  await screenshot(page, "death-check-answers");
  await page.locator('#check-answers a[data-change="notified_by"]').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "f-notified_by");
  assert.equal(await page.locator("#f-notified_by").inputValue(), "Ambulance service");
  await page.locator("#f-notified_by").fill("Ambulance service, paramedic");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#check-heading").waitFor();
  assert.match(await page.locator("#check-answers").textContent(), /Ambulance service, paramedic/);
  await page.getByRole("button", { name: "Save notification" }).click();
  await page.locator("#case-reference").waitFor();
  const saved = (await page.locator("#case-reference").textContent()).trim();
  assert.match(saved, /^CDR-\d{4}-\d{4}$/);
  assert.notEqual(saved, infant.reference);
  assert.equal(await deaths(), before + 1);
  assertNoProblems(page);
});

test("a manager sees the identifying details recorded after the death with the child's", async () => {
  const manager = await apiSession(env.server.base, "demo.manager");
  const infant = await demonstrationInfant(manager);
  assert.ok(infant.key_worker_name, "the demonstration's infant has a key worker");
  const page = await newPage(env.browser, env.server.base);
  await signIn(page, env.server.base, "demo.manager");
  await page.goto(`${env.server.base}/cases/${infant.id}`);
  await ready(page);
  const details = page.locator('h2:text-is("Identifying details") + dl');
  assert.equal(await details.count(), 1);
  const rows = await details.locator(".govuk-summary-list__row").allTextContents();
  assert.ok(rows.some((r) => r.includes("Key worker name") && r.includes(infant.key_worker_name)), rows.join(" | "));
  await checkAccessibility(page, "case page with identifying details");
  assertNoProblems(page);
});

// The joint agency response's discussion is due 24 hours after the death, to
// the hour: held later on the day it falls due, the case page shows it late,
// with the hours that make it so.
test("a JAR discussion held after its due hour shows late, with the times", async () => {
  const manager = await apiSession(env.server.base, "demo.manager");
  const day = await today(env.server.base);
  const shift = (iso, days) => new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
  const died = shift(day, -3);
  const held = shift(day, -2);
  const opened = await manager.post("/api/v1/cases", { kind: "child_death_review", facts: {
    date_of_death: died, time_of_death: "04:30", place_of_death: "home", expected: "unexpected",
    jar_triggers: ["sudden_no_apparent_cause"], notified_on: died, notified_time: "08:00",
    notified_by: "Emergency department consultant", resident_local_authority: "Northam City Council",
    summary: "Infant found unresponsive at home", given_name: "Wilhelmina", family_name: "Hourtest",
    date_of_birth: shift(day, -200) } });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  await manager.command(opened.body.id, "record_jar_discussion",
    { held_on: held, held_time: "14:00", agencies: ["Police", "Health"] });

  const page = await newPage(env.browser, env.server.base);
  await signIn(page, env.server.base, "demo.manager");
  await page.goto(`${env.server.base}/cases/${opened.body.id}`);
  await ready(page);
  const row = page.locator("#clocks tbody tr", { hasText: "Hold the Joint Agency Response discussion" });
  assert.equal(await row.count(), 1);
  const text = (await row.textContent()).replace(/\s+/g, " ");
  assert.match(text, /Met late/);
  // Due 24 hours after the death: 04:30 in England's time unless the clocks
  // changed between the two days.
  const dueAt = (await manager.get(`/api/v1/cases/${opened.body.id}`)).body.deadlines
    .find((d) => d.rule_id === "cdr.jar_discussion").due_at;
  const dueHour = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit",
    hourCycle: "h23" }).format(new Date(dueAt));
  assert.ok(text.includes(`at ${dueHour}`), `due at ${dueHour}: ${text}`);
  assert.match(text, /met \d{1,2} \w+ \d{4} at 14:00/);

  // The timeliness page says it too: late by hours, on the day it was due.
  // Fewest days late first: those late by less than a day lead.
  await page.goto(`${env.server.base}/timeliness?show=late&sort=days_late`);
  await ready(page);
  const late = page.locator("#timeliness-rows tbody tr", { hasText: opened.body.reference });
  const lateText = (await late.filter({ hasText: "Hold the Joint Agency Response discussion" }).textContent()).replace(/\s+/g, " ");
  assert.match(lateText, /at 14:00/);
  assert.match(lateText, /Under a day/);
  assertNoProblems(page);
});
