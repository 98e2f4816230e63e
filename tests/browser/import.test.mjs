// Importing a spreadsheet from the browser: a manager opens "Import", reads the
// columns of each sheet, checks a CSV with problems and sees every refused row
// and why (nothing written), then checks a good one, sees the cases each row
// would open, imports it, and finds the cases in casereview and the file in
// the list of imports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, expectRefusals, signIn, ready, checkAccessibility, screenshot, apiSession,
  assertNoProblems } from "./harness.mjs";
import { today } from "./setup.mjs";

const env = serverAndBrowser();

const daysBefore = (iso, days) => new Date(Date.parse(`${iso}T00:00:00Z`) - days * 86400000).toISOString().slice(0, 10);
const HEADER = "reference,became_aware_on,harm,abuse_or_neglect,location,local_authority,summary,notification_submitted_on\r\n";

async function chooseFile(page, name, text) {
  await page.locator("#f-content").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
}

test("a manager checks a spreadsheet, sees every refused row, then imports a good one", async () => {
  const base = env.server.base;
  const day = await today(base);
  const manager = await apiSession(base, "demo.manager");
  const before = (await manager.get("/api/v1/cases?limit=500")).body.cases.length;
  const aware = daysBefore(day, 30);
  const made = daysBefore(day, 28);

  const page = await newPage(env.browser, base);
  await signIn(page, base, "demo.manager");
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await page.waitForURL(/\/imports$/);
  await ready(page);
  assert.equal(await page.locator("h1").textContent(), "Import a spreadsheet");
  assert.equal(await page.locator("#imports").textContent(), "Nothing has been imported yet.");
  await page.locator("summary", { hasText: "past child deaths" }).click();
  assert.ok(await page.locator("td", { hasText: "Legacy score 0, 1, 1*, 2 or 3: factors intrinsic to the child" }).count() > 0);
  await checkAccessibility(page, "import page");

  // Nothing chosen: the form says what is missing.
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.locator(".govuk-error-summary", { hasText: "Choose what the spreadsheet holds" }).waitFor();

  // A file with problems: every refused row (422), and nothing written.
  expectRefusals(page, 422);
  await page.getByLabel("Serious incidents and their rapid reviews").check();
  await chooseFile(page, "register-with-problems.csv", `${HEADER}`
    + `IMP-1,${aware},death,suspected,in_area,Northam City Council,Infant death,${made}\r\n`
    + `IMP-2,${aware},injury,suspected,in_area,Northam City Council,Unknown harm,\r\n`
    + `IMP-3,31/02/2022,death,suspected,in_area,Northam City Council,No such day,\r\n`);
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.locator("#refused-rows").waitFor();
  const refused = await page.locator("#refused-rows tbody tr").evaluateAll((rows) =>
    rows.map((r) => [...r.children].slice(0, 3).map((c) => c.textContent.trim()).join(" ")));
  assert.deepEqual(refused, ["3 IMP-2 harm", "4 IMP-3 became_aware_on"]);
  assert.equal(await page.locator("#import-button").count(), 0);
  await checkAccessibility(page, "import refused");
  assert.equal((await manager.get("/api/v1/cases?limit=500")).body.cases.length, before);

  // A good file: what each row would open, then imported.
  await chooseFile(page, "register.csv", `${HEADER}`
    + `IMP-1,${aware},death,suspected,in_area,Northam City Council,Infant death,${made}\r\n`
    + `IMP-2,${aware},serious_harm,suspected,in_area,Northam City Council,Fractures,\r\n`);
  await page.getByRole("button", { name: "Check the file" }).click();
  await page.locator("#import-result", { hasText: "can be imported" }).waitFor();
  assert.equal(await page.locator("#import-cases tbody tr").count(), 2);
  assert.equal((await manager.get("/api/v1/cases?limit=500")).body.cases.length, before);
  await page.getByRole("button", { name: "Import these rows" }).click();
  await page.locator("#import-result", { hasText: "2 rows imported" }).waitFor();
  const opened = await page.locator("#import-cases tbody tr td:last-child").allTextContents();
  const references = opened.flatMap((t) => t.split(", "));
  assert.equal(references.length, 3, "a notification made opens its rapid review");
  const listed = new Set((await manager.get("/api/v1/cases?limit=500")).body.cases.map((c) => c.reference));
  for (const r of references) assert.ok(listed.has(r), r);
  assert.equal(listed.size, before + 3);
  // The list of imports is asked for again once the rows are in: wait for it.
  await page.locator("#imports tbody tr").first().waitFor();
  assert.equal(await page.locator("#imports tbody tr").count(), 1);
  assert.match(await page.locator("#imports tbody tr").textContent(), /register\.csv/);
  await checkAccessibility(page, "imported");
  await screenshot(page, "import");
  assertNoProblems(page);
});
