// Vocabularies: modifiable factors, learning themes, categories of death and the
// legacy score mapping. The national factors and themes are kept by the national
// vocabulary editor; a partnership's administrator adds local codes and retires
// codes for that partnership only (vocabulary.h).
#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"

namespace casereview::web {
namespace {

constexpr std::size_t kLabelCharacters = 200;

ApiError bad_code(const std::string& reason) { return ApiError{Problem::InvalidCode, reason + ".", Json::object()}; }

ApiError code_exists(const std::string& code, long long scope) {
  return ApiError{Problem::CodeExists,
                  scope == kNationalScope ? "There is already a code " + code + ", national or a partnership's own."
                                          : "There is already a code " + code + ", national or this partnership's own.",
                  Json::object()};
}

// Where the signed-in user's changes to a vocabulary are made: nationally for
// the national vocabulary editor, otherwise in their partnership.
long long scope_of(const Principal& who) {
  return allowed(who.role, Permission::ManageNationalVocabularies) ? kNationalScope : who.partnership_id;
}

// What the signed-in user reads: the national editor the national codes, anyone
// else their partnership's view.
Vocabularies visible_to(StoreSession& session, const Principal& who) {
  return *session.vocabularies().load(scope_of(who));
}

}  // namespace

HttpResponse list_factors(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  Json list = Json::array();
  for (const FactorCode& f : visible_to(*session, request.who()).factors) list.push(factor_json(f));
  Json domains = Json::array();
  for (const char* d : kFactorDomains) domains.push(d);
  Json body = Json::object();
  body.set("domains", std::move(domains));
  body.set("factors", std::move(list));
  return HttpResponse::json(200, body);
}

HttpResponse add_factor(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"code", "domain", "label"});
  const long long scope = scope_of(request.who());
  FactorCode factor{required_text(body, "code"), required_text(body, "domain"),
                    required_line(body, "label", kLabelCharacters)};
  factor.national = scope == kNationalScope;
  if (auto reason = invalid_code_reason(factor.code)) throw bad_code(*reason);
  if (!is_factor_domain(factor.domain)) {
    throw ApiError{Problem::InvalidMember,
                   "domain must be one of child, social_environment, physical_environment, service_provision.",
                   Json::object()};
  }
  auto session = app.store().session();
  try {
    session->write_transaction(
        [&] { session->vocabularies().add_factor(factor, scope, request.who().username, Instant::now()); });
  } catch (const ConflictError&) {
    throw code_exists(factor.code, scope);
  }
  return HttpResponse::json(201, factor_json(factor));
}

HttpResponse list_themes(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  Json list = Json::array();
  for (const ThemeCode& t : visible_to(*session, request.who()).themes) list.push(theme_json(t));
  Json body = Json::object();
  body.set("themes", std::move(list));
  return HttpResponse::json(200, body);
}

HttpResponse add_theme(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"code", "label"});
  const long long scope = scope_of(request.who());
  ThemeCode theme{required_text(body, "code"), required_line(body, "label", kLabelCharacters)};
  theme.national = scope == kNationalScope;
  if (auto reason = invalid_code_reason(theme.code)) throw bad_code(*reason);
  auto session = app.store().session();
  try {
    session->write_transaction(
        [&] { session->vocabularies().add_theme(theme, scope, request.who().username, Instant::now()); });
  } catch (const ConflictError&) {
    throw code_exists(theme.code, scope);
  }
  return HttpResponse::json(201, theme_json(theme));
}

HttpResponse set_code_status(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"active"});
  const bool active = required_flag(body, "active");
  const std::string& vocabulary = request.params.at("vocabulary");
  const std::string& code = request.params.at("code");
  const long long scope = scope_of(request.who());
  auto session = app.store().session();
  bool changed = false;
  bool national = true;
  session->write_transaction([&] {
    const SharedVocabularies seen_held = session->vocabularies().load(scope);
    const Vocabularies& seen = *seen_held;
    const FactorCode* factor = vocabulary == "factors" ? seen.factor(code) : nullptr;
    const ThemeCode* theme = vocabulary == "themes" ? seen.theme(code) : nullptr;
    if (!factor && !theme) return;  // not one this user can see: 404 below
    national = factor ? factor->national : theme->national;
    if (scope != kNationalScope && active && (factor ? factor->retired_nationally : theme->retired_nationally)) {
      throw ApiError{
          Problem::CodeRetiredNationally,
          "The code " + code + " was retired nationally; only the national vocabulary editor can bring it back.",
          Json::object()};
    }
    changed =
        session->vocabularies().set_active(vocabulary, code, active, scope, request.who().username, Instant::now());
  });
  if (!changed) {
    throw ApiError{Problem::CodeNotFound,
                   "There is no code " + code + " in " + vocabulary +
                       (scope == kNationalScope ? " nationally." : " for this partnership."),
                   Json::object()};
  }
  Json out = Json::object();
  out.set("vocabulary", vocabulary);
  out.set("code", code);
  out.set("active", active);
  out.set("national", national);
  out.set("scope", scope == kNationalScope ? "national" : "partnership");
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
  body.set("categories", std::move(list));
  body.set("legacy_score_mapping", std::move(mappings));
  return HttpResponse::json(200, body);
}

}  // namespace casereview::web
