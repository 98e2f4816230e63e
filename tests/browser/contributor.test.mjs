// An agency contributor sees only their agency's requests, answers one with a
// note and an attached document, and the request moves to "Answered".
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, expectRefusals, signIn, ready, checkAccessibility, apiSession, assertNoProblems } from "./harness.mjs";

const env = serverAndBrowser();

test("a contributor answers a request with a document", async () => {
  const page = await newPage(env.browser, env.server.base);
  await signIn(page, env.server.base, "demo.agency");
  assert.match(page.url(), /\/inbox$/);
  await ready(page);
  await checkAccessibility(page, "inbox");
  const open = page.locator("#open-requests tbody tr");
  const before = await open.count();
  assert.ok(before > 0, "the demonstration agency has a request waiting");
  const reference = (await open.first().locator("th").textContent()).trim();
  await open.first().getByRole("link", { name: /Answer/ }).click();
  await ready(page);
  await checkAccessibility(page, "answer form");
  assert.equal(await page.locator("#f-agency").inputValue(), "Health visiting");
  await page.locator("#f-note").fill("Reporting form attached; health visitor's records reviewed.");
  // A file that is not what its name says is refused (400), named in the error summary, and nothing is saved.
  expectRefusals(page, 400);
  await page.locator("#f-files").setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ not a pdf") });
  await page.getByRole("button", { name: "Save" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  assert.match(await page.locator(".govuk-error-summary").textContent(), /“notes\.pdf” was not attached: the file's content is not a PDF file/);
  await checkAccessibility(page, "answer form with a refused file");
  await page.locator("#f-files").setInputFiles({ name: "Reporting form.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\nreporting form\n") });
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL(/\/inbox$/);
  await ready(page);
  assert.match(await page.locator(".govuk-notification-banner").textContent(), /saved/);
  assert.equal(await page.locator("#open-requests tbody tr").count(), before - 1);
  assertNoProblems(page);

  // The manager sees the return and the attached document on the case.
  const manager = await apiSession(env.server.base, "demo.manager");
  const cases = (await manager.get("/api/v1/cases?limit=200")).body.cases;
  const id = cases.find((c) => c.reference === reference).id;
  const docs = (await manager.get(`/api/v1/cases/${id}/documents`)).body.documents;
  assert.ok(docs.some((d) => d.file_name === "Reporting form.pdf" && d.kind === "agency_return"), JSON.stringify(docs));
  assert.ok(!docs.some((d) => d.file_name === "notes.pdf"), "the refused file was not stored");
  const requests = (await manager.get(`/api/v1/cases/${id}`)).body.records.agency_requests;
  assert.ok(requests.some((r) => r.agency === "Health visiting" && r.returned_on), JSON.stringify(requests));
});
