#include "casereview/engine/reminders.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "casereview/engine/case_service.h"

namespace casereview {
namespace {

// How close a due date is: what a reminder lists.
enum class Nearness { Overdue, DueToday, DueSoon };

// Working days ahead that count as "due soon" where no rule says (actions).
constexpr int kDefaultDueSoonWorkingDays = 2;

std::optional<Nearness> nearness_of(ClockStatus status) {
  switch (status) {
    case ClockStatus::Overdue:
      return Nearness::Overdue;
    case ClockStatus::DueToday:
      return Nearness::DueToday;
    case ClockStatus::DueSoon:
      return Nearness::DueSoon;
    default:
      return std::nullopt;
  }
}

std::optional<Nearness> nearness_of(Date due, int due_soon_working_days, Date today,
                                    const WorkingDayCalendar& calendar) {
  if (due < today) return Nearness::Overdue;
  if (due == today) return Nearness::DueToday;
  if (calendar.working_days_between(today, due) <= due_soon_working_days) return Nearness::DueSoon;
  return std::nullopt;
}

// One line of a digest.
struct Entry {
  Nearness nearness = Nearness::DueSoon;
  Date due;
  std::string reference;
  std::string what;
  std::string link;  // "" when the digest links once at its end
};

struct Links {
  std::string base;  // without a trailing slash
  std::string home() const { return base + "/"; }
  std::string case_page(long long case_id) const { return base + "/cases/" + std::to_string(case_id); }
  std::string inbox() const { return base + "/inbox"; }
};

// An open clock that is overdue, due today or due soon, with the case it runs on.
struct DueClock {
  CaseClock clock;
  ClockView view;
  Nearness nearness = Nearness::DueSoon;
};

std::string rule_title(const ClockView& view) { return view.rule ? view.rule->title : view.clock.rule_id; }

Entry clock_entry(const DueClock& c, const Links& links) {
  return Entry{c.nearness, c.view.clock.due->date, c.clock.case_reference, rule_title(c.view),
               links.case_page(c.clock.case_id)};
}

std::string count_phrase(const std::vector<Entry>& entries) {
  const auto count = [&](Nearness n) {
    return std::count_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.nearness == n; });
  };
  std::string out;
  const std::pair<Nearness, const char*> parts[] = {
      {Nearness::Overdue, "overdue"}, {Nearness::DueToday, "due today"}, {Nearness::DueSoon, "due soon"}};
  for (const auto& [nearness, words] : parts) {
    if (const auto n = count(nearness); n > 0) out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + words;
  }
  return out;
}

const char* kFooter =
    "\nThis e-mail gives case references, deadlines and dates only; sign in to casereview to see the cases.\n"
    "You receive it because your casereview account has this e-mail address.\n";

ReminderMail digest(const User& user, const Partnership& partnership, std::vector<Entry> entries, const Links& links,
                    Date today, const std::string& closing_link) {
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.nearness, a.due, a.reference, a.what) < std::tie(b.nearness, b.due, b.reference, b.what);
  });
  ReminderMail mail;
  mail.kind = ReminderKind::Digest;
  mail.partnership_id = partnership.id;
  mail.item_key = "digest:" + std::to_string(partnership.id) + ":" + std::to_string(user.id);
  mail.to = user.email;
  mail.username = user.username;
  mail.subject = "[casereview] Deadlines on " + today.iso() + ": " + count_phrase(entries);
  std::string body = "Deadlines for " + user.username + " in " + partnership.name + " on " + today.iso() + ".\n";
  const std::pair<Nearness, const char*> sections[] = {
      {Nearness::Overdue, "Overdue"}, {Nearness::DueToday, "Due today"}, {Nearness::DueSoon, "Due soon"}};
  for (const auto& [nearness, heading] : sections) {
    bool first = true;
    for (const Entry& e : entries) {
      if (e.nearness != nearness) continue;
      if (first) body += std::string("\n") + heading + "\n";
      first = false;
      body += "- " + e.reference + ": " + e.what + ", due " + e.due.iso() + "\n";
      if (!e.link.empty()) body += "  " + e.link + "\n";
    }
  }
  body += "\nOpen casereview: " + (closing_link.empty() ? links.home() : closing_link) + "\n" + kFooter;
  mail.body = body;
  return mail;
}

