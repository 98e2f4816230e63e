#include "identity_scan.h"

#include <array>
#include <cstdio>

namespace casereview::testing_support {
namespace {

const std::array<const char*, 12> kMonths = {"january", "february", "march",     "april",   "may",      "june",
                                             "july",    "august",   "september", "october", "november", "december"};

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// A letter or digit of a word: ASCII letters and digits, and any other
// character but the punctuation and symbols a page puts beside a name (a curly
// apostrophe, a dash, quotation marks, a no-break space), so that "Zoë" is one
// word and "Zoë’s" ends it.
bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  const bool punctuation = (c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
                           (c >= 0x20A0 && c <= 0x20CF) || (c >= 0x2100 && c <= 0x2BFF) ||
                           (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF0F);
  return !punctuation;
}

// The UTF-8 character that starts at `at`, and the one that ends just before
// `at` (byte values as they are when the text is not UTF-8).
char32_t decode(const std::string& s, std::size_t at) {
  const auto lead = static_cast<unsigned char>(s[at]);
  const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  if (extra == 0 || at + static_cast<std::size_t>(extra) >= s.size()) return lead;  // ASCII, or cut short
  char32_t c = lead & (0x3F >> extra);
  for (int i = 1; i <= extra; ++i) c = (c << 6) | (static_cast<unsigned char>(s[at + i]) & 0x3F);
  return c;
}
char32_t decode_before(const std::string& s, std::size_t at) {
  std::size_t start = at - 1;
  while (start > 0 && at - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
  return decode(s, start);
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

// True when `needle` occurs in `haystack` with no character on either side for
// which `touches` holds.
template <class Touches>
bool occurs_alone(const std::string& haystack, const std::string& needle, Touches touches) {
  if (needle.empty()) return false;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) {
    const bool before = at > 0 && touches(decode_before(haystack, at));
    const std::size_t end = at + needle.size();
    const bool after = end < haystack.size() && touches(decode(haystack, end));
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
    if (occurs_alone(text, needle, is_word_char)) found.push_back({what, value});
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
