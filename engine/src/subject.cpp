#include "casereview/engine/subject.h"

#include <sodium.h>

#include "casereview/engine/event.h"
#include "casereview/engine/text.h"
#include "sodium_init.h"

namespace casereview {
namespace {

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
  key.nhs_number = text::digits(text_of(facts, "nhs_number"));
  key.given_name = text::identity_fold(text_of(facts, "given_name"));
  key.family_name = text::identity_fold(text_of(facts, "family_name"));
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
  if (!text::only_digits_and_spaces(nhs_number)) return false;
  const std::string digits = text::digits(nhs_number);
  if (digits.size() != 10) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (digits[static_cast<std::size_t>(i)] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return false;
  return check == digits[9] - '0';
}

}  // namespace casereview
