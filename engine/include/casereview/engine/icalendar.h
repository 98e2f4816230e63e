#pragma once
// Calendars as RFC 5545 writes them (iCalendar), for the feed a calendar program
// subscribes to: one VCALENDAR of all-day VEVENTs. Text values are escaped
// (backslash, semicolon, comma, line breaks) and every content line is folded at
// 75 octets without splitting a UTF-8 character; lines end with CRLF.

#include <string>
#include <vector>

#include "casereview/engine/date.h"

namespace casereview {

struct CalendarEvent {
  std::string uid;  // globally unique and stable: the same item keeps its UID
  Date day;         // an all-day event on this day
  std::string summary;
  std::string description;
  std::string url;                      // "" for none
  std::vector<std::string> categories;  // e.g. "overdue"
};

// The whole calendar. `stamp` is DTSTAMP (when the feed was made, UTC);
// `name` is the calendar's display name (X-WR-CALNAME).
std::string icalendar(const std::string& name, const std::vector<CalendarEvent>& events, Instant stamp);

// One TEXT value escaped as RFC 5545 section 3.3.11 asks.
std::string ical_text(const std::string& value);

// A content line folded at 75 octets (continuations start with one space), CRLF-ended.
std::string ical_line(const std::string& line);

}  // namespace casereview
