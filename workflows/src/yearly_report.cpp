// The partnership's yearly report for a period (yearly_report.h): each case of
// the partnership read once, in one read transaction, and counted by what its
// workflow recorded.
#include "casereview/workflows/yearly_report.h"

#include <algorithm>
#include <memory>
#include <set>
#include <utility>

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
  const YearlyCaseFacts& facts;
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
  const YearlyCaseFacts& f = c.facts;
  if (!f.opened || !f.serious_incident) return;
  NotificationFigures& n = report.notifications;
  const Clock* clock = clock_of(f.clocks, sin::rule::kNotifyPanel);
  if (f.submitted_on && report.period.contains(*f.submitted_on)) {
    n.made.cases.push_back(c.ref);
    Figure& by_harm = f.harm == "death" ? n.death : f.harm == "other" ? n.other_harm : n.serious_harm;
    by_harm.cases.push_back(c.ref);
    Figure& status = f.looked_after ? n.looked_after : f.care_leaver ? n.care_leaver : n.neither;
    status.cases.push_back(c.ref);
    if (clock) {
      const ClockStatus s = status_of(c, *clock, context);
      if (s == ClockStatus::Met) n.on_time.cases.push_back(c.ref);
      if (s == ClockStatus::MetLate) n.late.cases.push_back(c.ref);
    }
  } else if (!f.submitted_on && clock && clock->is_open() && report.period.contains(clock->anchor.date)) {
    n.not_yet_made.cases.push_back(c.ref);
  }
}

// Every type of event yearly_facts_of reads of an active case (last_of, and
// the holds holds_of reads): only these are read, across the cases, in one query.
std::vector<std::string> counted_event_types() {
  std::vector<std::string> types = {sin::event::kOpened, sin::event::kNotificationSubmitted,
                                    rr::event::kDecisionRecorded, rr::event::kDecisionAfterPanel,
                                    rr::event::kPanelResponse};
  for (std::string& type : hold_event_types()) types.push_back(std::move(type));
  return types;
}

// What a case's counted events, clocks and tags say, read once.
YearlyCaseFacts yearly_facts_of(const std::vector<Event>& events, std::vector<Clock> clocks,
                                const std::vector<CaseTag>& tags) {
  YearlyCaseFacts f;
  f.clocks = std::move(clocks);
  if (const Event* opened = last_of(events, sin::event::kOpened)) {
    const Json payload = Json::parse(opened->payload);
    f.opened = true;
    // Absent in cases opened before it was recorded: those all went to the Panel.
    const Json& serious = payload[sin::kSeriousIncidentMember];
    f.serious_incident = !(serious.is_bool() && !serious.as_bool());
    f.harm = payload_text(payload, "harm");
    f.looked_after = true_member(payload, "looked_after_child");
    f.care_leaver = true_member(payload, "care_leaver");
  }
  if (const Event* submitted = last_of(events, sin::event::kNotificationSubmitted)) {
    f.submitted_on = submitted->effective_date;
  }
  if (const Event* decision = last_of(events, rr::event::kDecisionRecorded)) {
    f.decision = payload_text(*decision, rr::fact::kDecision);
  }
  if (const Event* after = last_of(events, rr::event::kDecisionAfterPanel)) {
    f.decision_after_panel = payload_text(*after, rr::fact::kDecision);
  }
  if (const Event* response = last_of(events, rr::event::kPanelResponse)) {
    const Json payload = Json::parse(response->payload);
    f.panel_agrees = payload_text(payload, rr::fact::kAgreesWithDecision);
    f.panel_national_review = payload_text(payload, rr::fact::kNationalReview);
  }
  for (const CaseTag& tag : tags) {
    if (tag.kind == "theme") f.themes.push_back(tag.code);
  }
  const std::vector<std::string> hold_types = hold_event_types();
  for (const Event& e : events) {
    if (std::find(hold_types.begin(), hold_types.end(), e.type) != hold_types.end()) f.hold_events.push_back(e);
  }
  return f;
}

