#include "casereview/engine/retention.h"

#include <algorithm>

#include "casereview/engine/case_owner.h"

namespace casereview {

bool is_retention_event(std::string_view type) {
  return std::any_of(std::begin(kRetentionEventTypes), std::end(kRetentionEventTypes),
                     [&](const char* t) { return type == t; });
}

Date last_step_on(const std::vector<Event>& events, Date opened_on) {
  for (auto e = events.rbegin(); e != events.rend(); ++e) {
    if (!is_retention_event(e->type) && !is_owner_event(e->type)) return e->effective_date;
  }
  return opened_on;
}

const char* retention_status_name(RetentionStatus status) {
  switch (status) {
    case RetentionStatus::Kept:
      return "kept";
    case RetentionStatus::Due:
      return "due";
    case RetentionStatus::Held:
      return "held";
    case RetentionStatus::Erased:
      return "erased";
    case RetentionStatus::NoIdentity:
      return "no_identity";
  }
  return "kept";
}

RetentionPeriod period_for(const std::vector<RetentionPeriod>& periods, const std::string& case_kind) {
  for (const RetentionPeriod& p : periods) {
    if (p.case_kind == case_kind) return p;
  }
  RetentionPeriod shipped;
  shipped.case_kind = case_kind;
  return shipped;
}

RetentionItem retention_item(const CaseForRetention& c, int years, Date today) {
  RetentionItem out;
  out.item = c;
  out.closed_on = c.last_recorded;
  try {
    out.due_on = c.last_recorded.plus_months(years * 12);
  } catch (const DateOutOfRange&) {
    out.due_on = Date::last_supported();
  }
  if (c.erasure) {
    out.status = RetentionStatus::Erased;
  } else if (!c.has_identity) {
    out.status = RetentionStatus::NoIdentity;
  } else if (c.hold) {
    out.status = RetentionStatus::Held;
  } else {
    out.status = out.due_on <= today ? RetentionStatus::Due : RetentionStatus::Kept;
  }
  return out;
}

}  // namespace casereview
