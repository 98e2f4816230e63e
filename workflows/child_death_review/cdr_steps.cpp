#include "cdr_steps.h"

#include <algorithm>
#include <map>

#include "../src/review_steps.h"
#include "casereview/engine/review_records.h"
#include "casereview/engine/subject.h"
#include "casereview/engine/vocabulary.h"
#include "cdr_names.h"

namespace casereview::workflows::cdr {
namespace {

// The score fact of each factor domain.
const std::map<std::string, const char*>& score_fields() {
  static const std::map<std::string, const char*> kFields = {
      {"child", "score_child"},
      {"social_environment", "score_social_environment"},
      {"physical_environment", "score_physical_environment"},
      {"service_provision", "score_service_provision"},
  };
  return kFields;
}

const Event& notified(const Step& step) {
  const Event* e = step.last(event::kDeathNotified);
  if (!e) throw std::logic_error("child death review without its notification");
  return *e;
}

Date date_of_death(const Step& step) { return *Date::parse(payload_of(notified(step))["date_of_death"].as_string()); }

std::optional<Instant> local_instant(const Step& step, const char* date_field, const char* time_field) {
  const std::string time = step.text(time_field);
  if (time.empty()) return std::nullopt;
  return london_instant(step.date(date_field), std::stoi(time.substr(0, 2)), std::stoi(time.substr(3, 2)));
}

bool lists(const Json& list, const std::string& item) {
  if (!list.is_array()) return false;
  const auto& items = list.items();
  return std::any_of(items.begin(), items.end(), [&](const Json& i) { return i.is_string() && i.as_string() == item; });
}

const DeathCategory* category(const std::string& code) {
  for (const DeathCategory& c : death_categories()) {
    if (code == c.code) return &c;
  }
  return nullptr;
}

// The category the analysis form's rule records when several could apply: the
// one highest in the list (the lowest number). Nullptr when none is listed.
const DeathCategory* highest_applicable(const Json& applicable) {
  const DeathCategory* highest = nullptr;
  if (!applicable.is_array()) return highest;
  for (const Json& code : applicable.items()) {
    const DeathCategory* c = category(code.as_string());
    if (c && (!highest || c->number < highest->number)) highest = c;
  }
  return highest;
}

// The supplementary forms the agency was sent with its latest request.
Json supplementary_forms_requested(const Step& step, const std::string& agency) {
  for (auto it = step.context.history.rbegin(); it != step.context.history.rend(); ++it) {
    if (it->type != review_event::kAgencyRequested) continue;
    const ParsedPayload payload = payload_of(*it);
    if (lists(payload["agencies"], agency)) return payload["supplementary_forms"];
  }
  return Json::array();
}

const Event& latest_hold(const Step& step) {
  const Event* e = step.last(event::kOnHold);
  if (!e) throw std::logic_error("child death review resumed without being on hold");
  return *e;
}

std::string from_state_of_hold(const Step& step) { return payload_of(latest_hold(step))["from_state"].as_string(); }

// "Yes" needs what was given, as the reporting form asks it.
std::optional<Refusal> support_described(const Step& step, const char* offered, const char* given) {
  if (step.text(offered) == "yes" && step.text(given).empty()) {
    return refuse("Bereavement support was offered: say what support was offered.", given);
  }
  return std::nullopt;
}

// Non-identifying age band from the date of birth (which is identifying).
std::string age_group(Date born, Date died) {
  const long days = died.serial() - born.serial();
  if (days < 28) return "neonatal";
  if (days < 365) return "infant";
  const int years = whole_years(born, died);
  if (years < 5) return "1_to_4";
  if (years < 10) return "5_to_9";
  if (years < 15) return "10_to_14";
  return "15_to_17";
}

// The domain scores on today's scale, from facts on `scale` (mapping legacy ones).
std::map<std::string, int> scores_of(const Step& step, bool legacy) {
  std::map<std::string, int> scores;
  for (const auto& [domain, field] : score_fields()) {
    const std::string value = step.text(field);
    scores[domain] = legacy ? map_legacy_score(value).value_or(0) : std::stoi(value);
  }
  return scores;
}

std::optional<Refusal> consistent(const Step& step, const std::map<std::string, int>& scores) {
  if (auto early = not_before(step, "reviewed_on", step.last(event::kReviewMeeting)->effective_date,
                              "the child death review meeting")) {
    return early;
  }
  const Json& applicable = step.command.facts["applicable_categories"];
  if (const DeathCategory* highest = highest_applicable(applicable)) {
    if (!lists(applicable, step.text("category"))) {
      return refuse("The category recorded must be one of the categories that could apply.", "category");
    }
    if (step.text("category") != highest->code) {
      return refuse(
          "Where more than one category could apply, the analysis form records the one highest in the "
          "list: " +
              std::to_string(highest->number) + ". " + highest->label + ".",
          "category");
    }
  }
  const Json& factors = step.command.facts["modifiable_factors"];
  const std::size_t factor_count = factors.is_array() ? factors.items().size() : 0;
  for (std::size_t i = 0; i < factor_count; ++i) {
    const std::string code = factors.items()[i].as_string();
    const FactorCode* factor = step.context.vocabularies.factor(code);
    if (scores.at(factor->domain) != 2) {
      return refuse("Factor \"" + factor->label + "\" is in the " + factor->domain + " domain, scored " +
                        std::to_string(scores.at(factor->domain)) +
                        "; a factor that may have contributed needs that domain scored 2.",
                    "modifiable_factors");
    }
  }
  const std::string judgement = step.text("judgement");
  if (judgement == "modifiable_factors_identified" && factor_count == 0) {
    return refuse("Name the modifiable factors identified.", "modifiable_factors");
  }
  if (judgement != "modifiable_factors_identified" && factor_count > 0) {
    return refuse("Factors are listed, so the judgement is that modifiable factors were identified.", "judgement");
  }
  if (judgement == "insufficient_information" &&
      std::none_of(scores.begin(), scores.end(), [](const auto& s) { return s.second == 0; })) {
    return refuse("Insufficient information means at least one domain is scored 0 (information not available).",
                  "judgement");
  }
  return std::nullopt;
}

const char* judgement_label(const std::string& judgement) {
  if (judgement == "modifiable_factors_identified") return "modifiable factors identified";
  if (judgement == "no_modifiable_factors") return "no modifiable factors";
  return "insufficient information";
}

void record_review(const Step& step, Outcome& out, bool legacy) {
  Json payload = step.command.facts;
  const auto scores = scores_of(step, legacy);
  Json scored = Json::object();
  for (const auto& [domain, score] : scores) scored.set(domain, score);
  payload.set("scores", scored);
  if (legacy) {
    Json original = Json::object();
    for (const auto& [domain, field] : score_fields()) original.set(domain, step.text(field));
    payload.set("legacy_scores", original);
  }
  for (const auto& entry : score_fields()) payload.set(entry.second, Json());  // kept once, in "scores"
  Json cleaned = Json::object();
  for (const auto& [name, value] : payload.members()) {
    if (!value.is_null()) cleaned.set(name, value);
  }
  if (!cleaned.contains("modifiable_factors")) cleaned.set("modifiable_factors", Json::array());
  const Json& applicable = step.command.facts["applicable_categories"];
  if (applicable.is_array() && applicable.items().size() > 1) {
    cleaned.set("category_rule", "highest_applicable_in_list");
  }
  out.add(NewEvent{event::kPanelReview, step.date("reviewed_on"), cleaned});
  std::string category;
  for (const DeathCategory& c : death_categories()) {
    if (step.text("category") == c.code) category = c.label;
  }
  out.outcome = "Reviewed: " + category + "; " + judgement_label(step.text("judgement"));
}

}  // namespace

std::optional<Refusal> notification_valid(const Step& step) {
  const Date died = step.date("date_of_death");
  if (auto early = not_before(step, "notified_on", died, "the date of death")) return early;
  const auto died_at = local_instant(step, "date_of_death", "time_of_death");
  const auto notified_at = local_instant(step, "notified_on", "notified_time");
  if (died_at && notified_at && notified_at->seconds() < died_at->seconds()) {
    return refuse("The time of the notification is before the time of death.", "notified_time");
  }
  const Date born = step.date("date_of_birth");
  if (born > died) return refuse("The date of birth is after the date of death.", "date_of_birth");
  if (born.plus_months(18 * 12) <= died) {
    return refuse("Child death reviews are for children who die before their 18th birthday.", "date_of_birth");
  }
  const std::string nhs = step.text("nhs_number");
  if (!nhs.empty() && !valid_nhs_number(nhs)) {
    return refuse("The NHS number is not valid (ten digits with a correct check digit).", "nhs_number");
  }
  const Json& triggers = step.command.facts["jar_triggers"];
  if (step.text("expected") == "expected" && lists(triggers, kSuddenTrigger)) {
    return refuse(
        "A sudden death with no apparent cause is unexpected; record it as unexpected (an expected death in "
        "custody, under Mental Health Act detention or from an external cause keeps its trigger).",
        "expected");
  }
  if (step.flag("suspected_unattended_stillbirth") && !lists(triggers, kUnattendedStillbirthTrigger)) {
    return refuse(
        "A suspected stillbirth with no health professional present needs a Joint Agency Response: tick "
        "its trigger.",
        "jar_triggers");
  }
  return std::nullopt;
}

std::optional<Refusal> jar_discussion_due(const Step& step) {
  if (!step.last(event::kJarStarted)) {
    return refuse("No Joint Agency Response applies to this death: no trigger was notified.");
  }
  if (const Event* held = step.last(event::kJarDiscussion)) {
    return refuse("The JAR discussion was already recorded on " + held->effective_date.iso() + ".", "held_on");
  }
  return not_before(step, "held_on", date_of_death(step), "the date of death");
}

std::optional<Refusal> notification_not_yet_raised(const Step& step) {
  if (const Event* raised = step.last(event::kNotificationRaised)) {
    return refuse("The serious incident notification was already raised on " + raised->effective_date.iso() + ".");
  }
  if (step.text("abuse_or_neglect") == "not_suspected" && !step.flag("looked_after_child")) {
    return refuse(
        "Without known or suspected abuse or neglect, only a looked-after child's death is notified (to the "
        "Secretary of State and Ofsted).",
        "abuse_or_neglect");
  }
  return not_before(step, "became_aware_on", date_of_death(step), "the date of death");
}

std::optional<Refusal> meeting_dated(const Step& step) {
  return not_before(step, "held_on", date_of_death(step), "the date of death");
}

std::optional<Refusal> reporting_form_valid(const Step& step) {
  if (auto refusal = review::agency_return_awaited(step)) return refusal;
  const Json requested = supplementary_forms_requested(step, step.text("agency"));
  const Json& answered = step.command.facts["supplementary_forms_answered"];
  if (answered.is_array()) {
    for (const Json& form : answered.items()) {
      if (!lists(requested, form.as_string())) {
        return refuse(step.text("agency") + " was not sent the supplementary form \"" + form.as_string() + "\".",
                      "supplementary_forms_answered");
      }
    }
  }
  return support_described(step, "bereavement_support_offered", "bereavement_support");
}

std::optional<Refusal> key_worker_valid(const Step& step) {
  if (auto early = not_before(step, "appointed_on", date_of_death(step), "the date of death")) return early;
  return support_described(step, "bereavement_support_offered", "support_given");
}

std::optional<Refusal> hold_dated(const Step& step) {
  Date earliest = date_of_death(step);
  std::string label = "the date of death";
  if (const Event* resumed = step.last(event::kResumed); resumed && resumed->effective_date > earliest) {
    earliest = resumed->effective_date;
    label = "the last resumption";
  }
  return not_before(step, "held_from", earliest, label);
}

std::optional<Refusal> resumption_dated(const Step& step) {
  return not_before(step, "resumed_on", latest_hold(step).effective_date, "the start of the hold");
}

bool was_gathering_information(const Step& step) { return from_state_of_hold(step) == state::kGatheringInformation; }
bool was_meeting_held(const Step& step) { return from_state_of_hold(step) == state::kMeetingHeld; }

std::optional<Refusal> panel_review_consistent(const Step& step) { return consistent(step, scores_of(step, false)); }

std::optional<Refusal> legacy_panel_review_consistent(const Step& step) {
  return consistent(step, scores_of(step, true));
}

std::optional<Refusal> submission_dated(const Step& step) {
  return not_before(step, "submitted_on", step.last(event::kPanelReview)->effective_date, "the panel review");
}

void record_notified(const Step& step, Outcome& out) {
  Json payload = step.command.facts;
  const auto died_at = local_instant(step, "date_of_death", "time_of_death");
  const auto notified_at = local_instant(step, "notified_on", "notified_time");
  if (died_at) payload.set("died_at", died_at->iso());
  if (notified_at) payload.set("effective_at", notified_at->iso());
  payload.set("age_group", age_group(step.date("date_of_birth"), step.date("date_of_death")));
  out.add(NewEvent{event::kDeathNotified, step.date("notified_on"), payload});
  const Json& triggers = step.command.facts["jar_triggers"];
  // A trigger needs a JAR whether or not the death was expected (a death in
  // custody may be expected). Before December 2026 only unexpected deaths
  // could be notified with a trigger, so older cases started it the same way.
  if (triggers.is_array() && !triggers.items().empty()) {
    Json jar = Json::object();
    jar.set("date_of_death", step.text("date_of_death"));
    if (died_at) jar.set("died_at", died_at->iso());
    jar.set("jar_triggers", triggers);
    out.add(NewEvent{event::kJarStarted, step.date("date_of_death"), jar});
  }
}

void record_jar_discussion(const Step& step, Outcome& out) {
  Json payload = step.command.facts;
  if (const auto at = local_instant(step, "held_on", "held_time")) payload.set("effective_at", at->iso());
  out.add(NewEvent{event::kJarDiscussion, step.date("held_on"), payload});
}

void record_forms_requested(const Step& step, Outcome& out) {
  review::record_agency_request(step, out, "reporting_form", rule::kReportingFormReturn);
}

void record_notification_raised(const Step& step, Outcome& out) {
  const Date aware = step.date("became_aware_on");
  Json payload = step.command.facts;
  payload.set("opens", kNotificationRelation);
  out.add(NewEvent{event::kNotificationRaised, aware, payload});
  Json facts = step.command.facts;
  facts.set("harm", "death");
  facts.set("summary", payload_of(notified(step))["summary"]);
  out.opens.push_back(FollowOn{"serious_incident_notification", kNotificationRelation, facts});
}

void record_review_meeting(const Step& step, Outcome& out) {
  out.add(NewEvent{event::kReviewMeeting, step.date("held_on"), step.command.facts});
}

void record_panel_review(const Step& step, Outcome& out) { record_review(step, out, false); }
void record_legacy_panel_review(const Step& step, Outcome& out) { record_review(step, out, true); }

void record_ncmd_submission(const Step& step, Outcome& out) {
  out.add(NewEvent{event::kNcmdSubmitted, step.date("submitted_on"), step.command.facts});
}

void record_key_worker(const Step& step, Outcome& out) {
  out.add(NewEvent{event::kKeyWorker, step.date("appointed_on"), step.command.facts});
}

void record_on_hold(const Step& step, Outcome& out) {
  Json payload = step.command.facts;
  payload.set("from_state", std::string(step.state));
  out.add(NewEvent{event::kOnHold, step.date("held_from"), payload});
  out.outcome = "On hold for " + std::string(step.text("held_for") == "inquest" ? "an inquest" : "a criminal process");
}

void record_resumed(const Step& step, Outcome& out) {
  out.add(NewEvent{event::kResumed, step.date("resumed_on"), step.command.facts});
  out.outcome = "Resumed after being on hold";
}

}  // namespace casereview::workflows::cdr
