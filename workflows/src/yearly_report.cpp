// The partnership's yearly report for a period (yearly_report.h): each case of
// the partnership read once, in one read transaction, and counted by what its
// workflow recorded.
#include "casereview/workflows/yearly_report.h"

#include <algorithm>
#include <set>

#include "../lcspr/lcspr_names.h"
#include "../rapid_review/rr_names.h"
#include "../serious_incident/sin_names.h"
#include "casereview/workflows/evidence_pack.h"
#include "event_reading.h"

namespace casereview::workflows {
namespace {

// One case as the report reads it.
struct CaseRead {
  const CaseRecord& record;
  CaseRef ref;
  const std::vector<Event>& events;
  const std::vector<Clock>& clocks;
  const ReviewRecords& records;
  const CaseService& service;  // reads each clock's status as the case page shows it
};

const Clock* clock_of(const std::vector<Clock>& clocks, const char* rule_id) {
  const auto it = std::find_if(clocks.begin(), clocks.end(), [&](const Clock& c) { return c.rule_id == rule_id; });
  return it == clocks.end() ? nullptr : &*it;
}

bool true_member(const Json& payload, const char* member) {
  return payload[member].is_bool() && payload[member].as_bool();
}

ClockStatus status_of(const CaseRead& c, const Clock& clock, const RequestContext& context) {
  return c.service.clock_view(clock, context).status;
}

void add_notification(YearlyReport& report, const CaseRead& c, const RequestContext& context) {
  const Event* opened = last_of(c.events, sin::event::kOpened);
  if (!opened) return;
  const Json payload = Json::parse(opened->payload);
  // Absent in cases opened before it was recorded: those all went to the Panel.
  const Json& serious = payload[sin::kSeriousIncidentMember];
  if (serious.is_bool() && !serious.as_bool()) return;
  NotificationFigures& n = report.notifications;
  const Event* submitted = last_of(c.events, sin::event::kNotificationSubmitted);
  const Clock* clock = clock_of(c.clocks, sin::rule::kNotifyPanel);
  if (submitted && report.period.contains(submitted->effective_date)) {
    n.made.cases.push_back(c.ref);
    const Json& harm = payload["harm"];
    const std::string harm_code = harm.is_string() ? harm.as_string() : std::string();
    Figure& by_harm = harm_code == "death" ? n.death : harm_code == "other" ? n.other_harm : n.serious_harm;
    by_harm.cases.push_back(c.ref);
    Figure& status = true_member(payload, "looked_after_child") ? n.looked_after
                     : true_member(payload, "care_leaver")      ? n.care_leaver
                                                                : n.neither;
    status.cases.push_back(c.ref);
    if (clock) {
      const ClockStatus s = status_of(c, *clock, context);
      if (s == ClockStatus::Met) n.on_time.cases.push_back(c.ref);
      if (s == ClockStatus::MetLate) n.late.cases.push_back(c.ref);
    }
  } else if (!submitted && clock && clock->is_open() && report.period.contains(clock->anchor.date)) {
    n.not_yet_made.cases.push_back(c.ref);
  }
}

// Every type of event the add_ functions read of a case read whole (last_of,
// holds_of): only these are read, across the cases, in one query.
std::vector<std::string> counted_event_types() {
  std::vector<std::string> types = {sin::event::kOpened, sin::event::kNotificationSubmitted,
                                    rr::event::kDecisionRecorded, rr::event::kDecisionAfterPanel,
                                    rr::event::kPanelResponse};
  for (std::string& type : hold_event_types()) types.push_back(std::move(type));
  return types;
}

// The rapid reviews of the partnership that opened a local review: the parents
// of its local reviews, read in one query.
std::set<long long> reviews_that_opened_a_local_review(StoreSession& session, long long partnership_id) {
  CaseFilter local_reviews;
  local_reviews.partnership_id = partnership_id;
  local_reviews.kind = rr::kLcsprKind;
  std::set<long long> parents;
  for (const CaseRecord& r : session.cases().all_matching(local_reviews)) {
    if (r.parent_case_id != 0) parents.insert(r.parent_case_id);
  }
  return parents;
}

void add_rapid_review(YearlyReport& report, const CaseRead& c, StoreSession& session, const Vocabularies& vocabularies,
                      const std::set<long long>& opened_a_local_review, const RequestContext& context) {
  if (!report.period.contains(c.record.opened_on)) return;
  RapidReviewFigures& rr = report.rapid_reviews;
  rr.opened.cases.push_back(c.ref);
  if (const Clock* clock = clock_of(c.clocks, rr::rule::kSubmitToPanel)) {
    const ClockStatus s = status_of(c, *clock, context);
    RapidReviewTiming timing{c.ref, clock->anchor.date, clock->met_on, std::nullopt, status_name(s)};
    if (clock->met_on)
      timing.working_days_taken = context.calendar->working_days_between(clock->anchor.date, *clock->met_on);
    rr.timings.push_back(timing);
    if (s == ClockStatus::Met) rr.on_time.cases.push_back(c.ref);
    if (s == ClockStatus::MetLate) rr.late.cases.push_back(c.ref);
    if (clock->is_open()) rr.not_yet_submitted.cases.push_back(c.ref);
  }
  const Event* decision = last_of(c.events, rr::event::kDecisionRecorded);
  if (decision) rr.decisions[payload_text(*decision, rr::fact::kDecision)].cases.push_back(c.ref);
  if (const Event* after = last_of(c.events, rr::event::kDecisionAfterPanel)) {
    rr.decisions_after_panel[payload_text(*after, rr::fact::kDecision)].cases.push_back(c.ref);
  }
  if (const Event* response = last_of(c.events, rr::event::kPanelResponse)) {
    const std::string agrees = payload_text(*response, rr::fact::kAgreesWithDecision);
    if (agrees == "yes") rr.panel_agreed.cases.push_back(c.ref);
    if (agrees == "no") rr.panel_did_not_agree.cases.push_back(c.ref);
    if (payload_text(*response, rr::fact::kNationalReview) == "yes") rr.panel_national_review.cases.push_back(c.ref);
  }
  if (!decision || opened_a_local_review.count(c.record.id)) return;
  // Only these cases' tags count, so only theirs are read.
  for (const CaseTag& tag : session.review_records().for_case(c.record.id).tags) {
    if (tag.kind != "theme") continue;
    auto& themes = report.themes_without_local_review;
    auto it = std::find_if(themes.begin(), themes.end(), [&](const ThemeCount& t) { return t.code == tag.code; });
    if (it == themes.end()) {
      const ThemeCode* code = vocabularies.theme(tag.code);
      it = themes.insert(themes.end(), ThemeCount{tag.code, code ? code->label : tag.code, {}});
    }
    it->cases.cases.push_back(c.ref);
  }
}

void add_lcspr(YearlyReport& report, const CaseRead& c, const RequestContext& context) {
  LcsprFigures& l = report.lcsprs;
  if (report.period.contains(c.record.opened_on)) {
    l.commissioned.cases.push_back(c.ref);
    l.commissioning.push_back(
        {c.ref, commissioning_time(c.record.opened_on, c.records.contracts, context.today, *context.calendar)});
  }
  // Holds overlapping the period, as the evidence pack and the holds export list them.
  bool held_in_period = false;
  for (const HoldRecord& h : holds_of(c.record, c.events, report.period, context.today)) {
    l.holds.push_back({c.ref, h.from, h.to, h.reason, h.days_held});
    held_in_period = true;
  }
  if (held_in_period) l.on_hold.cases.push_back(c.ref);
  const Clock* publish = clock_of(c.clocks, lcspr::rule::kPublish);
  if (publish && publish->met_on && report.period.contains(*publish->met_on)) {
    l.published.cases.push_back(c.ref);
    const ClockStatus s = status_of(c, *publish, context);
    if (s == ClockStatus::Met) l.published_on_time.cases.push_back(c.ref);
    if (s == ClockStatus::MetLate) l.published_late.cases.push_back(c.ref);
  }
}

void add_actions(YearlyReport& report, const CaseRead& c) {
  if (auto counted = review_actions(c.record, c.records, report.period.to, report.today)) {
    report.actions.push_back(*counted);
  }
}

}  // namespace

YearlyReport yearly_report(StoreSession& session, const CaseService& service, const ReportPeriod& period,
                           const RequestContext& context) {
  YearlyReport report;
  report.period = period;
  report.today = context.today;
  session.read_transaction([&] {
    const long long partnership = context.partnership_id();
    const Vocabularies vocabularies = session.vocabularies().load(partnership);
    // Most cases count only by their actions (every death, and every review
    // outside the period): the actions are read for all cases in two
    // queries. Only a case active in the period can count otherwise, and only
    // those that do are read whole.
    //
    // Only three kinds are ever read whole, and of two of them only cases
    // with a step in the period: a notification made in the period, or owed
    // from a day in it, had one (its submission; its opening, dated the day
    // the local authority became aware), and so did a rapid review opened in
    // it (its opening). Those and the local reviews active in the period are
    // listed; every other case counts only by its actions.
    const WorkflowRegistry& workflows = service.workflows();
    const CaseFilter active = cases_active_in(workflows, partnership, period);
    ActionsAndContracts read = actions_and_contracts(session, partnership);
    std::map<long long, ReviewRecords>& actions_of = read.records_of;
    const CaseFilter notifications = cases_stepped_in(partnership, period, sin::kKind);
    std::map<long long, std::vector<Event>> submitted_of =
        events_by_case(session.cases().events_of_types(notifications, {sin::event::kNotificationSubmitted}));
    std::set<long long> active_ids;
    const auto read_whole = [&](const CaseRecord& record) {
      if (!active_ids.count(record.id)) return false;
      if (record.kind == lcspr::kKind) return true;
      if (record.kind == rr::kKind) return period.contains(record.opened_on);
      if (record.kind != sin::kKind) return false;
      const Event* submitted = last_of(submitted_of[record.id], sin::event::kNotificationSubmitted);
      return !submitted || period.contains(submitted->effective_date);
    };
    std::vector<CaseRecord> active_cases = session.cases().all_matching(notifications);
    for (const CaseFilter& more : {cases_stepped_in(partnership, period, rr::kKind),
                                   cases_active_in(workflows, partnership, period, lcspr::kKind)}) {
      for (CaseRecord& record : session.cases().all_matching(more)) active_cases.push_back(std::move(record));
    }
    std::sort(active_cases.begin(), active_cases.end(),
              [](const CaseRecord& a, const CaseRecord& b) { return a.id < b.id; });
    for (const CaseRecord& record : active_cases) active_ids.insert(record.id);
    const std::vector<CaseRecord> cases = with_cases_of_actions(active, std::move(active_cases), read, period.to);
    // The cases read whole: their events of the counted types and their
    // clocks, each in one query across them. What case_view and the figures
    // read of their review records (actions, contracts) is in actions_of.
    CaseFilter whole;
    whole.partnership_id = partnership;
    for (const CaseRecord& record : cases) {
      if (read_whole(record)) whole.ids.push_back(record.id);
    }
    std::map<long long, std::vector<Event>> events_of;
    std::map<long long, std::vector<Clock>> clocks_of;
    if (!whole.ids.empty()) {
      events_of = events_by_case(session.cases().events_of_types(whole, counted_event_types()));
      clocks_of = session.deadlines().for_cases(whole);
    }
    const std::set<long long> opened_a_local_review = reviews_that_opened_a_local_review(session, partnership);
    for (const CaseRecord& record : cases) {
      const ReviewRecords& records = actions_of[record.id];
      if (case_view(context.principal, record, records) == CaseView::None) continue;
      if (!read_whole(record)) {
        if (auto counted = review_actions(record, records, period.to, report.today)) report.actions.push_back(*counted);
        continue;
      }
      const CaseRead c{record, {record.id, record.reference}, events_of[record.id], clocks_of[record.id], records,
                       service};
      if (record.kind == sin::kKind) add_notification(report, c, context);
      if (record.kind == rr::kKind) add_rapid_review(report, c, session, vocabularies, opened_a_local_review, context);
      if (record.kind == lcspr::kKind) add_lcspr(report, c, context);
      add_actions(report, c);
    }
  });
  auto& themes = report.themes_without_local_review;
  std::sort(themes.begin(), themes.end(), [](const ThemeCount& a, const ThemeCount& b) { return a.code < b.code; });
  return report;
}

}  // namespace casereview::workflows
