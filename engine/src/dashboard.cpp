#include "casereview/engine/dashboard.h"

#include <algorithm>
#include <stdexcept>

#include "casereview/engine/access.h"

namespace casereview {
namespace {

struct Candidate {
  const CaseClock* next = nullptr;
  int due = 0;  // open clocks and returns owed
};

// Whether `a` falls due before `b`: a dated clock before a paused one, then by
// date and, on one day, by hour.
bool due_before(const Clock& a, const Clock& b) {
  if (a.due.has_value() != b.due.has_value()) return a.due.has_value();
  if (!a.due) return false;
  if (a.due->date != b.due->date) return a.due->date < b.due->date;
  // On one day, a clock due at an hour comes before one due by the day's end.
  if (a.due->at.has_value() != b.due->at.has_value()) return a.due->at.has_value();
  return a.due->at && *a.due->at < *b.due->at;
}

// The returns owed on the partnership's open cases as clocks of their rules:
// one per case, rule and due date, however many agencies owe it.
std::vector<CaseClock> returns_owed(const std::vector<CaseRequest>& requests, const WorkflowRegistry& registry) {
  std::vector<CaseClock> out;
  for (const CaseRequest& r : requests) {
    if (!r.request.due || registry.is_closed(r.case_kind, r.case_state)) continue;
    const bool known = std::any_of(out.begin(), out.end(), [&](const CaseClock& o) {
      return o.case_id == r.case_id && o.clock.rule_id == r.request.rule_id && o.clock.due->date == r.request.due->date;
    });
    if (known) continue;
    CaseClock owed{r.case_id, r.case_reference, r.case_kind, r.case_state, Clock{}};
    owed.clock.rule_id = r.request.rule_id;
    if (const DeadlineRule* rule = registry.rule(r.request.rule_id)) owed.clock.terms = default_terms(*rule);
    owed.clock.anchor.date = r.request.requested_on;
    owed.clock.due = r.request.due;
    out.push_back(std::move(owed));
  }
  return out;
}

bool wanted_status(const DashboardQuery& query, ClockStatus status) {
  return query.statuses.empty() ||
         std::find(query.statuses.begin(), query.statuses.end(), status) != query.statuses.end();
}

bool wanted_owner(const DashboardQuery& query, const std::map<long long, CaseOwner>& owners, long long case_id) {
  if (!query.owner) return true;
  const auto found = owners.find(case_id);
  if (query.owner->empty()) return found == owners.end();
  return found != owners.end() && found->second.username == *query.owner;
}

// Dated clocks by due date (then hour), paused ones after every dated one; ties
// by reference so that a page is the same from one request to the next.
bool before(const CaseClock& a, const CaseClock& b, DashboardSort sort) {
  const Clock& x = a.clock;
  const Clock& y = b.clock;
  if (x.due && y.due && sort == DashboardSort::DueLast) {
    if (due_before(y, x)) return true;
    if (due_before(x, y)) return false;
  } else {
    if (due_before(x, y)) return true;
    if (due_before(y, x)) return false;
  }
  return a.case_reference < b.case_reference;
}

// A case the query lists, before it is made a DashboardRow: only the page's
// rows are (a national partnership has thousands of open cases, and copying
// each one's clock and view was a third of the dashboard's time).
struct Listed {
  long long case_id = 0;
  const CaseClock* next = nullptr;
  ClockView view;
  int others_due = 0;
};

// Agency contributors' names by agency, active accounts only.
std::map<std::string, std::vector<const User*>> contacts_by_agency(const std::vector<User>& users,
                                                                   long long partnership_id) {
  std::map<std::string, std::vector<const User*>> out;
  for (const User& u : users) {
    const Membership* m = u.membership(partnership_id);
    if (u.active && m && m->role == Role::AgencyContributor && !m->agency.empty()) out[m->agency].push_back(&u);
  }
  return out;
}

// Fills who acts on the row's next clock from the case's records.
class WhoActs {
 public:
  WhoActs(StoreSession& session, long long partnership_id) : session_(session), partnership_id_(partnership_id) {}
  WhoActs(const WhoActs&) = delete;
  WhoActs& operator=(const WhoActs&) = delete;

