// Logging a notification: a child's death (child death review) or a serious
// incident (notification to the National Panel). The form is the workflow's
// opening command; as dates are typed the server previews the deadlines the
// case would start with, and warns of a possible duplicate or a child from
// outside the area before anything is saved. A long form (the child death
// notification) comes in sections, each under its heading. Before saving, the
// answers are shown section by section to check, each with a link back to
// change it. Then a confirmation page says what happens next.
import { api, Problem } from "./api.js";
import { html, raw, show, markup, longDate, statusTag, tag, table, warningText, query } from "./ui.js";
import { formMarkup, lookupsFor, readFacts, showProblems, clearProblems, problemsFromApi, button, sectionsOf,
  answerText } from "./forms.js";

const kinds = {
  death: { kind: "child_death_review", title: "A child's death", heading: "Log a child's death" },
  incident: { kind: "serious_incident_notification", title: "A serious incident", heading: "Log a serious incident" },
};

export async function draw() {
  const chosen = kinds[query("kind")];
  if (!chosen) return drawChoice();
  const workflows = (await api.get("/api/v1/workflows")).workflows;
  const workflow = workflows.find((w) => w.kind === chosen.kind);
  const command = workflow.commands.find((c) => c.name === workflow.opening_command);
  const lookups = await lookupsFor(command.fields, api);
  const main = show(chosen.heading, html`<div class="govuk-grid-row">
    <div class="govuk-grid-column-two-thirds">
      <a href="/notifications/new" class="govuk-back-link">Back</a>
      <h1 class="govuk-heading-l">${chosen.heading}</h1>
      <p class="govuk-body">${command.description}</p>
      <form id="notification" novalidate>
        ${formMarkup(command.fields, lookups)}
        <div id="warnings"></div>
        ${button("Continue")}
      </form>
      <div id="check-answers" hidden></div>
    </div>
    <div class="govuk-grid-column-one-third">
      <div class="app-preview" aria-live="polite" id="preview">
        <h2 class="govuk-heading-m">Deadlines this would start</h2>
        <p class="govuk-body">Enter the dates to see them.</p>
      </div>
    </div></div>`, { identifying: true });
  const form = main.querySelector("#notification");
  let warnings = [];
  let timer = null;

  // Checks can overtake each other; only the answer to the latest one is shown.
  let latestCheck = 0;
  const preview = async () => {
    const { facts } = readFacts(form, command.fields);
    const asked = ++latestCheck;
    try {
      const check = await api.post("/api/v1/cases/checks", { kind: chosen.kind, facts });
      if (asked !== latestCheck) return;
      warnings = check.warnings || [];
      drawPreview(main.querySelector("#preview"), check);
      drawWarnings(main.querySelector("#warnings"), warnings);
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
    }
  };
  // Ticking a warning's confirmation changes no fact: it asks for no new check.
  form.addEventListener("input", (e) => {
    if (e.target.name === "confirm") return;
    clearTimeout(timer);
    timer = setTimeout(preview, 300);
  });
  form.addEventListener("change", (e) => {
    if (e.target.name === "confirm") return;
    clearTimeout(timer);
    timer = setTimeout(preview, 100);
  });

  const checkArea = main.querySelector("#check-answers");
  const backToForm = (field) => {
    checkArea.hidden = true;
    checkArea.innerHTML = "";
    form.hidden = false;
    const target = field ? document.getElementById(`f-${field}`) : null;
    (target || form.querySelector("input, select, textarea")).focus();
  };

  // The answers, section by section, each with a link back to change it; saving
  // happens from here.
  const checkAnswers = (facts, confirm) => {
    form.hidden = true;
    checkArea.hidden = false;
    checkArea.innerHTML = markup(html`<h2 class="govuk-heading-l" id="check-heading" tabindex="-1">Check your answers before saving</h2>
      ${sectionsOf(command.fields).map((group) => html`${group.section ? html`<h3 class="govuk-heading-m">${group.section}</h3>` : ""}
        <dl class="govuk-summary-list govuk-!-margin-bottom-9">${group.fields.map((f) => html`<div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">${f.label}</dt>
          <dd class="govuk-summary-list__value">${answerText(f, facts[f.name], lookups)}</dd>
          <dd class="govuk-summary-list__actions"><a class="govuk-link" href="#f-${f.name}" data-change="${f.name}">Change<span class="govuk-visually-hidden"> ${f.label.toLowerCase()}</span></a></dd>
        </div>`)}</dl>`)}
      <form id="save-notification" novalidate>${button("Save notification")}</form>`);
    checkArea.querySelectorAll("a[data-change]").forEach((a) => a.addEventListener("click", (e) => {
      e.preventDefault();
      backToForm(a.dataset.change);
    }));
    checkArea.querySelector("#save-notification").addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        const opened = await api.post("/api/v1/cases", { kind: chosen.kind, facts, confirm });
        drawConfirmation(opened);
      } catch (err) {
        if (!(err instanceof Problem)) throw err;
        backToForm();
        if (err.code === "CONFIRMATION_REQUIRED") {
          warnings = err.body.warnings || [];
          drawWarnings(main.querySelector("#warnings"), warnings);
          return showProblems(form, { confirm: "Check the warnings below and tick each one to go on" });
        }
        const { fields, general } = problemsFromApi(err);
        showProblems(form, fields, general);
      }
    });
    checkArea.querySelector("#check-heading").focus();
  };

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    const { facts, problems } = readFacts(form, command.fields);
    if (Object.keys(problems).length) return showProblems(form, problems);
    const confirm = [...form.querySelectorAll("input[name=confirm]:checked")].map((c) => c.value);
    if (warnings.some((w) => !confirm.includes(w.code))) {
      return showProblems(form, { confirm: "Check the warnings below and tick each one to go on" });
    }
    clearProblems(form);
    checkAnswers(facts, confirm);
  });
}

