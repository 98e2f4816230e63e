#include "safeguarding_partners.h"

#include <algorithm>

namespace casereview::workflows::partners {
namespace {

const std::vector<std::string>& codes() {
  static const std::vector<std::string> kCodes = {"local_authority", "integrated_care_board", "police"};
  return kCodes;
}

}  // namespace

std::vector<FieldSpec> agreement_fields() {
  FieldSpec agreeing = list_fact("partners_agreeing", "Safeguarding partners who agreed", 40);
  agreeing.choices = codes();
  agreeing.choice_labels = {"The local authority", "The integrated care board", "The chief officer of police"};
  return {agreeing,
          text_fact("agreed_for_partners",
                    "Who agreed for each partner (its lead safeguarding partner, or the delegated safeguarding partner "
                    "acting for it)",
                    1000, false)};
}

std::optional<Refusal> all_agreed(const Step& step) {
  const Json& listed = step.command.facts["partners_agreeing"];
  for (const std::string& partner : codes()) {
    const bool agreed = listed.is_array() &&
                        std::any_of(listed.items().begin(), listed.items().end(),
                                    [&](const Json& item) { return item.is_string() && item.as_string() == partner; });
    if (!agreed) {
      return refuse(
          "A decision of the safeguarding partners is agreed by all three: the local authority, the integrated care "
          "board and the chief officer of police (each through its lead safeguarding partner or a delegated "
          "safeguarding partner). Record it once each has agreed.",
          "partners_agreeing");
    }
  }
  return std::nullopt;
}

}  // namespace casereview::workflows::partners
