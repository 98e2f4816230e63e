// Which page draws which address. Each page module exports draw(context),
// where context is { session, path, home, params }.
const pages = [
  [/^\/sign-in$/, "sign-in", "./sign_in.js"],
  [/^\/password$/, "password", "./sign_in.js", "drawPassword"],
  [/^\/calendar$/, "calendar", "./calendar_settings.js"],
  [/^\/$/, "home", "./home.js"],
  [/^\/dashboard$/, "dashboard", "./dashboard.js"],
  [/^\/cases$/, "cases", "./cases.js"],
  [/^\/notifications\/new$/, "notify", "./notify.js"],
  [/^\/cases\/(\d+)$/, "case", "./case_page.js"],
  [/^\/cases\/(\d+)\/act\/([a-z_]+)$/, "command", "./command_page.js"],
  [/^\/cases\/(\d+)\/documents\/new$/, "upload", "./documents.js"],
  [/^\/inbox$/, "inbox", "./inbox.js"],
  [/^\/workspace$/, "workspace", "./workspace.js"],
  [/^\/timeliness$/, "timeliness", "./timeliness.js"],
  [/^\/reports$/, "reports", "./reports.js"],
  [/^\/actions$/, "actions", "./cases.js", "drawActions"],
  [/^\/imports$/, "imports", "./imports.js"],
  [/^\/admin(?:\/([a-z-]+(?:\/new)?))?$/, "admin", "./admin.js"],
];

export function pageFor(path) {
  for (const [pattern, name, module, fn] of pages) {
    const match = path.match(pattern);
    if (match) {
      return {
        name,
        draw: async (context) => (await import(module))[fn || "draw"]({ ...context, params: match.slice(1) }),
      };
    }
  }
  return { name: "not-found", draw: async () => (await import("./home.js")).drawNotFound() };
}
