// Administration: users and roles, the partnership's areas, the factor and
// theme vocabularies, rule settings, the calendar, the audit verification and
// the access log. Each section is its own page under /admin/.
import { api, Problem } from "./api.js";
import { html, show, markup, table, summaryList, longDate, dateTime, tag, words, successBanner, takeFlash, flash } from "./ui.js";
import { showProblems, problemsFromApi, button, formMarkup, readFacts } from "./forms.js";
import { retention } from "./admin_retention.js";

const sections = {
  "": overview, users, "users/new": newUser, vocabularies, rules, areas, audit, "access-log": accessLog, calendar,
  retention: () => retention({ page, onSubmit }),
};

export async function draw({ params, session }) {
  const section = sections[params[0] || ""];
  if (!section) throw new Problem(404, { detail: "There is no such administration page.", code: "NOT_FOUND" });
  await section(session);
}

function page(title, body, { back = "/admin" } = {}) {
  return show(title, html`${back ? html`<a href="${back}" class="govuk-back-link">Back</a>` : ""}${successBanner(takeFlash())}
    <h1 class="govuk-heading-l">${title}</h1>${body}`);
}

// Submits `form` with `send(form)`; shows problems in the GOV.UK pattern.
function onSubmit(form, send) {
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await send(form);
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      const { fields, general } = problemsFromApi(err);
      showProblems(form, fields, general);
    }
  });
}

async function overview(session) {
  const health = await api.get("/api/v1/health");
  const links = [
    ["/admin/users", "Users and roles", "Add people, give each one role, suspend and restore, reset a password."],
    ["/admin/areas", "Local authority areas", "The areas the partnership covers (a child from elsewhere is warned of)."],
    ["/admin/vocabularies", "Modifiable factors and learning themes", "Add codes, retire those no longer used."],
    ["/admin/rules", "Deadline rules", "Local time limits, with the reason for each change."],
    ["/admin/calendar", "Bank holiday calendar", "Which years are published, and how to refresh it."],
    ["/admin/audit", "Audit verification", "Check every case's hash chain and the signed checkpoints."],
    ["/admin/access-log", "Access log", "Every time someone read a child's identity or a document."],
    ["/admin/retention", "Retention and erasure", "How long a closed case keeps the child's identity, what is due, legal holds, erasing."],
  ];
  page("Administration", html`<p class="govuk-body">Partnership <strong>${session.partnership}</strong>.
      Today is ${longDate(health.today)}; schema version ${health.schema_version}.</p>
    <ul class="govuk-list govuk-list--spaced">${links.map(([href, title, text]) => html`<li>
      <a class="govuk-link govuk-!-font-weight-bold" href="${href}">${title}</a><br><span class="govuk-body-s">${text}</span></li>`)}</ul>`,
  { back: "" });
}

const roles = [["administrator", "Administrator"], ["manager", "Manager"], ["panel_member", "Panel member"],
  ["agency_contributor", "Agency contributor"], ["independent_reviewer", "Independent reviewer"],
  ["scrutineer", "Independent scrutineer"], ["auditor", "Auditor"]];

