// The period a list or a report is asked for: two GOV.UK date inputs (from,
// to), kept in the page's address (?from=&to=) so that a bookmarked or shared
// list shows the same period, and read back with the form's own checks. The
// API decides what an absent end means (the financial year) and answers with
// the period it used; a period it refuses is its message in the error summary.
import { api, Problem } from "./api.js";
import { html, longDate, query } from "./ui.js";
import { fieldMarkup, readFacts, showProblems, problemsFromApi } from "./forms.js";

export const periodFields = [
  { name: "from", type: "date", label: "From", hint: "The first day of the period, for example 1 4 2022." },
  { name: "to", type: "date", label: "To", hint: "The last day of the period, for example 31 3 2023." },
];

export function periodInWords(period) {
  return `${longDate(period.from)} to ${longDate(period.to)}`;
}

// The period in the page's address, each end only when it is a whole date.
export function periodAsked() {
  const whole = (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso || "") ? iso : "");
  return { from: whole(query("from")), to: whole(query("to")) };
}

// `params` with the period's ends that are given.
export function withPeriod(params, period) {
  if (period.from) params.set("from", period.from);
  if (period.to) params.set("to", period.to);
  return params;
}

// The two date inputs under a heading, showing `period` (as asked, or as the API answered).
export function periodInputs(period, heading = "Period") {
  return html`<h2 class="govuk-heading-m">${heading}</h2>
    ${periodFields.map((f) => fieldMarkup(f, {}, period[f.name]))}`;
}

// Reads the period from `form`; null (with the problems shown) when a date is not whole.
export function readPeriod(form) {
  const { facts, problems } = readFacts(form, periodFields);
  if (Object.keys(problems).length) {
    showProblems(form, problems);
    return null;
  }
  return { from: facts.from || "", to: facts.to || "" };
}

// A 400 from a list or report is a period the API refused: shows its message
// in `form`'s error summary and returns true; any other error is rethrown.
export function showRefusedPeriod(form, error) {
  if (!(error instanceof Problem) || error.status !== 400) throw error;
  const { fields, general } = problemsFromApi(error);
  showProblems(form, fields, general);
  return true;
}

// Fetches a list or report for a period: { list } or, for a period the API
// refuses, { refused } to show in the form once it is drawn.
export async function fetchForPeriod(target) {
  try {
    return { list: await api.get(target), refused: null };
  } catch (error) {
    if (!(error instanceof Problem) || error.status !== 400) throw error;
    return { list: null, refused: error };
  }
}

// A list's form: a refused period's message, and on submit the list's address
// (`path`) with its other fields (`otherParams(form)`) and the period asked for.
export function wireListForm(form, refused, path, otherParams = () => new URLSearchParams()) {
  if (refused) showRefusedPeriod(form, refused);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const chosen = readPeriod(form);
    if (!chosen) return;
    const search = withPeriod(otherParams(form), chosen).toString();
    location.assign(search ? `${path}?${search}` : path);
  });
}
