#pragma once
// The three safeguarding partners agreeing a decision, as the rapid review and
// the national review record it. The safeguarding partners for a local
// authority area are the local authority, the integrated care board and the
// chief officer of police (Children Act 2004, section 16E); each acts through
// its lead safeguarding partner or a delegated safeguarding partner (Working
// Together to Safeguard Children 2023). Plain functions, no MSM.

#include <optional>
#include <vector>

#include "step.h"

namespace casereview::workflows::partners {

// The fact naming who agreed: "partners_agreeing", a list of
// "local_authority", "integrated_care_board" and "police"; and an optional note
// of who agreed for each ("agreed_for_partners").
std::vector<FieldSpec> agreement_fields();

// A refusal, on "partners_agreeing", unless all three agreed.
std::optional<Refusal> all_agreed(const Step& step);

}  // namespace casereview::workflows::partners
