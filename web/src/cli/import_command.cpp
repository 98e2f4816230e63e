// `casereview import SHEET FILE [--dry-run]`: the import of
// workflows/case_import.h from the command line, acting for --actor as a
// manager of the partnership. Exit 0 when imported (or a dry run found no
// problem), 1 when any row was refused (all listed; nothing written).
#include <fstream>
#include <iostream>
#include <sstream>

#include "app.h"
#include "casereview/workflows/case_import.h"
#include "cli/cli.h"

namespace casereview::web {

int command_import(const CliArgs& args) {
  if (args.words.size() != 3) throw UsageError{"usage: casereview import SHEET FILE [--dry-run]"};
  workflows::ImportSheet sheet{};
  if (!workflows::import_sheet_named(args.words[1], sheet)) {
    throw UsageError{"there is no sheet \"" + args.words[1] + "\" to import: safeguarding, deaths"};
  }
  const std::string& path = args.words[2];
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError{"cannot read " + path};
  std::ostringstream text;
  text << in.rdbuf();
  App app = open_for_command(args);
  auto session = app.store().session();
  const Partnership partnership = chosen_partnership(*session, args);
  const RequestContext context = app.context(*session, system_principal(args.actor, partnership));
  const std::string file_name = path.substr(path.find_last_of('/') + 1);
  const workflows::ImportReport report =
      workflows::import_cases(*session, app.cases(), sheet, text.str(), file_name, args.dry_run, context);
  if (!report.refused.empty()) {
    std::cerr << "casereview: " << path << " was not imported; nothing was written. " << report.refused.size()
              << " problem(s):\n";
    for (const workflows::ImportProblem& p : report.refused) {
      std::cerr << "  row " << p.row << (p.source_reference.empty() ? "" : " (" + p.source_reference + ")")
                << (p.column.empty() ? "" : ", " + p.column) << ": " << p.message << "\n";
    }
    return kExitCheckFailed;
  }
  for (const workflows::ImportedCase& c : report.cases) {
    std::cout << "  row " << c.row << " (" << c.source_reference << ")";
    for (const std::string& r : c.references) std::cout << " " << r;
    std::cout << "\n";
  }
  std::cout << (report.dry_run ? "Dry run: every one of the " : "Imported ") << report.rows << " row(s) of " << path
            << (report.dry_run ? " would be imported; nothing was written" : "") << " (SHA-256 " << report.file_sha256
            << ").\n";
  return kExitOk;
}

}  // namespace casereview::web
