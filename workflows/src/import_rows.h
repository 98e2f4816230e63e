#pragma once
// The parts of an import (case_import.h) shared by its sheets: reading one row's
// cells as the facts a step needs, and the steps a row becomes.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "casereview/engine/date.h"
#include "casereview/engine/json.h"
#include "casereview/workflows/case_import.h"

namespace casereview::workflows::import {

// What an imported step records for a narrative the spreadsheet did not keep
// but the workflow asks for: said, never invented.
inline constexpr const char* kNotRecorded = "Not recorded in the imported spreadsheet.";

// One row's cells by column name, read as the workflows' facts. A cell that
// cannot be read is recorded as a problem of its column and reads as absent.
class RowReader {
 public:
  RowReader(const std::map<std::string, std::string>& cells, int row, std::string source_reference,
            std::vector<ImportProblem>& problems);

  // The cell as typed (trimmed; an export's formula guard, a leading
  // apostrophe, removed); "" when empty or absent.
  std::string text(const std::string& column) const;
  bool has(const std::string& column) const { return !text(column).empty(); }
  // YYYY-MM-DD or DD/MM/YYYY, as spreadsheets in England write dates.
  std::optional<Date> date(const std::string& column) const;
  // "yes" or "no" (any case); `otherwise` when empty.
  std::optional<bool> yes_no(const std::string& column, std::optional<bool> otherwise = std::nullopt) const;
  std::optional<long long> integer(const std::string& column) const;
  // Items separated by semicolons, each trimmed; an empty list when empty.
  Json list(const std::string& column) const;

  // Records a problem with `column` ("" for the row).
  void problem(const std::string& column, const std::string& message) const;
  // Records "needed" problems for each of `columns` that is empty.
  void require(const std::vector<std::string>& columns, const std::string& because) const;

  int row() const { return row_; }
  const std::string& source_reference() const { return source_reference_; }

 private:
  const std::map<std::string, std::string>& cells_;
  int row_;
  std::string source_reference_;
  std::vector<ImportProblem>& problems_;
};

// One step a row becomes: opening a case of `kind`, or `command` on the case of
// `kind` the row opened earlier (itself or through a follow-on).
struct PlannedStep {
  std::string kind;
  bool opening = false;
  std::string command;  // the command applied; unused when opening
  Date on;              // the day the step was taken: its "today"
  Json facts = Json::object();
  std::map<std::string, std::string> column_of;  // fact name -> the column it came from
  std::string date_column;                       // the column that dates the step
};

// The steps of one row of each sheet, in the order they were taken.
std::vector<PlannedStep> safeguarding_steps(const RowReader& row);
std::vector<PlannedStep> death_steps(const RowReader& row);

std::vector<ImportColumn> safeguarding_columns();
std::vector<ImportColumn> death_columns();

}  // namespace casereview::workflows::import
