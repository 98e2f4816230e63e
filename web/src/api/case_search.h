#pragma once
// The case list's search (GET /api/v1/cases?q=): by reference for everyone; by
// the child's name, NHS number or date of birth only for those who may read
// identity; by pseudonym for everyone (the scrutineer's way to follow a child).

#include <map>
#include <set>
#include <string>

#include "app.h"
#include "casereview/engine/case_search.h"

namespace casereview::web {

struct CaseSearchResult {
  std::set<long long> ids;  // every case found
  // Found by who the child is: on the page, the child is shown (read then, for
  // the page's cases only) and logged as an identity read.
  std::set<long long> by_identity;
  std::map<long long, std::string> by_pseudonym;
  bool searched_identity = false;  // the identity parts were asked and the reader may search by them
};

// `registry` says which states are closed: a case whose identity was erased
// (always closed) is found by the pseudonym it had.
CaseSearchResult search_cases(const CaseSearch& search, StoreSession& session, const WorkflowRegistry& registry,
                              const RequestContext& context);

}  // namespace casereview::web
