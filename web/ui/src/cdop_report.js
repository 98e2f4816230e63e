// The Child Death Overview Panel's annual report for a period, drawn on the
// Reports page (reports.js, whose helpers draw it in the same style as the
// yearly report, printed the same way): the deaths notified, by age and
// whether expected; the reviews completed, by category of death, age, whether
// expected and place of death; the modifiable factors the panel identified,
// counted by domain and factor; the time from death to review; the learning;
// the actions of each review. A review counts on the day of the panel's
// review, as the National Child Mortality Database counts reviews completed in
// the year.
//
// Every count opens to the references of the deaths behind it. For
// publication (publication=true) the API withholds counts from 1 to N, lists
// no death and leaves out the tables of each review; a withheld count shows as
// "1 to N", and a notice at the top says so.
import { html, longDate } from "./ui.js";
import { figureCell, figuresTable, itemsTable, downloadLink, section, caseLink, reportButtons } from "./reports.js";

// The report's counts are of deaths; a report for publication withholds those up to N.
const countingOf = (report) => ({ column: "Number of deaths", one: "death", many: "deaths",
  upTo: report.suppression.counts_up_to });

// The rows of a figures table for a list of coded figures under `path`.
const codedRows = (list, path) => list.map((f) => [f.label, `${path}.${f.code}`, f]);

// A percentage or a number of days as the API gives it, or why there is none:
// no review was completed, or it rests on a withheld count.
function valueOrWhy(report, value, unit) {
  if (value !== null) return `${value}${unit}`;
  if (report.reviewed.count === 0) return "None (no review was completed in the period)";
  return `Withheld (it rests on a count from 1 to ${report.suppression.counts_up_to})`;
}

// Values that are not counts, as a GOV.UK summary list, each with an id.
function valuesList(rows) {
  return html`<dl class="govuk-summary-list app-report-values">${rows.map(([id, key, value]) => html`
    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${key}</dt>
      <dd class="govuk-summary-list__value" id="${id}">${value}</dd></div>`)}</dl>`;
}

// Why a table of each review is empty.
const noReviews = (report, none) => (report.publication
  ? "Not shown in a report for publication, where a single review could be recognised." : none);

function notifiedSection(report, counting) {
  const { notified } = report;
  return section("cdop-notified", "Deaths notified",
    "Deaths of children the panel was notified of in the period, counted on the day of the notification.",
    html`${figuresTable(report, "Deaths notified", "cdop-notified-total", [["Deaths notified", "notified"]], counting)}
    ${figuresTable(report, "Deaths notified, by age at death", "cdop-notified-by-age",
      codedRows(notified.by_age_band, "notified.by_age_band"), counting)}
    ${figuresTable(report, "Deaths notified, expected or unexpected", "cdop-notified-by-expectedness",
      codedRows(notified.by_expectedness, "notified.by_expectedness"), counting)}`);
}

function reviewedSection(report, source, counting) {
  const breakdown = (name, caption, download) => html`${figuresTable(report, caption, `cdop-${name}`,
    codedRows(report[name], name), counting)}${download ? downloadLink(source, name, caption.toLowerCase()) : ""}`;
  return section("cdop-reviewed", "Reviews completed",
    `Child death reviews the panel completed in the period, counted on the day of the panel's review. The
    figures below are of the deaths reviewed.`,
    html`${figuresTable(report, "Reviews completed", "cdop-reviewed-total", [["Reviews completed", "reviewed"]], counting)}
    ${breakdown("by_category", "Category of death", true)}
    ${breakdown("by_age_band", "Age at death", true)}
    ${breakdown("by_expectedness", "Expected or unexpected deaths", false)}
    ${breakdown("by_place_of_death", "Place of death", true)}`);
}

// Each domain, then the factors of it the panel identified (named with their
// domain for a screen reader).
function factorRows(domains) {
  return domains.flatMap((d) => {
    const path = `modifiable_factors.by_domain.${d.code}`;
    return [[d.label, path, d], ...d.factors.map((f) => [html`<span class="govuk-visually-hidden">${d.label}: </span><span
      class="app-report-subrow">${f.label}</span>`, `${path}.factors.${f.code}`, f])];
  });
}

