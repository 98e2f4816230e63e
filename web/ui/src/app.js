// Starts every page: who is signed in (the session also carries the CSRF
// token, and the menu and home page the access policy gives their role), then
// the page for this address.
import { api, Problem, useCsrfToken } from "./api.js";
import { html, markup, raw, show } from "./ui.js";
import { pageFor } from "./pages.js";

document.documentElement.classList.add("govuk-frontend-supported");
document.body.classList.add("js-enabled", "govuk-frontend-supported");

function drawMenu(session) {
  const items = (session.menu || []).map((m) => [m.path, m.title]);
  const list = document.getElementById("navigation-list");
  list.innerHTML = markup(items.map(([href, text]) => {
    const current = location.pathname === href || (href !== "/" && location.pathname.startsWith(href + "/"));
    return html`<li class="govuk-service-navigation__item ${current ? "govuk-service-navigation__item--active" : ""}">
      <a class="govuk-service-navigation__link" href="${href}" ${current ? raw('aria-current="page"') : ""}>${text}</a></li>`;
  }));
  document.getElementById("service-navigation").hidden = items.length === 0;
  collapseMenuOnPhones();
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

// On a phone the menu folds away behind a "Menu" button, as GOV.UK's service
// navigation does (its script is not loaded: this is the same behaviour); from
// tablet width up the menu is always shown and the button hidden.
function collapseMenuOnPhones() {
  const button = document.getElementById("navigation-toggle");
  const list = document.getElementById("navigation-list");
  const wide = window.matchMedia("(min-width: 40.0625em)");
  let open = false;
  const apply = () => {
    button.hidden = wide.matches;
    list.hidden = !wide.matches && !open;
    if (wide.matches) button.removeAttribute("aria-expanded");
    else button.setAttribute("aria-expanded", String(open));
  };
  button.addEventListener("click", () => {
    open = !open;
    apply();
  });
  wide.addEventListener("change", apply);
  apply();
}

async function start() {
  const status = await api.get("/api/v1/session/status");
  const session = status.signed_in ? status : null;
  // The home address draws the person's home page where it is, under that
  // page's address, rather than loading the page again to go there.
  if (session && location.pathname === "/" && session.home && session.home !== "/" && !session.must_change_password) {
    history.replaceState(null, "", session.home);
  }
  const path = location.pathname;
  const page = pageFor(path);
  if (session) {
    useCsrfToken(session.csrf_token);
    drawMenu(session);
  }
  if (!session && page.name !== "sign-in") {
    location.replace(`/sign-in?next=${encodeURIComponent(path + location.search)}`);
    return;
  }
  if (session && session.must_change_password && page.name !== "password") {
    location.replace("/password");
    return;
  }
  await page.draw({ session, path, home: session ? session.home : "/" });
}

start().catch((error) => {
  const detail = error instanceof Problem ? `${error.message} (${error.code || error.status})` : String(error);
  const notFound = error instanceof Problem && error.status === 404;
  show(notFound ? "Page not found" : "Sorry, there is a problem",
    html`<h1 class="govuk-heading-l">${notFound ? "Page not found" : "Sorry, there is a problem"}</h1>
    <p class="govuk-body">${detail}</p><p class="govuk-body"><a class="govuk-link" href="/">Go to your home page</a></p>`);
});
