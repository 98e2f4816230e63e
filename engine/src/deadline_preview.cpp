#include "casereview/engine/deadline_preview.h"

#include <algorithm>

namespace casereview {
namespace {

const char* month_name(int month) {
  static const char* kNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                 "July",    "August",   "September", "October", "November", "December"};
  return kNames[month - 1];
}

}  // namespace

std::string amount_phrase(const RuleTerms& terms) {
  std::string n = std::to_string(terms.amount);
  const bool one = terms.amount == 1;
  switch (terms.unit) {
    case DeadlineUnit::WorkingDays:
      return n + (one ? " working day after " : " working days after ");
    case DeadlineUnit::WorkingDaysBefore:
      return n + (one ? " working day before " : " working days before ");
    case DeadlineUnit::CalendarDays:
      return n + (one ? " day after " : " days after ");
    case DeadlineUnit::CalendarMonths:
      return n + (one ? " calendar month after " : " calendar months after ");
    case DeadlineUnit::Hours:
      return n + (one ? " hour after the start of " : " hours after the start of ");
  }
  return n;
}

std::string long_date(Date date) {
  return std::string(weekday_name(date.weekday())) + " " + std::to_string(date.day()) + " " + month_name(date.month()) +
         " " + std::to_string(date.year());
}

DeadlinePreview preview_deadline(const RuleTerms& terms, Date anchor, const WorkingDayCalendar& calendar) {
  DeadlinePreview preview;
  preview.due = compute_due(terms, Anchor{anchor, std::nullopt}, calendar);
  const Date from = std::min(anchor, preview.due.date);
  const Date to = std::max(anchor, preview.due.date);
  for (int year = from.year(); year <= to.year(); ++year) {
    for (const BankHoliday& h : calendar.holidays_in(year)) {
      if (h.date > from && h.date < to) preview.holidays_skipped.push_back(h);
    }
  }
  preview.explanation = amount_phrase(terms) + long_date(anchor) + " is " + long_date(preview.due.date) + ".";
  if (preview.due.provisional) {
    preview.explanation += " Provisional: it depends on a year whose bank holidays have not been published yet.";
  }
  return preview;
}

}  // namespace casereview
