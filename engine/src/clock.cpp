#include "casereview/engine/clock.h"

#include <algorithm>

#include "casereview/engine/json.h"
#include "casereview/engine/parsed_payload.h"

namespace casereview {
namespace {

std::optional<Date> date_from_payload(const Event& e, const std::string& field) {
  if (field.empty()) return e.effective_date;
  const ParsedPayload payload = parsed_payload(e.payload);
  const Json& value = payload[field];
  return value.is_string() ? Date::parse(value.as_string()) : std::nullopt;
}

std::optional<Instant> instant_from_payload(const Event& e, const std::string& field) {
  const ParsedPayload payload = parsed_payload(e.payload);
  const Json& value = payload[field];
  return value.is_string() ? Instant::parse(value.as_string()) : std::nullopt;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string reason_of(const Event& e) {
  const ParsedPayload payload = parsed_payload(e.payload);
  const Json& reason = payload["reason"];
  return reason.is_string() ? reason.as_string() : std::string();
}

}  // namespace

const char* status_name(ClockStatus status) {
  switch (status) {
    case ClockStatus::OnTrack:
      return "on_track";
    case ClockStatus::DueSoon:
      return "due_soon";
    case ClockStatus::DueToday:
      return "due_today";
    case ClockStatus::Overdue:
      return "overdue";
    case ClockStatus::Met:
      return "met";
    case ClockStatus::MetLate:
      return "met_late";
    case ClockStatus::Paused:
      return "paused";
    case ClockStatus::NotRequired:
      return "not_required";
  }
  return "unknown";
}

void run_clock(Clock& clock, const WorkingDayCalendar& calendar) {
  DueDate due = compute_due(clock.terms, clock.anchor, calendar);
  clock.remaining.reset();
  const bool pausable = clock.terms.unit != DeadlineUnit::WorkingDaysBefore;
  for (const Pause& pause : clock.pauses) {
    if (!pausable || pause.from > due.date) continue;  // paused after it was already overdue
    if (!pause.to) {
      switch (clock.terms.unit) {
        case DeadlineUnit::WorkingDays:
          clock.remaining = calendar.working_days_between(pause.from, due.date);
          break;
        case DeadlineUnit::Hours:
          clock.remaining =
              static_cast<long>(std::max(0LL, (due.at->seconds() - london_start_of_day(pause.from).seconds()) / 3600));
          break;
        default:
          clock.remaining = due.date.serial() - pause.from.serial();
      }
      clock.due.reset();
      return;
    }
    switch (clock.terms.unit) {
      case DeadlineUnit::WorkingDays: {
        const int left = calendar.working_days_between(pause.from, due.date);
        const CalendarDate resumed = calendar.add_working_days(*pause.to, left);
        due = {resumed.date, std::nullopt, due.provisional || resumed.provisional};
        break;
      }
      case DeadlineUnit::Hours: {
        const Instant at = due.at->plus_seconds(86400LL * (pause.to->serial() - pause.from.serial()));
        due = {london_date(at), at, due.provisional};
        break;
      }
      default:
        due.date = due.date.plus_days(pause.to->serial() - pause.from.serial());
    }
  }
  clock.due = due;
}

ClockStatus clock_status(const Clock& clock, int due_soon_working_days, Date today, Instant now,
                         const WorkingDayCalendar& calendar) {
  if (clock.ended_on) return ClockStatus::NotRequired;
  if (clock.met_on) {
    if (!clock.due) return ClockStatus::Met;  // closed while paused: nothing was late
    if (clock.due->at && clock.met_at) return *clock.met_at <= *clock.due->at ? ClockStatus::Met : ClockStatus::MetLate;
    return *clock.met_on <= clock.due->date ? ClockStatus::Met : ClockStatus::MetLate;
  }
  if (clock.is_paused() || !clock.due) return ClockStatus::Paused;
  const DueDate& due = *clock.due;
  if (due.at) {
    if (now > *due.at) return ClockStatus::Overdue;
  } else if (today > due.date) {
    return ClockStatus::Overdue;
  }
  if (today == due.date) return ClockStatus::DueToday;
  if (calendar.working_days_between(today, due.date) <= due_soon_working_days) {
    return ClockStatus::DueSoon;
  }
  return ClockStatus::OnTrack;
}

std::optional<Instant> status_turns_after(const Clock& clock, Instant now) {
  if (!clock.is_open() || clock.is_paused() || !clock.due || !clock.due->at || now > *clock.due->at) {
    return std::nullopt;
  }
  return clock.due->at;
}

std::optional<int> working_days_left(const Clock& clock, Date today, const WorkingDayCalendar& calendar) {
  if (!clock.due || !clock.is_open()) return std::nullopt;
  const Date due = clock.due->date;
  if (due >= today) return calendar.working_days_between(today, due);
  return -calendar.working_days_between(due, today);
}

std::optional<Elapsed> elapsed(const Clock& clock, Date today) {
  if (clock.terms.unit == DeadlineUnit::WorkingDaysBefore) return std::nullopt;
  Elapsed e;
  e.from = clock.anchor.date;
  e.running = clock.is_open();
  e.to = clock.met_on ? *clock.met_on : clock.ended_on ? *clock.ended_on : today;
  if (e.to < e.from) return std::nullopt;
  e.calendar_days = e.to.serial() - e.from.serial();
  // Whole months: the months between the two dates' months, one fewer when
  // that many months after `from` passes `to` (never stepping past `to`, so
  // never past the last supported date).
  e.months = (e.to.year() - e.from.year()) * 12 + (e.to.month() - e.from.month());
  if (e.from.plus_months(e.months) > e.to) --e.months;
  e.days = e.to.serial() - e.from.plus_months(e.months).serial();
  for (const Pause& p : clock.pauses) {
    const Date start = std::max(p.from, e.from);
    const Date end = std::min(p.to ? *p.to : e.to, e.to);
    if (end > start) e.days_on_hold += end.serial() - start.serial();
  }
  return e;
}

namespace {

// One of several requests a keyed rule follows (DeadlineRule::request_key).
struct KeyedRequest {
  std::size_t anchor_index = 0;
  Date anchor;
  std::optional<std::size_t> answer_index;  // its closing event, if answered
};

std::string request_key_of(const Event& event, const std::string& key) {
  const ParsedPayload payload = parsed_payload(event.payload);
  const Json& value = payload[key];
  return value.is_string() ? value.as_string() : std::string();
}

// The request the clock follows: the unanswered one with the earliest date,
// else the answered one latest against its date (the later request on a tie).
std::optional<KeyedRequest> request_to_follow(const DeadlineRule& rule, const AnchorOption& anchor,
                                              const std::vector<Event>& events) {
  std::vector<std::pair<std::string, KeyedRequest>> requests;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    if (e.type == anchor.event_type) {
      if (const auto date = date_from_payload(e, anchor.date_field)) {
        requests.emplace_back(request_key_of(e, rule.request_key), KeyedRequest{i, *date, std::nullopt});
      }
    } else if (e.type == rule.closing_event) {
      const std::string key = request_key_of(e, rule.request_key);
      for (auto& [name, r] : requests) {
        if (name == key && !r.answer_index) r.answer_index = i;
      }
    }
  }
  const KeyedRequest* open = nullptr;
  const KeyedRequest* answered = nullptr;
  long worst = 0;
  for (const auto& [name, r] : requests) {
    if (!r.answer_index) {
      if (!open || r.anchor < open->anchor) open = &r;
      continue;
    }
    const long lateness = events[*r.answer_index].effective_date.serial() - r.anchor.serial();
    if (!answered || lateness >= worst) {
      answered = &r;
      worst = lateness;
    }
  }
  if (open) return *open;
  if (answered) return *answered;
  return std::nullopt;
}

}  // namespace

std::vector<Clock> project_clocks(const std::vector<DeadlineRule>& rules, const RuleTermsByRule& terms_by_rule,
                                  const std::vector<Event>& events, const WorkingDayCalendar& calendar) {
  std::vector<Clock> clocks;
  for (const DeadlineRule& rule : rules) {
    if (rule.kind == RuleKind::PerAgencyRequest || rule.kind == RuleKind::MinimumPeriod) continue;
    auto found = terms_by_rule.find(rule.id);
    const RuleTerms terms = found != terms_by_rule.end() ? found->second : default_terms(rule);
    const AnchorOption* anchor = rule.anchor(terms.anchor_id);
    if (!anchor) continue;

    // The latest anchor event starts the clock; what happened before it is history.
    std::size_t start = events.size();
    std::optional<Date> anchor_date;
    std::optional<KeyedRequest> request;
    if (!rule.request_key.empty()) {
      request = request_to_follow(rule, *anchor, events);
      if (request) {
        start = request->anchor_index;
        anchor_date = request->anchor;
      }
    }
    for (std::size_t i = events.size(); i-- > 0 && rule.request_key.empty();) {
      if (events[i].type == anchor->event_type) {
        if (!anchor->unless_false.empty()) {
          const ParsedPayload payload = parsed_payload(events[i].payload);
          const Json& applies = payload[anchor->unless_false];
          if (applies.is_bool() && !applies.as_bool()) break;  // not a case this rule applies to
        }
        anchor_date = date_from_payload(events[i], anchor->date_field);
        if (anchor_date) start = i;
        break;
      }
    }
    if (!anchor_date) continue;

    Clock clock;
    clock.rule_id = rule.id;
    clock.terms = terms;
    clock.anchor = {*anchor_date, terms.unit == DeadlineUnit::Hours
                                      ? instant_from_payload(events[start], anchor->time_field)
                                      : std::nullopt};
    // Pauses, closing and ending may also come from events before the anchor was
    // re-dated; only those after the first anchor matter, and the first anchor is
    // never after the latest one, so scanning from the first is correct.
    std::size_t first = start;
    for (std::size_t i = 0; i < start && !rule.restarts_on_each_anchor && !request; ++i) {
      if (events[i].type == anchor->event_type) {
        first = i;
        break;
      }
    }
    if (request && request->answer_index) {
      clock.met_on = events[*request->answer_index].effective_date;
      clock.met_at = instant_from_payload(events[*request->answer_index], "effective_at");
    }
    for (std::size_t i = first; i < events.size(); ++i) {
      const Event& e = events[i];
      if (!request && !clock.met_on && e.type == rule.closing_event) {
        clock.met_on = e.effective_date;
        clock.met_at = instant_from_payload(e, "effective_at");
      }
      if (!clock.ended_on && !clock.met_on && contains(rule.ending_events, e.type)) {
        clock.ended_on = e.effective_date;
      }
      if (contains(rule.pausing_events, e.type) && !clock.is_paused()) {
        clock.pauses.push_back({e.effective_date, std::nullopt, reason_of(e)});
      } else if (contains(rule.resuming_events, e.type) && clock.is_paused()) {
        clock.pauses.back().to = e.effective_date;
      }
    }
    try {
      run_clock(clock, calendar);
    } catch (const DateOutOfRange& e) {
      throw DateOutOfRange(e, anchor->date_field,
                           "the deadline \"" + rule.title + "\" counted from " + clock.anchor.date.iso());
    }
    clocks.push_back(std::move(clock));
  }
  return clocks;
}

}  // namespace casereview
