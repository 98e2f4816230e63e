// The period a list or a report covers (report_period.h).
#include "casereview/engine/report_period.h"

namespace casereview {

ReportPeriod financial_year_containing(Date day) {
  const int first_year = day.month() >= 4 ? day.year() : day.year() - 1;
  return {*Date::from_ymd(first_year, 4, 1), *Date::from_ymd(first_year + 1, 3, 31)};
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
