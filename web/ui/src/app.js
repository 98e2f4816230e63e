// Starts every page: who is signed in (the session also carries the CSRF
// token), the menu for their role, then the page for this address.
import { api, Problem, useCsrfToken } from "./api.js";
import { html, markup, raw, show } from "./ui.js";
import { pageFor, homeOf } from "./pages.js";

document.documentElement.classList.add("govuk-frontend-supported");
document.body.classList.add("js-enabled", "govuk-frontend-supported");

// The menu of each role: where their work is.
const menus = {
  manager: [["/dashboard", "Dashboard"], ["/cases", "Cases"], ["/notifications/new", "Log a notification"], ["/actions", "Actions"], ["/timeliness", "Timeliness"], ["/reports", "Reports"], ["/imports", "Import"]],
  panel_member: [["/dashboard", "Dashboard"], ["/cases", "Cases"], ["/actions", "Actions"], ["/timeliness", "Timeliness"], ["/reports", "Reports"]],
  agency_contributor: [["/inbox", "Requests to your agency"]],
  independent_reviewer: [["/workspace", "Your review"]],
  scrutineer: [["/timeliness", "Timeliness"], ["/cases", "Cases"], ["/actions", "Actions"], ["/reports", "Reports"]],
  auditor: [["/timeliness", "Timeliness"], ["/cases", "Cases"], ["/reports", "Reports"], ["/admin/audit", "Audit"], ["/admin/access-log", "Access log"]],
  administrator: [["/admin", "Administration"], ["/admin/users", "Users"], ["/admin/audit", "Audit"]],
  national_editor: [["/admin/vocabularies", "National vocabularies"]],
};

function drawMenu(session) {
  const items = menus[session.role] || [];
  const list = document.getElementById("navigation-list");
  list.innerHTML = markup(items.map(([href, text]) => {
    const current = location.pathname === href || (href !== "/" && location.pathname.startsWith(href + "/"));
    return html`<li class="govuk-service-navigation__item ${current ? "govuk-service-navigation__item--active" : ""}">
      <a class="govuk-service-navigation__link" href="${href}" ${current ? raw('aria-current="page"') : ""}>${text}</a></li>`;
  }));
  document.getElementById("service-navigation").hidden = items.length === 0;
  document.getElementById("masthead-user").innerHTML = markup(html`${session.display_name} (${session.role_title})
    · <a href="/calendar">Calendar</a> · <a href="/password">Change password</a> · <a href="#" id="sign-out">Sign out</a>`);
  document.getElementById("sign-out").addEventListener("click", async (e) => {
    e.preventDefault();
    try {
      await api.delete("/api/v1/session");
    } finally {
      location.assign("/sign-in");
    }
  });
}

async function start() {
  const path = location.pathname;
  const page = pageFor(path);
  let session = null;
  try {
    session = await api.get("/api/v1/session");
    useCsrfToken(session.csrf_token);
    drawMenu(session);
  } catch (e) {
    if (!(e instanceof Problem && e.status === 401)) throw e;
  }
  if (!session && page.name !== "sign-in") {
    location.replace(`/sign-in?next=${encodeURIComponent(path + location.search)}`);
    return;
  }
  if (session && session.must_change_password && page.name !== "password") {
    location.replace("/password");
    return;
  }
  await page.draw({ session, path, home: session ? homeOf[session.role] : "/" });
}

start().catch((error) => {
  const detail = error instanceof Problem ? `${error.message} (${error.code || error.status})` : String(error);
  const notFound = error instanceof Problem && error.status === 404;
  show(notFound ? "Page not found" : "Sorry, there is a problem",
    html`<h1 class="govuk-heading-l">${notFound ? "Page not found" : "Sorry, there is a problem"}</h1>
    <p class="govuk-body">${detail}</p><p class="govuk-body"><a class="govuk-link" href="/">Go to your home page</a></p>`);
});
