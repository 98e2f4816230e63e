// Building pages: escaped HTML, GOV.UK Frontend components, dates and words as
// people in this field write them. Everything a page shows goes through html``,
// which escapes every value unless it is already markup.

const RAW = Symbol("raw");

export function raw(markup) {
  return { [RAW]: String(markup) };
}

function escape(value) {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function piece(value) {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(piece).join("");
  if (typeof value === "object" && RAW in value) return value[RAW];
  return escape(value);
}

export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((value, i) => {
    out += piece(value) + strings[i + 1];
  });
  return raw(out);
}

export function markup(value) {
  return piece(value);
}

// "2026-11-22" -> "22 November 2026"
const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December"];
export function longDate(iso) {
  if (!iso) return "";
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return iso;
  return `${d} ${months[m - 1]} ${y}`;
}
// "2022-07-21T04:50:00Z" -> "21 July 2022 at 05:50", in England's time.
const londonTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const londonDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
export function dateTime(iso) {
  if (!iso) return "";
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${longDate(londonDay.format(at))} at ${londonTime.format(at)}`;
}

// When a clock (as the API gives it) is due and was met. An hour-based clock
// (due_at: the JAR discussion, the CDOP told) is due, and met, at a time of
// day: one met after its hour on its day is late, which the day alone would
// not show.
export function clockDue(clock) {
  return clock.due_at ? dateTime(clock.due_at) : longDate(clock.due_date);
}
export function clockMet(clock) {
  return clock.due_at && clock.met_at ? dateTime(clock.met_at) : longDate(clock.met_on);
}

// "public_place" -> "Public place"
export function words(code) {
  if (code === null || code === undefined) return "";
  const text = String(code).replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many || one + "s"}`;
}

// The plain time a clock has run (the API's "elapsed"), holds included:
// "242 days (7 months 30 days) so far, 136 of them on hold".
export function elapsedText(e) {
  if (!e) return "";
  const span = [e.months ? plural(e.months, "month") : "", e.days || !e.months ? plural(e.days, "day") : ""]
    .filter(Boolean).join(" ");
  const held = e.days_on_hold ? `, ${e.days_on_hold} of them on hold` : "";
  return `${plural(e.calendar_days, "day")} (${span})${e.running ? " so far" : ""}${held}`;
}

