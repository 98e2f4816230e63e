// Retention and erasure (engine/include/casereview/engine/retention.h): the
// partnership's periods and what falls due, legal holds, and an administrator's
// erasure of a child's identity.
#include "api/handlers.h"
#include "api/request_helpers.h"
#include "app.h"
#include "casereview/engine/retention_service.h"

namespace casereview::web {
namespace {

Json period_json(const RetentionPeriod& p, const WorkflowRegistry& registry) {
  Json j = Json::object();
  j.set("case_kind", p.case_kind);
  const Workflow* w = registry.find(p.case_kind);
  j.set("title", w ? w->spec().title : p.case_kind);
  j.set("years", p.years);
  j.set("default_years", kDefaultRetentionYears);
  j.set("is_default", p.is_default);
  j.set("reason", p.is_default ? Json() : Json(p.reason));
  j.set("set_by", p.is_default ? Json() : Json(p.set_by));
  j.set("set_at", p.set_at ? Json(p.set_at->iso()) : Json());
  return j;
}

Json hold_json(const std::optional<LegalHold>& h) {
  if (!h) return Json();
  Json j = Json::object();
  j.set("reason", h->reason);
  j.set("placed_by", h->placed_by);
  j.set("placed_at", h->placed_at.iso());
  return j;
}

Json erasure_json(const IdentityErasure& x) {
  Json j = Json::object();
  j.set("case_id", x.case_id);
  j.set("reason", x.reason);
  j.set("documents_erased", x.documents_erased);
  j.set("erased_by", x.erased_by);
  j.set("erased_at", x.erased_at.iso());
  return j;
}

Json item_json(const RetentionItem& r) {
  Json j = Json::object();
  j.set("case_id", r.item.case_id);
  j.set("case_reference", r.item.reference);
  j.set("case_kind", r.item.kind);
  j.set("state", r.item.state);
  j.set("closed_on", r.closed_on.iso());
  j.set("due_on", r.due_on.iso());
  j.set("status", retention_status_name(r.status));
  j.set("legal_hold", hold_json(r.item.hold));
  j.set("erasure", r.item.erasure ? erasure_json(*r.item.erasure) : Json());
  return j;
}

}  // namespace

HttpResponse get_retention(const HttpRequest& request, App& app) {
  only_query(request, {"status"});
  const auto status = query_choice(request, "status", {"kept", "due", "held", "erased", "no_identity"});
  auto session = app.store().scan_session();
  const long long partnership = request.who().partnership_id;
  Json periods = Json::array();
  for (const RetentionPeriod& p : retention_periods(*session, app.workflows(), partnership)) {
    periods.push(period_json(p, app.workflows()));
  }
  Json cases = Json::array();
  Json counts = Json::object();
  for (const char* s : {"kept", "due", "held", "erased", "no_identity"}) counts.set(s, 0);
  // Every closed case is counted; only those of the status asked for are kept.
  const auto counted_and_asked = [&](const RetentionItem& r) {
    const std::string name = retention_status_name(r.status);
    counts.set(name, counts[name].as_integer() + 1);
    return !status || *status == name;
  };
  for (const RetentionItem& r :
       retention_schedule(*session, app.workflows(), partnership, app.today(), counted_and_asked)) {
    cases.push(item_json(r));
  }
  Json body = Json::object();
  body.set("today", app.today().iso());
  body.set("periods", std::move(periods));
  body.set("counts", std::move(counts));
  body.set("cases", std::move(cases));
  return HttpResponse::json(200, body);
}

HttpResponse set_retention_period(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"years", "reason"});
  const int years = static_cast<int>(required_integer(body, "years", kMinRetentionYears, kMaxRetentionYears));
  const std::string reason = required_text(body, "reason");
  auto session = app.store().session();
  const RequestContext context = app.context(*session, request.who());
  const auto set =
      casereview::set_retention_period(*session, app.workflows(), request.params.at("kind"), years, reason, context);
  if (const auto* refused = std::get_if<RetentionRefused>(&set)) throw problem_for(*refused);
  return HttpResponse::json(200, period_json(std::get<RetentionPeriod>(set), app.workflows()));
}

HttpResponse set_legal_hold(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"held", "reason"});
  const bool held = required_flag(body, "held");
  const std::string reason = required_text(body, "reason");
  auto session = app.store().session();
  const RequestContext context = app.context(*session, request.who());
  const auto set = casereview::set_legal_hold(*session, case_id_param(request), held, reason, context);
  if (const auto* refused = std::get_if<RetentionRefused>(&set)) throw problem_for(*refused);
  const CaseRecord& record = std::get<CaseRecord>(set);
  Json out = Json::object();
  out.set("case_id", record.id);
  out.set("case_reference", record.reference);
  out.set("version", record.version);
  out.set("legal_hold", hold_json(session->retention().hold(record.id)));
  return HttpResponse::json(200, out);
}

HttpResponse erase_identity(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"reason", "confirm_reference"});
  const std::string reason = required_text(body, "reason");
  const std::string confirm = required_text(body, "confirm_reference");
  auto session = app.store().session();
  const RequestContext context = app.context(*session, request.who());
  const auto erased =
      casereview::erase_identity(*session, app.workflows(), case_id_param(request), reason, confirm, context);
  if (const auto* refused = std::get_if<RetentionRefused>(&erased)) throw problem_for(*refused);
  return HttpResponse::json(200, erasure_json(std::get<IdentityErasure>(erased)));
}

}  // namespace casereview::web
