#pragma once
// The safeguarding partnership's yearly report for a period: what the
// partnership notified, reviewed, decided, published and learnt, each figure
// with the cases behind it.
//
// Contract:
//  - Read in ONE read transaction of the session, from the event log, the
//    stored clocks and the review records; the subject table is never read, so
//    the report is pseudonymised by construction (case ids and references only).
//  - Only cases of the reader's partnership that the reader may see count.
//  - Which date puts a case in the period (both ends included):
//      notifications made     the day the notification was submitted (as the
//                             national statistics count them: made in the year);
//                             serious incidents only (abuse or neglect known or
//                             suspected), not a looked-after child's or care
//                             leaver's death notified to the Secretary of State
//                             and Ofsted alone
//      not yet made           became aware in the period, notification clock
//                             still open today
//      rapid reviews          opened (the notification date) in the period
//      LCSPRs commissioned    opened (the decision date D) in the period
//      LCSPRs on hold         a hold overlapping the period
//      LCSPRs published       published in the period
//      actions                added on or before the period's end, status today
//      learning themes        rapid reviews opened in the period, decided, that
//                             opened no local review
//  - On time or late is the stored clock's status (met / met late) against
//    sin.notify_panel, rr.submit_to_panel and lcspr.publish.
// Throws StorageError / JsonParseError from storage as the repositories do.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "casereview/engine/case_service.h"
#include "casereview/engine/report_period.h"
#include "casereview/engine/repositories.h"
#include "casereview/workflows/case_facts_cache.h"
#include "casereview/workflows/report_figures.h"

namespace casereview::workflows {

struct NotificationFigures {
  Figure made;
  Figure death, serious_harm, other_harm;     // by harm, as the national statistics count it
  Figure looked_after, care_leaver, neither;  // by looked-after status
  Figure on_time, late;                       // of those made, against sin.notify_panel
  Figure not_yet_made;                        // became aware in the period, clock open today
};

struct RapidReviewTiming {
  CaseRef review;
  Date started;                           // the clock's anchor
  std::optional<Date> submitted_on;       // sent to the Panel
  std::optional<int> working_days_taken;  // anchor (excluded) to submission (included)
  std::string status;                     // the clock's status today
};

struct RapidReviewFigures {
  Figure opened;
  Figure on_time, late, not_yet_submitted;  // against rr.submit_to_panel
  std::vector<RapidReviewTiming> timings;
  // By the decision recorded at the rapid review: lcspr, no_lcspr,
  // national_review_referral, criteria_not_met; and after the Panel's response.
  std::map<std::string, Figure> decisions;
  std::map<std::string, Figure> decisions_after_panel;
  Figure panel_agreed, panel_did_not_agree, panel_national_review;  // the Panel's latest response
};

struct Hold {
  CaseRef review;
  Date from;
  std::optional<Date> to;  // resumed on; empty while still on hold
  std::string reason;      // criminal_trial, inquest, other_parallel_process
  long days_held = 0;      // from the start to the resumption, or to today
};

struct Commissioning {
  CaseRef review;
  CommissioningTime time;
};

struct LcsprFigures {
  Figure commissioned;
  Figure on_hold;  // a hold overlapping the period
  std::vector<Hold> holds;
  Figure published, published_on_time, published_late;  // against lcspr.publish
  std::vector<Commissioning> commissioning;             // of those commissioned
};

struct ThemeCount {
  std::string code;
  std::string label;
  Figure cases;
};

struct YearlyReport {
  ReportPeriod period;
  Date today;
  NotificationFigures notifications;
  RapidReviewFigures rapid_reviews;
  LcsprFigures lcsprs;
  std::vector<ReviewActions> actions;                   // reviews with actions, case id order
  std::vector<ThemeCount> themes_without_local_review;  // by code
};

// What the yearly report reads of a case beyond its record: its clocks, its
// themes, and what its counted events recorded, each payload parsed once.
struct YearlyCaseFacts {
  std::vector<Clock> clocks;
  // A serious incident notification's opening and latest submission.
  bool opened = false;
  bool serious_incident = true;  // false: notified to the Secretary of State and Ofsted alone
  std::string harm;              // as recorded at opening; "" when not
  bool looked_after = false, care_leaver = false;
  std::optional<Date> submitted_on;
  // A rapid review's latest decisions (nullopt: none recorded) and the Panel's
  // latest response ("" when none).
  std::optional<std::string> decision, decision_after_panel;
  std::string panel_agrees, panel_national_review;
  std::vector<std::string> themes;  // its theme tags' codes, by code
  // A local review's holds and resumptions, as holds_of reads them.
  std::vector<Event> hold_events;
};

// The facts of the cases already read, by case id, version and calendar
// revision (its clocks are recomputed when a calendar is loaded).
using YearlyFactsCache = CaseFactsCache<YearlyCaseFacts>;

// `service` gives each clock's status on context.today, as the case page
// shows it. With a cache, the events, clocks and tags are read only of the
// cases active in the period that it does not hold at their version.
YearlyReport yearly_report(StoreSession& session, const CaseService& service, const ReportPeriod& period,
                           const RequestContext& context, YearlyFactsCache* cache = nullptr);

}  // namespace casereview::workflows
