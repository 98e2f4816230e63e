// The independent reviewer sees only their contracted review, answers a
// uploads a draft, whose hash is recorded in the case's event log.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, signIn, ready, checkAccessibility, apiSession, assertNoProblems } from "./harness.mjs";

const env = serverAndBrowser();

test("a reviewer uploads a draft to their review", async () => {
  const page = await newPage(env.browser, env.server.base);
  await signIn(page, env.server.base, "demo.reviewer");
  assert.match(page.url(), /\/workspace$/);
  await ready(page);
  await checkAccessibility(page, "reviewer workspace");
  const heading = await page.locator("main h2").first().textContent();
  const reference = heading.match(/LCSPR-\d{4}-\d{4}/)[0];

  await page.getByRole("link", { name: "Upload a draft" }).click();
  await ready(page);
  await checkAccessibility(page, "upload form");
  assert.equal(await page.locator("#f-kind").inputValue(), "draft");
  await page.locator("#f-content").setInputFiles({ name: "Draft 3.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: Buffer.from("PK\u0003\u0004draft three") });
  // The demonstration review is on hold (a criminal trial), so the draft is
  // attached but no draft is recorded as received: that step waits for resumption.
  assert.equal(await page.locator("#f-draft_label").count(), 0);
  await page.getByRole("button", { name: "Attach" }).click();
  await page.waitForURL(/\/workspace$/);
  await ready(page);
  assert.match(await page.locator(".govuk-notification-banner").textContent(), /Draft 3\.docx attached/);
  assert.match(await page.locator("#workspace-documents").textContent(), /Draft 3\.docx/);
  assertNoProblems(page);

  // The case's log holds the attachment's hash and the draft's receipt.
  const manager = await apiSession(env.server.base, "demo.manager");
  const cases = (await manager.get("/api/v1/cases?kind=lcspr")).body.cases;
  const id = cases.find((c) => c.reference === reference).id;
  const events = (await manager.get(`/api/v1/cases/${id}/timeline`)).body.events;
  const attached = events.find((e) => e.type === "document_attached");
  assert.ok(attached && /^[0-9a-f]{64}$/.test(attached.payload.sha256));
  const listed = (await manager.get(`/api/v1/cases/${id}/documents`)).body.documents;
  assert.ok(listed.some((d) => d.file_name === "Draft 3.docx" && d.sha256 === attached.payload.sha256 && d.kind === "draft"));
});