export function bytes(n) {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

// A clock's status as a GOV.UK tag.
const statusColours = {
  overdue: "red", due_soon: "orange", due_today: "orange", on_track: "blue", met: "green", met_late: "pink", paused: "grey", not_required: "grey",
  ended: "grey", provisional: "yellow",
};
export function statusTag(status) {
  const colour = statusColours[status] || "grey";
  return html`<strong class="govuk-tag govuk-tag--${colour}">${words(status)}</strong>`;
}

export function tag(text, colour = "grey") {
  return html`<strong class="govuk-tag govuk-tag--${colour}">${text}</strong>`;
}

// A document as its reader may see it: a download link for those who may read
// it, else only what kind of document it is.
export function documentLink(d) {
  return d.href ? html`<a class="govuk-link" href="${d.href}" download>${d.file_name}</a>` : d.kind_title;
}

export function link(href, text, extra = "") {
  return html`<a class="govuk-link ${extra}" href="${href}">${text}</a>`;
}

// A GOV.UK table. columns: [{ title, cell: row => markup, numeric? }]. On a
// narrow screen each row reads as a card, every cell under its column's title
// (data-label), so that no table is wider than the phone it is read on.
export function table(caption, columns, rows, { empty = "Nothing to show.", id } = {}) {
  if (!rows.length) return html`<p class="govuk-body" ${id ? raw(`id="${escape(id)}"`) : ""}>${empty}</p>`;
  return html`<table class="govuk-table app-table" ${id ? raw(`id="${escape(id)}"`) : ""}>
    <caption class="govuk-table__caption govuk-table__caption--m">${caption}</caption>
    <thead class="govuk-table__head"><tr class="govuk-table__row">
      ${columns.map((c) => html`<th scope="col" class="govuk-table__header" ${c.ariaSort ? raw(`aria-sort="${c.ariaSort}"`) : ""}>${c.title}</th>`)}
    </tr></thead>
    <tbody class="govuk-table__body">
      ${rows.map((r) => html`<tr class="govuk-table__row">
        ${columns.map((c, i) => i === 0
          ? html`<th scope="row" class="govuk-table__header" data-label="${c.label || c.title}">${c.cell(r)}</th>`
          : html`<td class="govuk-table__cell" data-label="${c.label || c.title}">${c.cell(r)}</td>`)}
      </tr>`)}
    </tbody>
  </table>`;
}

// A GOV.UK summary list from [key, value] pairs (values may be markup).
export function summaryList(pairs) {
  const shown = pairs.filter(([, v]) => v !== null && v !== undefined && v !== "");
  return html`<dl class="govuk-summary-list">
    ${shown.map(([k, v]) => html`<div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">${k}</dt><dd class="govuk-summary-list__value">${v}</dd></div>`)}
  </dl>`;
}

export function insetText(text) {
  return html`<div class="govuk-inset-text">${text}</div>`;
}

export function warningText(text) {
  return html`<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>
    <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>${text}</strong></div>`;
}

// Shows a page: its title (for the browser tab and screen readers) and content.
// A page that shows who a child is says so with `{ identifying: true }`: it
// then carries the protective marking on screen and on every printed page.
export function show(title, content, { identifying = false } = {}) {
  document.title = `${title} – casereview`;
  document.body.classList.toggle("app-identifying", identifying);
  document.getElementById("protective-marking").hidden = !identifying;
  const main = document.getElementById("main-content");
  main.innerHTML = markup(content);
  return main;
}

// One-off messages carried to the next page (after a form is saved).
export function flash(message) {
  sessionStorage.setItem("casereview.flash", message);
}
export function takeFlash() {
  const message = sessionStorage.getItem("casereview.flash");
  sessionStorage.removeItem("casereview.flash");
  return message;
}
export function successBanner(message) {
  if (!message) return "";
  return html`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert"
      aria-labelledby="success-title" data-module="govuk-notification-banner">
    <div class="govuk-notification-banner__header">
      <h2 class="govuk-notification-banner__title" id="success-title">Success</h2></div>
    <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${message}</p></div>
  </div>`;
}

// A table sorted on the server: each column with a `sort` key has a button
// that calls onSort(key), and the column `sorted.sort` says how the rows came
// (sorted.order "asc" or "desc") to a screen reader.
export function sortedTable(container, caption, columns, rows, sorted, onSort, options = {}) {
  container.innerHTML = markup(table(caption, columns.map((c) => ({
    ...c,
    title: c.sort ? html`<button type="button" class="app-sort-button" data-sort="${c.sort}">${c.title}</button>` : c.title,
    label: c.title,
    ariaSort: c.sort && c.sort === sorted.sort ? (sorted.order === "desc" ? "descending" : "ascending") : c.sort ? "none" : null,
  })), rows, options));
  container.querySelectorAll("button[data-sort]").forEach((b) => b.addEventListener("click", () => onSort(b.dataset.sort)));
}

// The kinds of case, as the filters offer them ("" for every kind).
export const caseKinds = [["", "Every kind"], ["child_death_review", "Child death reviews"],
  ["serious_incident_notification", "Serious incident notifications"], ["rapid_review", "Rapid reviews"],
  ["lcspr", "Local child safeguarding practice reviews"], ["national_review", "National reviews by the Panel"]];
export const kindTitles = Object.fromEntries(caseKinds.filter(([v]) => v));

// Who the child of a listed case is, as the API showed it: the name and date of
// birth to a reader of identity, else the pseudonym.
export function childCell(c) {
  if (c.child) {
    const name = [c.child.given_name, c.child.family_name].filter(Boolean).join(" ");
    return html`${name}${c.child.date_of_birth ? html`<br><span class="govuk-body-s">born ${longDate(c.child.date_of_birth)}</span>` : ""}`;
  }
  return c.pseudonym || "";
}

// GOV.UK pagination for a list the API pages: `total` items, `perPage` a page,
// this is page `current` (from 1); `hrefOf(n)` is the address of page n. Pages
// near the current one are numbered, the rest elided.
export function pagination(total, perPage, current, hrefOf, label = "Pages") {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages === 1) return "";
  const shown = [...new Set([1, current - 1, current, current + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1] > 1) items.push(html`<li class="govuk-pagination__item govuk-pagination__item--ellipses">&ctdot;</li>`);
    items.push(html`<li class="govuk-pagination__item ${n === current ? "govuk-pagination__item--current" : ""}">
      <a class="govuk-link govuk-pagination__link" href="${hrefOf(n)}" aria-label="Page ${n}" ${n === current ? raw('aria-current="page"') : ""}>${n}</a></li>`);
  });
  return html`<nav class="govuk-pagination" aria-label="${label}">
    ${current > 1 ? html`<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" href="${hrefOf(current - 1)}" rel="prev">
      <span class="govuk-pagination__link-title">Previous<span class="govuk-visually-hidden"> page</span></span></a></div>` : ""}
    <ul class="govuk-pagination__list">${items}</ul>
    ${current < pages ? html`<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" href="${hrefOf(current + 1)}" rel="next">
      <span class="govuk-pagination__link-title">Next<span class="govuk-visually-hidden"> page</span></span></a></div>` : ""}
  </nav>`;
}

export function query(name) {
  return new URLSearchParams(location.search).get(name);
}
