// One step on a case, as a form: the rapid review meeting and decision, the
// CDOP analysis, a contract, a hold and its resumption, an answer… The fields
// come from the command the API says the user may take now; a rule that says
// no is shown in the error summary with the field it concerns.
import { api, Problem } from "./api.js";
import { html, show, flash, query } from "./ui.js";
import { formMarkup, lookupsFor, readFacts, showProblems, problemsFromApi, button } from "./forms.js";

export async function draw({ params, session }) {
  const [id, name] = params;
  const c = await api.get(`/api/v1/cases/${id}`);
  const command = (c.allowed_commands || []).find((x) => x.name === name);
  if (!command) {
    show("You cannot do this now", html`<a href="/cases/${id}" class="govuk-back-link">Back to ${c.reference}</a>
      <h1 class="govuk-heading-l">You cannot do this now</h1>
      <p class="govuk-body">${c.reference} is ${c.state_title.toLowerCase()}; this step is not open to you in that state.</p>`);
    return;
  }
  // Values to start with: from the address (e.g. ?request_ref=WR1), and the
  // contributor's own agency.
  const values = {};
  for (const f of command.fields) {
    const v = query(f.name);
    if (v !== null) values[f.name] = v;
  }
  if (session.agency && command.fields.some((f) => f.name === "agency")) values.agency = session.agency;
  await drawCommandForm({ id, version: c.version, reference: c.reference, command, values, back: `/cases/${id}` });
}

// Also used by the agency inbox, whose users cannot read the case itself.
export async function drawCommandForm({ id, version, reference, command, values = {}, back, before, after }) {
  const lookups = await lookupsFor(command.fields, api);
  const main = show(`${command.title} – ${reference}`, html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    <a href="${back}" class="govuk-back-link">Back</a>
    <span class="govuk-caption-l">${reference}</span>
    <h1 class="govuk-heading-l">${command.title}</h1>
    <p class="govuk-body">${command.description}</p>
    <form id="command-form" novalidate>
      ${formMarkup(command.fields, lookups, values)}
      ${before ? before.markup : ""}
      ${button("Save")}
    </form>
    <p class="govuk-body"><a class="govuk-link" href="${back}">Cancel</a></p>
  </div></div>`);
  const form = main.querySelector("#command-form");
  let busy = false;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (busy) return;
    const { facts, problems } = readFacts(form, command.fields);
    if (Object.keys(problems).length) return showProblems(form, problems);
    busy = true;
    try {
      let expected = version;
      if (before) expected = (await before.run(form, expected)) ?? expected;
      const result = await api.post(`/api/v1/cases/${id}/commands`, { command: command.name, expected_version: expected, facts });
      const opened = (result.opened_cases || []).map((o) => o.reference);
      flash(`${command.title}: saved.${opened.length ? ` Opened ${opened.join(", ")}.` : ""}`);
      location.assign(after || back);
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      if (err.code === "CASE_VERSION_STALE") {
        showProblems(form, {}, ["Someone else changed this case while you were working. Your answers are still here: go back to the case to see what changed, then try again."]);
      } else {
        const { fields, general } = problemsFromApi(err);
        showProblems(form, fields, general);
      }
    } finally {
      busy = false;
    }
  });
  const first = form.querySelector("input, select, textarea");
  if (first) first.focus();
  return main;
}
