// Importing a spreadsheet of cases (a manager's page): choose the sheet and the
// CSV file, check it (a dry run: every row that would be refused, and why, or
// the cases each row would open), then import it; nothing is written unless
// every row passes. The columns of each sheet are listed, with a header row to
// start a spreadsheet from, and the imports made so far are listed below.
import { api, Problem } from "./api.js";
import { html, show, markup, table, dateTime, plural } from "./ui.js";
import { showProblems, button } from "./forms.js";

const SHEETS = {
  safeguarding: {
    title: "Serious incidents and their rapid reviews",
    hint: "One serious incident notification per row, with its rapid review's meeting, decision and the Panel's response. The safeguarding register export has these columns.",
  },
  deaths: {
    title: "A CDOP's past child deaths",
    hint: "One death per row, with the panel review scored on the legacy 0 to 3 scale (0, 1, 1*, 2 or 3), mapped as casereview maps it and the originals kept.",
  },
};

function sheetChoice() {
  return html`<div class="govuk-form-group" data-field="sheet">
    <fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
      <h2 class="govuk-fieldset__heading">What the spreadsheet holds</h2></legend>
      <p id="f-sheet-error" class="govuk-error-message" hidden></p>
      <div class="govuk-radios" data-module="govuk-radios">
        ${Object.entries(SHEETS).map(([code, sheet], i) => html`<div class="govuk-radios__item">
          <input class="govuk-radios__input" id="${i ? `f-sheet-${code}` : "f-sheet"}" name="sheet" type="radio" value="${code}"
            aria-describedby="f-sheet-${code}-hint">
          <label class="govuk-label govuk-radios__label" for="${i ? `f-sheet-${code}` : "f-sheet"}">${sheet.title}</label>
          <div class="govuk-hint govuk-radios__hint" id="f-sheet-${code}-hint">${sheet.hint}</div></div>`)}
      </div></fieldset></div>`;
}

// The result of a check or an import: the rows refused, or the cases opened.
function resultMarkup(result, { refused }) {
  if (refused) {
    return html`<div class="govuk-error-summary" id="import-refused" tabindex="-1">
        <h2 class="govuk-error-summary__title">${plural(result.refused.length, "problem")} found: nothing was imported</h2>
        <div class="govuk-error-summary__body"><p class="govuk-body">Correct the spreadsheet and check it again.</p></div></div>
      ${table("Rows that would be refused", [
      { title: "Row", cell: (p) => String(p.row) },
      { title: "Reference", cell: (p) => p.reference },
      { title: "Column", cell: (p) => p.column },
      { title: "Why", cell: (p) => p.message },
    ], result.refused, { id: "refused-rows" })}`;
  }
  const opened = result.cases.map((c) => ({ ...c, opened: c.case_references.join(", ") }));
  return html`<div class="govuk-panel govuk-panel--confirmation" id="import-result" tabindex="-1">
      <h2 class="govuk-panel__title">${result.written ? `${plural(result.rows, "row")} imported` : `Every one of the ${plural(result.rows, "row")} can be imported`}</h2>
      <div class="govuk-panel__body">${result.written ? "The cases below are in casereview now." : "Nothing has been written yet."}</div></div>
    ${table(result.written ? "Cases opened" : "Cases each row would open", [
      { title: "Row", cell: (c) => String(c.row) },
      { title: "Reference in the spreadsheet", cell: (c) => c.reference },
      { title: "Cases", cell: (c) => c.opened },
    ], opened, { id: "import-cases" })}
    ${result.written ? "" : html`<form id="import-form" novalidate>${button("Import these rows", { id: "import-button" })}</form>`}`;
}