ReminderMail escalation(const User& manager, const DueClock& c, const Links& links, Date today,
                        const WorkingDayCalendar& calendar) {
  const Date due = c.view.clock.due->date;
  const int late = calendar.working_days_between(due, today);
  ReminderMail mail;
  mail.kind = ReminderKind::Escalation;
  mail.item_key = "clock:" + std::to_string(c.clock.case_id) + ":" + c.view.clock.rule_id;
  mail.to = manager.email;
  mail.username = manager.username;
  mail.subject = "[casereview] Overdue statutory deadline: " + c.clock.case_reference + " " + rule_title(c.view);
  std::string body = "A statutory deadline is overdue.\n\n";
  body += "Case: " + c.clock.case_reference + "\n";
  body += "Deadline: " + rule_title(c.view) + "\n";
  body += "Due: " + due.iso() + " (" + std::to_string(late) + " working day" + (late == 1 ? "" : "s") + " overdue on " +
          today.iso() + ")\n";
  if (c.view.rule) {
    body += "Who acts: " + c.view.rule->who_acts + "\n";
    body += "Source: " + c.view.rule->source + "\n";
  }
  body += "\n" + links.case_page(c.clock.case_id) + "\n" + kFooter;
  mail.body = body;
  return mail;
}

ReminderMail request_reminder(const User& contact, const CaseRequest& r, Nearness nearness, const std::string& rule,
                              const Links& links) {
  const std::string when = nearness == Nearness::Overdue ? "overdue" : "due today";
  ReminderMail mail;
  mail.kind = ReminderKind::AgencyRequest;
  mail.item_key = "request:" + std::to_string(r.case_id) + ":" + r.request.agency + ":" + r.request.requested_on.iso();
  mail.to = contact.email;
  mail.username = contact.username;
  mail.subject = "[casereview] Request to " + r.request.agency + " " + when + ": " + r.case_reference + ", due " +
                 r.request.due->date.iso();
  std::string body = "Information requested from " + r.request.agency + " is " + when + ".\n\n";
  body += "Case: " + r.case_reference + "\n";
  body += "Requested: " + r.request.requested_on.iso() + " (" + rule + ")\n";
  body += "Due: " + r.request.due->date.iso() + "\n";
  body += "\nAnswer it in your inbox: " + links.inbox() + "\n" + kFooter;
  mail.body = body;
  return mail;
}

// What the planner reads once per partnership.
class Planner {
 public:
  Planner(StoreSession& session, const WorkflowRegistry& workflows, const Partnership& partnership,
          const ReminderDay& day)
      : session_(session),
        workflows_(workflows),
        service_(workflows),
        partnership_(partnership),
        day_(day),
        links_{day.public_url.substr(0, day.public_url.find_last_not_of('/') + 1)} {
    context_.principal.partnership_id = partnership.id;
    context_.today = day.today;
    context_.now = day.now;
    context_.calendar = day.calendar;
  }

  std::vector<ReminderMail> plan() {
    std::vector<User> managers;
    std::map<std::string, std::vector<User>> contacts;  // by agency
    std::vector<ReminderMail> digests, escalations, requests;
    for (const User& user : session_.users().list(partnership_.id)) {
      if (!user.active || user.email.empty()) continue;
      const Membership* m = user.membership(partnership_.id);
      std::vector<Entry> entries;
      std::string closing_link;
      switch (m->role) {
        case Role::Manager:
          managers.push_back(user);
          entries = manager_entries();
          break;
        case Role::AgencyContributor:
          contacts[m->agency].push_back(user);
          entries = agency_entries(m->agency);
          closing_link = links_.inbox();
          break;
        case Role::IndependentReviewer:
          entries = reviewer_entries(m->reviewer_id);
          break;
        default:
          continue;
      }
      if (!entries.empty()) digests.push_back(digest(user, partnership_, entries, links_, day_.today, closing_link));
    }
    for (const DueClock& c : partnership_clocks()) {
      if (c.nearness != Nearness::Overdue || !c.view.rule) continue;
      if (c.view.rule->tag != SourceTag::Statutory || c.view.rule->kind != RuleKind::Deadline) continue;
      for (const User& manager : managers) {
        escalations.push_back(escalation(manager, c, links_, day_.today, *day_.calendar));
      }
    }
    for (const auto& [agency, people] : contacts) {
      for (const auto& [request, nearness] : agency_requests(agency)) {
        if (nearness == Nearness::DueSoon) continue;
        for (const User& contact : people) {
          requests.push_back(request_reminder(contact, request, nearness, rule_name(request.request.rule_id), links_));
        }
      }
    }
    std::vector<ReminderMail> out = std::move(digests);
    std::vector<ReminderMail> rest = std::move(escalations);
    rest.insert(rest.end(), requests.begin(), requests.end());
    std::stable_sort(rest.begin(), rest.end(), [](const ReminderMail& a, const ReminderMail& b) {
      return std::tie(a.kind, a.subject, a.to) < std::tie(b.kind, b.subject, b.to);
    });
    out.insert(out.end(), rest.begin(), rest.end());
    for (ReminderMail& mail : out) mail.partnership_id = partnership_.id;
    return out;
  }

