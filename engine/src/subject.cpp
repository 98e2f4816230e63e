#include "casereview/engine/subject.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "casereview/engine/event.h"
#include "sodium_init.h"

namespace casereview {
namespace {

std::string digits_of(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

std::string folded(const std::string& text) {
  std::string out;
  bool space = false;
  for (unsigned char c : text) {
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

std::string text_of(const Json& facts, const char* name) {
  const Json& v = facts[name];
  return v.is_string() ? v.as_string() : std::string();
}

std::optional<Date> date_of(const Json& facts, const char* name) {
  const Json& v = facts[name];
  return v.is_string() ? Date::parse(v.as_string()) : std::nullopt;
}

}  // namespace

std::string Subject::commitment() const { return sha256_hex(salt + details.canonical()); }

SubjectKey SubjectKey::from_facts(const Json& facts) {
  SubjectKey key;
  key.nhs_number = digits_of(text_of(facts, "nhs_number"));
  key.given_name = folded(text_of(facts, "given_name"));
  key.family_name = folded(text_of(facts, "family_name"));
  key.date_of_birth = date_of(facts, "date_of_birth");
  key.date_of_death = date_of(facts, "date_of_death");
  return key;
}

bool SubjectKey::matches(const SubjectKey& o) const {
  if (!nhs_number.empty() && nhs_number == o.nhs_number) return true;
  return !given_name.empty() && given_name == o.given_name && !family_name.empty() && family_name == o.family_name &&
         date_of_birth && date_of_birth == o.date_of_birth && date_of_death && date_of_death == o.date_of_death;
}

std::string new_salt() { return random_hex(16); }

bool valid_nhs_number(const std::string& nhs_number) {
  std::string digits;
  for (char c : nhs_number) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return false;
    digits += c;
  }
  if (digits.size() != 10) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (digits[static_cast<std::size_t>(i)] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return false;
  return check == digits[9] - '0';
}

}  // namespace casereview
