#include "api/case_search.h"

#include "casereview/engine/keyed.h"

namespace casereview::web {

CaseSearchResult search_cases(const CaseSearch& search, StoreSession& session, const WorkflowRegistry& registry,
                              const RequestContext& context) {
  CaseSearchResult found;
  const long long partnership = context.partnership_id();
  if (!search.reference.empty()) {
    CaseFilter filter;
    filter.partnership_id = partnership;
    filter.reference_contains = search.reference;
    filter.limit = 1000000;
    for (const CaseRecord& r : session.cases().list(filter)) found.ids.insert(r.id);
  }
  if (search.asks_identity() && allowed(context.principal.role, Permission::ReadIdentity)) {
    found.searched_identity = true;
    for (long long id : session.subjects().cases_matching_identity(partnership, search)) {
      found.ids.insert(id);
      found.by_identity.insert(id);
    }
  }
  // A pseudonym is the server key's HMAC of who the child is: only computed,
  // never stored, so each subject of the partnership is read to compare.
  if (!search.pseudonym.empty() && !context.pseudonym_key.empty()) {
    for (const Subject& subject : session.subjects().in_partnership(partnership)) {
      if (pseudonym(context.pseudonym_key, subject) == search.pseudonym) {
        found.ids.insert(subject.case_id);
        found.by_pseudonym.emplace(subject.case_id, search.pseudonym);
      }
    }
  }
  // A case whose identity was erased keeps the pseudonym it had (stored with
  // the erasure), so that the child can still be followed across cases.
  if (!search.pseudonym.empty()) {
    session.retention().for_each_closed_case(partnership, registry.closed_states(), [&](const CaseForRetention& c) {
      if (c.erasure && c.erasure->pseudonym == search.pseudonym) {
        found.ids.insert(c.case_id);
        found.by_pseudonym.emplace(c.case_id, search.pseudonym);
      }
    });
  }
  return found;
}

}  // namespace casereview::web
