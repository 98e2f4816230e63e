import { startServer, launchBrowser, newPage, signIn, ready } from "./harness.mjs";
const server = await startServer();
const browser = await launchBrowser();
for (const [width, path] of [[1280, "/dashboard"], [390, "/dashboard"]]) {
  const page = await newPage(browser, server.base, { width });
  await signIn(page, server.base, "demo.manager");
  await page.goto(`${server.base}${path}`);
  await ready(page);
  await page.screenshot({ path: `/tmp/shot-${width}.png`, fullPage: false });
  if (width === 390) { await page.evaluate(() => window.scrollTo(0, 700)); await page.screenshot({ path: `/tmp/shot-${width}b.png` }); }
}
await browser.close();
await server.stop();
