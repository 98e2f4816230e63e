#pragma once
// Deadline rules as data.
//
// Every statutory or locally agreed time limit is a DeadlineRule declared by the
// workflow it belongs to: what is due, who acts, which event starts the clock
// (the anchor), which event stops it, how long it runs, where the rule comes from
// and whether a partnership may change it. No time limit is written anywhere else.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casereview/engine/calendar.h"
#include "casereview/engine/date.h"
#include "casereview/engine/json.h"

namespace casereview {

enum class DeadlineUnit {
  WorkingDays,        // the Nth working day after the anchor (the anchor day never counts)
  CalendarDays,       // N days after the anchor
  CalendarMonths,     // the same day N months later (clamped to the month's last day)
  Hours,              // N hours after the anchor instant
  WorkingDaysBefore,  // the Nth working day before the anchor (a planned date)
};
const char* unit_name(DeadlineUnit unit);  // "working_days", ... stable, used in the API
std::optional<DeadlineUnit> unit_from_name(std::string_view name);

// How sure we are of a rule, as in the domain reference: [S] statutory or official
// text, [L] restated by local procedures, [K] widely known practice.
enum class SourceTag { Statutory, LocalProcedure, KnownPractice };
const char* source_tag_name(SourceTag tag);  // "statutory", "local_procedure", "known_practice"

enum class RuleKind {
  Deadline,          // a time limit on the case: a clock
  Reminder,          // a clock the service keeps as a prompt (e.g. "the Panel's response is awaited"), not a limit
  PerAgencyRequest,  // when each agency's return is due (review_records.h), not a case clock
  MinimumPeriod,     // the closing event may not happen before the due date (e.g. keep a report published a year)
};
const char* rule_kind_name(RuleKind kind);  // "deadline", "reminder", "per_agency_request", "minimum_period"

// One event that can start a clock. The date is the event's effective date, or the
// date held in `date_field` of its payload when that is set (a planned date).
struct AnchorOption {
  std::string id;                           // stable: "notification_date"
  std::string event_type;                   // "notification_submitted"
  std::string date_field;                   // payload member with the date; empty for the effective date
  std::string label;                        // "the date the notification was submitted"
  std::string time_field = "effective_at";  // payload member with the instant (hour-based rules)
  // When set, an anchor event whose payload holds false in this member does not
  // start the clock (a rule that applies to some cases of its kind only, such as
  // the Panel's notification, which a looked-after child's death without abuse
  // or neglect does not need). An event without the member counts: events
  // recorded before the member existed keep their clocks.
  std::string unless_false;
};

struct DeadlineRule {
  std::string id;         // stable, e.g. "sin.notify_panel"; renaming needs a migration
  std::string case_kind;  // the workflow that declares it
  std::string title;      // what is due, as users say it
  std::string measures;   // one sentence: what the clock measures
  std::string who_acts;
  // The independent reviewer under contract is who acts (the dashboard names
  // them); otherwise the agencies owing a return when the case's requests name
  // this rule, else the partnership (the case owner).
  bool reviewer_acts = false;
  std::vector<AnchorOption> anchors;        // the first is the default
  std::string closing_event;                // the event that meets the deadline
  std::vector<std::string> ending_events;   // events after which it is no longer needed
  std::vector<std::string> pausing_events;  // "on hold"
  std::vector<std::string> resuming_events;
  int amount = 0;
  DeadlineUnit unit = DeadlineUnit::WorkingDays;
  std::string source;  // citation a person can look up
  SourceTag tag = SourceTag::Statutory;
  bool amount_changeable = false;  // may a partnership set another amount?
  bool anchor_changeable = false;  // may a partnership choose another anchor?
  int due_soon_working_days = 2;   // "due soon" this many working days ahead
  RuleKind kind = RuleKind::Deadline;
  // Each anchor event starts a new cycle (request, answer, request, answer...):
  // only a closing event after the latest anchor meets it. Otherwise a new anchor
  // re-dates the same clock (a moved publication date) and a closing event since
  // the first anchor still counts.
  bool restarts_on_each_anchor = false;
  // Several requests may be open at once, each named by this member of both the
  // anchor event and the closing event (a request reference). The one clock
  // follows the request still unanswered with the earliest date; once all are
  // answered, the one answered latest against its date (so an answer that was
  // late stays visible). Empty: one request at a time, as above.
  std::string request_key;

  bool partnership_may_change() const { return amount_changeable || anchor_changeable; }
  // nullptr when the rule has no such anchor; else a pointer into `anchors`.
  const AnchorOption* anchor(std::string_view anchor_id) const;
};

// The terms a clock runs on for one case: the rule's defaults, or a partnership's
// setting where the rule allows one. Recorded in the case's first event, so that a
// later change of setting never moves an existing case's deadlines.
struct RuleTerms {
  int amount = 0;
  DeadlineUnit unit = DeadlineUnit::WorkingDays;
  std::string anchor_id;
};
// The rule's own amount, unit and first anchor ("" when it has none).
RuleTerms default_terms(const DeadlineRule& rule);

// {"amount": 15, "unit": "working_days", "anchor": "notification_date"}: how terms
// are recorded in a case's first event and shown by the API.
Json terms_to_json(const RuleTerms& terms);
// Nullopt when `json` does not have that shape.
std::optional<RuleTerms> terms_from_json(const Json& json);

// A partnership's change to a rule. Fields left empty keep the default.
struct RuleSetting {
  std::optional<int> amount;
  std::optional<std::string> anchor_id;
};
// Applies `setting` to `rule`, or explains in one sentence why it may not: on
// success `terms` is set and `error` empty, otherwise `error` says why. Any
// amount must be 1 to 366; an amount the rule fixes may still be made stricter
// (a shorter time, or a longer notice for "before" rules), never weaker.
struct TermsOrError {
  std::optional<RuleTerms> terms;
  std::string error;
};
TermsOrError apply_setting(const DeadlineRule& rule, const RuleSetting& setting);

// The terms a partnership's settings (by rule id) give `rule`. A stored setting
// that no longer fits its rule (the rule changed in a release) is ignored rather
// than allowed to block new cases. No setting for the rule: its defaults.
RuleTerms terms_in_force(const DeadlineRule& rule, const std::map<std::string, RuleSetting>& settings);

struct Anchor {
  Date date;
  std::optional<Instant> at;  // only for hour-based rules; midnight in England if absent
};

struct DueDate {
  Date date;
  std::optional<Instant> at;  // hour-based rules only
  bool provisional = false;   // depends on a year without published bank holidays
};

// The due date `terms` give from `anchor`, before any pause.
DueDate compute_due(const RuleTerms& terms, const Anchor& anchor, const WorkingDayCalendar& calendar);

}  // namespace casereview
