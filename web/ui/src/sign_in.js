// Signing in, and changing one's password (a one-time password must be changed first).
import { api, Problem, useCsrfToken } from "./api.js";
import { html, show, query } from "./ui.js";
import { showProblems, button } from "./forms.js";


function safeNext(next) {
  // Only a path on this server: never an address elsewhere.
  return next && next.startsWith("/") && !next.startsWith("//") ? next : null;
}

export async function draw({ session }) {
  if (session) {
    location.replace(session.home || "/");
    return;
  }
  const main = show("Sign in", html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Sign in</h1>
    <form id="sign-in" novalidate>
      <div class="govuk-form-group" data-field="username">
        <label class="govuk-label govuk-label--s" for="f-username">Username</label>
        <p id="f-username-error" class="govuk-error-message" hidden></p>
        <input class="govuk-input govuk-!-width-two-thirds" id="f-username" name="username" type="text"
          autocomplete="username" spellcheck="false" aria-describedby="f-username-error">
      </div>
      <div class="govuk-form-group" data-field="password">
        <label class="govuk-label govuk-label--s" for="f-password">Password</label>
        <p id="f-password-error" class="govuk-error-message" hidden></p>
        <input class="govuk-input govuk-!-width-two-thirds" id="f-password" name="password" type="password"
          autocomplete="current-password" aria-describedby="f-password-error">
      </div>
      ${button("Sign in")}
    </form></div></div>`);
  const form = main.querySelector("#sign-in");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const username = form.elements.username.value.trim();
    const password = form.elements.password.value;
    const problems = {};
    if (!username) problems.username = "Enter your username";
    if (!password) problems.password = "Enter your password";
    if (Object.keys(problems).length) return showProblems(form, problems);
    try {
      const signed = await api.post("/api/v1/session", { username, password });
      useCsrfToken(signed.csrf_token);
      location.assign(signed.must_change_password ? "/password" : safeNext(query("next")) || signed.home || "/");
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      showProblems(form, {}, [err.status === 401 ? "The username or the password is not right." : err.message]);
    }
  });
  form.elements.username.focus();
}

export async function drawPassword({ session, home }) {
  const main = show("Change your password", html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-l">Change your password</h1>
    ${session.must_change_password ? html`<p class="govuk-body">You signed in with a one-time password. Choose your own before you go on.</p>` : ""}
    <form id="password-form" novalidate>
      <div class="govuk-form-group" data-field="current_password">
        <label class="govuk-label govuk-label--s" for="f-current_password">Current password</label>
        <p id="f-current_password-error" class="govuk-error-message" hidden></p>
        <input class="govuk-input govuk-!-width-two-thirds" id="f-current_password" name="current_password" type="password" autocomplete="current-password">
      </div>
      <div class="govuk-form-group" data-field="new_password">
        <label class="govuk-label govuk-label--s" for="f-new_password">New password</label>
        <div class="govuk-hint" id="f-new_password-hint">At least 12 characters, not containing your username.</div>
        <p id="f-new_password-error" class="govuk-error-message" hidden></p>
        <input class="govuk-input govuk-!-width-two-thirds" id="f-new_password" name="new_password" type="password"
          autocomplete="new-password" aria-describedby="f-new_password-hint">
      </div>
      ${button("Change password")}
    </form></div></div>`);
  const form = main.querySelector("#password-form");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const changed = await api.put("/api/v1/session/password", {
        current_password: form.elements.current_password.value, new_password: form.elements.new_password.value,
      });
      if (changed && changed.csrf_token) useCsrfToken(changed.csrf_token);
      location.assign(home);
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      const field = err.code === "PASSWORD_WRONG" ? "current_password" : err.code === "PASSWORD_TOO_WEAK" ? "new_password" : null;
      showProblems(form, field ? { [field]: err.message } : {}, field ? [] : [err.message]);
    }
  });
}