function drawChoice() {
  const main = show("Log a notification", html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    <form id="choose-kind" novalidate>
      <div class="govuk-form-group" data-field="kind">
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--l"><h1 class="govuk-fieldset__heading">What are you logging?</h1></legend>
          <p id="f-kind-error" class="govuk-error-message" hidden></p>
          <div class="govuk-radios" data-module="govuk-radios">
            <div class="govuk-radios__item">
              <input class="govuk-radios__input" id="f-kind" name="kind" type="radio" value="death" aria-describedby="kind-death-hint">
              <label class="govuk-label govuk-radios__label" for="f-kind">A child's death</label>
              <div id="kind-death-hint" class="govuk-hint govuk-radios__hint">Starts the child death review: notification to the CDOP, the Joint Agency Response where it applies, reporting forms.</div>
            </div>
            <div class="govuk-radios__item">
              <input class="govuk-radios__input" id="f-kind-2" name="kind" type="radio" value="incident" aria-describedby="kind-incident-hint">
              <label class="govuk-label govuk-radios__label" for="f-kind-2">A serious incident</label>
              <div id="kind-incident-hint" class="govuk-hint govuk-radios__hint">A child has died or been seriously harmed and abuse or neglect is known or suspected: notify the National Panel within 5 working days.</div>
            </div>
          </div>
        </fieldset>
      </div>
      ${button("Continue")}
    </form></div></div>`);
  const form = main.querySelector("#choose-kind");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const chosen = form.querySelector("input[name=kind]:checked");
    if (!chosen) return showProblems(form, { kind: "Choose what you are logging" });
    location.assign(`/notifications/new?kind=${chosen.value}`);
  });
}

function clockRows(clocks) {
  return clocks.map((c) => html`<li><strong>${c.title}</strong>: ${c.due_date ? longDate(c.due_date) : "when it starts"}
    ${c.provisional ? tag("Provisional", "yellow") : ""}<br><span class="govuk-body-s">${c.who_acts}</span></li>`);
}

function drawPreview(target, check) {
  const clocks = check.deadlines;
  target.innerHTML = markup(html`<h2 class="govuk-heading-m">Deadlines this would start</h2>
    ${check.refusal ? warningText(check.refusal) : ""}
    ${clocks.length ? html`<ul class="govuk-list govuk-list--spaced" id="preview-deadlines">${clockRows(clocks)}</ul>`
      : html`<p class="govuk-body">Enter the dates to see them.</p>`}`);
}

// Redraws the warnings to confirm; a warning the user has ticked stays ticked.
function drawWarnings(target, warnings) {
  const ticked = new Set([...target.querySelectorAll("input[name=confirm]:checked")].map((c) => c.value));
  target.innerHTML = markup(warnings.length ? html`<div class="govuk-form-group" data-field="confirm">
    <fieldset class="govuk-fieldset">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Check before saving</legend>
      <p id="f-confirm-error" class="govuk-error-message" hidden></p>
      ${warnings.map((w, i) => html`${warningText(w.message)}
        <div class="govuk-checkboxes govuk-checkboxes--small"><div class="govuk-checkboxes__item">
          <input class="govuk-checkboxes__input" id="${i === 0 ? "f-confirm" : `f-confirm-${i}`}" name="confirm" type="checkbox" value="${w.code}" ${ticked.has(w.code) ? raw("checked") : ""}>
          <label class="govuk-label govuk-checkboxes__label" for="${i === 0 ? "f-confirm" : `f-confirm-${i}`}">I have checked this and want to save the notification${w.case_references && w.case_references.length ? ` (see ${w.case_references.join(", ")})` : ""}</label>
        </div></div>`)}
    </fieldset></div>` : "");
}

function drawConfirmation(opened) {
  const clocks = (opened.deadlines || []).filter((d) => d.status !== "met");
  show("Notification saved", html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    <div class="govuk-panel govuk-panel--confirmation">
      <h1 class="govuk-panel__title">Notification saved</h1>
      <div class="govuk-panel__body">Case reference<br><strong id="case-reference">${opened.reference}</strong></div>
    </div>
    ${opened.page_unavailable ? html`<div class="govuk-inset-text" id="page-unavailable">${opened.page_unavailable}</div>` : ""}
    <h2 class="govuk-heading-m">What happens next</h2>
    <p class="govuk-body">${opened.state_meaning || ""}</p>
    ${table("Deadlines", [
      { title: "What is due", cell: (d) => d.title },
      { title: "Due", cell: (d) => html`${d.due_date ? longDate(d.due_date) : "—"} ${d.provisional ? tag("Provisional", "yellow") : ""}` },
      { title: "Who acts", cell: (d) => d.who_acts },
      { title: "Status", cell: (d) => statusTag(d.status) },
    ], clocks, { id: "new-case-deadlines" })}
    ${(opened.opened_cases || []).length ? html`<p class="govuk-body">Also opened: ${opened.opened_cases.map((c) => c.reference).join(", ")}.</p>` : ""}
    <p class="govuk-body"><a class="govuk-link" href="/cases/${opened.id}">Go to the case</a> or
      <a class="govuk-link" href="/dashboard">back to the dashboard</a>.</p>
  </div></div>`);
  document.getElementById("main-content").focus();
}
