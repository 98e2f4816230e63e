#pragma once
// Free text screened for the identity of the child and family before anything
// is written. The identity store and the pseudonym are only as good as the free
// text around them: a summary that says "Marigold Fenwick-Zed, 3, bruising"
// would put the name in the hash-chained event log, which can never be changed,
// and show it to the scrutineer. So every free-text fact of a command (every
// text and list that is not itself identifying), and a document's file name, is
// compared with what the case knows of the child, in the identity fold of
// text.h (so "MARIGOLD", "Marigold" typed with a no-break space or in NFD all
// match), and refused if it contains (a list of fixed choices is not free text):
//
// - the child's full name (given then family name, or family then given), in
//   any letter case;
// - the given name or the family name alone, as a word that starts with a
//   capital (so a family called Young does not forbid "the young person", but
//   "Young" and "YOUNG" are refused);
// - the child's NHS number, or any other run of ten digits (spaces or hyphens
//   between groups allowed) shaped like one;
// - the child's date of birth in its usual written forms (2024-02-10,
//   10/02/2024, 10.2.24, 10 February 2024, 10th Feb 2024, February 10, 2024),
//   unless it is also a date of the case itself (a baby who died on the day of
//   birth: that date is the date of death too, and is no identifier there);
// - a line of the home address of two words or more ("14 Acacia Avenue", also
//   without its number) or its postcode.
//
// The refusal names the field and the kind of identifier, never the identifier.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "casereview/engine/date.h"
#include "casereview/engine/json.h"
#include "casereview/engine/workflow.h"

namespace casereview {

class IdentityScreen {
 public:
  // From a subject's details (subject.h: given_name, family_name, nhs_number,
  // date_of_birth, home_address) and the dates the case itself records (which a
  // date of birth equal to them does not make identifying).
  IdentityScreen(const Json& details, const std::set<Date>& case_dates);

  // What kind of identifier `text` contains ("the child's name", "the child's
  // given name", "the family name", "an NHS number", "the child's date of
  // birth", "the home address"), or nullopt.
  std::optional<std::string> found_in(std::string_view text) const;

  // The first free-text fact of `facts` (texts and lists of `spec` that are not
  // identifying, in the order of the spec) that contains an identifier: the
  // problem names the field and the kind (is_refusal: 422).
  std::optional<FactProblem> first_problem(const CommandSpec& spec, const Json& facts) const;

 private:
  using Words = std::vector<std::string>;
  std::vector<Words> given_;   // the given name's words (with and without hyphens split)
  std::vector<Words> family_;  // the family name's words, likewise
  std::string nhs_digits_;
  std::vector<std::string> birth_date_forms_;  // folded, ASCII
  std::vector<Words> address_lines_;
  std::vector<std::string> postcodes_;  // folded, without spaces
};

// The dates (YYYY-MM-DD text members) of `facts`, other than a date of birth.
std::set<Date> dates_in(const Json& facts);

}  // namespace casereview
