#pragma once
// Looks for a child's identity in text a user can see: the redaction tests scan
// every answer a scrutineer can obtain with it, and the demonstration test scans
// every ordinary field of every case.
//
// Matching is by whole value, never by substring:
// - names (the full name, the family name alone, a family member's given name,
//   the street of the address) as whole words in any letter case, with any run
//   of spaces between words;
// - the date of birth in every way it is commonly written (2021-02-13,
//   13 February 2021, 13 Feb 2021, February 13, 2021, 13/02/2021, 13/2/2021,
//   13-02-2021, 13.02.2021, 2021/02/13), only where no digit touches it, so that
//   "11 June 2026" or "2026-06-011" do not count as "1 June 2026";
// - the NHS number with or without spaces or hyphens between its groups, with
//   no digit before or after.
// The browser tests' copy of these rules is tests/browser/identity_scan.mjs.

#include <string>
#include <string_view>
#include <vector>

namespace casereview::testing_support {

struct Identity {
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;           // ISO yyyy-mm-dd, "" when unknown
  std::string nhs_number;              // as typed, "" when unknown
  std::string street;                  // the street of the home address, "" when unknown
  std::vector<std::string> relatives;  // given names of family members
};

// One way `text` shows the identity: what was found ("family name") and the
// written form that matched ("Plantagenetova", "13/02/2021").
struct Sighting {
  std::string what;
  std::string form;
  friend bool operator==(const Sighting& a, const Sighting& b) { return a.what == b.what && a.form == b.form; }
};

// Every way `text` shows `who`, in the order of the rules above; empty when none.
std::vector<Sighting> find_identity(std::string_view text, const Identity& who);

// The written forms of an ISO date that find_identity looks for.
std::vector<std::string> written_dates(const std::string& iso_date);

}  // namespace casereview::testing_support
