#pragma once
// The period a list or a report covers: from one date to another, both days
// included. Partnerships report by financial year, 1 April to 31 March, so a
// period that is not given is the financial year containing today; a period
// given by one end only runs to (or from) the end of that financial year.

#include <optional>
#include <string>
#include <variant>

#include "casereview/engine/date.h"

namespace casereview {

struct ReportPeriod {
  Date from;  // first day included
  Date to;    // last day included

  bool contains(Date d) const { return from <= d && d <= to; }
};

// Whether a case was active in `period`, as lists and exports choose their
// cases: opened on or before the period's last day, and either still open or
// with a step on or after its first day.
inline bool active_in(const ReportPeriod& period, Date opened_on, bool closed, Date last_step_on) {
  return opened_on <= period.to && (!closed || last_step_on >= period.from);
}

// 1 April of the year `day` falls in (or of the year before, from 1 January to
// 31 March) to the next 31 March.
ReportPeriod financial_year_containing(Date day);

// The period asked for. Absent ends come from the financial year: of `today`
// when neither is given; of `from` for an absent `to`; of `to` for an absent
// `from`. A `to` before `from` is a problem, returned as its message.
std::variant<ReportPeriod, std::string> report_period(std::optional<Date> from, std::optional<Date> to, Date today);

}  // namespace casereview
