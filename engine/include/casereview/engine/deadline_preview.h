#pragma once
// "If I record this date, when is it due?" — the answer a manager sees before
// saving, shared by the API's preview and the `casereview deadline` command.

#include <string>
#include <vector>

#include "casereview/engine/calendar.h"
#include "casereview/engine/deadline_rule.h"

namespace casereview {

struct DeadlinePreview {
  DueDate due;
  // Bank holidays strictly between the anchor and the due date, listed for every
  // unit (only working-day rules actually skip them).
  std::vector<BankHoliday> holidays_skipped;
  // One sentence, e.g. "5 working days after Wednesday 14 September 2022 is
  // Thursday 22 September 2022."
  std::string explanation;
};

// An hour-based rule counts from the start of the anchor day in England.
DeadlinePreview preview_deadline(const RuleTerms& terms, Date anchor, const WorkingDayCalendar& calendar);

// "5 working days after ", "1 calendar month after ": the terms, ready for a date.
std::string amount_phrase(const RuleTerms& terms);

// "Wednesday 14 September 2022"
std::string long_date(Date date);

}  // namespace casereview
