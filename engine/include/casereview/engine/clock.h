#pragma once
// Deadline clocks: a DeadlineRule running on one case.
//
// A clock starts when its anchor event happens, may be paused ("on hold") and
// resumed with the time already used kept, and stops when its closing event
// happens. Its status is computed for a given day, never stored as truth.
//
// Pause arithmetic, in the rule's unit:
//  - working days: the day the clock is paused counts as used, the day it resumes
//    does not, so a pause and resume on the same day changes nothing; the due date
//    becomes "the remaining working days after the resumption date";
//  - calendar days, months and hours: the due date moves by the paused span;
//  - "N working days before a planned date" is not paused (re-planning moves it).
// A pause that starts after the due date has passed does not extend it.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "casereview/engine/calendar.h"
#include "casereview/engine/deadline_rule.h"
#include "casereview/engine/event.h"

namespace casereview {

struct Pause {
  Date from;
  std::optional<Date> to;  // empty while still paused
  std::string reason;
};

// One clock on one case, as projected from the case's events.
struct Clock {
  std::string rule_id;
  RuleTerms terms;
  Anchor anchor;
  std::vector<Pause> pauses;
  std::optional<DueDate> due;     // empty while paused
  std::optional<long> remaining;  // while paused: units left (hours for hour rules)
  std::optional<Date> met_on;     // the closing event's date
  std::optional<Instant> met_at;  // and time, when known (decides hour-based rules)
  std::optional<Date> ended_on;   // no longer needed (e.g. criteria not met)

  bool is_open() const { return !met_on && !ended_on; }
  bool is_paused() const { return !pauses.empty() && !pauses.back().to; }
};

enum class ClockStatus { OnTrack, DueSoon, DueToday, Overdue, Met, MetLate, Paused, NotRequired };
const char* status_name(ClockStatus status);  // "on_track", "due_soon", ... stable, used in the API

// Computes due / remaining from terms, anchor and pauses (the other fields are kept).
void run_clock(Clock& clock, const WorkingDayCalendar& calendar);

// Status on `today` (England); `now` decides hour-based clocks.
ClockStatus clock_status(const Clock& clock, int due_soon_working_days, Date today, Instant now,
                         const WorkingDayCalendar& calendar);

// The instant after which clock_status(clock, ..., now) turns, other than at a
// change of day: an open, running clock due at an hour turns overdue past its
// due instant. nullopt for every other clock, and once `now` is past it. What
// keeps a status read at `now` (a kept answer) may keep it until then.
std::optional<Instant> status_turns_after(const Clock& clock, Instant now);

// Working days from `today` to the due date (negative when overdue), for display;
// nullopt while paused and once met or ended.
std::optional<int> working_days_left(const Clock& clock, Date today, const WorkingDayCalendar& calendar);

// The plain time a clock has run, beside its due date (which pauses move): the
// calendar time from its anchor to the day it was met or ended, or to `today`
// while it runs, time on hold included, and how much of it was on hold. A
// scrutineer reads it to see how long a review really took (from the decision
// to publication) whatever the holds did to the clock.
struct Elapsed {
  Date from;             // the anchor
  Date to;               // met, ended, or today
  bool running = false;  // `to` is today: the clock is still open
  long calendar_days = 0;
  int months = 0;         // whole calendar months from `from` (a month from 31 January is 28 or 29 February) ...
  long days = 0;          // ... and the days after them
  long days_on_hold = 0;  // the days of `from`..`to` within pauses (a pause's last day, the resumption, not counted)
};

// Nullopt for a clock counted back from a planned date ("N working days
// before"), whose anchor lies ahead of what it measures, and when `to` would
// be before the anchor (today before a planned start).
std::optional<Elapsed> elapsed(const Clock& clock, Date today);

// The terms each rule runs on in a case, keyed by rule id (see RuleTerms).
using RuleTermsByRule = std::map<std::string, RuleTerms>;

// Builds every started clock of a case from its events. Terms come from
// `terms_by_rule`, falling back to each rule's defaults. The anchor is the latest
// anchor event (a corrected date supersedes the first); the closing and ending
// events count from the anchor on (the anchor event itself may close a clock
// that measures how long it took to happen, e.g. notifying a death). Rules of
// kind PerAgencyRequest and MinimumPeriod are not case clocks and are skipped,
// and so is a rule whose anchor has not happened, whose terms name an anchor it
// does not have, or whose latest anchor event has no readable date. Throws
// JsonParseError for a payload that is not JSON.
std::vector<Clock> project_clocks(const std::vector<DeadlineRule>& rules, const RuleTermsByRule& terms_by_rule,
                                  const std::vector<Event>& events, const WorkingDayCalendar& calendar);

}  // namespace casereview
