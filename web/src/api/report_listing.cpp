// A report's cases=N and rows=N (report_views.h: Listing).
#include "api/report_views.h"
#include "api/request_helpers.h"

namespace casereview::web {

Listing query_listing(const HttpRequest& request, bool csv) {
  Listing listing;
  const std::optional<int> cases = query_int(request, "cases", 0, 100000);
  const std::optional<int> rows = query_int(request, "rows", 1, 100000);
  if (csv && (cases || rows)) {
    throw invalid(Problem::InvalidQuery, cases ? "cases" : "rows",
                  "cases and rows shorten the JSON report; a CSV table names every case.");
  }
  if (cases) listing.cases = static_cast<std::size_t>(*cases);
  if (rows) listing.rows = static_cast<std::size_t>(*rows);
  return listing;
}

}  // namespace casereview::web
