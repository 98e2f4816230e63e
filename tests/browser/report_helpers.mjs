// What the report pages' browser tests share (reports.test.mjs,
// cdop_report.test.mjs): dates in words, a period the demonstration fills, the
// figures of a report's JSON by the paths its CSV names, an RFC 4180 reader,
// what the page shows of each figure and table, a download through its link,
// and the children whose identity a scrutineer must never see.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December"];

// "2022-09-16" -> "16 September 2022"
export function written(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}
export const inWords = (period) => `${written(period.from)} to ${written(period.to)}`;

// A period the demonstration fills: its cases go back at most 250 working days
// from the day it is loaded, so the 400 days up to today hold all of them.
export function demonstrationPeriod(day) {
  const from = new Date(Date.parse(`${day}T00:00:00Z`) - 400 * 86400000).toISOString().slice(0, 10);
  return { from, to: day };
}

// Every figure ({count, cases}) in the report, by its path as the CSV's
// "figures" table names it: members joined by ".", a list's items by their
// code (a learning theme) or else their place from 1.
export function figuresOf(value, path = "", out = new Map()) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => figuresOf(item, `${path}.${typeof item?.code === "string" ? item.code : i + 1}`, out));
  } else if (value && typeof value === "object") {
    if ("count" in value && "cases" in value) out.set(path, value);
    for (const [name, member] of Object.entries(value)) {
      if (name !== "cases") figuresOf(member, path ? `${path}.${name}` : name, out);
    }
  }
  return out;
}

// RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        ++i;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") ++i;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else {
      cell += ch;
    }
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

// What the page shows of each figure: its count and the cases it opens to.
export async function figuresShown(page) {
  return page.locator("[data-figure]").evaluateAll((els) => els.map((e) => ({
    path: e.dataset.figure,
    count: e.querySelector(".app-figure__count").textContent,
    cases: [...e.querySelectorAll("details a")].map((a) => [a.textContent, a.getAttribute("href")]),
  })));
}

// The cells of a table's body rows, as text.
export async function rowsOf(page, selector) {
  return page.locator(`${selector} tbody tr`).evaluateAll((rows) =>
    rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
}

export async function downloadThrough(page, link) {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return { name: download.suggestedFilename(), rows: parseCsv(readFileSync(await download.path(), "utf8")) };
}

export async function display(page, selector) {
  return page.locator(selector).first().evaluate((el) => window.getComputedStyle(el).display);
}

// The page printed to an A4 PDF: its first bytes, its number of pages, and the
// text of each page as a reader of the paper sees it (poppler's pdftotext).
export async function printedPdf(page) {
  const pdf = await page.pdf({ format: "A4" });
  const pageTexts = execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf }).toString("utf8")
    .split("\f").filter((text, i, all) => i < all.length - 1 || text.trim());
  return { header: pdf.subarray(0, 5).toString("latin1"),
    pages: (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-z])/g) || []).length, pageTexts };
}

export { childrenAsTheManagerSees } from "./identity_scan.mjs";
