// The period a list or a report covers (report_period.h).
#include "casereview/engine/report_period.h"

namespace casereview {

// The two financial years cut by the ends of the supported dates (1899/1900 and
// 2199/2200) are cut there too: they start on 1900-01-01 or end on 2199-12-31.
ReportPeriod financial_year_containing(Date day) {
  const int first_year = day.month() >= 4 ? day.year() : day.year() - 1;
  return {Date::from_ymd(first_year, 4, 1).value_or(Date::first_supported()),
          Date::from_ymd(first_year + 1, 3, 31).value_or(Date::last_supported())};
}

std::variant<ReportPeriod, std::string> report_period(std::optional<Date> from, std::optional<Date> to, Date today) {
  ReportPeriod period = financial_year_containing(from ? *from : to ? *to : today);
  if (from) period.from = *from;
  if (to) period.to = *to;
  if (period.to < period.from) {
    return "The period ends (" + period.to.iso() + ") before it starts (" + period.from.iso() + ").";
  }
  return period;
}

}  // namespace casereview
