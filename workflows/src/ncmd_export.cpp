// The NCMD-shaped export of the deaths a CDOP reviewed in a period
// (ncmd_export.h): each child death review of the partnership read once, in
// one read transaction, and laid out as the notification, reporting and
// analysis forms from what its events recorded.
#include "casereview/workflows/ncmd_export.h"

#include <algorithm>

#include "../child_death_review/cdr_names.h"
#include "casereview/engine/review_records.h"
#include "casereview/engine/vocabulary.h"
#include "event_reading.h"

namespace casereview::workflows {
namespace {

// A text answer; nullopt when it was left out or left empty.
std::optional<std::string> answer(const Json& payload, const char* member) {
  const Json& value = payload[member];
  if (!value.is_string() || value.as_string().empty()) return std::nullopt;
  return value.as_string();
}

std::string text(const Json& payload, const char* member) { return answer(payload, member).value_or(""); }

Date stored_date(const Json& payload, const char* member) {
  const auto date = Date::parse(text(payload, member));
  if (!date) throw StorageError(std::string("a stored child death notification has no readable ") + member);
  return *date;
}

NcmdNotification notification_of(const Event& notified) {
  const Json p = Json::parse(notified.payload);
  NcmdNotification n;
  n.date_of_death = stored_date(p, "date_of_death");
  n.time_of_death = answer(p, "time_of_death");
  n.place_of_death = text(p, "place_of_death");
  n.expected = text(p, "expected");
  n.jar_triggers = payload_texts(p, "jar_triggers");
  n.age_band = text(p, "age_group");
  n.sex = answer(p, "sex");
  n.ethnicity = answer(p, "ethnicity");
  n.looked_after = answer(p, "looked_after");
  n.child_protection_plan = answer(p, "child_protection_plan");
  n.coroner_informed = answer(p, "coroner_informed");
  n.post_mortem = answer(p, "post_mortem");
  n.resident_local_authority = text(p, "resident_local_authority");
  n.notified_on = notified.effective_date;
  return n;
}

void record_return(NcmdReportingForm& form, const Event& returned) {
  const Json p = Json::parse(returned.payload);
  form.returned_on = returned.effective_date;
  form.involvement = answer(p, "involvement");
  form.involvement_summary = answer(p, "involvement_summary");
  form.child_factors = answer(p, "child_factors");
  form.family_environment = answer(p, "family_environment");
  form.service_provision = answer(p, "service_provision");
  form.bereavement_support_offered = answer(p, "bereavement_support_offered");
  form.bereavement_support = answer(p, "bereavement_support");
  form.supplementary_forms_answered = payload_texts(p, "supplementary_forms_answered");
  form.supplementary_answers = answer(p, "supplementary_answers");
}

// Every request to every agency in the order asked; a return belongs to the
// agency's latest request (a return is only accepted while one is awaited).
std::vector<NcmdReportingForm> reporting_forms_of(const std::vector<Event>& events) {
  std::vector<NcmdReportingForm> forms;
  for (const Event& e : events) {
    if (e.type == review_event::kAgencyRequested) {
      const Json p = Json::parse(e.payload);
      for (const std::string& agency : payload_texts(p, "agencies")) {
        NcmdReportingForm form;
        form.agency = agency;
        form.requested_on = e.effective_date;
        form.supplementary_forms_sent = payload_texts(p, "supplementary_forms");
        forms.push_back(std::move(form));
      }
    } else if (e.type == review_event::kAgencyReturned) {
      const std::string agency = text(Json::parse(e.payload), "agency");
      const auto latest =
          std::find_if(forms.rbegin(), forms.rend(), [&](const NcmdReportingForm& f) { return f.agency == agency; });
      if (latest != forms.rend() && !latest->returned_on) record_return(*latest, e);
    }
  }
  return forms;
}

template <typename T>
ByDomain<T> by_domain(const Json& scored, T (*read)(const Json&)) {
  return {read(scored["child"]), read(scored["social_environment"]), read(scored["physical_environment"]),
          read(scored["service_provision"])};
}

int score(const Json& value) { return value.is_integer() ? static_cast<int>(value.as_integer()) : 0; }
std::string legacy_score(const Json& value) { return value.is_string() ? value.as_string() : std::string(); }

NcmdAnalysis analysis_of(const Event& review, const Vocabularies& vocabularies) {
  const Json p = Json::parse(review.payload);
  NcmdAnalysis a;
  a.reviewed_on = review.effective_date;
  a.applicable_categories = payload_texts(p, "applicable_categories");
  a.category = text(p, "category");
  a.category_rule = answer(p, "category_rule");
  a.scores = by_domain<int>(p["scores"], score);
  if (p["legacy_scores"].is_object()) a.legacy_scores = by_domain<std::string>(p["legacy_scores"], legacy_score);
  for (const std::string& code : payload_texts(p, kModifiableFactorsMember)) {
    const FactorCode* factor = vocabularies.factor(code);
    if (!factor)
      throw StorageError("a panel review names the modifiable factor \"" + code + "\", not in the vocabulary");
    a.modifiable_factors.push_back({factor->code, factor->domain, factor->label, factor->national});
  }
  a.judgement = text(p, "judgement");
  a.learning = answer(p, "learning");
  for (const std::string& code : payload_texts(p, kLearningThemesMember)) {
    const ThemeCode* theme = vocabularies.theme(code);
    if (!theme) throw StorageError("a panel review names the learning theme \"" + code + "\", not in the vocabulary");
    a.learning_themes.push_back({theme->code, theme->label, theme->national});
  }
  return a;
}

std::optional<NcmdSubmission> submission_of(const std::vector<Event>& events) {
  const Event* submitted = last_of(events, cdr::event::kNcmdSubmitted);
  if (!submitted) return std::nullopt;
  return NcmdSubmission{submitted->effective_date, answer(Json::parse(submitted->payload), "ncmd_reference")};
}

}  // namespace

void for_each_ncmd_death(StoreSession& session, const ReportPeriod& period, const RequestContext& context,
                         const std::function<void(const NcmdDeath&)>& visit) {
  session.read_transaction([&] {
    const SharedVocabularies vocabularies_held = session.vocabularies().load(context.partnership_id());
    const Vocabularies& vocabularies = *vocabularies_held;
    for (const CaseRecord& record : partnership_cases(session, context.partnership_id(), cdr::kKind)) {
      const ReviewRecords records = session.review_records().for_case(record.id);
      if (case_view(context.principal, record, records) == CaseView::None) continue;
      const std::vector<Event> events = session.cases().events(record.id);
      const Event* notified = last_of(events, cdr::event::kDeathNotified);
      const Event* review = last_of(events, cdr::event::kPanelReview);
      if (!notified || !review || !period.contains(review->effective_date)) continue;
      visit({CaseRef{record.id, record.reference}, notification_of(*notified), reporting_forms_of(events),
             analysis_of(*review, vocabularies), submission_of(events)});
    }
  });
}

}  // namespace casereview::workflows
