// What every report counts in (report_figures.h).
#include "casereview/workflows/report_figures.h"

#include <algorithm>

namespace casereview::workflows {

std::optional<ReviewActions> review_actions(const CaseRecord& record, const ReviewRecords& records, Date last_day,
                                            Date today) {
  // Most cases a report goes through have no action (37,000 deaths over ten
  // years, a few thousand with one): the case's reference and kind are
  // copied only for a case that has one.
  ReviewActions counted;
  bool any = false;
  for (const ActionItem& a : records.actions) {
    if (a.added_on > last_day) continue;
    any = true;
    if (a.status == "completed") ++counted.completed;
    if (!a.is_finished()) ++counted.open;
    if (a.is_overdue(today)) ++counted.overdue;
  }
  if (!any) return std::nullopt;
  counted.review = {record.id, record.reference};
  counted.kind = record.kind;
  return counted;
}

std::vector<CaseRecord> partnership_cases(StoreSession& session, long long partnership_id, const std::string& kind) {
  CaseFilter filter;
  filter.partnership_id = partnership_id;
  if (!kind.empty()) filter.kind = kind;
  return session.cases().all_matching(filter);
}

CaseFilter cases_active_in(const WorkflowRegistry& workflows, long long partnership_id, const ReportPeriod& period,
                           const std::string& kind) {
  CaseFilter filter;
  filter.partnership_id = partnership_id;
  if (!kind.empty()) filter.kind = kind;
  filter.active_in = ActiveInPeriod{period, workflows.closed_states()};
  return filter;
}

CaseFilter cases_stepped_in(long long partnership_id, const ReportPeriod& period, const std::string& kind) {
  CaseFilter filter;
  filter.partnership_id = partnership_id;
  filter.kind = kind;
  ActiveInPeriod stepped;
  stepped.period = period;
  stepped.only_stepped = true;
  filter.active_in = stepped;
  return filter;
}

std::vector<CaseRecord> with_cases_of_actions(const CaseFilter& active, std::vector<CaseRecord> active_cases,
                                              const ActionsAndContracts& read, Date last_day) {
  const auto by_id = [](const CaseRecord& a, const CaseRecord& b) { return a.id < b.id; };
  std::vector<CaseRecord> cases = std::move(active_cases);
  // Ten years' cases are tens of thousands of records: moved about by a sort
  // only when they do not come in order already (all_matching and all_matching_brief give them so).
  if (!std::is_sorted(cases.begin(), cases.end(), by_id)) std::sort(cases.begin(), cases.end(), by_id);
  const std::size_t listed = cases.size();
  for (const auto& [id, records] : read.records_of) {
    const auto at = std::lower_bound(cases.begin(), cases.begin() + static_cast<std::ptrdiff_t>(listed), id,
                                     [](const CaseRecord& r, long long wanted) { return r.id < wanted; });
    if (at != cases.begin() + static_cast<std::ptrdiff_t>(listed) && at->id == id) continue;
    const auto named = read.named.find(id);
    if (named == read.named.end() || (active.kind && named->second.kind != *active.kind)) continue;
    const bool counts = std::any_of(records.actions.begin(), records.actions.end(),
                                    [&](const ActionItem& a) { return a.added_on <= last_day; });
    if (counts) cases.push_back(named->second);
  }
  // The cases added come in id order (records_of is a map by id).
  std::inplace_merge(cases.begin(), cases.begin() + static_cast<std::ptrdiff_t>(listed), cases.end(), by_id);
  return cases;
}

ActionsAndContracts actions_and_contracts(StoreSession& session, long long partnership_id, ActionTexts texts,
                                          const std::string& kind) {
  ActionsAndContracts out;
  ActionFilter filter;
  filter.partnership_id = partnership_id;
  if (!kind.empty()) filter.case_kind = kind;
  filter.with_texts = texts == ActionTexts::Read;
  for (CaseAction& a : session.review_records().actions(filter)) {
    auto [named, added] = out.named.try_emplace(a.case_id);
    if (added) {
      named->second.id = a.case_id;
      named->second.reference = std::move(a.case_reference);
      named->second.kind = std::move(a.case_kind);
      named->second.partnership_id = partnership_id;
    }
    out.records_of[a.case_id].actions.push_back(std::move(a.action));
  }
  for (CaseContract& c : session.review_records().contracts(partnership_id)) {
    out.records_of[c.case_id].contracts.push_back(std::move(c.contract));
  }
  return out;
}

void in_runs_of_cases(const std::vector<CaseRecord>& cases, long long partnership_id,
                      const std::function<void(const CaseFilter& these, std::size_t first, std::size_t end)>& read) {
  constexpr std::size_t kCasesReadTogether = 2000;
  for (std::size_t first = 0; first < cases.size(); first += kCasesReadTogether) {
    const std::size_t end = std::min(cases.size(), first + kCasesReadTogether);
    CaseFilter these;
    these.partnership_id = partnership_id;
    these.ids.reserve(end - first);
    for (std::size_t i = first; i < end; ++i) these.ids.push_back(cases[i].id);
    read(these, first, end);
  }
}

std::map<long long, std::vector<Event>> events_by_case(std::vector<Event> events) {
  std::map<long long, std::vector<Event>> out;
  for (Event& e : events) out[e.case_id].push_back(std::move(e));
  return out;
}

}  // namespace casereview::workflows
