// The NCMD-shaped export of the deaths the CDOP reviewed in a period, and the
// JSON Schema (draft 2020-12) it follows. The deaths are assembled in
// workflows/ (ncmd_export.h, which says which death is in the period and where
// each value comes from); this file reads the period and writes them as the
// schema (web/ncmd-export.schema.json, embedded at build time) describes: every
// member always present, null where the form was not answered.
#include <string_view>

#include "api/answer_text.h"
#include "api/handlers.h"
#include "api/request_helpers.h"
#include "app.h"
#include "casereview/workflows/ncmd_export.h"

namespace casereview {
std::string_view ncmd_export_schema();  // web/ncmd-export.schema.json, embedded at build time
}

namespace casereview::web {
namespace {

using workflows::ByDomain;

// Where the schema is served; the export names it in "schema".
constexpr const char* kSchemaPath = "/api/v1/exports/ncmd/schema";

Json or_null(const std::optional<std::string>& value) { return value ? Json(*value) : Json(); }
Json or_null(const std::optional<Date>& value) { return value ? Json(value->iso()) : Json(); }

Json strings(const std::vector<std::string>& values) {
  Json list = Json::array();
  for (const std::string& v : values) list.push(v);
  return list;
}

template <typename T>
Json by_domain_json(const ByDomain<T>& d) {
  Json j = Json::object();
  j.set("child", d.child);
  j.set("social_environment", d.social_environment);
  j.set("physical_environment", d.physical_environment);
  j.set("service_provision", d.service_provision);
  return j;
}

Json notification_json(const workflows::NcmdNotification& n) {
  Json j = Json::object();
  j.set("date_of_death", n.date_of_death.iso());
  j.set("time_of_death", or_null(n.time_of_death));
  j.set("place_of_death", n.place_of_death);
  j.set("expected", n.expected);
  j.set("jar_triggers", strings(n.jar_triggers));
  j.set("age_band", n.age_band);
  j.set("sex", or_null(n.sex));
  j.set("ethnicity", or_null(n.ethnicity));
  j.set("looked_after", or_null(n.looked_after));
  j.set("child_protection_plan", or_null(n.child_protection_plan));
  j.set("coroner_informed", or_null(n.coroner_informed));
  j.set("post_mortem", or_null(n.post_mortem));
  j.set("resident_local_authority", n.resident_local_authority);
  j.set("notified_on", n.notified_on.iso());
  return j;
}

Json reporting_json(const std::vector<workflows::NcmdReportingForm>& forms) {
  Json list = Json::array();
  for (const workflows::NcmdReportingForm& f : forms) {
    Json j = Json::object();
    j.set("agency", f.agency);
    j.set("requested_on", f.requested_on.iso());
    j.set("supplementary_forms_sent", strings(f.supplementary_forms_sent));
    j.set("returned_on", or_null(f.returned_on));
    j.set("involvement", or_null(f.involvement));
    j.set("involvement_summary", or_null(f.involvement_summary));
    j.set("child_factors", or_null(f.child_factors));
    j.set("family_environment", or_null(f.family_environment));
    j.set("service_provision", or_null(f.service_provision));
    j.set("bereavement_support_offered", or_null(f.bereavement_support_offered));
    j.set("bereavement_support", or_null(f.bereavement_support));
    j.set("supplementary_forms_answered", strings(f.supplementary_forms_answered));
    j.set("supplementary_answers", or_null(f.supplementary_answers));
    list.push(std::move(j));
  }
  return list;
}

Json analysis_json(const workflows::NcmdAnalysis& a) {
  Json factors = Json::array();
  for (const workflows::NcmdFactor& f : a.modifiable_factors) {
    Json j = Json::object();
    j.set("code", f.code);
    j.set("domain", f.domain);
    j.set("label", f.label);
    j.set("national", f.national);
    factors.push(std::move(j));
  }
  Json themes = Json::array();
  for (const workflows::NcmdTheme& t : a.learning_themes) {
    Json j = Json::object();
    j.set("code", t.code);
    j.set("label", t.label);
    j.set("national", t.national);
    themes.push(std::move(j));
  }
  Json j = Json::object();
  j.set("reviewed_on", a.reviewed_on.iso());
  j.set("applicable_categories", strings(a.applicable_categories));
  j.set("category", a.category);
  j.set("category_rule", or_null(a.category_rule));
  j.set("scores", by_domain_json(a.scores));
  j.set("legacy_scores", a.legacy_scores ? by_domain_json(*a.legacy_scores) : Json());
  j.set("modifiable_factors", std::move(factors));
  j.set("judgement", a.judgement);
  j.set("learning", or_null(a.learning));
  j.set("learning_themes", std::move(themes));
  return j;
}

Json death_json(const workflows::NcmdDeath& d) {
  Json submission;
  if (d.submission) {
    submission = Json::object();
    submission.set("submitted_on", d.submission->submitted_on.iso());
    submission.set("reference", or_null(d.submission->reference));
  }
  Json j = Json::object();
  j.set("case_id", d.review.id);
  j.set("case_reference", d.review.reference);
  j.set("notification", notification_json(d.notification));
  j.set("reporting", reporting_json(d.reporting));
  j.set("analysis", analysis_json(d.analysis));
  j.set("ncmd_submission", std::move(submission));
  return j;
}

}  // namespace

HttpResponse export_ncmd(const HttpRequest& request, App& app) {
  only_query(request, {"from", "to"});
  auto session = app.store().scan_session();
  const RequestContext context = app.context(*session, request.who());
  const ReportPeriod period = query_period(request, context.today);
  Json period_json = Json::object();
  period_json.set("from", period.from.iso());
  period_json.set("to", period.to.iso());
  Json body = Json::object();
  body.set("schema", kSchemaPath);
  body.set("period", std::move(period_json));
  body.set("generated_on", context.today.iso());
  body.set("deaths", Json::array());
  // The answer's text written a death at a time, each death's JSON made and
  // let go: its last member, the deaths, is left open for them.
  AnswerText text(request.answer_stream);
  body.dump_to(text.out());
  const std::string closing = "]}";
  text.out().resize(text.out().size() - closing.size());
  std::size_t written = 0;
  workflows::for_each_ncmd_death(*session, period, context, [&](const workflows::NcmdDeath& death) {
    text.element(death_json(death), written++);
  });
  text.out() += closing;
  return std::move(text).response();
}

HttpResponse get_ncmd_export_schema(const HttpRequest& request, App&) {
  only_query(request, {});
  HttpResponse response;
  response.content_type = "application/schema+json";
  response.body = std::string(ncmd_export_schema());
  return response;
}

}  // namespace casereview::web
