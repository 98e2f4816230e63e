import { startServer, launchBrowser, newPage, signIn, ready, screenshot } from "./harness.mjs";
const server = await startServer();
const browser = await launchBrowser();
const page = await newPage(browser, server.base, { width: 390 });
await signIn(page, server.base, "demo.manager");
await page.goto(`${server.base}/dashboard`);
await ready(page);
const wide = await page.evaluate(() => [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > 391)
  .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`).slice(0, 15));
console.log(wide.join("\n"));
console.log(await screenshot(page, "tmp-phone-dashboard"));
await browser.close();
await server.stop();