// The facts of each of `active` (the cases that can count by more than their
// actions), from the cache where it holds them at the case's version and
// `calendar_revision`; the others' events, clocks and tags are read in one
// query each for every 2,000 of them (kCasesReadAtOnce), and kept.
FactsByCase<YearlyCaseFacts> facts_of_active(StoreSession& session, long long partnership,
                                             const std::vector<CaseVersion>& active, long long calendar_revision,
                                             YearlyFactsCache* cache) {
  return held_or_read(cache, active, calendar_revision, [&](const std::vector<long long>& unread, bool) {
    CaseFilter reading;
    reading.partnership_id = partnership;
    reading.ids = unread;
    std::map<long long, std::vector<Event>> events_of =
        events_by_case(session.cases().events_of_types(reading, counted_event_types()));
    std::map<long long, std::vector<Clock>> clocks_of = session.deadlines().for_cases(reading);
    std::map<long long, std::vector<CaseTag>> tags_of = session.review_records().tags_for_cases(reading);
    std::map<long long, YearlyCaseFacts> read;
    for (long long id : unread) read.emplace(id, yearly_facts_of(events_of[id], std::move(clocks_of[id]), tags_of[id]));
    return read;
  });
}

// The rapid reviews of the partnership that opened a local review: the parents
// of its local reviews, read in one query.
std::set<long long> reviews_that_opened_a_local_review(StoreSession& session, long long partnership_id) {
  CaseFilter local_reviews;
  local_reviews.partnership_id = partnership_id;
  local_reviews.kind = rr::kLcsprKind;
  std::set<long long> parents;
  for (const CaseRecord& r : session.cases().all_matching_brief(local_reviews)) {
    if (r.parent_case_id != 0) parents.insert(r.parent_case_id);
  }
  return parents;
}

