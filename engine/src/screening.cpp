#include "casereview/engine/screening.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>

#include "casereview/engine/text.h"
#include "code_points.h"

namespace casereview {
namespace {

struct Word {
  std::string folded;
  bool capitalised = false;  // its first letter is not lower case (a letter without case counts)
};

// `folded` without the characters that are not letters or digits at either
// end, nor a possessive "'s".
std::string trimmed_word(const std::string& folded) {
  std::size_t first = folded.size(), last = 0;
  for_each_code_point(folded, [&](UChar32 c, std::size_t at, std::size_t size) {
    if (!u_isalnum(c)) return;
    first = std::min(first, at);
    last = at + size;
  });
  if (first >= last) return "";
  std::string word = folded.substr(first, last - first);
  if (word.size() > 2 && word.compare(word.size() - 2, 2, "'s") == 0)
    return trimmed_word(word.substr(0, word.size() - 2));
  return word;
}

// The words of `text`, split at white space, each folded (text::identity_fold)
// and trimmed of punctuation.
std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> words;
  std::string raw;
  auto flush = [&] {
    if (raw.empty()) return;
    Word word{trimmed_word(text::identity_fold(raw)), false};
    bool seen_letter = false;
    for_each_code_point(raw, [&](UChar32 c, std::size_t, std::size_t) {
      if (seen_letter || !u_isalnum(c)) return;
      seen_letter = true;
      word.capitalised = !u_islower(c);
    });
    if (!word.folded.empty()) words.push_back(std::move(word));
    raw.clear();
  };
  for_each_code_point(text, [&](UChar32 c, std::size_t at, std::size_t size) {
    if (u_isUWhiteSpace(c)) return flush();
    raw.append(text.substr(at, size));
  });
  flush();
  return words;
}

std::vector<std::string> folded_words(std::string_view text) {
  std::vector<std::string> out;
  for (Word& w : words_of(text)) out.push_back(std::move(w.folded));
  return out;
}

// A name's words as typed, and (when it has a hyphen) as two words.
std::vector<std::vector<std::string>> name_forms(const Json& value) {
  std::vector<std::vector<std::string>> forms;
  if (!value.is_string()) return forms;
  std::string name = value.as_string();
  auto words = folded_words(name);
  if (words.empty()) return forms;
  forms.push_back(words);
  std::replace(name.begin(), name.end(), '-', ' ');
  auto split = folded_words(name);
  if (split != words && !split.empty()) forms.push_back(split);
  return forms;
}

// Where `sequence` starts in `words`, every place.
std::vector<std::size_t> places_of(const std::vector<Word>& words, const std::vector<std::string>& sequence) {
  std::vector<std::size_t> places;
  if (sequence.empty() || sequence.size() > words.size()) return places;
  for (std::size_t i = 0; i + sequence.size() <= words.size(); ++i) {
    bool equal = true;
    for (std::size_t j = 0; j < sequence.size() && equal; ++j) equal = words[i + j].folded == sequence[j];
    if (equal) places.push_back(i);
  }
  return places;
}

std::size_t letters_in(const std::vector<std::string>& words) {
  std::size_t n = 0;
  for (const auto& w : words) n += text::characters(w);
  return n;
}

bool ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// `needle` in `haystack` with no letter or digit on either side.
bool contains_as_whole(const std::string& haystack, const std::string& needle) {
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) {
    const bool starts = at == 0 || !ascii_alnum(haystack[at - 1]);
    const std::size_t end = at + needle.size();
    const bool ends = end == haystack.size() || !ascii_alnum(haystack[end]);
    if (starts && ends) return true;
  }
  return false;
}

std::string joined(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) out.append(part);
  return out;
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string ordinal(int day) {
  const int tens = day % 100 / 10, units = day % 10;
  const char* suffix = tens == 1 ? "th" : units == 1 ? "st" : units == 2 ? "nd" : units == 3 ? "rd" : "th";
  return std::to_string(day) + suffix;
}

