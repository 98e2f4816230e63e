#pragma once
// Importing the cases partnerships keep in spreadsheets today, one CSV row per
// case (csv.h reads it), through the same workflow steps a user takes, so that
// every rule and clock of casereview holds for imported history too.
//
// Two sheets (import_sheet_columns() documents every column):
//   safeguarding  one serious incident per row: its notification, its rapid
//                 review (meeting, decision, Panel's response, decision after
//                 it) and the local review the decision opens
//   deaths        one child death per row, for a CDOP's past deaths: the
//                 notification, the review meeting, the panel review scored on
//                 the legacy 0–3 scale (mapped as the workflow maps it, the
//                 originals kept) and the NCMD submission
//
// The export of the same name (case_registers.h) writes the safeguarding sheet,
// so that an export imported again gives the same register.
//
// All or nothing: every row is tried in one write transaction, which commits
// only when no row is refused and it is not a dry run. Each event an import
// records carries "imported": {file_sha256, file_name, sheet, row,
// source_reference}, and is dated by the sheet, recorded now, and acted by the
// user who imported. A file already imported (the same SHA-256) is refused, and
// so is a row whose reference was imported before into the same sheet (from
// any file). A file holds at most kMaxImportRows rows, all read as UTF-8.

#include <string>
#include <vector>

#include "casereview/engine/case_service.h"

namespace casereview::workflows {

enum class ImportSheet { Safeguarding, Deaths };

// An import holds the database's write lock while it runs: larger spreadsheets
// are imported in parts.
inline constexpr int kMaxImportRows = 2000;

// "safeguarding", "deaths"; nullopt-like false for another name.
bool import_sheet_named(const std::string& name, ImportSheet& sheet);
std::string import_sheet_name(ImportSheet sheet);

struct ImportColumn {
  std::string name;
  std::string meaning;  // what to write, with its codes
  bool required = false;
};
std::vector<ImportColumn> import_sheet_columns(ImportSheet sheet);

// A row that would be refused, and why. Row numbers count the header as 1, as a
// spreadsheet shows them; 1 itself is a problem with the header or the file.
struct ImportProblem {
  int row = 0;
  std::string source_reference;
  std::string column;  // "" when the row as a whole is refused
  std::string message;
};

struct ImportedCase {
  int row = 0;
  std::string source_reference;
  long long case_id = 0;                // the row's own case
  std::vector<std::string> references;  // the cases the row opened, first the row's own
};

struct ImportReport {
  ImportSheet sheet = ImportSheet::Safeguarding;
  std::string file_name;
  std::string file_sha256;
  int rows = 0;  // rows of data read
  bool dry_run = true;
  bool written = false;  // committed: no problem and not a dry run
  std::vector<ImportProblem> refused;
  std::vector<ImportedCase> cases;  // what was (or, in a dry run, would be) opened
};

ImportReport import_cases(StoreSession& session, const CaseService& service, ImportSheet sheet,
                          const std::string& csv_text, const std::string& file_name, bool dry_run,
                          const RequestContext& context);

}  // namespace casereview::workflows
