// The CSV import up to the point where it needs a database
// (workflows/src/case_import.cpp): parse_csv (engine/src/csv.cpp), the
// header as import_cases trims it, and each row read by the import's own
// RowReader into the workflow steps it would take (workflows/src/import_rows.h),
// whose facts are then validated against the real command specs.
//
// Input: a first line naming the sheet ("safeguarding" or "deaths"; anything
// else picks one from its bytes), then the file. Checked: parse_csv fails only
// with a CsvError naming the line; what it reads is read again the same after
// being written with csv_field; every problem a row reports is on that row and
// names a column of the sheet (or none); every step is a command of a
// registered workflow, dated by a column of the sheet; nothing throws.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "casereview/engine/csv.h"
#include "casereview/engine/json.h"
#include "casereview/engine/workflow.h"
#include "casereview/workflows/all_workflows.h"
#include "casereview/workflows/case_import.h"
#include "fuzz_support.h"
#include "import_rows.h"

namespace {

using namespace casereview;
using namespace casereview::workflows;

// Rows beyond this many add time, not paths: a file holds at most kMaxImportRows.
constexpr std::size_t kRowsRead = 8;

const WorkflowRegistry& registry() {
  static const WorkflowRegistry* const kRegistry = [] {
    auto* r = new WorkflowRegistry;
    register_all(*r);
    return r;
  }();
  return *kRegistry;
}

std::set<std::string> column_names(ImportSheet sheet) {
  std::set<std::string> names;
  for (const ImportColumn& c : import_sheet_columns(sheet)) names.insert(c.name);
  return names;
}

// csv.h writes a field with csv_field and a record's end as CRLF; reading that
// back must give the records again. Not when the first field starts with a
// UTF-8 byte-order mark: the reader skips one there, and the writer never
// starts a file with anything but the sheet's column names.
void check_round_trip(const std::vector<std::vector<std::string>>& records) {
  if (!records.empty() && records[0][0].rfind("\xEF\xBB\xBF", 0) == 0) return;
  std::string written;
  for (const auto& record : records) {
    for (std::size_t i = 0; i < record.size(); ++i) written += (i ? "," : "") + csv_field(record[i]);
    written += "\r\n";
  }
  FUZZ_CHECK(parse_csv(written) == records, "records written with csv_field read back differently");
}

void check_row(ImportSheet sheet, const std::vector<std::string>& header, const std::vector<std::string>& record,
               int row_number) {
  static const Vocabularies kNoCodes;
  static const std::map<long long, Reviewer> kNoReviewers;
  const FactReferences references{kNoCodes, kNoReviewers};
  static const std::set<std::string> kColumns[] = {column_names(ImportSheet::Safeguarding),
                                                   column_names(ImportSheet::Deaths)};
  const std::set<std::string>& columns = kColumns[sheet == ImportSheet::Safeguarding ? 0 : 1];
  std::map<std::string, std::string> cells;
  for (std::size_t c = 0; c < record.size() && c < header.size(); ++c) cells[header[c]] = record[c];
  // As try_row: a row with a cell that is not UTF-8 is refused before it is read.
  for (const auto& cell : cells) {
    if (!is_valid_utf8(cell.second)) return;
  }
  std::vector<ImportProblem> problems;
  const import::RowReader reference_reader(cells, row_number, "", problems);
  const import::RowReader row(cells, row_number, reference_reader.text("reference"), problems);
  const std::vector<import::PlannedStep> steps =
      sheet == ImportSheet::Safeguarding ? import::safeguarding_steps(row) : import::death_steps(row);
  for (const ImportProblem& p : problems) {
    FUZZ_CHECK(p.row == row_number, "a problem reported on row " + std::to_string(p.row));
    FUZZ_CHECK(p.column.empty() || columns.count(p.column) == 1, "a problem names \"" + p.column + "\", no column");
    FUZZ_CHECK(!p.message.empty(), "a row's problem without a message");
  }
  for (const import::PlannedStep& step : steps) {
    const Workflow* workflow = registry().find(step.kind);
    FUZZ_CHECK(workflow != nullptr, "a step of an unknown kind " + step.kind);
    const CommandSpec* command = workflow->spec().command(step.command);
    FUZZ_CHECK(command != nullptr, "a step with the unknown command " + step.kind + "/" + step.command);
    FUZZ_CHECK(step.opening == (step.command == workflow->spec().opening_command), "opening and command disagree");
    FUZZ_CHECK(step.date_column.empty() || columns.count(step.date_column) == 1, "dated by " + step.date_column);
    for (const auto& [fact, column] : step.column_of) {
      FUZZ_CHECK(columns.count(column) == 1, "a fact read from \"" + column + "\", no column");
    }
    FUZZ_CHECK(step.facts.is_object(), "a step's facts are not an object");
    (void)validate_facts(*command, step.facts, step.on, references);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [sheet_name, file] = fuzz::first_line(fuzz::text_of(data, size));
  ImportSheet sheet = ImportSheet::Safeguarding;
  if (!import_sheet_named(std::string(sheet_name), sheet)) {
    sheet = fuzz::pick(sheet_name, 2) == 0 ? ImportSheet::Safeguarding : ImportSheet::Deaths;
  }
  std::vector<std::vector<std::string>> records;
  try {
    records = parse_csv(std::string(file));
  } catch (const CsvError& e) {
    FUZZ_CHECK(std::string(e.what()).rfind("line ", 0) == 0,
               std::string("a CsvError not naming its line: ") + e.what());
    return 0;
  }
  for (const auto& record : records) FUZZ_CHECK(!record.empty(), "a record without a field");
  check_round_trip(records);
  if (records.empty()) return 0;
  // The header as import_cases reads it: each name without the spaces around it.
  std::vector<std::string> header = records.front();
  for (std::string& name : header) {
    const auto first = name.find_first_not_of(' ');
    name = first == std::string::npos ? "" : name.substr(first, name.find_last_not_of(' ') - first + 1);
  }
  for (std::size_t i = 1; i < records.size() && i <= kRowsRead; ++i) {
    const auto& record = records[i];
    const bool blank = std::all_of(record.begin(), record.end(), [](const std::string& cell) {
      return cell.find_first_not_of(" \t") == std::string::npos;
    });
    if (blank) continue;  // as import_cases: a blank line is no row
    check_row(sheet, header, records[i], static_cast<int>(i) + 1);
  }
  return 0;
}
