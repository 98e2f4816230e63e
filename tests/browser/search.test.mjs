// Searching the cases as the two kinds of reader do: a manager types the
// child's NHS number with its spaces and finds the child's case, named; a
// scrutineer typing the same child's name or number finds nothing, and finds the
// case by its pseudonym, which is all they ever see of the child. At 1280
// pixels and on a 390-pixel phone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serverAndBrowser, newPage, signIn, ready, checkAccessibility, apiSession, assertNoProblems,
  widerThanViewport, screenshot } from "./harness.mjs";

const env = serverAndBrowser();

// A case whose child has an NHS number, as the manager reads it.
async function childWithNhsNumber(manager) {
  for (const c of (await manager.get("/api/v1/cases?limit=500")).body.cases) {
    const detail = (await manager.get(`/api/v1/cases/${c.id}`)).body;
    if (detail.subject?.nhs_number && detail.subject?.family_name) return detail;
  }
  throw new Error("the demonstration has a child with an NHS number");
}

async function search(page, text) {
  await page.getByLabel("Search cases").fill(text);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get("q") === text);
  await ready(page);
}

async function referencesListed(page) {
  return page.locator("#case-rows tbody tr th").evaluateAll((cells) => cells.map((c) => c.textContent.trim()));
}

for (const width of [1280, 390]) {
  test(`a manager finds a child by NHS number typed with spaces; a scrutineer only by pseudonym (${width} pixels)`, async () => {
    const base = env.server.base;
    const child = await childWithNhsNumber(await apiSession(base, "demo.manager"));
    const digits = child.subject.nhs_number.replace(/\s/g, "");
    const spaced = `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;

    const manager = await newPage(env.browser, base, { width });
    await signIn(manager, base, "demo.manager");
    await manager.goto(`${base}/cases`);
    await ready(manager);
    await search(manager, spaced);
    const found = await referencesListed(manager);
    assert.ok(found.includes(child.reference), `${child.reference} among ${found}`);
    const row = manager.locator("#case-rows tbody tr").filter({ has: manager.locator("th", { hasText: new RegExp(`^\\s*${child.reference}\\s*$`) }) });
    assert.match(await row.textContent(), new RegExp(child.subject.family_name));
    assert.match(await manager.locator("#search-summary").textContent(), /found for “/);
    assert.equal(await widerThanViewport(manager), false);
    await checkAccessibility(manager, `search results at ${width}`);
    if (width === 390) await screenshot(manager, "phone-search");

    // Too short a search is the form's message, and nothing is asked.
    await manager.getByLabel("Search cases").fill("x");
    await manager.getByRole("button", { name: "Search", exact: true }).click();
    await manager.locator(".govuk-error-summary").waitFor();
    assert.match(await manager.locator(".govuk-error-summary").textContent(), /at least two characters/);
    assertNoProblems(manager);

    const scrutineer = await newPage(env.browser, base, { width });
    await signIn(scrutineer, base, "demo.scrutineer");
    await scrutineer.goto(`${base}/cases`);
    await ready(scrutineer);
    assert.match(await scrutineer.locator("#f-q-hint").textContent(), /pseudonym/);
    for (const text of [spaced, child.subject.family_name, `${child.subject.given_name} ${child.subject.family_name}`]) {
      await search(scrutineer, text);
      assert.deepEqual(await referencesListed(scrutineer), [], `a scrutineer finds nothing for ${text}`);
      assert.ok(!(await scrutineer.locator("main").textContent()).includes(child.subject.given_name) ||
        text.includes(child.subject.given_name), "the page names no child the reader did not type");
    }
    const pseudonym = (await (await scrutineer.request.get(`${base}/api/v1/cases/${child.id}`)).json()).pseudonym;
    await search(scrutineer, pseudonym.toLowerCase());
    assert.ok((await referencesListed(scrutineer)).includes(child.reference));
    const listed = scrutineer.locator("#case-rows tbody tr").filter({ hasText: child.reference });
    assert.match(await listed.textContent(), new RegExp(pseudonym));
    assert.equal(await widerThanViewport(scrutineer), false);
    await checkAccessibility(scrutineer, `pseudonym search at ${width}`);
    assertNoProblems(scrutineer);
    await manager.context().close();
    await scrutineer.context().close();
  });
}
