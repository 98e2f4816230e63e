// Importing spreadsheet rows through the workflows (case_import.h): the file is
// checked as a whole, then every row is tried step by step inside one write
// transaction, which is rolled back after a dry run or any refusal.
#include "casereview/workflows/case_import.h"

#include <algorithm>
#include <map>
#include <set>

#include "casereview/engine/csv.h"
#include "casereview/engine/event.h"
#include "casereview/engine/json.h"
#include "casereview/workflows/report_figures.h"
#include "import_rows.h"

namespace casereview::workflows {
namespace {

// Thrown to roll the import's transaction back once every row was tried.
struct RollBack {};

std::vector<ImportColumn> columns_of(ImportSheet sheet) {
  return sheet == ImportSheet::Safeguarding ? import::safeguarding_columns() : import::death_columns();
}

// The header's problems: unknown, repeated and missing columns.
void check_header(const std::vector<std::string>& header, ImportSheet sheet, std::vector<ImportProblem>& problems) {
  const std::vector<ImportColumn> columns = columns_of(sheet);
  std::set<std::string> seen;
  for (const std::string& name : header) {
    if (!is_valid_utf8(name)) {
      problems.push_back({1, "", "", "A column's name is not UTF-8 text: save the spreadsheet as \"CSV UTF-8\"."});
      continue;
    }
    const bool known =
        std::any_of(columns.begin(), columns.end(), [&](const ImportColumn& c) { return c.name == name; });
    if (!known) {
      problems.push_back({1, "", name, "is not a column of the " + import_sheet_name(sheet) + " sheet"});
    }
    if (!seen.insert(name).second) problems.push_back({1, "", name, "appears twice in the header"});
  }
  for (const ImportColumn& c : columns) {
    if (c.required && !seen.count(c.name)) problems.push_back({1, "", c.name, "is a required column"});
  }
}

bool blank(const std::vector<std::string>& record) {
  return std::all_of(record.begin(), record.end(),
                     [](const std::string& cell) { return cell.find_first_not_of(" \t") == std::string::npos; });
}

std::string column_for(const import::PlannedStep& step, const std::string& field) {
  const auto it = step.column_of.find(field);
  return it == step.column_of.end() ? field : it->second;
}

// What a refused step tells the row.
void report_outcome(const CommandOutcome& result, const import::PlannedStep& step, const import::RowReader& row) {
  if (const auto* invalid = std::get_if<outcome::Invalid>(&result)) {
    if (invalid->errors.empty()) row.problem("", invalid->message);
    for (const FieldError& e : invalid->errors) row.problem(column_for(step, e.field), e.message);
  } else if (const auto* refused = std::get_if<outcome::Refused>(&result)) {
    row.problem(refused->field.empty() ? "" : column_for(step, refused->field), refused->reason);
  } else if (const auto* not_allowed = std::get_if<outcome::NotAllowed>(&result)) {
    row.problem("",
                "\"" + step.command + "\" cannot follow the steps before it (the case is " + not_allowed->state + ")");
  } else if (const auto* forbidden = std::get_if<outcome::Forbidden>(&result)) {
    row.problem("", forbidden->reason);
  } else if (const auto* confirm = std::get_if<outcome::NeedsConfirmation>(&result)) {
    for (const Warning& w : confirm->warnings) {
      std::string cases;
      for (const std::string& r : w.case_references) cases += (cases.empty() ? " (" : ", ") + r;
      row.problem("", w.message + (cases.empty() ? "" : cases + ")") + ": record it by hand if it is not");
    }
  } else {
    row.problem("", "the case changed while it was imported");
  }
}

// A date after the day of the import, which the step's own "today" would let pass.
bool dated_in_future(const import::PlannedStep& step, Date today, const import::RowReader& row) {
  bool future = false;
  for (const auto& [fact, column] : step.column_of) {
    const Json& value = step.facts[fact];
    if (!value.is_string()) continue;
    const auto d = Date::parse(value.as_string());
    if (d && today < *d && fact != "date_of_birth") {
      row.problem(column, d->iso() + " is after today (" + today.iso() + ")");
      future = true;
    }
  }
  return future;
}

// Runs one row's steps; the cases it opened, or nullopt when a step was refused.
std::optional<ImportedCase> run_row(StoreSession& session, const CaseService& service,
                                    const std::vector<import::PlannedStep>& steps, const import::RowReader& row,
                                    const RequestContext& base) {
  std::map<std::string, CaseRecord> opened;  // by kind
  ImportedCase imported{row.row(), row.source_reference(), 0, {}};
  for (const import::PlannedStep& step : steps) {
    if (dated_in_future(step, base.today, row)) return std::nullopt;
    RequestContext context = base;
    context.today = step.on;
    context.imported.set("row", row.row());
    context.imported.set("source_reference", row.source_reference());
    CommandOutcome result = outcome::NotFound{};
    if (step.opening) {
      result = service.open_within(session, OpenRequest{step.kind, step.facts, {}}, context);
    } else {
      const auto target = opened.find(step.kind);
      if (target == opened.end()) {
        row.problem(step.date_column,
                    "belongs to a " + step.kind + " case, which the row's earlier steps did not open");
        return std::nullopt;
      }
      result = service.apply_within(session, target->second.id, Command{step.command, step.facts},
                                    target->second.version, context);
    }
    const auto* changed = std::get_if<outcome::Changed>(&result);
    if (!changed) {
      report_outcome(result, step, row);
      return std::nullopt;
    }
    if (step.opening) {
      imported.references.push_back(changed->record.reference);
      imported.case_id = changed->record.id;
    }
    opened[changed->record.kind] = changed->record;
    for (const CaseRecord& follow_on : changed->opened) {
      opened[follow_on.kind] = follow_on;
      imported.references.push_back(follow_on.reference);
    }
  }
  return imported;
}

// What every row of one import is read and run with.
struct ImportRun {
  StoreSession& session;
  const CaseService& service;
  ImportSheet sheet;
  const std::vector<std::string>& header;
  const RequestContext& base;             // with the file's provenance
  const std::set<std::string>& existing;  // the partnership's case references
  std::set<std::string> references;       // the file's references so far
  std::vector<ImportProblem>& refused;
};

// Reads and runs one row: the cases it opened, or nullopt when it was refused
// (its problems added to run.refused).
std::optional<ImportedCase> try_row(ImportRun& run, const std::vector<std::string>& record, int row_number) {
  const std::vector<std::string>& header = run.header;
  std::vector<ImportProblem>& refused = run.refused;
  std::map<std::string, std::string> cells;
  for (std::size_t c = 0; c < record.size() && c < header.size(); ++c) cells[header[c]] = record[c];
  const import::RowReader unnamed(cells, row_number, "", refused);
  const std::string typed_reference = unnamed.text("reference");
  const import::RowReader row(cells, row_number, is_valid_utf8(typed_reference) ? typed_reference : "", refused);
  const std::size_t problems_before = refused.size();
  for (const auto& [column, value] : cells) {
    if (!is_valid_utf8(value)) row.problem(column, "is not UTF-8 text: save the spreadsheet as \"CSV UTF-8\"");
  }
  if (refused.size() != problems_before) return std::nullopt;  // nothing else can be read of it
  for (std::size_t c = header.size(); c < record.size(); ++c) {
    if (record[c].find_first_not_of(" \t") != std::string::npos) {
      row.problem("", "has more cells than the header has columns");
      break;
    }
  }
  const std::string& reference = row.source_reference();
  if (reference.empty()) {
    row.problem("reference", "is needed on every row: the spreadsheet's own reference for the case");
  } else if (!run.references.insert(reference).second) {
    row.problem("reference", "\"" + reference + "\" is used by an earlier row");
  } else if (run.existing.count(reference)) {
    row.problem("reference", "\"" + reference +
                                 "\" is the reference of a case already in casereview (the row looks like an export of "
                                 "it); if it is another case, give the row another reference");
  } else if (const auto earlier =
                 run.session.imports().find_row(run.base.partnership_id(), import_sheet_name(run.sheet), reference)) {
    row.problem("reference", "\"" + reference + "\" was imported on " + earlier->import.imported_at.iso() + " from \"" +
                                 earlier->import.file_name + "\" as " + earlier->case_reference);
  }
  const std::vector<import::PlannedStep> steps =
      run.sheet == ImportSheet::Safeguarding ? import::safeguarding_steps(row) : import::death_steps(row);
  if (refused.size() != problems_before) return std::nullopt;
  return run_row(run.session, run.service, steps, row, run.base);
}

}  // namespace

bool import_sheet_named(const std::string& name, ImportSheet& sheet) {
  if (name == "safeguarding") {
    sheet = ImportSheet::Safeguarding;
    return true;
  }
  if (name == "deaths") {
    sheet = ImportSheet::Deaths;
    return true;
  }
  return false;
}

std::string import_sheet_name(ImportSheet sheet) {
  return sheet == ImportSheet::Safeguarding ? "safeguarding" : "deaths";
}

std::vector<ImportColumn> import_sheet_columns(ImportSheet sheet) { return columns_of(sheet); }

ImportReport import_cases(StoreSession& session, const CaseService& service, ImportSheet sheet,
                          const std::string& csv_text, const std::string& file_name, bool dry_run,
                          const RequestContext& context) {
  ImportReport report;
  report.sheet = sheet;
  report.file_name = file_name;
  report.file_sha256 = sha256_hex(csv_text);
  report.dry_run = dry_run;
  std::vector<std::vector<std::string>> records;
  try {
    records = parse_csv(csv_text);
  } catch (const CsvError& e) {
    report.refused.push_back({1, "", "", std::string("The file is not CSV: ") + e.what()});
    return report;
  }
  if (records.empty()) {
    report.refused.push_back({1, "", "", "The file is empty: the first row names the columns."});
    return report;
  }
  std::vector<std::string> header = records.front();
  for (std::string& name : header) {
    const auto first = name.find_first_not_of(' ');
    name = first == std::string::npos ? "" : name.substr(first, name.find_last_not_of(' ') - first + 1);
  }
  check_header(header, sheet, report.refused);
  if (records.size() - 1 > static_cast<std::size_t>(kMaxImportRows)) {
    report.refused.push_back({1, "", "",
                              "The file has " + std::to_string(records.size() - 1) + " rows; at most " +
                                  std::to_string(kMaxImportRows) + " are imported at once: import it in parts."});
  }
  if (!report.refused.empty()) return report;

  RequestContext base = context;
  base.imported = Json::object();
  base.imported.set("sheet", import_sheet_name(sheet));
  base.imported.set("file_name", file_name);
  base.imported.set("file_sha256", report.file_sha256);
  std::vector<ImportedRow> imported_rows;
  try {
    session.write_transaction([&] {
      // The transaction may run more than once (a store's retry): each run
      // starts from nothing (nothing was refused before it, see above).
      report.rows = 0;
      report.cases.clear();
      report.refused.clear();
      imported_rows.clear();
      // Checked inside the transaction, so that two imports of one file cannot both pass.
      if (const auto earlier = session.imports().find(context.partnership_id(), report.file_sha256)) {
        report.refused.push_back({1, "", "",
                                  "This file was imported on " + earlier->imported_at.iso() + " by " +
                                      earlier->imported_by + " (as \"" + earlier->file_name + "\")."});
        throw RollBack{};
      }
      // The partnership's own references: a row carrying one is an export of a case already here.
      std::set<std::string> existing;
      for (const CaseRecord& r : partnership_cases(session, context.partnership_id())) existing.insert(r.reference);
      ImportRun run{session, service, sheet, header, base, existing, {}, report.refused};
      for (std::size_t i = 1; i < records.size(); ++i) {
        if (blank(records[i])) continue;
        ++report.rows;
        if (auto imported = try_row(run, records[i], static_cast<int>(i) + 1)) {
          imported_rows.push_back({imported->source_reference, imported->case_id});
          report.cases.push_back(std::move(*imported));
        }
      }
      if (report.rows == 0) report.refused.push_back({1, "", "", "The file has a header but no rows."});
      if (dry_run || !report.refused.empty()) throw RollBack{};
      session.imports().add({0, context.partnership_id(), import_sheet_name(sheet), report.file_sha256, file_name,
                             report.rows, context.actor(), context.now},
                            imported_rows);
    });
    report.written = true;
  } catch (const RollBack&) {
    report.written = false;
  }
  return report;
}

}  // namespace casereview::workflows