async function users() {
  const list = (await api.get("/api/v1/users")).users;
  const main = page("Users and roles", html`<a class="govuk-button" href="/admin/users/new">Add a user</a>
    ${table(`${list.length} users`, [
      { title: "Username", cell: (u) => u.username },
      { title: "Name", cell: (u) => u.display_name },
      { title: "Role", cell: (u) => html`${words(u.role)}${u.agency ? html`<br><span class="govuk-body-s">${u.agency}</span>` : ""}` },
      { title: "Status", cell: (u) => html`${u.active ? tag("Active", "green") : tag("Suspended", "grey")} ${u.must_change_password ? tag("Must change password", "yellow") : ""}` },
      { title: "", cell: (u) => html`<button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-1" data-toggle="${u.id}" data-active="${u.active}">${u.active ? "Suspend" : "Restore"}<span class="govuk-visually-hidden"> ${u.username}</span></button>
        <button type="button" class="govuk-button govuk-button--warning govuk-!-margin-bottom-1" data-reset="${u.id}" data-name="${u.username}">Reset password<span class="govuk-visually-hidden"> of ${u.username}</span></button>` },
    ], list, { id: "users" })}
    <div id="reset-result" aria-live="polite"></div>`);
  main.querySelectorAll("[data-toggle]").forEach((b) => b.addEventListener("click", async () => {
    await api.put(`/api/v1/users/${b.dataset.toggle}/active`, { active: b.dataset.active !== "true" });
    flash(b.dataset.active === "true" ? "The user is suspended; their sessions have ended." : "The user is restored.");
    location.reload();
  }));
  main.querySelectorAll("[data-reset]").forEach((b) => b.addEventListener("click", async () => {
    const result = await api.post(`/api/v1/users/${b.dataset.reset}/password-reset`, {});
    main.querySelector("#reset-result").innerHTML = markup(html`<div class="govuk-panel govuk-panel--confirmation">
      <h2 class="govuk-panel__title">One-time password for ${b.dataset.name}</h2>
      <div class="govuk-panel__body"><code>${result.temporary_password}</code><br>Give it to them in person or by phone; it is shown once.</div></div>`);
  }));
}

