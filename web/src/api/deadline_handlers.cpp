#include <algorithm>

#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"
#include "http/problem.h"

namespace casereview::web {
namespace {

ApiError unknown_rule(App& app, const std::string& id) {
  Json known = Json::array();
  for (const DeadlineRule* r : app.workflows().all_rules()) known.push(r->id);
  Json extra = Json::object();
  extra.set("known_rules", std::move(known));
  return ApiError{Problem::UnknownRule,
                  "There is no deadline rule \"" + id + "\". GET /api/v1/deadline-rules lists them.", extra};
}

}  // namespace

HttpResponse list_deadlines(const HttpRequest& request, App& app) {
  only_query(request, {"status", "within_working_days", "from", "to"});
  std::vector<std::string> statuses;
  if (auto text = query_text(request, "status")) {
    for (const std::string& s : split_commas(*text)) {
      static const char* kOpenStatuses[] = {"on_track", "due_soon", "due_today", "overdue", "paused"};
      if (std::none_of(std::begin(kOpenStatuses), std::end(kOpenStatuses), [&](const char* k) { return s == k; })) {
        throw ApiError{Problem::InvalidQuery,
                       "status \"" + s + "\" is not one of on_track, due_soon, due_today, overdue, paused.",
                       Json::object()};
      }
      statuses.push_back(s);
    }
  }
  const auto within = query_int(request, "within_working_days", 0, 260);

  auto session = app.store().session();
  const RequestContext context = app.context(*session, request.who());
  // Deadlines due in the period, when one is asked for.
  const std::optional<ReportPeriod> period = query_optional_period(request, context.today);
  Json list = Json::array();
  for (const CaseClock& cc : session->deadlines().open_clocks(context.partnership_id())) {
    if (period && !(cc.clock.due && period->contains(cc.clock.due->date))) continue;
    const ClockView view = app.cases().clock_view(cc.clock, context);
    const std::string status = status_name(view.status);
    if (!statuses.empty() && std::find(statuses.begin(), statuses.end(), status) == statuses.end()) continue;
    if (within && (!view.working_days_left || *view.working_days_left > *within)) continue;
    Json item = clock_json(view);
    Json case_ref = Json::object();
    case_ref.set("id", cc.case_id);
    case_ref.set("reference", cc.case_reference);
    case_ref.set("kind", cc.case_kind);
    case_ref.set("state", cc.case_state);
    case_ref.set("href", "/api/v1/cases/" + std::to_string(cc.case_id));
    item.set("case", std::move(case_ref));
    list.push(std::move(item));
  }
  Json body = Json::object();
  body.set("today", context.today.iso());
  body.set("deadlines", std::move(list));
  if (period) body.set("period", period_json(*period));
  return HttpResponse::json(200, body);
}

HttpResponse list_deadline_rules(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  const auto settings = session->rule_settings().for_partnership(request.who().partnership_id);
  Json list = Json::array();
  for (const DeadlineRule* rule : app.workflows().all_rules()) {
    list.push(rule_json(*rule, terms_in_force(*rule, settings)));
  }
  Json body = Json::object();
  body.set("rules", std::move(list));
  return HttpResponse::json(200, body);
}

HttpResponse preview_deadline(const HttpRequest& request, App& app) {
  only_query(request, {"rule", "anchor"});
  const auto rule_id = query_text(request, "rule");
  const auto anchor = query_date(request, "anchor");
  if (!rule_id || !anchor) {
    throw ApiError{Problem::InvalidQuery, "Give both rule=RULE_ID and anchor=YYYY-MM-DD.", Json::object()};
  }
  const DeadlineRule* rule = app.workflows().rule(*rule_id);
  if (!rule) throw unknown_rule(app, *rule_id);
  auto session = app.store().session();
  const RuleTerms terms = terms_in_force(*rule, session->rule_settings().for_partnership(request.who().partnership_id));
  const auto calendar = app.calendar(*session);
  try {
    return HttpResponse::json(
        200, preview_json(*rule, terms, *anchor, casereview::preview_deadline(terms, *anchor, *calendar)));
  } catch (const DateOutOfRange& e) {
    const DateOutOfRange said(e, "anchor", "the due date " + std::string(amount_phrase(terms)) + anchor->iso());
    throw invalid(Problem::InvalidQuery, "anchor", std::string("anchor: ") + said.what() + ".");
  }
}

}  // namespace casereview::web

namespace casereview::web {

HttpResponse put_rule_setting(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"amount", "anchor", "reason"});
  RuleAdjustment adjustment;
  adjustment.reason = required_text(body, "reason");
  if (!body["amount"].is_null()) adjustment.amount = static_cast<int>(required_integer(body, "amount", 1, 100000));
  if (!body["anchor"].is_null()) adjustment.anchor_id = required_text(body, "anchor");
  const std::string& rule_id = request.params.at("id");
  auto session = app.store().session();
  const auto changed = change_rule_setting(*session, app.workflows(), request.who().partnership_id, rule_id, adjustment,
                                           request.who().username, Instant::now());
  if (const auto* refused = std::get_if<RuleSettingRefused>(&changed)) throw problem_for(*refused);
  return HttpResponse::json(200, rule_json(*app.workflows().rule(rule_id), std::get<RuleTerms>(changed)));
}

HttpResponse list_rule_setting_changes(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  auto setting_json = [](const RuleSetting& s) {
    Json j = Json::object();
    j.set("amount", s.amount ? Json(*s.amount) : Json());
    j.set("anchor", s.anchor_id ? Json(*s.anchor_id) : Json());
    return j;
  };
  Json list = Json::array();
  for (const RuleSettingChange& c : session->rule_settings().changes(request.who().partnership_id)) {
    Json item = Json::object();
    item.set("rule_id", c.rule_id);
    item.set("before", setting_json(c.before));
    item.set("after", setting_json(c.after));
    item.set("reason", c.reason);
    item.set("changed_by", c.changed_by);
    item.set("changed_at", c.changed_at.iso());
    list.push(std::move(item));
  }
  Json body = Json::object();
  body.set("changes", std::move(list));
  return HttpResponse::json(200, body);
}

}  // namespace casereview::web
