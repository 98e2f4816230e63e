#pragma once
// The stories of the national data set's cases (see national.h), one function
// per kind of case that starts them. Each writes the case through its
// workflow's commands with CaseWriter, stopping where the case would stand today.

#include <optional>
#include <string>
#include <vector>

#include "demo/national_dice.h"
#include "demo/national_writer.h"

namespace casereview::demo {

// What every case of the data set draws on.
struct NationalSetting {
  std::vector<std::string> areas;       // the partnership's local authorities
  std::vector<long long> reviewer_ids;  // the register of independent reviewers
};

// A serious incident notification a child death review raised, and the day the
// local authority became aware of the incident.
struct RaisedNotification {
  CaseRecord sin;
  Date aware;
};

// A child's death, from the notification to the NCMD submission and the actions
// the panel agreed. `serial` numbers the deaths from 0 and makes the child's NHS
// number unique. Returns the serious incident notification the review raised,
// when the death was one (its story is then the caller's to write).
std::optional<RaisedNotification> write_death(CaseWriter& writer, Dice& dice, const NationalSetting& setting, Date died,
                                              long long serial);

// A serious incident of serious harm notified by the local authority on its own.
void write_serious_harm(CaseWriter& writer, Dice& dice, const NationalSetting& setting, Date aware);

// The notification `sin` from the day the local authority became aware: the
// partners told, the Panel notified, the rapid review and what it decided,
// down to a local review's publication.
void write_notification(CaseWriter& writer, Dice& dice, const NationalSetting& setting, CaseRecord sin, Date aware,
                        bool looked_after_death);

// A valid NHS number ("943 476 5919") unique to `serial`.
std::string nhs_number_for(long long serial);

// The date `days` after `from`.
inline Date after(Date from, int days) { return from.plus_days(days); }

}  // namespace casereview::demo
