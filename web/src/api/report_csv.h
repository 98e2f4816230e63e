#pragma once
// A report's tables as CSV, read from the report's own JSON (its
// ReportDocument, report_document.h) so that the CSV and the JSON cannot disagree. Each report names its tables; every
// report also has "figures": one row per figure (an object with "count" and "cases") anywhere in the report, named by
// its path ("notifications.by_harm.death"), with its count and the references of the cases behind it.

#include <string>
#include <vector>

#include "api/report_document.h"
#include "casereview/engine/csv.h"
#include "casereview/engine/json.h"
#include "casereview/engine/report_period.h"
#include "http/http_types.h"

namespace casereview::web {

// A table of a report: the array at `path` in its JSON, one row per item, one
// column per member named. A column's cell is the member as text or number; a
// figure member ({count, cases}) gives its count; "case_references" gives the
// references of the item's "cases"; a list gives its items joined by "; ".
// A count withheld for publication ({"count": null}) is written "suppressed".
struct ReportTable {
  std::string name;
  std::vector<std::string> path;
  std::vector<std::string> columns;
};

// The names a report's `format=csv&table=` takes: "figures" and its tables.
std::vector<std::string> table_names(const std::vector<ReportTable>& tables);

// `table` of `report`; 400 INVALID_QUERY naming the tables when there is no such table.
CsvTable report_table(const ReportDocument& report, const std::vector<ReportTable>& tables, const std::string& table);

// `table` of `report` as a download named "<stem>-<table>-<from>-to-<to>.csv";
// 400 INVALID_QUERY naming the tables when there is no such table.
HttpResponse report_csv(const ReportDocument& report, const std::vector<ReportTable>& tables, const std::string& table,
                        const std::string& stem, const ReportPeriod& period);

}  // namespace casereview::web
