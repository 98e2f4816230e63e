// The register of independent reviewers and their declarations of interest.
#include "api/handlers.h"
#include "api/json_views.h"
#include "api/request_helpers.h"
#include "app.h"

namespace casereview::web {
namespace {

ApiError reviewer_not_found() {
  return ApiError{Problem::ReviewerNotFound, "There is no such reviewer.", Json::object()};
}

long long reviewer_id_param(const HttpRequest& request) {
  const auto id = id_param(request);
  if (!id) throw reviewer_not_found();
  return *id;
}

}  // namespace

HttpResponse list_reviewers(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().session();
  Json list = Json::array();
  for (const Reviewer& r : session->reviewers().list(request.who().partnership_id)) list.push(reviewer_json(r));
  Json body = Json::object();
  body.set("reviewers", std::move(list));
  return HttpResponse::json(200, body);
}

HttpResponse add_reviewer(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"name", "organisation", "national_pool"});
  Reviewer reviewer;
  reviewer.partnership_id = request.who().partnership_id;
  reviewer.name = required_text(body, "name");
  reviewer.organisation = required_text(body, "organisation");
  reviewer.national_pool = optional_flag(body, "national_pool");
  reviewer.recorded_by = request.who().username;
  reviewer.recorded_at = Instant::now();
  if (reviewer.name.size() > 200 || reviewer.organisation.size() > 200) {
    throw ApiError{Problem::InvalidMember, "Name and organisation are at most 200 characters.", Json::object()};
  }
  auto session = app.store().session();
  session->write_transaction([&] { reviewer = session->reviewers().add(reviewer); });
  HttpResponse response = HttpResponse::json(201, reviewer_json(reviewer));
  response.headers.emplace_back("Location", "/api/v1/reviewers/" + std::to_string(reviewer.id));
  return response;
}

HttpResponse get_reviewer(const HttpRequest& request, App& app) {
  only_query(request, {});
  auto session = app.store().scan_session();
  const auto reviewer = session->reviewers().find(request.who().partnership_id, reviewer_id_param(request));
  if (!reviewer) throw reviewer_not_found();
  Json body = reviewer_json(*reviewer);
  Json contracts = Json::array();
  for (const CaseContract& c : session->review_records().contracts(request.who().partnership_id)) {
    if (c.contract.reviewer_id != reviewer->id) continue;
    Json item = contract_json(c.contract);
    item.set("case_id", c.case_id);
    item.set("case_reference", c.case_reference);
    contracts.push(std::move(item));
  }
  body.set("contracts", std::move(contracts));
  return HttpResponse::json(200, body);
}

HttpResponse declare_interest(const HttpRequest& request, App& app) {
  const Json body = json_body(request);
  only_members(body, {"declared_on", "text", "rules_out"});
  ConflictDeclaration declaration;
  const std::string on_text = required_text(body, "declared_on");
  const auto on = Date::parse(on_text);
  if (!on) {
    throw ApiError{Problem::InvalidMember, "declared_on \"" + on_text + "\" " + Date::parse_problem(on_text) + ".",
                   Json::object()};
  }
  declaration.declared_on = *on;
  declaration.text = required_text(body, "text");
  declaration.rules_out = optional_flag(body, "rules_out");
  declaration.recorded_by = request.who().username;
  auto session = app.store().session();
  const long long id = reviewer_id_param(request);
  std::optional<ConflictDeclaration> stored;
  session->write_transaction(
      [&] { stored = session->reviewers().declare(request.who().partnership_id, id, declaration); });
  if (!stored) throw reviewer_not_found();
  return HttpResponse::json(201, reviewer_json(*session->reviewers().find(request.who().partnership_id, id)));
}

}  // namespace casereview::web