 private:
  std::string rule_name(const std::string& rule_id) const {
    const DeadlineRule* rule = workflows_.rule(rule_id);
    return rule ? rule->title : rule_id;
  }

  std::optional<DueClock> due_clock(const CaseClock& clock) const {
    if (!clock.clock.is_open() || !clock.clock.due) return std::nullopt;
    DueClock c{clock, service_.clock_view(clock.clock, context_), Nearness::DueSoon};
    const auto nearness = nearness_of(c.view.status);
    if (!nearness) return std::nullopt;
    c.nearness = *nearness;
    return c;
  }

  const std::vector<DueClock>& partnership_clocks() {
    if (!clocks_) {
      clocks_.emplace();
      for (const CaseClock& clock : session_.deadlines().open_clocks(partnership_.id)) {
        if (auto c = due_clock(clock)) clocks_->push_back(*c);
      }
    }
    return *clocks_;
  }

  std::vector<Entry> manager_entries() {
    std::vector<Entry> out;
    for (const DueClock& c : partnership_clocks()) out.push_back(clock_entry(c, links_));
    ActionFilter filter;
    filter.partnership_id = partnership_.id;
    for (const CaseAction& a : session_.review_records().actions(filter)) {
      if (a.action.is_finished()) continue;
      const auto nearness = nearness_of(a.action.due_on, kDefaultDueSoonWorkingDays, day_.today, *day_.calendar);
      if (!nearness) continue;
      out.push_back(
          Entry{*nearness, a.action.due_on, a.case_reference, "action " + a.action.ref, links_.case_page(a.case_id)});
    }
    return out;
  }

  const std::vector<std::pair<CaseRequest, Nearness>>& agency_requests(const std::string& agency) {
    auto found = requests_.find(agency);
    if (found != requests_.end()) return found->second;
    std::vector<std::pair<CaseRequest, Nearness>> due;
    for (const CaseRequest& r : session_.review_records().requests_for_agency(partnership_.id, agency)) {
      if (r.request.returned_on || !r.request.due) continue;
      const DeadlineRule* rule = workflows_.rule(r.request.rule_id);
      const int soon = rule ? rule->due_soon_working_days : kDefaultDueSoonWorkingDays;
      if (const auto nearness = nearness_of(r.request.due->date, soon, day_.today, *day_.calendar)) {
        due.emplace_back(r, *nearness);
      }
    }
    return requests_.emplace(agency, std::move(due)).first->second;
  }

  std::vector<Entry> agency_entries(const std::string& agency) {
    std::vector<Entry> out;
    for (const auto& [r, nearness] : agency_requests(agency)) {
      out.push_back(Entry{nearness, r.request.due->date, r.case_reference,
                          "information requested from " + agency + " on " + r.request.requested_on.iso() + " (" +
                              rule_name(r.request.rule_id) + ")",
                          ""});
    }
    return out;
  }

  std::vector<Entry> reviewer_entries(long long reviewer_id) {
    std::map<long long, std::string> reviews;  // case id -> reference
    for (const CaseContract& c : session_.review_records().contracts(partnership_.id)) {
      if (c.contract.reviewer_id == reviewer_id && contract_in_force(c.contract)) reviews[c.case_id] = c.case_reference;
    }
    std::vector<Entry> out;
    for (const auto& [case_id, reference] : reviews) {
      for (const Clock& clock : session_.deadlines().for_case(case_id)) {
        if (auto c = due_clock(CaseClock{case_id, reference, "", "", clock})) out.push_back(clock_entry(*c, links_));
      }
    }
    return out;
  }

  StoreSession& session_;
  const WorkflowRegistry& workflows_;
  const CaseService service_;
  const Partnership& partnership_;
  const ReminderDay& day_;
  Links links_;
  RequestContext context_;
  std::optional<std::vector<DueClock>> clocks_;
  std::map<std::string, std::vector<std::pair<CaseRequest, Nearness>>> requests_;
};

}  // namespace

const char* reminder_kind_name(ReminderKind kind) {
  switch (kind) {
    case ReminderKind::Digest:
      return "digest";
    case ReminderKind::Escalation:
      return "escalation";
    case ReminderKind::AgencyRequest:
      return "agency_request";
  }
  return "digest";
}

std::vector<ReminderMail> reminders_due(StoreSession& session, const WorkflowRegistry& workflows,
                                        const Partnership& partnership, const ReminderDay& day) {
  std::vector<ReminderMail> out;
  if (!day.calendar->is_working_day(day.today)) return out;
  session.read_transaction([&] { out = Planner(session, workflows, partnership, day).plan(); });
  return out;
}

}  // namespace casereview
