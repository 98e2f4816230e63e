// CaseService's reading side: a case as one reader sees it (case_detail.h).
#include "casereview/engine/case_detail.h"

#include <algorithm>

#include "casereview/engine/case_service.h"
#include "casereview/engine/keyed.h"

namespace casereview {

namespace {

// visible_spine(), told the review records of `record` itself when the caller
// has them (`known`, else null): a case's page reads only the other cases'.
std::vector<CaseRecord> spine_seen_by(StoreSession& session, const Principal& principal, const CaseRecord& record,
                                      const ReviewRecords* known) {
  CaseRecord root = record;
  // The spine is a few cases deep; the bounds only guard against a cycle in
  // damaged data.
  for (int depth = 0; root.parent_case_id && depth < 16; ++depth) {
    auto parent = session.cases().find(root.parent_case_id);
    if (!parent) break;
    root = *parent;
  }
  std::vector<CaseRecord> spine = {root};
  for (std::size_t i = 0; i < spine.size() && spine.size() < 64; ++i) {
    for (CaseRecord& child : session.cases().children(spine[i].id)) spine.push_back(std::move(child));
  }
  const auto unseen = [&](const CaseRecord& r) {
    if (known && r.id == record.id) return case_view(principal, r, *known) == CaseView::None;
    return stored_case_view(session, principal, r) == CaseView::None;
  };
  spine.erase(std::remove_if(spine.begin(), spine.end(), unseen), spine.end());
  return spine;
}

}  // namespace

std::vector<CaseRecord> visible_spine(StoreSession& session, const Principal& principal, const CaseRecord& record) {
  return spine_seen_by(session, principal, record, nullptr);
}

CaseView stored_case_view(StoreSession& session, const Principal& principal, const CaseRecord& record) {
  if (!view_reads_records(principal)) return case_view(principal, record, ReviewRecords{});
  return case_view(principal, record, session.review_records().for_case(record.id));
}

std::optional<CaseDetail> CaseService::detail(StoreSession& session, long long case_id,
                                              const RequestContext& context) const {
  std::optional<CaseDetail> out;
  session.read_transaction([&] {
    const auto record = session.cases().find(case_id);
    if (!record) return;
    CaseDetail read = detail_in_transaction(session, *record, context);
    if (read.view != CaseView::None) out = std::move(read);
  });
  return out;
}

CaseDetail CaseService::detail_in_transaction(StoreSession& session, const CaseRecord& record,
                                              const RequestContext& context) const {
  const Workflow* workflow = workflows_.find(record.kind);
  if (!workflow) throw StorageError("case " + record.reference + " has unknown kind " + record.kind);
  CaseDetail d;
  d.record = record;
  d.spec = &workflow->spec();
  d.records = session.review_records().for_case(record.id);
  d.view = case_view(context.principal, record, d.records);
  if (d.view == CaseView::None) {
    d.records = {};
    return d;
  }
  d.clocks = clock_views(session.deadlines().for_case(record.id), context);
  d.owner = session.case_owners().find(record.id);
  d.vocabularies = session.vocabularies().load(record.partnership_id);
  // The steps that apply to this case now (the workflow looks at its history)
  // and that the reader's role may take.
  const std::vector<Event> history = session.cases().events(record.id);
  const RuleTermsByRule terms = recorded_terms(history);
  const std::map<long long, Reviewer> no_reviewers;
  const DecisionContext decision{history, context.today, *context.calendar, terms, *d.vocabularies, no_reviewers};
  for (const std::string& name : workflow->offered_commands(record.state, decision)) {
    const CommandSpec* c = d.spec->command(name);
    if (c && std::find(c->roles.begin(), c->roles.end(), context.principal.role) != c->roles.end()) {
      d.allowed_commands.push_back(c);
    }
  }
  if (d.spec->commissions_reviewer) {
    d.commissioning = commissioning_time(record.opened_on, d.records.contracts, context.today, *context.calendar);
  }
  for (CaseRecord& r : spine_seen_by(session, context.principal, record, &d.records)) {
    const Workflow* w = workflows_.find(r.kind);
    d.spine.push_back({std::move(r), w ? &w->spec() : nullptr});
  }
  if (const auto subject = session.subjects().find(record.id)) {
    if (!context.pseudonym_key.empty()) d.pseudonym = pseudonym(context.pseudonym_key, *subject);
    if (d.view == CaseView::Full && allowed(context.principal.role, Permission::ReadIdentity)) d.subject = subject;
  } else {
    d.erasure = session.retention().erasure(record.id);
    if (d.erasure) d.pseudonym = d.erasure->pseudonym;
  }
  return d;
}

}  // namespace casereview
