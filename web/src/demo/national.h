#pragma once
// A national-size data set for measuring the product where it will be used at
// its largest: one partnership holding what all of England's CDOPs and
// safeguarding partnerships record in a span of years. A year holds about
// 4,000 child deaths and their reviews, 450 serious incident notifications
// (about 200 of them deaths raised from the child death review, the rest
// serious harm) with their rapid reviews, and about 100 local reviews, the mix
// of the published national figures (domain: "Published national figures");
// ten years make about 600,000 events. The same seed and the same day of
// loading into a new database give the same cases, steps and dates (the
// references quote the cases' row ids). The children are fictional.
//
// Depends on the engine and the workflows only: no HTTP, no SQL.

#include <cstdint>
#include <functional>

#include "casereview/engine/case_service.h"

namespace casereview::demo {

struct NationalScale {
  int years = 10;             // the span of years back from the day of loading
  std::uint64_t seed = 2026;  // the same seed gives the same data
  // The share of the national volume, in thousandths: 1000 is England; about 20
  // is one CDOP's area. The mix is the same at every share.
  int per_thousand = 1000;
};

struct NationalLoad {
  long long deaths = 0;             // child death reviews opened
  long long notifications = 0;      // serious incident notifications opened
  long long rapid_reviews = 0;      // opened by the notifications
  long long local_reviews = 0;      // LCSPRs the rapid reviews decided on
  long long events = 0;             // events written
  long long first_reviewer_id = 0;  // the first of the register's reviewers
};

// Loads the data set into the partnership of `context` (twelve areas and a
// register of twenty reviewers, then the cases, oldest first), acting as its
// principal, in write transactions of a few hundred cases each. `progress` is
// told the share done (0 to 100) now and then. Throws std::logic_error naming
// the step a workflow refused (the generator no longer fits the rules), and
// StorageError as CaseService does; what was committed before stays.
NationalLoad load_national(StoreSession& session, const CaseService& cases, const RequestContext& context,
                           const NationalScale& scale, const std::function<void(int percent)>& progress);

}  // namespace casereview::demo
