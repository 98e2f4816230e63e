#pragma once
// The dashboard: one row per case of the partnership with something due, saying
// what is due next, by when, and who must do it, named where the record names
// someone. Filtered, sorted and paged here so that a partnership with thousands
// of open cases sends a page, not everything.
//
// The next thing due is what falls due first of the case's open clocks and the
// returns its agencies still owe (each agency request's own due date, shown as
// a clock of the request's rule); a case whose every open clock is paused, and
// that is owed nothing, shows its paused clock and sorts after every dated row. Who acts, by person: the agency
// contacts (agency contributors' accounts) of the agencies still owing a return the clock measures; the independent
// reviewer under contract when the rule says the reviewer acts
// (DeadlineRule::reviewer_acts); else the case owner, when there is one.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "casereview/engine/case_detail.h"
#include "casereview/engine/case_owner.h"
#include "casereview/engine/case_service.h"

namespace casereview {

enum class DashboardSort { DueFirst, DueLast };

struct DashboardQuery {
  std::optional<std::string> kind;    // a workflow kind
  std::vector<ClockStatus> statuses;  // of the next thing due; empty: any
  // Unset: any owner. "" : cases without an owner. Otherwise a username.
  std::optional<std::string> owner;
  DashboardSort sort = DashboardSort::DueFirst;
  int page = 1;  // from 1
  int per_page = 25;
};

// A person who must act on the next thing due, or who follows it up.
struct ActingPerson {
  enum class As { AgencyContact, Reviewer, CaseOwner };
  As as = As::CaseOwner;
  std::string name;
  std::string username;  // "" for a reviewer without an account here
  std::string agency;    // an agency contact's agency
};
const char* acting_as_name(ActingPerson::As as);  // "agency_contact", "reviewer", "case_owner"

struct DashboardRow {
  CaseClock next;      // the case and the clock due first
  ClockView view;      // its status and working days left today
  int others_due = 0;  // the case's other open clocks and returns owed
  std::optional<CaseOwner> owner;
  // Who acts by name (see above); empty when the record names nobody, and the
  // rule's who_acts says who (an organisation).
  std::vector<ActingPerson> people;
  // An agency owing a return that has no contact with an account here.
  std::vector<std::string> agencies_without_contact;
};

struct DashboardPage {
  std::vector<DashboardRow> rows;
  long long total = 0;  // rows matching the query, over every page
  // How many cases matching kind and owner have their next thing due in each
  // status, whatever `statuses` asks (the counts beside the status filter).
  std::map<ClockStatus, long long> by_status;
  int page = 1;
  int per_page = 25;
  // The earliest instant after which a status counted here turns before the
  // day does (status_turns_after); none when only the day turns them.
  std::optional<Instant> turns_after;
};

inline constexpr int kDashboardMaxPerPage = 100;

// The page of the partnership's dashboard on context.today. `query.page` and
// `per_page` must be positive (per_page at most kDashboardMaxPerPage); a page
// beyond the last has no rows.
DashboardPage dashboard_page(StoreSession& session, const CaseService& cases, const RequestContext& context,
                             const DashboardQuery& query);

}  // namespace casereview
