#pragma once
// Checks a report asked for with cases=N and rows=N against the same report
// asked for whole (report_views.h: Listing).

#include <cstddef>
#include <set>
#include <string>

#include "casereview/engine/json.h"

namespace casereview::testing_support {

// What the cut report shortened, so that a test can show there was something to cut.
struct ListingCuts {
  int figures = 0;  // figures with more cases than N
  int tables = 0;   // tables with more rows than asked for
};

// Expects `cut` to be `whole` with each figure ({count, cases}) keeping its
// count and listing the first `cases` of its cases, each array at a dotted path
// in `tables` holding its first `rows` items, and every other value the same.
ListingCuts expect_listed_as(const Json& whole, const Json& cut, std::size_t cases, std::size_t rows,
                             const std::set<std::string>& tables);

}  // namespace casereview::testing_support
