// Builds the browser pages into the directory given (the server's --ui-dir):
// index.html, and under assets/ the compiled styles, the page scripts and the
// vendored libraries, all from node_modules (installed from package-lock.json).
// Nothing is fetched while building or at run time.
import { compile } from "sass";
import { mkdirSync, readdirSync, writeFileSync, copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error("usage: node build.mjs OUTPUT_DIRECTORY");
  process.exit(2);
}
const assets = join(out, "assets");
mkdirSync(assets, { recursive: true });

const css = compile(join(here, "src", "app.scss"), {
  loadPaths: [join(here, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(assets, "app.css"), css.css);

for (const name of readdirSync(join(here, "src"))) {
  if (name.endsWith(".js") || name.endsWith(".svg")) copyFileSync(join(here, "src", name), join(assets, name));
}
const vendor = {
  "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
  "chartjs-adapter-date-fns.bundle.min.js": "chartjs-adapter-date-fns/dist/chartjs-adapter-date-fns.bundle.min.js",
};
for (const [name, from] of Object.entries(vendor)) copyFileSync(join(here, "node_modules", from), join(assets, name));
copyFileSync(join(here, "src", "index.html"), join(out, "index.html"));
console.log(`browser pages built into ${out}`);
