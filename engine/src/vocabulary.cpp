#include "casereview/engine/vocabulary.h"

#include <algorithm>

namespace casereview {

bool is_factor_domain(std::string_view domain) {
  return std::any_of(std::begin(kFactorDomains), std::end(kFactorDomains), [&](const char* d) { return domain == d; });
}

const FactorCode* Vocabularies::factor(std::string_view code) const {
  for (const auto& f : factors) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

const ThemeCode* Vocabularies::theme(std::string_view code) const {
  for (const auto& t : themes) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

std::optional<std::string> invalid_code_reason(std::string_view code) {
  if (code.size() < 3 || code.size() > 64) return "a code has 3 to 64 characters";
  if (code.front() < 'a' || code.front() > 'z') return "a code starts with a lower-case letter";
  for (char c : code) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    if (!ok) return "a code has only lower-case letters, digits, '_' and '.'";
  }
  return std::nullopt;
}

const std::vector<DeathCategory>& death_categories() {
  static const std::vector<DeathCategory> kCategories = {
      {"deliberately_inflicted_injury", 1, "Deliberately inflicted injury, abuse or neglect"},
      {"suicide_self_harm", 2, "Suicide or deliberate self-inflicted harm"},
      {"trauma_external", 3, "Trauma and other external factors, including medical/surgical complications or error"},
      {"malignancy", 4, "Malignancy"},
      {"acute_medical_surgical", 5, "Acute medical or surgical condition"},
      {"chronic_medical", 6, "Chronic medical condition"},
      {"chromosomal_genetic_congenital", 7, "Chromosomal, genetic and congenital anomalies"},
      {"perinatal_neonatal", 8, "Perinatal/neonatal event"},
      {"infection", 9, "Infection"},
      {"sudden_unexpected_unexplained", 10, "Sudden unexpected, unexplained death"},
  };
  return kCategories;
}

const std::vector<LegacyScoreMapping>& legacy_score_mappings() {
  static const std::vector<LegacyScoreMapping> kMappings = {
      {"0", 0, "information not available"},
      {"1", 1, "no factors identified, or factors unlikely to have contributed"},
      {"1*", 1, "legacy 1*: factors identified but judged unlikely to have contributed"},
      {"2", 2, "factors that may have contributed"},
      {"3", 2, "legacy 3 (complete and sufficient explanation) is within today's 2"},
  };
  return kMappings;
}

std::optional<int> map_legacy_score(std::string_view legacy) {
  for (const auto& m : legacy_score_mappings()) {
    if (legacy == m.legacy) return m.score;
  }
  return std::nullopt;
}

}  // namespace casereview
