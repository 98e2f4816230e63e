// What every browser test needs: a casereview server on a fresh database with
// the demonstration data, Debian's Chromium driven by playwright-core (never a
// downloaded browser), signing in through the real form, an axe-core check of
// each page (no violation of any impact), a guard that no page loads
// anything from anywhere but the server, and screenshots as test output.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const DEMO_PASSWORD = "demonstration only 2026";
// The day every browser test's server pretends it is (the demonstration data is
// dated back from it): CASEREVIEW_TEST_TODAY when set, as CI sets it to run the
// tests again on other days, else Friday 16 September 2022. Never the real day.
export const TEST_TODAY = process.env.CASEREVIEW_TEST_TODAY || "2022-09-16";
const binary = process.env.CASEREVIEW_BIN;
const screenshots = process.env.CASEREVIEW_SCREENSHOTS || join(tmpdir(), "casereview-screenshots");

// A server on loopback, on a port of its own, pretending it is `today`: on the
// demonstration data loaded afresh, or on the database `db` when one is given
// (the page timings' national data set; left in place at the stop).
export async function startServer({ db: given = "", today = TEST_TODAY } = {}) {
  assert.ok(binary, "CASEREVIEW_BIN must name the casereview binary");
  const dir = mkdtempSync(join(tmpdir(), "casereview-browser-"));
  const db = given || join(dir, "browser.db");
  if (!given) execFileSync(binary, ["demo", "load", "--db", db, "--today", today], { stdio: "pipe" });
  // Every browser context of a test file comes from 127.0.0.1, Chromium opens
  // up to six connections for each, and a file's tests may keep several open:
  // past the default 12 from one address the server answered 503 and a sign-in
  // page never came. (tests/api/connection_guard_test.cpp tests the limit.)
  const child = spawn(binary, ["serve", "--db", db, "--port", "0", "--today", today,
    "--max-connections-per-address", "64"], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 20000);
    const look = (chunk) => {
      log += chunk;
      const m = log.match(/serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on("data", look);
    child.stderr.on("data", look);
    child.on("exit", (code) => reject(new Error(`server exited ${code}:\n${log}`)));
  });
  return {
    base,
    db,
    log: () => log,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// One server and one browser for the tests of a file: `env.server`, `env.browser`.
export function serverAndBrowser() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

// A page that fails the test on any request off the server, any script error
// and any console error (a content-security-policy refusal, an answer the page
// did not expect). A test that provokes a refusal on purpose names its status
// first with expectRefusals. `width` is the viewport's: 1280, or 390 for a phone.
export async function newPage(browser, base, { width = 1280 } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "en-GB" });
  const page = await context.newPage();
  page.problems = [];
  page.expectedStatuses = new Set();
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith(base + "/") && !url.startsWith("data:") && !url.startsWith("blob:")) {
      page.problems.push(`request off the server: ${url}`);
    }
  });
  page.on("pageerror", (e) => page.problems.push(`script error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const status = m.text().match(/the server responded with a status of (\d{3})/);
    if (status && page.expectedStatuses.has(Number(status[1]))) return;
    page.problems.push(`console error: ${m.text()}${m.location().url ? ` (${m.location().url})` : ""}`);
  });
  return page;
}

// The statuses a test provokes on purpose (a wrong password, a refused form):
// the browser reports each such answer on its console, which is then no problem.
export function expectRefusals(page, ...statuses) {
  for (const status of statuses) page.expectedStatuses.add(status);
}

// Whether anything on the page is wider than the viewport (so that the reader
// of a phone would have to scroll sideways).
export async function widerThanViewport(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

export function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], page.problems.join("\n"));
}

export async function signIn(page, base, username, password = DEMO_PASSWORD) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await page.locator("h1").first().waitFor();
}

export async function signOut(page) {
  await page.locator("#sign-out").click();
  await page.waitForURL(/\/sign-in/);
}

// Waits until the page has drawn its heading (the shell says "Loading…" first).
export async function ready(page) {
  await page.locator("main h1").first().waitFor();
  await page.waitForLoadState("networkidle");
}

// axe-core on the page as it stands: no violation of any impact. The
// script is evaluated through the driver, so the page's own CSP stays on.
export async function checkAccessibility(page, what) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
  assert.deepEqual(violations, [], `${what}: ${violations.join("\n")}`);
}

export async function screenshot(page, name) {
  mkdirSync(screenshots, { recursive: true });
  const path = join(screenshots, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// The JSON API as a signed-in user, from the test itself (for setting up cases).
export async function apiSession(base, username, password = DEMO_PASSWORD) {
  const signed = await fetch(`${base}/api/v1/session`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username, password }),
  });
  assert.equal(signed.status, 200, await signed.clone().text());
  const cookie = signed.headers.get("set-cookie").split(";")[0];
  const { csrf_token: csrf } = await signed.json();
  const call = async (method, path, body) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { Cookie: cookie, "X-CSRF-Token": csrf, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : {} };
  };
  return {
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body),
    del: (path) => call("DELETE", path),
    command: async (id, command, facts) => {
      const c = await call("GET", `/api/v1/cases/${id}`);
      const r = await call("POST", `/api/v1/cases/${id}/commands`, { command, expected_version: c.body.version, facts });
      assert.equal(r.status, 200, `${command}: ${JSON.stringify(r.body)}`);
      return r.body;
    },
  };
}

// Fills a GOV.UK date input (day, month, year) by its legend.
export async function fillDate(page, name, iso) {
  const [y, m, d] = iso.split("-");
  await page.locator(`#f-${name}`).fill(String(Number(d)));
  await page.locator(`#f-${name}-month`).fill(String(Number(m)));
  await page.locator(`#f-${name}-year`).fill(y);
}
