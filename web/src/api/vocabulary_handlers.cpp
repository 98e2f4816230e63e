// Vocabularies: modifiable factors, learning themes, categories of death and the
// legacy score mapping. Factors and themes are extended by an administrator.
#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"

namespace casereview::web {
namespace {

ApiError bad_code(const std::string& reason) { return ApiError{Problem::InvalidCode, reason + ".", Json::object()}; }

ApiError code_exists(const std::string& code) {
  return ApiError{Problem::CodeExists, "There is already a code " + code + ".", Json::object()};
}

}  // namespace

HttpResponse list_factors(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  Json list = Json::array();
  for (const FactorCode& f : session->vocabularies().load().factors) list.push(factor_json(f));
  Json domains = Json::array();
  for (const char* d : kFactorDomains) domains.push(d);
  Json body = Json::object();
  body.set("domains", domains);
  body.set("factors", list);
  return HttpResponse::json(200, body);
}

HttpResponse add_factor(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"code", "domain", "label"});
  FactorCode factor{required_text(body, "code"), required_text(body, "domain"), required_text(body, "label"), true};
  if (auto reason = invalid_code_reason(factor.code)) throw bad_code(*reason);
  if (!is_factor_domain(factor.domain)) {
    throw ApiError{Problem::InvalidMember,
                   "domain must be one of child, social_environment, physical_environment, service_provision.",
                   Json::object()};
  }
  auto session = app.store().session();
  try {
    session->write_transaction(
        [&] { session->vocabularies().add_factor(factor, request.who().username, Instant::now()); });
  } catch (const ConflictError&) {
    throw code_exists(factor.code);
  }
  return HttpResponse::json(201, factor_json(factor));
}

HttpResponse list_themes(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  Json list = Json::array();
  for (const ThemeCode& t : session->vocabularies().load().themes) list.push(theme_json(t));
  Json body = Json::object();
  body.set("themes", list);
  return HttpResponse::json(200, body);
}

HttpResponse add_theme(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"code", "label"});
  ThemeCode theme{required_text(body, "code"), required_text(body, "label"), true};
  if (auto reason = invalid_code_reason(theme.code)) throw bad_code(*reason);
  auto session = app.store().session();
  try {
    session->write_transaction(
        [&] { session->vocabularies().add_theme(theme, request.who().username, Instant::now()); });
  } catch (const ConflictError&) {
    throw code_exists(theme.code);
  }
  return HttpResponse::json(201, theme_json(theme));
}

HttpResponse set_code_status(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"active"});
  const bool active = required_flag(body, "active");
  const std::string& vocabulary = request.params.at("vocabulary");
  const std::string& code = request.params.at("code");
  auto session = app.store().session();
  bool changed = false;
  session->write_transaction([&] {
    changed = session->vocabularies().set_active(vocabulary, code, active, request.who().username, Instant::now());
  });
  if (!changed) {
    throw ApiError{Problem::CodeNotFound, "There is no code " + code + " in " + vocabulary + ".", Json::object()};
  }
  Json out = Json::object();
  out.set("vocabulary", vocabulary);
  out.set("code", code);
  out.set("active", active);
  return HttpResponse::json(200, out);
}

HttpResponse list_death_categories(const HttpRequest& request, App&) {
  only_query(request, {});
  Json list = Json::array();
  for (const DeathCategory& c : death_categories()) {
    Json item = Json::object();
    item.set("code", c.code);
    item.set("number", c.number);
    item.set("label", c.label);
    list.push(std::move(item));
  }
  Json mappings = Json::array();
  for (const LegacyScoreMapping& m : legacy_score_mappings()) {
    Json item = Json::object();
    item.set("legacy", m.legacy);
    item.set("score", m.score);
    item.set("note", m.note);
    mappings.push(std::move(item));
  }
  Json body = Json::object();
  body.set("categories", list);
  body.set("legacy_score_mapping", mappings);
  return HttpResponse::json(200, body);
}

}  // namespace casereview::web
