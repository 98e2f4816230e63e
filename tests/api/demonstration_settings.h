#pragma once
// Settings for an App (web/src/app.h) opened in the test's own process on the
// demonstration data, loaded with `casereview demo load` into `file` in `dir`
// and dated back from test_today(), which is also the App's today.

#include <stdexcept>
#include <string>

#include "app.h"
#include "server_process.h"
#include "temp_dir.h"

namespace casereview::testing_support {

inline web::Settings demonstration_settings(const TempDir& dir, const std::string& file) {
  web::Settings settings;
  settings.db_path = dir.file(file);
  const auto loaded = run_casereview({"demo", "load", "--db", settings.db_path, "--today", test_today()});
  if (loaded.exit_code != 0) throw std::runtime_error("demo load: " + loaded.err);
  settings.today = Date::parse(test_today());
  return settings;
}

}  // namespace casereview::testing_support