// The ways people write a date, folded as text::identity_fold folds them.
std::vector<std::string> written_forms(Date date) {
  static const std::array<const char*, 12> kMonths = {"january",   "february", "march",    "april",
                                                      "may",       "june",     "july",     "august",
                                                      "september", "october",  "november", "december"};
  static const std::array<const char*, 12> kShort = {"jan", "feb", "mar", "apr", "may", "jun",
                                                     "jul", "aug", "sep", "oct", "nov", "dec"};
  const int y = date.year(), m = date.month(), d = date.day();
  const std::string yyyy = std::to_string(y), yy = two_digits(y % 100);
  std::vector<std::string> forms = {date.iso()};
  for (const char* sep : {"/", ".", "-"}) {
    for (const std::string& day : {std::to_string(d), two_digits(d)}) {
      for (const std::string& month : {std::to_string(m), two_digits(m)}) {
        for (const std::string& year : {yyyy, yy}) forms.push_back(joined({day, sep, month, sep, year}));
      }
    }
  }
  std::vector<std::string> month_names = {kMonths.at(static_cast<std::size_t>(m - 1)),
                                          kShort.at(static_cast<std::size_t>(m - 1))};
  if (m == 9) month_names.emplace_back("sept");
  for (const std::string& month : month_names) {
    for (const std::string& day : {std::to_string(d), two_digits(d), ordinal(d)}) {
      forms.push_back(joined({day, " ", month, " ", yyyy}));
      forms.push_back(joined({day, " of ", month, " ", yyyy}));
      forms.push_back(joined({month, " ", day, ", ", yyyy}));
      forms.push_back(joined({month, " ", day, " ", yyyy}));
    }
  }
  std::sort(forms.begin(), forms.end());
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  return forms;
}

bool is_digit(UChar32 c) { return u_charType(c) == U_DECIMAL_DIGIT_NUMBER; }

bool separates_digit_groups(UChar32 c) { return u_isUWhiteSpace(c) || c == '-' || u_charType(c) == U_DASH_PUNCTUATION; }

// Every run of digits in `text` (groups separated by one space or dash read as
// one run), as ASCII digits.
std::vector<std::string> digit_runs(std::string_view text) {
  std::vector<std::string> runs;
  std::string run;
  bool separator_pending = false;
  auto end_run = [&] {
    if (!run.empty()) runs.push_back(run);
    run.clear();
    separator_pending = false;
  };
  for_each_code_point(text, [&](UChar32 c, std::size_t, std::size_t) {
    if (is_digit(c)) {
      run.push_back(static_cast<char>('0' + u_charDigitValue(c)));
      separator_pending = false;
    } else if (!run.empty() && !separator_pending && separates_digit_groups(c)) {
      separator_pending = true;
    } else {
      end_run();
    }
  });
  end_run();
  return runs;
}

bool letter_and_digit(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// A UK postcode's two halves, folded: "ne1" and "4xy".
bool looks_like_postcode(const std::string& outward, const std::string& inward) {
  const bool inward_shape =
      inward.size() == 3 && inward[0] >= '0' && inward[0] <= '9' && std::isalpha(inward[1]) && std::isalpha(inward[2]);
  return inward_shape && outward.size() >= 2 && outward.size() <= 4 && std::isalpha(outward[0]) &&
         letter_and_digit(outward);
}

}  // namespace

std::set<Date> dates_in(const Json& facts) {
  std::set<Date> dates;
  if (!facts.is_object()) return dates;
  for (const auto& [name, value] : facts.members()) {
    if (name == "date_of_birth" || !value.is_string()) continue;
    if (auto date = Date::parse(value.as_string())) dates.insert(*date);
  }
  return dates;
}

