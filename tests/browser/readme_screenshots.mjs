// The README's screenshots: the manager's dashboard, a case page and the
// timeliness chart, drawn by Chromium from the demonstration data on the
// harness's fixed day (so that they change only when the pages do), written to
// web/ui/screenshots/. Run by `bash .ci/screenshots`; not a test.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, launchBrowser, newPage, signIn, ready, apiSession, assertNoProblems } from "./harness.mjs";

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "web", "ui", "screenshots");
mkdirSync(out, { recursive: true });

const server = await startServer();
const browser = await launchBrowser();
try {
  const manager = await apiSession(server.base, "demo.manager");
  // The death with the most on its page: the first child death review.
  const { cases } = (await manager.get("/api/v1/cases?kind=child_death_review&limit=50")).body;
  const death = cases.find((c) => !c.closed) || cases[0];

  const shots = [
    ["dashboard", "/dashboard", 1280, 1100],
    ["case-page", `/cases/${death.id}`, 1280, 1600],
    ["timeliness", "/timeliness", 1280, 1200],
    ["phone-dashboard", "/dashboard", 390, 1400],
  ];
  for (const [name, path, width, height] of shots) {
    const page = await newPage(browser, server.base, { width });
    await signIn(page, server.base, "demo.manager");
    await page.setViewportSize({ width, height });
    await page.goto(`${server.base}${path}`);
    await ready(page);
    const file = join(out, `${name}.png`);
    await page.screenshot({ path: file });
    assertNoProblems(page);
    console.log(`casereview: screenshot ${path} at ${width} px: ${file}`);
    await page.context().close();
  }
} finally {
  await browser.close();
  await server.stop();
}