function factorsSection(report, source, counting) {
  const factors = report.modifiable_factors;
  return section("cdop-factors", "Modifiable factors",
    `Factors which may have contributed to the death and which, by means of locally or nationally achievable
    interventions, could be modified to reduce the risk of future child deaths: the panel's judgement on each death
    reviewed, and the factors it identified by domain.`,
    html`${figuresTable(report, "The panel's judgement", "cdop-judgement", [
      ["Modifiable factors identified", "modifiable_factors.identified"],
      ["No modifiable factors identified", "modifiable_factors.no_modifiable_factors"],
      ["Insufficient information to judge", "modifiable_factors.insufficient_information"],
    ], counting)}
    ${valuesList([["factors-percentage", "Percentage of reviews completed with modifiable factors identified",
      valueOrWhy(report, factors.percentage_of_reviewed, "%")]])}
    ${figuresTable(report, "Modifiable factors by domain", "cdop-factors-by-domain", factorRows(factors.by_domain), counting)}
    ${downloadLink(source, "modifiable_factors_by_domain", "modifiable factors by domain")}`);
}

function timeToReviewSection(report, source, counting) {
  const time = report.time_to_review;
  return section("cdop-time-to-review", "Time from death to review",
    `Calendar days from each death to the panel's review, for the reviews completed in the period; within 12
    months means reviewed on or before the same day twelve months after the death.`,
    html`${valuesList([
      ["median-days", "Median time from death to review", valueOrWhy(report, time.median_days, " days")],
      ["within-12-months-percentage", "Percentage of reviews completed within 12 months of the death",
        valueOrWhy(report, time.percentage_within_12_months, "%")],
    ])}
    ${figuresTable(report, "Reviews completed within 12 months", "cdop-within-12-months",
      [["Reviewed within 12 months of the death", "time_to_review.within_12_months"]], counting)}
    ${itemsTable(source, {
      name: "time_to_review", caption: "Time from death to review, by review",
      empty: noReviews(report, "No review was completed in the period."), rows: time.reviews,
      total: report.totals.time_to_review,
      columns: [
        { title: "Review", cell: caseLink },
        { title: "Date of death", cell: (r) => longDate(r.date_of_death) },
        { title: "Reviewed", cell: (r) => longDate(r.reviewed_on) },
        { title: "Days", cell: (r) => r.days },
        { title: "Within 12 months", cell: (r) => (r.within_12_months ? "Yes" : "No") },
      ],
    })}`);
}

function learningSection(report, source, counting) {
  return section("cdop-learning", "Learning",
    "The learning the panel wrote down from the reviews completed in the period, and its themes.",
    html`${figuresTable(report, "Reviews with learning", "cdop-learning-total",
      [["Reviews with learning written down", "learning.reviews_with_learning"]], counting)}
    ${itemsTable(source, {
      name: "learning_themes", caption: "Learning themes", empty: "No learning theme was recorded in the period.",
      rows: report.learning.themes,
      columns: [
        { title: "Theme", cell: (t) => t.label },
        { title: "Reviews", cell: (t) => figureCell(`learning.themes.${t.code}`, t, counting) },
      ],
    })}`);
}

function actionsSection(report, source) {
  return section("cdop-actions", "Actions from reviews",
    "Actions agreed on or before the end of the period, for each child death review, as they stand today.",
    itemsTable(source, {
      name: "actions", caption: "Actions by review",
      empty: noReviews(report, "No child death review had actions by the end of the period."), rows: report.actions,
      total: report.totals.actions,
      columns: [
        { title: "Review", cell: caseLink },
        { title: "Open", cell: (a) => a.open },
        { title: "Completed", cell: (a) => a.completed },
        { title: "Overdue", cell: (a) => a.overdue },
      ],
    }));
}

// Under the title: what the report is, and for publication what it withholds.
export function intro(report) {
  const { applied, counts_up_to: upTo } = report.suppression;
  const withheld = applied ? html`Counts from 1 to ${upTo} are withheld and shown as “1 to ${upTo}”, as the national
    child death statistics do, so that no child can be recognised. ` : "";
  return html`<p class="govuk-body">The Child Death Overview Panel's figures for the period, as they stand on
    ${longDate(report.today)}: the deaths of children notified to the panel and the reviews it completed.
    ${report.publication ? "" : "Each number opens to the deaths it counts."}</p>
    ${report.publication
    ? html`<div class="govuk-inset-text" id="publication-notice"><strong>For publication.</strong> ${withheld}No death
      is listed and the tables of each review are left out.</div>`
    : html`<p class="govuk-body app-no-print" id="publication-advice">This report lists the deaths it counts. To publish
      it, choose “For publication” below.</p>`}`;
}

export function body(report, source) {
  const counting = countingOf(report);
  return html`${reportButtons(source)}${notifiedSection(report, counting)}${reviewedSection(report, source, counting)}${
    factorsSection(report, source, counting)}${timeToReviewSection(report, source, counting)}${
    learningSection(report, source, counting)}${actionsSection(report, source)}`;
}
