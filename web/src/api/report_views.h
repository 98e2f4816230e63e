#pragma once
// Reports as the API shows them, shared by their own routes and the evidence
// pack, which bundles them.

#include <cstddef>
#include <limits>
#include <vector>

#include "api/report_csv.h"
#include "api/report_document.h"
#include "casereview/workflows/yearly_report.h"
#include "http/http_types.h"

namespace casereview::web {

// How much of a report's lists its JSON holds. A national year counts
// thousands of deaths under one figure, and a page names only the first few:
// at most `cases` cases under each figure and `rows` rows in each table of
// items. Counts, and the report's "totals" (each table's full length), stay
// whole. A CSV table is always made from the whole report.
struct Listing {
  std::size_t cases = workflows::kNameEveryCase;
  std::size_t rows = std::numeric_limits<std::size_t>::max();

  // Pushes make() onto `list` while it is shorter than `cap`, so that an item
  // past the cap costs nothing to leave out.
  template <typename Make>
  static void push_capped(Json& list, std::size_t cap, const Make& make) {
    if (list.items().size() < cap) list.push(make());
  }
};

// The listing a report's query asks for: cases=N (0 to 100000) and rows=N (1 to
// 100000), each whole when absent. 400 INVALID_QUERY for a value out of range,
// or for either with format=csv, whose tables name every case.
Listing query_listing(const HttpRequest& request, bool csv);

// The yearly report as JSON: every figure {count, cases: [{id, reference, href}]},
// and "totals": the full length of each table of items. Its figures list
// their cases from `report`, which must outlive the document.
ReportDocument yearly_report_document(const workflows::YearlyReport& report, const Listing& listing = {});
ReportDocument yearly_report_document(const workflows::YearlyReport&& report, const Listing& listing = {}) = delete;
// A review's actions counted: {case_id, case_reference, open, completed, overdue}.
Json review_actions_json(const workflows::ReviewActions& actions);
// Its tables besides "figures" (report_csv.h), as the printed report lays them out.
const std::vector<ReportTable>& yearly_report_tables();

}  // namespace casereview::web
