// Attaching a document to a case: what it is, and the file. The server checks
// the type and size, stores the bytes under their SHA-256 and records the hash
// in the case's event log.
import { api, Problem } from "./api.js";
import { html, show, flash, query } from "./ui.js";
import { showProblems, problemsFromApi, button } from "./forms.js";

export function typeOf(types, file) {
  const lower = file.name.toLowerCase();
  const t = types.media_types.find((m) => m.extensions.some((e) => lower.endsWith(e)));
  return file.type || (t ? t.media_type : "application/octet-stream");
}

export async function draw({ params }) {
  const id = params[0];
  const [c, types] = await Promise.all([api.get(`/api/v1/cases/${id}`), api.get("/api/v1/document-types")]);
  const kind = query("kind") || "";
  const recordDraft = (c.allowed_commands || []).find((x) => x.name === "record_draft");
  const accept = types.media_types.flatMap((t) => t.extensions).join(",");
  const main = show(`Attach a document – ${c.reference}`, html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
    <a href="/cases/${id}" class="govuk-back-link">Back</a>
    <span class="govuk-caption-l">${c.reference}</span>
    <h1 class="govuk-heading-l">Attach a document</h1>
    <form id="upload-form" novalidate>
      <div class="govuk-form-group" data-field="kind">
        <label class="govuk-label govuk-label--s" for="f-kind">What is it?</label>
        <p id="f-kind-error" class="govuk-error-message" hidden></p>
        <select class="govuk-select" id="f-kind" name="kind">
          <option value="">Choose…</option>
          ${types.kinds.map((k) => html`<option value="${k.code}">${k.title}</option>`)}
        </select>
      </div>
      <div class="govuk-form-group" data-field="content">
        <label class="govuk-label govuk-label--s" for="f-content">File</label>
        <div class="govuk-hint" id="f-content-hint">PDF, Word, Excel, OpenDocument, text, CSV, PNG or JPEG, smaller than ${Math.floor(types.max_bytes / 1048576)} MB.</div>
        <p id="f-content-error" class="govuk-error-message" hidden></p>
        <input class="govuk-file-upload" id="f-content" name="file" type="file" accept="${accept}" aria-describedby="f-content-hint">
      </div>
      ${recordDraft ? html`<div class="govuk-form-group" data-field="draft_label" id="draft-options">
        <label class="govuk-label govuk-label--s" for="f-draft_label">Draft label, to record the draft as received today</label>
        <div class="govuk-hint" id="f-draft_label-hint">For example "Draft 2". Leave empty to attach the file only.</div>
        <p id="f-draft_label-error" class="govuk-error-message" hidden></p>
        <input class="govuk-input govuk-input--width-10" id="f-draft_label" name="draft_label" type="text" aria-describedby="f-draft_label-hint">
      </div>` : ""}
      ${button("Attach")}
    </form></div></div>`);
  const form = main.querySelector("#upload-form");
  form.elements.kind.value = kind;
  form.elements.kind.focus();
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const problems = {};
    if (!form.elements.kind.value) problems.kind = "Choose what the document is";
    const file = form.elements.file.files[0];
    if (!file) problems.content = "Choose a file";
    else if (file.size > types.max_bytes) problems.content = `The file must be smaller than ${Math.floor(types.max_bytes / 1048576)} MB`;
    if (Object.keys(problems).length) return showProblems(form, problems);
    try {
      const p = new URLSearchParams({ kind: form.elements.kind.value, name: file.name });
      const stored = await api.upload(`/api/v1/cases/${id}/documents?${p}`, file, typeOf(types, file));
      const label = recordDraft && form.elements.draft_label ? form.elements.draft_label.value.trim() : "";
      if (label) {
        const today = (await api.get("/api/v1/health")).today;
        await api.post(`/api/v1/cases/${id}/commands`, {
          command: "record_draft", expected_version: stored.case_version, facts: { draft_label: label, received_on: today },
        });
      }
      flash(`${file.name} attached${label ? ` and ${label} recorded as received` : ""}.`);
      location.assign(query("back") || `/cases/${id}`);
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      const { fields, general } = problemsFromApi(err);
      if (fields.media_type) fields.content = fields.media_type;
      if (fields.file_name) fields.content = fields.file_name;
      delete fields.media_type;
      delete fields.file_name;
      showProblems(form, fields, general);
    }
  });
}
