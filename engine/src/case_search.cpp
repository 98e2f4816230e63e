#include "casereview/engine/case_search.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "casereview/engine/text.h"

namespace casereview {
namespace {

bool is_ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (c == ' ') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

std::optional<int> number(const std::string& s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::stoi(s);
}

// "march", "mar" -> 3
std::optional<int> month_named(const std::string& folded) {
  static const std::array<const char*, 12> kMonths = {"january",   "february", "march",    "april",
                                                      "may",       "june",     "july",     "august",
                                                      "september", "october",  "november", "december"};
  if (folded.size() < 3) return std::nullopt;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    const std::string name = kMonths[i];
    if (name.compare(0, folded.size(), folded) == 0) return static_cast<int>(i) + 1;
  }
  return std::nullopt;
}

// 2019-03-12; 12/03/2019, 12.3.2019, 12-03-2019 (day first, as in England);
// 12 March 2019, 12 Mar 2019.
std::optional<Date> date_in_usual_forms(const std::string& folded) {
  if (auto iso = Date::parse(folded)) return iso;
  for (char separator : {'/', '.', '-'}) {
    std::vector<std::string> parts;
    std::string part;
    for (char c : folded + separator) {
      if (c == separator) {
        parts.push_back(part);
        part.clear();
      } else {
        part += c;
      }
    }
    if (parts.size() != 3) continue;
    const auto d = number(parts[0]), m = number(parts[1]), y = number(parts[2]);
    if (d && m && y && parts[2].size() == 4) return Date::from_ymd(*y, *m, *d);
  }
  const std::vector<std::string> words = words_of(folded);
  if (words.size() == 3) {
    const auto d = number(words[0]), m = month_named(words[1]), y = number(words[2]);
    if (d && m && y && words[2].size() == 4) return Date::from_ymd(*y, *m, *d);
  }
  return std::nullopt;
}

}  // namespace

std::optional<CaseSearch> CaseSearch::parse(std::string_view typed) {
  if (text::visible_characters(typed) < 2) return std::nullopt;
  const std::string folded = text::identity_fold(typed);
  CaseSearch search;

  bool reference_like = !folded.empty();
  bool has_letter = false;
  bool has_digit = false;
  for (char c : folded) {
    if (!is_ascii_alnum(c) && c != '-') reference_like = false;
    if (std::isdigit(static_cast<unsigned char>(c))) has_digit = true;
    if (std::isalpha(static_cast<unsigned char>(c))) has_letter = true;
  }
  if (reference_like) {
    for (char c : folded) search.reference += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (text::only_digits_and_spaces(typed)) {
    const std::string digits = text::digits(typed);
    if (digits.size() == 10) search.nhs_number = digits;
  }
  search.date_of_birth = date_in_usual_forms(folded);
  // A name is letters (of any script) with spaces, apostrophes and dashes: no
  // digit. identity_fold has made its letters lower case.
  const bool non_ascii = std::any_of(folded.begin(), folded.end(), [](char c) { return (c & 0x80) != 0; });
  // A double-barrelled name is two words, as the stored names are read.
  if ((has_letter || non_ascii) && !has_digit && !search.date_of_birth) {
    std::string spaced = folded;
    std::replace(spaced.begin(), spaced.end(), '-', ' ');
    search.name_words = words_of(spaced);
  }
  if (search.reference.size() == 12 && search.reference.compare(0, 2, "C-") == 0) search.pseudonym = search.reference;
  return search;
}

}  // namespace casereview