function columnsMarkup(sheets) {
  return sheets.map(({ sheet, columns }) => html`<details class="govuk-details">
      <summary class="govuk-details__summary"><span class="govuk-details__summary-text">The columns of “${SHEETS[sheet].title}”</span></summary>
      <div class="govuk-details__text">
        <p class="govuk-body">The first row names the columns, in any order. Dates are written 2022-04-01 or 01/04/2022; lists are separated by semicolons.
          <a class="govuk-link" download="${sheet}-template.csv"
            href="data:text/csv;charset=utf-8,${encodeURIComponent(`${columns.map((c) => c.name).join(",")}\r\n`)}">Download an empty spreadsheet with these columns</a>.</p>
        ${table(`Columns of ${sheet}`, [
    { title: "Column", cell: (c) => c.name },
    { title: "What to write", cell: (c) => c.meaning },
    { title: "Required", cell: (c) => (c.required ? "Yes" : "No") },
  ], columns)}</div></details>`);
}

function importsMarkup(items) {
  return table("Imported so far", [
    { title: "When", cell: (i) => dateTime(i.imported_at) },
    { title: "File", cell: (i) => i.file_name },
    { title: "Sheet", cell: (i) => SHEETS[i.sheet] ? SHEETS[i.sheet].title : i.sheet },
    { title: "Rows", cell: (i) => String(i.rows) },
    { title: "By", cell: (i) => i.imported_by },
  ], items, { empty: "Nothing has been imported yet.", id: "imports" });
}

async function send(sheet, file, dryRun) {
  const params = new URLSearchParams({ file_name: file.name, dry_run: dryRun ? "true" : "false" });
  try {
    return { result: await api.upload(`/api/v1/imports/${sheet}?${params}`, file, "text/csv"), refused: false };
  } catch (error) {
    if (error instanceof Problem && error.code === "IMPORT_REFUSED") return { result: error.body, refused: true };
    throw error;
  }
}

export async function draw() {
  const [safeguarding, deaths, imports] = await Promise.all([api.get("/api/v1/imports/safeguarding/columns"),
    api.get("/api/v1/imports/deaths/columns"), api.get("/api/v1/imports")]);
  const main = show("Import a spreadsheet", html`<div class="govuk-grid-row"><div class="govuk-grid-column-full">
    <h1 class="govuk-heading-l">Import a spreadsheet</h1>
    <p class="govuk-body">Bring in the cases kept in a spreadsheet, saved as CSV. Each row goes through the same steps as a case
      recorded here, so every rule and clock applies. Check the file first: nothing is written unless every row can be imported,
      and a file is imported once.</p>
    <form id="check-form" novalidate>
      ${sheetChoice()}
      <div class="govuk-form-group" data-field="content">
        <label class="govuk-label govuk-label--m" for="f-content">The spreadsheet, saved as CSV</label>
        <p id="f-content-error" class="govuk-error-message" hidden></p>
        <input class="govuk-file-upload" id="f-content" name="file" type="file" accept=".csv,text/csv">
      </div>
      ${button("Check the file", { secondary: true, id: "check-button" })}
    </form>
    <div id="import-outcome" aria-live="polite"></div>
    ${columnsMarkup([safeguarding, deaths])}
    <div id="import-list">${importsMarkup(imports.items)}</div></div></div>`);
  const form = main.querySelector("#check-form");
  const outcome = main.querySelector("#import-outcome");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const problems = {};
    const sheet = form.elements.sheet.value;
    const file = form.elements.file.files[0];
    if (!sheet) problems.sheet = "Choose what the spreadsheet holds";
    if (!file) problems.content = "Choose the CSV file";
    if (Object.keys(problems).length) return showProblems(form, problems);
    showProblems(form, {});
    const checked = await send(sheet, file, true);
    outcome.innerHTML = markup(resultMarkup(checked.result, checked));
    outcome.firstElementChild.focus();
    const importForm = outcome.querySelector("#import-form");
    if (!importForm) return;
    importForm.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const done = await send(sheet, file, false);
      outcome.innerHTML = markup(resultMarkup(done.result, done));
      outcome.firstElementChild.focus();
      main.querySelector("#import-list").innerHTML = markup(importsMarkup((await api.get("/api/v1/imports")).items));
    });
  });
}