void add_rapid_review(YearlyReport& report, const CaseRead& c, const Vocabularies& vocabularies,
                      const std::set<long long>& opened_a_local_review, const RequestContext& context) {
  if (!report.period.contains(c.record.opened_on)) return;
  const YearlyCaseFacts& f = c.facts;
  RapidReviewFigures& rr = report.rapid_reviews;
  rr.opened.cases.push_back(c.ref);
  if (const Clock* clock = clock_of(f.clocks, rr::rule::kSubmitToPanel)) {
    const ClockStatus s = status_of(c, *clock, context);
    RapidReviewTiming timing{c.ref, clock->anchor.date, clock->met_on, std::nullopt, status_name(s)};
    if (clock->met_on)
      timing.working_days_taken = context.calendar->working_days_between(clock->anchor.date, *clock->met_on);
    rr.timings.push_back(timing);
    if (s == ClockStatus::Met) rr.on_time.cases.push_back(c.ref);
    if (s == ClockStatus::MetLate) rr.late.cases.push_back(c.ref);
    if (clock->is_open()) rr.not_yet_submitted.cases.push_back(c.ref);
  }
  if (f.decision) rr.decisions[*f.decision].cases.push_back(c.ref);
  if (f.decision_after_panel) rr.decisions_after_panel[*f.decision_after_panel].cases.push_back(c.ref);
  if (f.panel_agrees == "yes") rr.panel_agreed.cases.push_back(c.ref);
  if (f.panel_agrees == "no") rr.panel_did_not_agree.cases.push_back(c.ref);
  if (f.panel_national_review == "yes") rr.panel_national_review.cases.push_back(c.ref);
  if (!f.decision || opened_a_local_review.count(c.record.id)) return;
  for (const std::string& theme : f.themes) {
    auto& themes = report.themes_without_local_review;
    auto it = std::find_if(themes.begin(), themes.end(), [&](const ThemeCount& t) { return t.code == theme; });
    if (it == themes.end()) {
      const ThemeCode* code = vocabularies.theme(theme);
      it = themes.insert(themes.end(), ThemeCount{theme, code ? code->label : theme, {}});
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
  for (const HoldRecord& h : holds_of(c.record, c.facts.hold_events, report.period, context.today)) {
    l.holds.push_back({c.ref, h.from, h.to, h.reason, h.days_held});
    held_in_period = true;
  }
  if (held_in_period) l.on_hold.cases.push_back(c.ref);
  const Clock* publish = clock_of(c.facts.clocks, lcspr::rule::kPublish);
  if (publish && publish->met_on && report.period.contains(*publish->met_on)) {
    l.published.cases.push_back(c.ref);
    const ClockStatus s = status_of(c, *publish, context);
    if (s == ClockStatus::Met) l.published_on_time.cases.push_back(c.ref);
    if (s == ClockStatus::MetLate) l.published_late.cases.push_back(c.ref);
  }
}

}  // namespace

YearlyReport yearly_report(StoreSession& session, const CaseService& service, const ReportPeriod& period,
                           const RequestContext& context, YearlyFactsCache* cache) {
  YearlyReport report;
  report.period = period;
  report.today = context.today;
  session.read_transaction([&] {
    const long long partnership = context.partnership_id();
    const SharedVocabularies vocabularies_held = session.vocabularies().load(partnership);
    const Vocabularies& vocabularies = *vocabularies_held;
    // Most cases count only by their actions (every death, and every review
    // outside the period): the actions are read for all cases in two
    // queries. Only a case active in the period can count otherwise, and only
    // the facts of those are read (or taken from the cache).
    //
    // Only three kinds can count otherwise, and of two of them only cases
    // with a step in the period: a notification made in the period, or owed
    // from a day in it, had one (its submission; its opening, dated the day
    // the local authority became aware), and so did a rapid review opened in
    // it (its opening). Those and the local reviews active in the period are
    // listed; every other case counts only by its actions. (A listed
    // notification submitted before the period, or a rapid review opened
    // before it, counts by its actions alone too: add_notification and
    // add_rapid_review pass over it.)
    const WorkflowRegistry& workflows = service.workflows();
    const CaseFilter active = cases_active_in(workflows, partnership, period);
    ActionsAndContracts read = actions_and_contracts(session, partnership, ActionTexts::Left);
    const std::map<long long, ReviewRecords>& actions_of = read.records_of;
    const ReviewRecords none;  // most cases have no action: looked up, not added to the map
    std::vector<CaseRecord> active_cases =
        session.cases().all_matching_brief(cases_stepped_in(partnership, period, sin::kKind));
    for (const CaseFilter& more : {cases_stepped_in(partnership, period, rr::kKind),
                                   cases_active_in(workflows, partnership, period, lcspr::kKind)}) {
      for (CaseRecord& record : session.cases().all_matching_brief(more)) active_cases.push_back(std::move(record));
    }
    // Three lists, each in id order: with_cases_of_actions puts them in one.
    std::set<long long> active_ids;
    for (const CaseRecord& record : active_cases) active_ids.insert(record.id);
    const std::vector<CaseRecord> cases = with_cases_of_actions(active, std::move(active_cases), read, period.to);
    std::vector<CaseVersion> counted;
    for (const CaseRecord& record : cases) {
      if (active_ids.count(record.id)) counted.push_back({record.id, record.version});
    }
    // Read in this transaction: the clocks read with it were recomputed by
    // the load that made it, in the same transaction.
    const auto load = session.calendar().latest_load();
    const auto facts_of = facts_of_active(session, partnership, counted, load ? load->revision : 0, cache);
    const std::set<long long> opened_a_local_review = reviews_that_opened_a_local_review(session, partnership);
    for (const CaseRecord& record : cases) {
      const auto recorded = actions_of.find(record.id);
      const ReviewRecords& records = recorded == actions_of.end() ? none : recorded->second;
      if (case_view(context.principal, record, records) == CaseView::None) continue;
      if (auto counted_actions = review_actions(record, records, period.to, report.today)) {
        report.actions.push_back(std::move(*counted_actions));
      }
      const YearlyCaseFacts* facts = facts_of.find(record.id);
      if (!facts) continue;
      const CaseRead c{record, {record.id, record.reference}, *facts, records, service};
      if (record.kind == sin::kKind) add_notification(report, c, context);
      if (record.kind == rr::kKind) add_rapid_review(report, c, vocabularies, opened_a_local_review, context);
      if (record.kind == lcspr::kKind) add_lcspr(report, c, context);
    }
  });
  auto& themes = report.themes_without_local_review;
  std::sort(themes.begin(), themes.end(), [](const ThemeCount& a, const ThemeCount& b) { return a.code < b.code; });
  return report;
}

}  // namespace casereview::workflows
