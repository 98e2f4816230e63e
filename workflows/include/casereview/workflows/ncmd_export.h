#pragma once
// The deaths a CDOP reviewed in a period, each shaped as the National Child
// Mortality Database's data set: what the notification form recorded, each
// agency's reporting form, and the panel's analysis form, with the submission
// to the NCMD when it was recorded.
//
// Contract:
//  - Read in ONE read transaction of the session, from the child death reviews'
//    event logs (the case rows and review records only to decide who may see a
//    case); the subject table is never read, so no name, date of birth, NHS
//    number, address, family member, GP, professional or key worker can be in
//    it: the engine keeps those out of the events. The age band is the one
//    recorded at notification, never the date of birth.
//  - Only child death reviews of the reader's partnership that the reader may
//    see (case_view) are exported; a death is in the period when its CDOP panel
//    review (the latest panel_review_recorded, legacy imports included) was
//    recorded in it, both ends included, as cdop_annual_report.h counts
//    "reviewed". Deaths are in case id order.
//  - Values are the stored codes and answers. An answer the form left out, or
//    left empty, is nullopt; a list left out is empty.
//  - Reporting forms: one per agency per request, in the order asked (the
//    request's date, then its list of agencies), with the agency's return
//    (the first after that request) when there is one. The return's own note
//    is not an answer of the form and is not exported; who completed the form
//    identifies the family and is never in the events.
//  - Modifiable factors and learning themes carry the vocabulary's domain and
//    label (retired codes included). Codes are retired, never removed, so a code
//    the vocabulary lacks means the store is inconsistent: StorageError.
// Throws StorageError / JsonParseError from storage as the repositories do.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "casereview/engine/case_service.h"
#include "casereview/engine/report_period.h"
#include "casereview/engine/repositories.h"
#include "casereview/workflows/report_figures.h"

namespace casereview::workflows {

// The notification form, as the CDOP recorded it (death_notified).
struct NcmdNotification {
  Date date_of_death;
  std::optional<std::string> time_of_death;  // "HH:MM", local time in England
  std::string place_of_death;                // home, hospital, hospice, public_place, other
  std::string expected;                      // expected, unexpected
  std::vector<std::string> jar_triggers;     // codes of cdr::jar_triggers(); empty: no JAR
  std::string age_band;                      // neonatal, infant, 1_to_4, 5_to_9, 10_to_14, 15_to_17
  std::optional<std::string> sex, ethnicity, looked_after, child_protection_plan, coroner_informed, post_mortem;
  std::string resident_local_authority;
  Date notified_on;
};

// One agency's reporting form: the request, and its return when it came.
struct NcmdReportingForm {
  std::string agency;
  Date requested_on;
  std::vector<std::string> supplementary_forms_sent;
  std::optional<Date> returned_on;  // nullopt: not returned
  // The return's answers (all nullopt and empty while not returned).
  std::optional<std::string> involvement, involvement_summary, child_factors, family_environment, service_provision,
      bereavement_support_offered, bereavement_support, supplementary_answers;
  std::vector<std::string> supplementary_forms_answered;
};

// Something scored or recorded for each of the analysis form's four domains.
template <typename T>
struct ByDomain {
  T child{};
  T social_environment{};
  T physical_environment{};
  T service_provision{};
};

// `national`: a national code, which the NCMD counts; otherwise a code of the
// partnership's own, which the receiver reads by its label.
struct NcmdFactor {
  std::string code, domain, label;
  bool national = true;
};

struct NcmdTheme {
  std::string code, label;
  bool national = true;
};

// The analysis form, as the panel recorded it (panel_review_recorded).
struct NcmdAnalysis {
  Date reviewed_on;
  std::vector<std::string> applicable_categories;  // as the panel listed them; empty when it listed none
  std::string category;
  std::optional<std::string> category_rule;            // "highest_applicable_in_list" when more than one could apply
  ByDomain<int> scores;                                // today's scale: 0, 1 or 2
  std::optional<ByDomain<std::string>> legacy_scores;  // the original 0, 1, 1*, 2 or 3 of an import
  std::vector<NcmdFactor> modifiable_factors;
  std::string judgement;  // modifiable_factors_identified, no_modifiable_factors, insufficient_information
  std::optional<std::string> learning;
  std::vector<NcmdTheme> learning_themes;
};

struct NcmdSubmission {
  Date submitted_on;
  std::optional<std::string> reference;
};

struct NcmdDeath {
  CaseRef review;
  NcmdNotification notification;
  std::vector<NcmdReportingForm> reporting;
  NcmdAnalysis analysis;
  std::optional<NcmdSubmission> submission;  // the latest recorded
};

// Each death the export lists, in case id order, handed to `visit` as it is
// read and let go: a year's deaths of a national service, held at once with
// their answer's text, were most of the server's memory for the export.
void for_each_ncmd_death(StoreSession& session, const ReportPeriod& period, const RequestContext& context,
                         const std::function<void(const NcmdDeath&)>& visit);

}  // namespace casereview::workflows
