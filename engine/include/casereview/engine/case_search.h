#pragma once
// What a search box's words ask for, read the way people in this field type
// them: a case reference or part of one ("CDR-2026-0012", "0012"), an NHS
// number with or without spaces ("943 476 5919"), a date of birth in the usual
// forms ("12/03/2019", "12 March 2019", "2019-03-12"), a child's name or part
// of one ("Jones", "ava jo"), or a pseudonym ("C-7KQ2M9XW4P"). One text may be
// several of these; a case matches when it matches any.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "casereview/engine/date.h"

namespace casereview {

struct CaseSearch {
  // The text as a fragment of a reference (letters upper-cased), "" when it
  // cannot be one (references are letters, digits and dashes).
  std::string reference;
  // Ten ASCII digits when the text is only digits (of any script) and spaces
  // making ten, else "".
  std::string nhs_number;
  // When the text is a real date in one of the usual forms.
  std::optional<Date> date_of_birth;
  // The identity_fold()ed words (a dash separates words too), when the text is
  // a name: it has a letter and no digit. A case matches when every word begins one of the words of the
  // child's given or family name.
  std::vector<std::string> name_words;
  // "C-" and ten upper-case letters and digits when the text is a pseudonym.
  std::string pseudonym;

  // Nullopt when the text asks for nothing (fewer than two visible characters).
  static std::optional<CaseSearch> parse(std::string_view typed);

  // Whether any part asks for the child's identity (the name, NHS number or
  // date of birth), which only those who may read identity may search by.
  bool asks_identity() const { return !nhs_number.empty() || date_of_birth || !name_words.empty(); }
};

}  // namespace casereview
