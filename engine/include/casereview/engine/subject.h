#pragma once
// Who a case is about. Identifying facts (names, date of birth, NHS number,
// address) never enter the event log: the engine takes them out of the facts,
// stores them apart, and puts a salted commitment in the event instead, so the
// record shows that they were given and were not changed, without showing them.

#include <optional>
#include <string>
#include <vector>

#include "casereview/engine/date.h"
#include "casereview/engine/json.h"

namespace casereview {

struct Subject {
  long long case_id = 0;
  Json details = Json::object();   // the identifying facts, as given
  std::string salt;                // random, hex; kept with the details only
  std::string commitment() const;  // SHA-256(salt ‖ canonical details), hex
};

// What a possible duplicate is matched on: the same NHS number, or the same
// name, date of birth and date of death.
struct SubjectKey {
  std::string nhs_number;  // its digits (of any script) as ASCII digits, "" when unknown
  std::string given_name;  // text::identity_fold: case, spaces, dashes, look-alikes unified
  std::string family_name;
  std::optional<Date> date_of_birth;
  std::optional<Date> date_of_death;

  // From the members nhs_number, given_name, family_name, date_of_birth and
  // date_of_death; one that is absent, not text, or (a date) not a real date is
  // left empty.
  static SubjectKey from_facts(const Json& facts);
  // The NHS numbers known and equal, or the given name, family name, date of
  // birth and date of death all known and equal.
  bool matches(const SubjectKey& other) const;
};

// A fresh random salt (hex) for a new subject.
std::string new_salt();

// True when `nhs_number` (spaces allowed) is ten digits (of any script: full-width
// digits read as their values) with a valid modulus-11 check digit.
bool valid_nhs_number(const std::string& nhs_number);

}  // namespace casereview