  void fill(DashboardRow& row) {
    const ReviewRecords records = session_.review_records().for_case(row.next.case_id);
    const auto& due = row.next.clock.due;
    for (const AgencyRequest& r : records.requests) {
      // The agencies whose return is the row's: this rule, by this date.
      if (r.rule_id != row.next.clock.rule_id || r.returned_on || !r.due || !due || r.due->date != due->date) {
        continue;
      }
      const auto& by_agency = contacts();
      const auto found = by_agency.find(r.agency);
      if (found == by_agency.end()) {
        row.agencies_without_contact.push_back(r.agency);
        continue;
      }
      for (const User* u : found->second) {
        row.people.push_back({ActingPerson::As::AgencyContact, u->display_name, u->username, r.agency});
      }
    }
    if (row.view.rule && row.view.rule->reviewer_acts) {
      for (const Contract& c : records.contracts) {
        if (contract_in_force(c)) row.people.push_back({ActingPerson::As::Reviewer, c.reviewer_name, "", ""});
      }
    }
    if (row.people.empty() && row.agencies_without_contact.empty() && row.owner) {
      row.people.push_back({ActingPerson::As::CaseOwner, row.owner->display_name, row.owner->username, ""});
    }
  }

 private:
  const std::map<std::string, std::vector<const User*>>& contacts() {
    if (!users_) {
      users_ = session_.users().list(partnership_id_);
      contacts_ = contacts_by_agency(*users_, partnership_id_);
    }
    return contacts_;
  }

  StoreSession& session_;
  long long partnership_id_;
  std::optional<std::vector<User>> users_;
  std::map<std::string, std::vector<const User*>> contacts_;
};

}  // namespace

const char* acting_as_name(ActingPerson::As as) {
  switch (as) {
    case ActingPerson::As::AgencyContact:
      return "agency_contact";
    case ActingPerson::As::Reviewer:
      return "reviewer";
    case ActingPerson::As::CaseOwner:
      return "case_owner";
  }
  return "case_owner";
}

DashboardPage dashboard_page(StoreSession& session, const CaseService& cases, const RequestContext& context,
                             const DashboardQuery& query) {
  if (query.page < 1 || query.per_page < 1 || query.per_page > kDashboardMaxPerPage) {
    throw std::invalid_argument("dashboard_page: page and per_page out of range");
  }
  DashboardPage out;
  out.page = query.page;
  out.per_page = query.per_page;
  const long long partnership = context.partnership_id();
  std::vector<CaseClock> due;
  std::vector<CaseRequest> requests;
  std::map<long long, CaseOwner> owners;
  session.read_transaction([&] {
    due = session.deadlines().open_clocks(partnership);
    requests = session.review_records().open_requests(partnership);
    owners = session.case_owners().of_partnership(partnership);
  });
  std::vector<CaseClock> owed = returns_owed(requests, cases.workflows());
  due.reserve(due.size() + owed.size());
  for (CaseClock& o : owed) due.push_back(std::move(o));
  std::map<long long, Candidate> by_case;
  for (const CaseClock& cc : due) {
    Candidate& c = by_case[cc.case_id];
    if (!c.next || due_before(cc.clock, c.next->clock)) c.next = &cc;
    ++c.due;
  }
  std::vector<Listed> listed;
  listed.reserve(by_case.size());
  for (const auto& [case_id, candidate] : by_case) {
    if (query.kind && candidate.next->case_kind != *query.kind) continue;
    if (!wanted_owner(query, owners, case_id)) continue;
    ClockView view = cases.clock_view(candidate.next->clock, context);
    ++out.by_status[view.status];
    if (const auto turns = status_turns_after(candidate.next->clock, context.now)) {
      if (!out.turns_after || *turns < *out.turns_after) out.turns_after = turns;
    }
    if (!wanted_status(query, view.status)) continue;
    listed.push_back({case_id, candidate.next, std::move(view), candidate.due - 1});
  }
  out.total = static_cast<long long>(listed.size());
  const std::size_t first = static_cast<std::size_t>(query.page - 1) * static_cast<std::size_t>(query.per_page);
  if (first >= listed.size()) return out;
  const std::size_t last = std::min(listed.size(), first + static_cast<std::size_t>(query.per_page));
  // Only the page needs to be in order.
  std::partial_sort(listed.begin(), listed.begin() + static_cast<std::ptrdiff_t>(last), listed.end(),
                    [&](const Listed& a, const Listed& b) { return before(*a.next, *b.next, query.sort); });
  WhoActs who_acts(session, partnership);
  for (std::size_t i = first; i < last; ++i) {
    DashboardRow row;
    row.next = *listed[i].next;
    row.view = std::move(listed[i].view);
    row.others_due = listed[i].others_due;
    const auto owner = owners.find(listed[i].case_id);
    if (owner != owners.end()) row.owner = owner->second;
    who_acts.fill(row);
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace casereview
