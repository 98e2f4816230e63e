// The dashboard (engine/include/casereview/engine/dashboard.h) and case owners
// (case_owner.h): what is due next on each case and who must do it, and the
// manager's assignment of the person who looks after a case.
#include <algorithm>
#include <set>

#include "api/handlers.h"
#include "api/json_views.h"
#include "api/kept_page_for_request.h"
#include "api/request_helpers.h"
#include "app.h"
#include "casereview/engine/case_owner_service.h"
#include "casereview/engine/dashboard.h"
#include "casereview/engine/keyed.h"
#include "http/problem.h"

namespace casereview::web {
namespace {

constexpr ClockStatus kOpenStatuses[] = {ClockStatus::OnTrack, ClockStatus::DueSoon, ClockStatus::DueToday,
                                         ClockStatus::Overdue, ClockStatus::Paused};

std::vector<ClockStatus> statuses_asked(const HttpRequest& request) {
  std::vector<ClockStatus> out;
  const auto text = query_text(request, "status");
  if (!text) return out;
  for (const std::string& name : split_commas(*text)) {
    const auto* found = std::find_if(std::begin(kOpenStatuses), std::end(kOpenStatuses),
                                     [&](ClockStatus s) { return name == status_name(s); });
    if (found == std::end(kOpenStatuses)) {
      throw invalid(Problem::InvalidQuery, "status",
                    "status \"" + name + "\" is not one of on_track, due_soon, due_today, overdue, paused.");
    }
    out.push_back(*found);
  }
  return out;
}

// The owner filter: "none" for cases without one, a member's username, or the
// caller's own with mine=true.
std::optional<std::string> owner_asked(const HttpRequest& request, StoreSession& session) {
  auto owner = query_text(request, "owner");
  const bool mine = query_flag(request, "mine").value_or(false);
  if (mine && owner) throw invalid(Problem::InvalidQuery, "mine", "Give owner or mine=true, not both.");
  if (mine) return request.who().username;
  if (!owner) return std::nullopt;
  if (*owner == "none") return std::string();
  const auto user = session.users().find_by_username(*owner);
  if (!user || !user->membership(request.who().partnership_id)) {
    throw invalid(Problem::InvalidQuery, "owner", "owner: nobody called \"" + *owner + "\" works in this partnership.");
  }
  return owner;
}

DashboardQuery query_of(const HttpRequest& request, App& app, StoreSession& session) {
  only_query(request, {"kind", "status", "owner", "mine", "sort", "page", "per_page"});
  DashboardQuery query;
  query.kind = query_text(request, "kind");
  if (query.kind && !app.workflows().find(*query.kind)) {
    throw invalid(Problem::InvalidQuery, "kind", "kind \"" + *query.kind + "\" is not a kind of case.");
  }
  query.statuses = statuses_asked(request);
  query.owner = owner_asked(request, session);
  const std::string sort = query_text(request, "sort").value_or("due");
  if (sort != "due" && sort != "-due") {
    throw invalid(Problem::InvalidQuery, "sort", "sort is \"due\" (soonest first) or \"-due\" (latest first).");
  }
  query.sort = sort == "due" ? DashboardSort::DueFirst : DashboardSort::DueLast;
  query.page = query_int(request, "page", 1, 1000000).value_or(1);
  query.per_page = query_int(request, "per_page", 1, kDashboardMaxPerPage).value_or(25);
  return query;
}

Json person_json(const ActingPerson& p) {
  Json j = Json::object();
  j.set("as", acting_as_name(p.as));
  j.set("name", p.name);
  j.set("username", p.username.empty() ? Json() : Json(p.username));
  j.set("agency", p.agency.empty() ? Json() : Json(p.agency));
  return j;
}

Json row_json(const DashboardRow& row, App& app) {
  const Workflow* workflow = app.workflows().find(row.next.case_kind);
  const StateSpec* state = workflow ? workflow->spec().state(row.next.case_state) : nullptr;
  Json case_ref = Json::object();
  case_ref.set("id", row.next.case_id);
  case_ref.set("reference", row.next.case_reference);
  case_ref.set("kind", row.next.case_kind);
  case_ref.set("kind_title", workflow ? workflow->spec().title : row.next.case_kind);
  case_ref.set("state", row.next.case_state);
  case_ref.set("state_title", state ? state->title : row.next.case_state);
  case_ref.set("href", "/api/v1/cases/" + std::to_string(row.next.case_id));
  Json people = Json::array();
  for (const ActingPerson& p : row.people) people.push(person_json(p));
  Json who = Json::object();
  who.set("organisation", row.view.rule ? row.view.rule->who_acts : "");
  who.set("people", std::move(people));
  who.set("agencies_without_contact", string_list(row.agencies_without_contact));
  Json j = Json::object();
  j.set("case", std::move(case_ref));
  j.set("next", clock_json(row.view));
  j.set("others_due", row.others_due);
  j.set("owner", row.owner ? owner_json(*row.owner) : Json());
  j.set("who_acts", std::move(who));
  return j;
}

Json person_choice_json(const User& user, long long partnership_id) {
  Json j = Json::object();
  j.set("username", user.username);
  j.set("name", user.display_name);
  const Membership* m = user.membership(partnership_id);
  j.set("role", m ? role_name(m->role) : "");
  return j;
}

}  // namespace

HttpResponse get_dashboard(const HttpRequest& request, App& app) {
  auto session = app.store().session();
  KeptPageForRequest kept(app.kept_pages(), request, "dashboard");
  const DashboardQuery query = query_of(request, app, *session);
  long long calendar_revision = 0;
  const RequestContext context = app.page_context(*session, request.who(), calendar_revision);
  kept.read_against(context.today, calendar_revision);
  if (auto text = kept.answer(*session, context.now)) return json_text(200, std::move(*text));
  session = reading_across_the_partnership(std::move(session), app);
  const DashboardPage page = dashboard_page(*session, app.cases(), context, query);
  // Who the child is, for a reader of identity (each case shown is a logged
  // read); the pseudonym for everyone else, and for a case whose identity was
  // erased.
  const bool reads_identity = allowed(request.who().role, Permission::ReadIdentity);
  Json rows = Json::array();
  std::set<long long> identities_shown;
  for (const DashboardRow& row : page.rows) {
    Json item = row_json(row, app);
    const long long case_id = row.next.case_id;
    std::optional<std::string> pseudonym_of;
    if (auto subject = session->subjects().find(case_id)) {
      if (reads_identity) {
        item.set("child", child_json(*subject));
        identities_shown.insert(case_id);
      } else if (!context.pseudonym_key.empty()) {
        pseudonym_of = pseudonym(context.pseudonym_key, *subject);
      }
    } else if (auto erasure = session->retention().erasure(case_id)) {
      pseudonym_of = erasure->pseudonym;
    }
    item.set("pseudonym", pseudonym_of ? Json(*pseudonym_of) : Json());
    rows.push(std::move(item));
  }
  Json body = Json::object();
  const bool logged = identity_reads_logged(*session, request, identities_shown, "dashboard");
  if (!logged) {
    for (Json& item : rows.items()) item.set("child", Json());
    body.set("identity_withheld", kIdentityWithheld);
  }
  Json counts = Json::object();
  for (ClockStatus s : kOpenStatuses) {
    const auto found = page.by_status.find(s);
    counts.set(status_name(s), found == page.by_status.end() ? 0LL : found->second);
  }
  body.set("today", context.today.iso());
  body.set("rows", std::move(rows));
  body.set("total", page.total);
  body.set("page", page.page);
  body.set("per_page", page.per_page);
  body.set("by_status", std::move(counts));
  return kept.made(body, logged, std::move(identities_shown), page.turns_after);
}

HttpResponse list_case_owners(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  const long long partnership = request.who().partnership_id;
  Json people = Json::array();
  for (const User& u : eligible_case_owners(*session, partnership)) people.push(person_choice_json(u, partnership));
  Json body = Json::object();
  body.set("owners", std::move(people));
  return HttpResponse::json(200, body);
}

HttpResponse set_case_owner(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"owner"});
  if (!body.contains("owner"))
    throw invalid(Problem::MissingMember, "owner", "Give owner: a username, or null for none.");
  std::optional<std::string> owner;
  if (!body["owner"].is_null()) owner = required_text(body, "owner");
  auto session = app.store().session();
  const RequestContext context = app.context(*session, request.who());
  const auto assigned = assign_case_owner(*session, case_id_param(request), owner, context);
  if (const auto* refused = std::get_if<ServiceRefusal>(&assigned)) throw problem_for(*refused);
  const OwnerChange& change = std::get<OwnerChange>(assigned);
  Json out = Json::object();
  out.set("case_id", change.record.id);
  out.set("case_reference", change.record.reference);
  out.set("version", change.record.version);
  out.set("owner", change.owner ? owner_json(*change.owner) : Json());
  out.set("changed", change.changed);
  return HttpResponse::json(200, out);
}

}  // namespace casereview::web
