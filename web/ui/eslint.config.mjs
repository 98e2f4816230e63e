// ESLint for the browser pages (src/*.js, ES modules run by the browser), their
// build script (build.mjs, run by Node) and the browser tests
// (tests/browser/*.mjs, run by Node). .ci/lint runs it from the repository
// root, to which the patterns below are relative (ESLint takes the working
// directory as the base when it is given --config):
//   web/ui/node_modules/.bin/eslint --config web/ui/eslint.config.mjs web/ui tests/browser
// ESLint's recommended rules only: no style rules.
import js from "@eslint/js";
import globals from "globals";
import { defineConfig } from "eslint/config";

export default defineConfig([
  {
    ignores: ["**/node_modules/", ".build/"],
  },
  {
    files: ["web/ui/src/*.js"],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: globals.browser,
    },
  },
  {
    files: ["web/ui/*.mjs", "tests/browser/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: globals.node,
    },
  },
  {
    // The browser tests hand functions to page.evaluate(), which runs them in
    // the page: there, and only there, they read the page's window and document.
    files: ["tests/browser/*.mjs"],
    languageOptions: {
      globals: { window: "readonly", document: "readonly" },
    },
  },
]);