IdentityScreen::IdentityScreen(const Json& details, const std::set<Date>& case_dates) {
  if (!details.is_object()) return;
  given_ = name_forms(details["given_name"]);
  family_ = name_forms(details["family_name"]);
  if (details["nhs_number"].is_string()) {
    nhs_digits_ = text::digits(details["nhs_number"].as_string());
    if (nhs_digits_.size() != 10) nhs_digits_.clear();
  }
  if (details["date_of_birth"].is_string()) {
    const auto born = Date::parse(details["date_of_birth"].as_string());
    if (born && !case_dates.count(*born)) birth_date_forms_ = written_forms(*born);
  }
  if (details["home_address"].is_string()) {
    std::string lines = details["home_address"].as_string();
    std::replace(lines.begin(), lines.end(), ',', '\n');
    std::size_t start = 0;
    while (start <= lines.size()) {
      const std::size_t end = std::min(lines.find('\n', start), lines.size());
      const std::vector<std::string> words = folded_words(std::string_view(lines).substr(start, end - start));
      start = end + 1;
      if (words.size() >= 2 && looks_like_postcode(words[words.size() - 2], words.back())) {
        postcodes_.push_back(words[words.size() - 2] + words.back());
        if (words.size() == 2) continue;  // the line is the postcode
      }
      if (words.size() >= 2) address_lines_.push_back(words);
      const bool numbered = !words.empty() && std::all_of(words[0].begin(), words[0].end(), ::isdigit);
      if (numbered && words.size() >= 3) address_lines_.emplace_back(words.begin() + 1, words.end());
    }
  }
}

std::optional<std::string> IdentityScreen::found_in(std::string_view text) const {
  const std::vector<Word> words = words_of(text);
  for (const auto& given : given_) {
    for (const auto& family : family_) {
      std::vector<std::string> full = given, reversed = family;
      full.insert(full.end(), family.begin(), family.end());
      reversed.insert(reversed.end(), given.begin(), given.end());
      if (!places_of(words, full).empty() || !places_of(words, reversed).empty()) return "the child's name";
    }
  }
  for (const std::string& run : digit_runs(text)) {
    if (run.size() == 10 || (!nhs_digits_.empty() && run.find(nhs_digits_) != std::string::npos)) {
      return "an NHS number";
    }
  }
  if (!birth_date_forms_.empty()) {
    const std::string folded = text::identity_fold(text);
    for (const std::string& form : birth_date_forms_) {
      if (contains_as_whole(folded, form)) return "the child's date of birth";
    }
  }
  // A name alone counts where it is written as a name: with a capital.
  auto named = [&](const std::vector<std::vector<std::string>>& forms) {
    for (const auto& name : forms) {
      if (letters_in(name) < 2) continue;
      for (std::size_t at : places_of(words, name)) {
        if (words[at].capitalised) return true;
      }
    }
    return false;
  };
  if (named(given_)) return "the child's given name";
  if (named(family_)) return "the family name";
  for (const auto& line : address_lines_) {
    if (!places_of(words, line).empty()) return "the home address";
  }
  for (const std::string& postcode : postcodes_) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (words[i].folded == postcode || (i + 1 < words.size() && words[i].folded + words[i + 1].folded == postcode)) {
        return "the home address";
      }
    }
  }
  return std::nullopt;
}

std::optional<FactProblem> IdentityScreen::first_problem(const CommandSpec& spec, const Json& facts) const {
  auto problem = [](const FieldSpec& field, const std::string& kind) {
    return FactProblem{field.name,
                       "contains " + kind +
                           ": free text may not identify the child or family (write \"the child\", or their "
                           "initials if the panel needs to tell people apart)",
                       true};
  };
  for (const FieldSpec& field : spec.fields) {
    if (field.identifying || !field.choices.empty()) continue;  // a list of choices is not free text
    const Json& value = facts[field.name];
    if (field.type == FieldType::Text && value.is_string()) {
      if (auto kind = found_in(value.as_string())) return problem(field, *kind);
    } else if (field.type == FieldType::TextList && value.is_array()) {
      for (const Json& item : value.items()) {
        if (!item.is_string()) continue;
        if (auto kind = found_in(item.as_string())) return problem(field, *kind);
      }
    }
  }
  return std::nullopt;
}

}  // namespace casereview
