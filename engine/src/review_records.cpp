#include "casereview/engine/review_records.h"

#include <algorithm>
#include <set>

#include "casereview/engine/json.h"
#include "casereview/engine/parsed_payload.h"

namespace casereview {
namespace {

std::string text(const Json& payload, const char* name) {
  const Json& v = payload[name];
  return v.is_string() ? v.as_string() : std::string();
}

std::optional<Date> date(const Json& payload, const char* name) {
  const Json& v = payload[name];
  return v.is_string() ? Date::parse(v.as_string()) : std::nullopt;
}

template <class T>
T* by_ref(std::vector<T>& items, const std::string& ref) {
  for (auto& item : items) {
    if (item.ref == ref) return &item;
  }
  return nullptr;
}

}  // namespace

std::vector<ActionItem> project_actions(const std::vector<Event>& events) {
  std::vector<ActionItem> actions;
  for (const Event& e : events) {
    if (e.type != review_event::kActionAdded && e.type != review_event::kActionUpdated) continue;
    const ParsedPayload p = parsed_payload(e.payload);
    if (e.type == review_event::kActionAdded) {
      ActionItem a;
      a.ref = text(p, "ref");
      a.recommendation = text(p, "recommendation");
      a.action = text(p, "action");
      a.owner_person = text(p, "owner_person");
      a.owner_agency = text(p, "owner_agency");
      a.due_on = date(p, "due_on").value_or(e.effective_date);
      a.desired_outcome = text(p, "desired_outcome");
      a.added_on = e.effective_date;
      actions.push_back(std::move(a));
      continue;
    }
    ActionItem* a = by_ref(actions, text(p, "ref"));
    if (!a) continue;
    a->status = text(p, "status");
    a->updated_on = e.effective_date;
    if (!text(p, "note").empty()) a->note = text(p, "note");
    if (!text(p, "evidence").empty()) a->evidence = text(p, "evidence");
    if (!text(p, "impact").empty()) a->impact = text(p, "impact");
    a->completed_on = a->status == "completed" ? std::optional<Date>(e.effective_date) : std::nullopt;
  }
  return actions;
}

std::vector<Contract> project_contracts(const std::vector<Event>& events) {
  std::vector<Contract> contracts;
  for (const Event& e : events) {
    if (e.type.rfind("contract_", 0) != 0) continue;
    const ParsedPayload p = parsed_payload(e.payload);
    if (e.type == review_event::kContractDrafted) {
      Contract c;
      c.ref = text(p, "contract_ref");
      c.reviewer_id = p["reviewer_id"].is_integer() ? p["reviewer_id"].as_integer() : 0;
      c.reviewer_name = text(p, "reviewer_name");
      c.scope = text(p, "scope");
      c.start_on = date(p, "start_on").value_or(e.effective_date);
      c.end_on = date(p, "end_on").value_or(e.effective_date);
      c.fee_pounds = p["fee_pounds"].is_integer() ? p["fee_pounds"].as_integer() : 0;
      c.drafted_on = e.effective_date;
      contracts.push_back(std::move(c));
      continue;
    }
    Contract* c = by_ref(contracts, text(p, "contract_ref"));
    if (!c) continue;
    if (e.type == review_event::kContractSigned) {
      c->status = "signed";
      c->signed_on = e.effective_date;
    } else if (e.type == review_event::kContractStarted) {
      c->status = "active";
      c->started_on = e.effective_date;
    } else if (e.type == review_event::kContractCompleted) {
      c->status = "completed";
      c->completed_on = e.effective_date;
    } else if (e.type == review_event::kContractTerminated) {
      c->status = "terminated";
      c->terminated_on = e.effective_date;
      c->termination_reason = text(p, "reason");
    }
  }
  return contracts;
}

std::vector<CaseTag> project_tags(const std::vector<Event>& events) {
  std::set<std::string> themes;
  std::vector<std::string> factors;
  for (const Event& e : events) {
    const ParsedPayload p = parsed_payload(e.payload);
    if (const Json* list = p.find(kLearningThemesMember); list && list->is_array()) {
      for (const Json& t : list->items()) {
        if (t.is_string()) themes.insert(t.as_string());
      }
    }
    if (const Json* list = p.find(kModifiableFactorsMember); list && list->is_array()) {
      factors.clear();
      for (const Json& f : list->items()) {
        if (f.is_string()) factors.push_back(f.as_string());
      }
    }
  }
  std::sort(factors.begin(), factors.end());
  factors.erase(std::unique(factors.begin(), factors.end()), factors.end());
  std::vector<CaseTag> tags;
  tags.reserve(themes.size() + factors.size());
  for (const auto& t : themes) tags.push_back({"theme", t});
  for (const auto& f : factors) tags.push_back({"factor", f});
  return tags;
}

std::vector<AgencyRequest> project_requests(const std::vector<Event>& events, const std::vector<DeadlineRule>& rules,
                                            const RuleTermsByRule& terms, const WorkingDayCalendar& calendar) {
  std::vector<AgencyRequest> requests;
  auto open_request_for = [&](const std::string& agency) -> AgencyRequest* {
    for (auto it = requests.rbegin(); it != requests.rend(); ++it) {
      if (it->agency == agency) return &*it;
    }
    return nullptr;
  };
  for (const Event& e : events) {
    if (e.type != review_event::kAgencyRequested && e.type != review_event::kAgencyReturned &&
        e.type != review_event::kAgencyReminded) {
      continue;
    }
    const ParsedPayload p = parsed_payload(e.payload);
    if (e.type == review_event::kAgencyRequested) {
      const std::string rule_id = text(p, "return_rule");
      std::optional<DueDate> due;
      const auto rule =
          std::find_if(rules.begin(), rules.end(), [&](const DeadlineRule& r) { return r.id == rule_id; });
      if (rule != rules.end()) {
        const auto recorded = terms.find(rule_id);
        const RuleTerms t = recorded != terms.end() ? recorded->second : default_terms(*rule);
        due = compute_due(t, Anchor{e.effective_date, std::nullopt}, calendar);
      }
      for (const Json& agency : p["agencies"].is_array() ? p["agencies"].items() : JsonItems{}) {
        if (!agency.is_string()) continue;
        requests.push_back({agency.as_string(), text(p, "purpose"), e.effective_date, rule_id, due});
      }
      continue;
    }
    AgencyRequest* r = open_request_for(text(p, "agency"));
    if (!r) continue;
    if (e.type == review_event::kAgencyReturned) {
      r->returned_on = e.effective_date;
    } else {
      ++r->reminders;
      r->last_reminder_on = e.effective_date;
    }
  }
  return requests;
}

ReviewRecords project_review_records(const std::vector<Event>& events, const std::vector<DeadlineRule>& rules,
                                     const RuleTermsByRule& terms, const WorkingDayCalendar& calendar) {
  return {project_actions(events), project_requests(events, rules, terms, calendar), project_contracts(events),
          project_tags(events)};
}

CommissioningTime commissioning_time(Date decided_on, const std::vector<Contract>& contracts, Date today,
                                     const WorkingDayCalendar& calendar) {
  CommissioningTime t;
  t.decided_on = decided_on;
  for (const Contract& c : contracts) {
    if (c.signed_on && (!t.signed_on || *c.signed_on < *t.signed_on)) t.signed_on = c.signed_on;
  }
  const Date until = t.signed_on ? *t.signed_on : today;
  t.calendar_days = until.serial() - decided_on.serial();
  t.working_days = calendar.working_days_between(decided_on, until);
  return t;
}

}  // namespace casereview
