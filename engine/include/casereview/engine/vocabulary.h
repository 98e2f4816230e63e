#pragma once
// Controlled vocabularies that panels code their findings with: modifiable
// factors (by domain) and learning themes. Both ship with a starter set (a
// migration) and are extended by an administrator without a code change; codes
// are stable (stored in events), labels are what people read.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace casereview {

// The four domains a CDOP analysis scores (the domain reference, "Modifiable factors").
inline constexpr const char* kFactorDomains[] = {"child", "social_environment", "physical_environment",
                                                 "service_provision"};
bool is_factor_domain(std::string_view domain);

// Two scopes of code. National codes are the ones the National Child Mortality
// Database counts and every partnership codes with; only the national
// vocabulary editor adds them or retires them for everyone. A partnership's
// administrator adds local codes, which only that partnership sees and uses,
// and retires any code (national or its own) for that partnership alone.

struct FactorCode {
  std::string code;    // "social.co_sleeping"
  std::string domain;  // one of kFactorDomains
  std::string label;   // "Co-sleeping"
  // In force for the partnership the vocabularies were loaded for. Retired codes
  // stay readable in old records, but are not offered and refused in new ones.
  bool active = true;
  bool national = true;             // false: the partnership's own local code
  bool retired_nationally = false;  // retired by the national editor (not restorable by a partnership)
};

struct ThemeCode {
  std::string code;   // "working_with_fathers"
  std::string label;  // "Working with fathers"
  bool active = true;
  bool national = true;
  bool retired_nationally = false;
};

// The codes of one partnership: the national codes with that partnership's
// own local codes, each `active` as that partnership sees it.
struct Vocabularies {
  std::vector<FactorCode> factors;
  std::vector<ThemeCode> themes;
  // nullptr when absent. A retired code is found too (see `active`). The pointer
  // is into this object and valid until it changes.
  const FactorCode* factor(std::string_view code) const;
  const ThemeCode* theme(std::string_view code) const;
};

// Vocabularies as a store hands them out: shared and never changed (a change
// to the codes is read as a new value), so that the many readers of one
// partnership's codes (each command, each case page) copy nothing.
using SharedVocabularies = std::shared_ptr<const Vocabularies>;

// The scope a change to a vocabulary is made in: kNationalScope, or a
// partnership's id for its local codes and its own retirements.
inline constexpr long long kNationalScope = 0;

// A code an administrator may add: lower case letters, digits, '_' and '.',
// 3 to 64 characters, starting with a letter. Nullopt when valid, else why not.
std::optional<std::string> invalid_code_reason(std::string_view code);

// The category of death, one per reviewed death (the standard ten since 2010).
struct DeathCategory {
  const char* code;
  int number;
  const char* label;
};
const std::vector<DeathCategory>& death_categories();

// Domain scores before 2018 were 0, 1, 1*, 2 or 3 (3: a complete and sufficient
// explanation); today's scale is 0 (information not available), 1 (no factors,
// or unlikely to have contributed), 2 (may have contributed). Nullopt for a value
// that was never on the legacy scale.
struct LegacyScoreMapping {
  const char* legacy;
  int score;
  const char* note;
};
const std::vector<LegacyScoreMapping>& legacy_score_mappings();
std::optional<int> map_legacy_score(std::string_view legacy);

}  // namespace casereview
