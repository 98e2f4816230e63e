#include "identity_scan.h"

#include <array>
#include <cstdio>

namespace casereview::testing_support {
namespace {

const std::array<const char*, 12> kMonths = {"january", "february", "march",     "april",   "may",      "june",
                                             "july",    "august",   "september", "october", "november", "december"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A letter or digit of a word; any byte of a multi-byte UTF-8 character counts,
// so that "Zoë" is one word.
bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

// ASCII letters lower-cased; every run of white space (a no-break space
// included, as a page writes it) made one space.
std::string normalise(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool nbsp =
        static_cast<unsigned char>(c) == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || nbsp) {
      if (nbsp) ++i;
      if (!in_space) out += ' ';
      in_space = true;
      continue;
    }
    in_space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

// True when `needle` occurs in `haystack` with nothing on either side for which
// `touches` holds.
template <class Touches>
bool occurs_alone(const std::string& haystack, const std::string& needle, Touches touches) {
  if (needle.empty()) return false;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) {
    const bool before = at > 0 && touches(haystack[at - 1]);
    const std::size_t end = at + needle.size();
    const bool after = end < haystack.size() && touches(haystack[end]);
    if (!before && !after) return true;
  }
  return false;
}

std::string two(int n) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%02d", n);
  return buffer;
}

}  // namespace

std::vector<std::string> written_dates(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12) return {};
  const std::string year = std::to_string(y), day = std::to_string(d), month = std::to_string(m);
  const std::string name = kMonths[static_cast<std::size_t>(m - 1)];
  return {iso,
          day + " " + name + " " + year,
          day + " " + name.substr(0, 3) + " " + year,
          name + " " + day + ", " + year,
          two(d) + "/" + two(m) + "/" + year,
          day + "/" + month + "/" + year,
          two(d) + "-" + two(m) + "-" + year,
          two(d) + "." + two(m) + "." + year,
          year + "/" + two(m) + "/" + two(d)};
}

std::vector<Sighting> find_identity(std::string_view raw, const Identity& who) {
  const std::string text = normalise(raw);
  std::vector<Sighting> found;
  auto word = [&](const std::string& what, const std::string& value) {
    const std::string needle = normalise(value);
    if (occurs_alone(text, needle, is_word_byte)) found.push_back({what, value});
  };
  word("full name", who.given_name + " " + who.family_name);
  word("family name", who.family_name);
  word("street", who.street);
  for (const std::string& relative : who.relatives) word("family member", relative);

  for (const std::string& form : written_dates(who.date_of_birth)) {
    if (occurs_alone(text, form, is_digit)) found.push_back({"date of birth", form});
  }

  std::string digits;
  for (char c : who.nhs_number) {
    if (is_digit(c)) digits += c;
  }
  if (digits.size() == 10) {
    std::string spaced = digits, hyphened = digits;
    for (const std::size_t at : {std::size_t{6}, std::size_t{3}}) {
      spaced.insert(at, " ");
      hyphened.insert(at, "-");
    }
    for (const std::string& form : {digits, spaced, hyphened}) {
      if (occurs_alone(text, form, is_digit)) found.push_back({"NHS number", form});
    }
  }
  return found;
}

}  // namespace casereview::testing_support