async function newUser(session) {
  // Administrators keep users, not cases: where the register is closed to them
  // (the access policy's manage_reviewers), the reviewer's entry is given by its number.
  const reviewers = (session.permissions || []).includes("manage_reviewers")
    ? (await api.get("/api/v1/reviewers")).reviewers || [] : null;
  const fields = [
    { name: "username", type: "text", required: true, label: "Username", max_length: 64 },
    { name: "display_name", type: "text", required: true, label: "Full name", max_length: 200 },
    { name: "role", type: "choice", required: true, label: "Role", choices: roles.map(([r]) => r) },
    { name: "agency", type: "text", required: false, label: "Agency (agency contributors only)", max_length: 200 },
    reviewers ? { name: "reviewer_id", type: "reviewer", required: false, label: "Entry in the reviewer register (independent reviewers only)" }
      : { name: "reviewer_id", type: "integer", required: false, label: "Number of the reviewer's entry in the register (independent reviewers only)" },
  ];
  const main = page("Add a user", html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    <form id="user-form" novalidate>${formMarkup(fields, { reviewers: reviewers || [] })}${button("Add user")}</form>
    <div id="created" aria-live="polite"></div></div></div>`, { back: "/admin/users" });
  const form = main.querySelector("#user-form");
  form.querySelectorAll('select[name="role"] option').forEach((o) => {
    const title = roles.find(([r]) => r === o.value);
    if (title) o.textContent = title[1];
  });
  onSubmit(form, async () => {
    const { facts, problems } = readFacts(form, fields);
    if (facts.role === "agency_contributor" && !facts.agency) problems.agency = "Enter the agency this contributor answers for";
    if (facts.role === "independent_reviewer" && !facts.reviewer_id) problems.reviewer_id = "Choose the reviewer's entry in the register";
    if (Object.keys(problems).length) return showProblems(form, problems);
    if (facts.role !== "agency_contributor") delete facts.agency;
    if (facts.role !== "independent_reviewer") delete facts.reviewer_id;
    const created = await api.post("/api/v1/users", facts);
    form.remove();
    main.querySelector("#created").innerHTML = markup(html`<div class="govuk-panel govuk-panel--confirmation">
      <h2 class="govuk-panel__title">${created.username} added</h2>
      <div class="govuk-panel__body">One-time password<br><code id="temporary-password">${created.temporary_password}</code></div></div>
      <p class="govuk-body">Give the password to ${created.display_name} in person or by phone. It is shown once; they choose their own when they first sign in.</p>
      <p class="govuk-body"><a class="govuk-link" href="/admin/users">Back to users</a></p>`);
    main.querySelector("#created").focus();
  });
}

// The national vocabulary editor keeps the national codes; a partnership's
// administrator adds its own local codes and retires any code for itself only.
async function vocabularies(session) {
  const national = session.role === "national_editor";
  const [factors, themes] = await Promise.all([api.get("/api/v1/vocabularies/factors"), api.get("/api/v1/vocabularies/themes")]);
  const domains = factors.domains;
  const status = (x) => {
    if (x.active) return tag("In use", "green");
    return x.retired_nationally ? tag("Retired nationally", "grey") : tag(national ? "Retired" : "Retired here", "grey");
  };
  // A code retired nationally comes back only nationally.
  const action = (vocabulary, x) => (!national && x.retired_nationally ? ""
    : html`<button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-vocabulary="${vocabulary}" data-code="${x.code}" data-active="${x.active}">${x.active ? "Retire" : "Restore"}<span class="govuk-visually-hidden"> ${x.code}</span></button>`);
  const codeTable = (caption, vocabulary, list) => table(caption, [
    { title: "Code", cell: (x) => x.code },
    { title: "Label", cell: (x) => x.label },
    ...(national ? [] : [{ title: "Kept by", cell: (x) => (x.national ? "National" : "This partnership") }]),
    { title: "Status", cell: status },
    { title: "", cell: (x) => action(vocabulary, x) },
  ], list);
  const scopeWords = national ? "national" : "local";
  const codeFields = [{ name: "code", type: "text", required: true, label: "Code (lower case, e.g. neglect_in_adolescence)", max_length: 64 },
    { name: "label", type: "text", required: true, label: "Label", max_length: 200 }];
  const main = page(national ? "National modifiable factors and learning themes" : "Modifiable factors and learning themes", html`
    <p class="govuk-body">${national
    ? "These codes are offered to every partnership. Retiring one stops every partnership using it in new records; old records keep it."
    : "The national codes come from the national vocabulary editor. Codes you add, and codes you retire, are for this partnership only."}</p>
    <form id="theme-form" novalidate class="govuk-!-margin-bottom-6">
      <h2 class="govuk-heading-m">Add a ${scopeWords} learning theme</h2>
      ${formMarkup(codeFields, {})}
      ${button("Add theme", { secondary: true })}
    </form>
    <form id="factor-form" novalidate class="govuk-!-margin-bottom-6">
      <h2 class="govuk-heading-m">Add a ${scopeWords} modifiable factor</h2>
      ${formMarkup([...codeFields, { name: "domain", type: "choice", required: true, label: "Domain", choices: domains }], {})}
      ${button("Add factor", { secondary: true })}
    </form>
    ${codeTable("Learning themes", "themes", themes.themes)}
    ${codeTable("Modifiable factors", "factors", factors.factors)}`);
  onSubmit(main.querySelector("#theme-form"), async (form) => {
    await api.post("/api/v1/vocabularies/themes", { code: form.elements.code.value.trim(), label: form.elements.label.value.trim() });
    flash("Theme added.");
    location.reload();
  });
  onSubmit(main.querySelector("#factor-form"), async (form) => {
    await api.post("/api/v1/vocabularies/factors", { code: form.elements.code.value.trim(), label: form.elements.label.value.trim(),
      domain: form.elements.domain.value });
    flash("Factor added.");
    location.reload();
  });
  main.querySelectorAll("[data-vocabulary]").forEach((b) => b.addEventListener("click", async () => {
    await api.put(`/api/v1/vocabularies/${b.dataset.vocabulary}/${b.dataset.code}/status`, { active: b.dataset.active !== "true" });
    flash(`${b.dataset.code} ${b.dataset.active === "true" ? "retired" : "restored"}.`);
    location.reload();
  }));
}

async function rules() {
  const [list, changes] = await Promise.all([api.get("/api/v1/deadline-rules"), api.get("/api/v1/rule-setting-changes")]);
  const changeable = list.rules.filter((r) => r.partnership_may_change);
  const main = page("Deadline rules", html`
    ${table("Rules", [
      { title: "Rule", cell: (r) => html`${r.title}<br><span class="govuk-body-s">${r.source}</span>` },
      { title: "Time allowed", cell: (r) => `${r.amount} ${words(r.unit).toLowerCase()} from ${r.anchor.label}` },
      { title: "Who acts", cell: (r) => r.who_acts },
      { title: "May change", cell: (r) => (r.partnership_may_change ? "Yes" : "No (statutory)") },
    ], list.rules, { id: "rules" })}
    <form id="rule-form" novalidate class="govuk-!-margin-bottom-6">
      <h2 class="govuk-heading-m">Change a local rule</h2>
      ${formMarkup([
        { name: "rule", type: "choice", required: true, label: "Rule", choices: changeable.map((r) => r.id),
          choice_labels: changeable.map((r) => `${r.title} (now ${r.amount} ${words(r.unit).toLowerCase()})`) },
        { name: "amount", type: "integer", required: true, label: "Time allowed (in the rule's unit)" },
        { name: "reason", type: "text", required: true, label: "Why (recorded with the change)", max_length: 1000 },
      ], {})}
      ${button("Change rule", { secondary: true })}
    </form>
    ${table("Changes", [
      { title: "When", cell: (c) => dateTime(c.changed_at) },
      { title: "Rule", cell: (c) => c.rule_id },
      { title: "Change", cell: (c) => `${c.before.amount ?? "the default"} → ${c.after.amount ?? "the default"}` },
      { title: "Why", cell: (c) => c.reason },
      { title: "Who", cell: (c) => c.changed_by },
    ], changes.changes, { empty: "No changes yet.", id: "rule-changes" })}`);
  onSubmit(main.querySelector("#rule-form"), async (form) => {
    const { facts, problems } = readFacts(form, [
      { name: "rule", type: "choice", required: true, label: "Rule" }, { name: "amount", type: "integer", required: true, label: "Time allowed" },
      { name: "reason", type: "text", required: true, label: "Reason" }]);
    if (Object.keys(problems).length) return showProblems(form, problems);
    await api.put(`/api/v1/deadline-rules/${facts.rule}/setting`, { amount: facts.amount, reason: facts.reason });
    flash("Rule changed; new cases use it.");
    location.reload();
  });
}

async function areas() {
  const list = await api.get("/api/v1/partnership/areas");
  const main = page("Local authority areas", html`
    <ul class="govuk-list govuk-list--bullet" id="areas">${(list.local_authorities || []).map((a) => html`<li>${a}</li>`)}</ul>
    <form id="area-form" novalidate>
      ${formMarkup([{ name: "local_authority", type: "text", required: true, label: "Add a local authority", max_length: 200 }], {})}
      ${button("Add area", { secondary: true })}
    </form>`);
  onSubmit(main.querySelector("#area-form"), async (form) => {
    await api.post("/api/v1/partnership/areas", { local_authority: form.elements.local_authority.value.trim() });
    flash("Area added.");
    location.reload();
  });
}

async function calendar() {
  const health = await api.get("/api/v1/health");
  const c = health.calendar;
  const main = page("Bank holiday calendar", html`${summaryList([
      ["Published years", `${c.published_from} to ${c.published_to}`],
      ["Revision", String(c.revision)],
      ["Source", c.source],
      ["Loaded", dateTime(c.loaded_at)],
    ])}
    <p class="govuk-body">Deadlines that fall after ${c.published_to} are marked provisional: they follow the standing rules
      for bank holidays and may move when the next year is published.</p>
    <form id="calendar-form" novalidate>
      <div class="govuk-form-group" data-field="feed">
        <label class="govuk-label govuk-label--m" for="f-feed">Refresh from GOV.UK's feed</label>
        <div class="govuk-hint" id="f-feed-hint">Download bank-holidays.json from www.gov.uk/bank-holidays.json and choose it here.
          The years it covers replace those held; every open clock is recomputed; the load is recorded as a new revision.</div>
        <p id="f-feed-error" class="govuk-error-message" hidden></p>
        <input class="govuk-file-upload" id="f-feed" name="feed" type="file" accept=".json,application/json" aria-describedby="f-feed-hint">
      </div>
      ${button("Load the calendar", { secondary: true })}
    </form>
    <div id="calendar-result" tabindex="-1"></div>`);
  const form = main.querySelector("#calendar-form");
  onSubmit(form, async () => {
    const file = form.elements.feed.files[0];
    if (!file) return showProblems(form, { feed: "Choose the bank-holidays.json file" });
    let feed;
    try {
      feed = JSON.parse(await file.text());
    } catch {
      return showProblems(form, { feed: "The file is not JSON: choose the bank-holidays.json file from GOV.UK" });
    }
    const loaded = await api.put("/api/v1/calendar", feed);
    const result = main.querySelector("#calendar-result");
    result.innerHTML = markup(html`<div class="govuk-panel govuk-panel--confirmation">
      <h2 class="govuk-panel__title">Calendar revision ${loaded.revision}</h2>
      <div class="govuk-panel__body">${loaded.holidays} bank holidays, ${loaded.from_year} to ${loaded.to_year}</div></div>
      <p class="govuk-body">${loaded.added.length || loaded.removed.length
        ? `Added: ${loaded.added.join("; ") || "none"}. Removed: ${loaded.removed.join("; ") || "none"}.`
        : "No dates changed in those years."} Open deadlines recomputed on ${loaded.cases_recomputed} cases.</p>`);
    result.focus();
  });
}

async function audit(session) {
  const result = await api.get("/api/v1/audit/verification");
  const main = page("Audit verification", html`
    <div class="govuk-panel ${result.intact ? "govuk-panel--confirmation" : ""}" id="audit-result">
      <h2 class="govuk-panel__title">${result.intact ? "Intact" : "Problems found"}</h2>
      <div class="govuk-panel__body">${result.cases_checked} cases, ${result.events_checked} events, ${result.checkpoints_checked} signed checkpoints checked</div>
    </div>
    ${table("Broken chains", [
      { title: "Case", cell: (b) => b.case_reference },
      { title: "First bad event", cell: (b) => b.first_bad_event },
      { title: "Problem", cell: (b) => b.problem },
    ], result.broken_chains || [], { empty: "Every case's chain verifies." })}
    ${table("Checkpoint findings", [
      { title: "Checkpoint", cell: (f) => `${f.checkpoint_id}, signed ${dateTime(f.taken_at)}` },
      { title: "Case", cell: (f) => f.case_reference },
      { title: "Problem", cell: (f) => f.problem },
    ], result.checkpoint_findings || [], { empty: "Every checkpoint's signature and heads verify." })}
    ${session.role === "administrator" ? html`<form id="checkpoint-form" novalidate>${button("Sign a checkpoint now", { secondary: true })}</form>` : ""}`,
  { back: session.role === "administrator" ? "/admin" : "" });
  const form = main.querySelector("#checkpoint-form");
  if (form) onSubmit(form, async () => {
    await api.post("/api/v1/audit/checkpoints", {});
    flash("Checkpoint signed.");
    location.reload();
  });
}

async function accessLog(session) {
  const log = await api.get("/api/v1/access-log?limit=200");
  page("Access log", html`<p class="govuk-body">Every read of a child's identifying details or of a document, newest first.
      <a class="govuk-link" href="/api/v1/access-log?format=csv&limit=10000" download>Download as CSV</a></p>
    ${table(`${log.entries.length} entries`, [
      { title: "When", cell: (e) => dateTime(e.at) },
      { title: "Who", cell: (e) => e.username },
      { title: "Case", cell: (e) => e.case_reference },
      { title: "What", cell: (e) => words(e.what) },
      { title: "Reason given", cell: (e) => e.reason },
    ], log.entries, { empty: "Nothing has been read yet.", id: "access-log" })}`,
  { back: session.role === "administrator" ? "/admin" : "" });
}
