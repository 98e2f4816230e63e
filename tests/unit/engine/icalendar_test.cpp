#include "casereview/engine/icalendar.h"

#include <gtest/gtest.h>

namespace casereview {
namespace {

TEST(ICalendar, EscapesTextAsRfc5545Asks) {
  EXPECT_EQ(ical_text("Police, Health; \\share\\"), "Police\\, Health\\; \\\\share\\\\");
  EXPECT_EQ(ical_text("one\r\ntwo\nthree"), "one\\ntwo\\nthree");
  EXPECT_EQ(ical_text(std::string("bell\x07") + "ed"), "belled");
}

TEST(ICalendar, FoldsLinesAt75OctetsWithoutSplittingACharacter) {
  const std::string short_line(75, 'a');
  EXPECT_EQ(ical_line(short_line), short_line + "\r\n");
  const std::string long_line(160, 'b');
  EXPECT_EQ(ical_line(long_line),
            std::string(75, 'b') + "\r\n " + std::string(74, 'b') + "\r\n " + std::string(11, 'b') + "\r\n");
  // 74 ASCII octets then "é" (2 octets): the character moves whole to the next line.
  const std::string accented = std::string(74, 'c') + "\xC3\xA9";
  EXPECT_EQ(ical_line(accented), std::string(74, 'c') + "\r\n \xC3\xA9\r\n");
}

TEST(ICalendar, WritesAllDayEventsInOneCalendar) {
  CalendarEvent due{"clock-7-rr.submit_to_panel@casereview",
                    *Date::parse("2022-09-27"),
                    "Due: Send the rapid review to the Panel, RR-2022-0003",
                    "Rule rr.submit_to_panel",
                    "https://casereview.example.org/cases/7",
                    {"due_soon"}};
  const std::string text = icalendar("casereview: deadlines", {due}, *Instant::parse("2022-09-16T08:30:00Z"));
  EXPECT_EQ(text,
            "BEGIN:VCALENDAR\r\n"
            "VERSION:2.0\r\n"
            "PRODID:-//casereview//casereview deadlines//EN\r\n"
            "CALSCALE:GREGORIAN\r\n"
            "METHOD:PUBLISH\r\n"
            "X-WR-CALNAME:casereview: deadlines\r\n"
            "BEGIN:VEVENT\r\n"
            "UID:clock-7-rr.submit_to_panel@casereview\r\n"
            "DTSTAMP:20220916T083000Z\r\n"
            "DTSTART;VALUE=DATE:20220927\r\n"
            "DTEND;VALUE=DATE:20220928\r\n"
            "SUMMARY:Due: Send the rapid review to the Panel\\, RR-2022-0003\r\n"
            "DESCRIPTION:Rule rr.submit_to_panel\r\n"
            "URL:https://casereview.example.org/cases/7\r\n"
            "CATEGORIES:due_soon\r\n"
            "TRANSP:TRANSPARENT\r\n"
            "END:VEVENT\r\n"
            "END:VCALENDAR\r\n");
}

}  // namespace
}  // namespace casereview
