#include "casereview/engine/icalendar.h"

namespace casereview {

std::string ical_text(const std::string& value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\r') {
      if (i + 1 < value.size() && value[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
      continue;  // other control characters are not allowed in TEXT
    } else {
      out += c;
    }
  }
  return out;
}

std::string ical_line(const std::string& line) {
  std::string out;
  std::size_t width = 0;  // octets on the current physical line
  for (std::size_t i = 0; i < line.size();) {
    // The length of the UTF-8 sequence starting here (continuation bytes never start one).
    const auto lead = static_cast<unsigned char>(line[i]);
    std::size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (i + n > line.size()) n = line.size() - i;
    if (width + n > 75) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line, i, n);
    width += n;
    i += n;
  }
  return out + "\r\n";
}

namespace {

std::string basic_date(Date d) {
  std::string iso = d.iso();  // YYYY-MM-DD
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

std::string basic_instant(Instant at) {
  std::string iso = at.iso();  // YYYY-MM-DDTHH:MM:SSZ
  std::string out;
  for (const char c : iso) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

}  // namespace

std::string icalendar(const std::string& name, const std::vector<CalendarEvent>& events, Instant stamp) {
  std::string out = ical_line("BEGIN:VCALENDAR");
  out += ical_line("VERSION:2.0");
  out += ical_line("PRODID:-//casereview//casereview deadlines//EN");
  out += ical_line("CALSCALE:GREGORIAN");
  out += ical_line("METHOD:PUBLISH");
  out += ical_line("X-WR-CALNAME:" + ical_text(name));
  const std::string dtstamp = basic_instant(stamp);
  for (const CalendarEvent& e : events) {
    out += ical_line("BEGIN:VEVENT");
    out += ical_line("UID:" + ical_text(e.uid));
    out += ical_line("DTSTAMP:" + dtstamp);
    out += ical_line("DTSTART;VALUE=DATE:" + basic_date(e.day));
    // An all-day event ends the next day; on the last supported date there is
    // none, and RFC 5545 reads a date without an end as one day.
    if (e.day != Date::last_supported()) out += ical_line("DTEND;VALUE=DATE:" + basic_date(e.day.plus_days(1)));
    out += ical_line("SUMMARY:" + ical_text(e.summary));
    if (!e.description.empty()) out += ical_line("DESCRIPTION:" + ical_text(e.description));
    if (!e.url.empty()) out += ical_line("URL:" + e.url);
    if (!e.categories.empty()) {
      std::string joined;
      for (const std::string& c : e.categories) joined += (joined.empty() ? "" : ",") + ical_text(c);
      out += ical_line("CATEGORIES:" + joined);
    }
    out += ical_line("TRANSP:TRANSPARENT");
    out += ical_line("END:VEVENT");
  }
  out += ical_line("END:VCALENDAR");
  return out;
}

}  // namespace casereview
