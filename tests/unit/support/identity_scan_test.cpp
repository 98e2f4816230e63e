// The identity scan must catch every way a page can show who a child is, and
// must not mistake a longer value for an identifying one; otherwise the
// redaction tests pass when they should fail, or fail on some days only.
#include "identity_scan.h"

#include <gtest/gtest.h>

namespace casereview::testing_support {
namespace {

const Identity kChild{"Zephyrine", "Plantagenetova", "2021-02-13", "943 476 5919", "Quillfeather Lane", {"Ysolde"}};
const Identity kBornFirstOfJune{"Leo", "Fairbrother", "2026-06-01", "", "", {}};

std::vector<std::string> whats(const std::string& text, const Identity& who = kChild) {
  std::vector<std::string> out;
  for (const Sighting& s : find_identity(text, who)) out.push_back(s.what + ": " + s.form);
  return out;
}

using Found = std::vector<std::string>;

TEST(IdentityScan, FindsTheNameInAnyLetterCaseAndTheFamilyNameAlone) {
  EXPECT_EQ(whats("Child: Zephyrine Plantagenetova"),
            (Found{"full name: Zephyrine Plantagenetova", "family name: Plantagenetova"}));
  EXPECT_EQ(whats("CHILD: ZEPHYRINE  PLANTAGENETOVA"),
            (Found{"full name: Zephyrine Plantagenetova", "family name: Plantagenetova"}));
  EXPECT_EQ(whats("<td>Zephyrine</td>\n<td>plantagenetova</td>"), (Found{"family name: Plantagenetova"}));
  EXPECT_EQ(whats("the Plantagenetova family"), (Found{"family name: Plantagenetova"}));
  EXPECT_EQ(whats("Plantagenetova's mother"), (Found{"family name: Plantagenetova"}));
  EXPECT_EQ(whats("Plantagenetova\u2019s mother \u2013 seen"), (Found{"family name: Plantagenetova"}));
  EXPECT_EQ(whats("\u201cPlantagenetova\u201d"), (Found{"family name: Plantagenetova"}));
  EXPECT_EQ(whats("17 QUILLFEATHER LANE"), (Found{"street: Quillfeather Lane"}));
  EXPECT_EQ(whats("Mother:\u00a0Ysolde"), (Found{"family member: Ysolde"}));
}

TEST(IdentityScan, NamesCountOnlyAsWholeWords) {
  EXPECT_EQ(whats("Plantagenetovas; xPlantagenetova; Ysoldes"), Found{});
  EXPECT_EQ(whats("Leontes", kBornFirstOfJune), Found{});            // not Leo
  EXPECT_EQ(whats("Plantagenetovaë and éPlantagenetova"), Found{});  // letters beyond ASCII join the word
}

TEST(IdentityScan, FindsTheDateOfBirthHoweverItIsWritten) {
  for (const char* written :
       {"2021-02-13", "13 February 2021", "Saturday 13 february 2021", "13 Feb 2021", "February 13, 2021", "13/02/2021",
        "13/2/2021", "13-02-2021", "13.02.2021", "2021/02/13", "born on 13 FEBRUARY 2021."}) {
    EXPECT_EQ(find_identity(written, kChild).size(), 1u) << written;
  }
  EXPECT_EQ(whats("Due 1 June 2026", kBornFirstOfJune), (Found{"date of birth: 1 june 2026"}));
  EXPECT_EQ(whats("01/06/2026", kBornFirstOfJune), (Found{"date of birth: 01/06/2026"}));
}

TEST(IdentityScan, ALongerDateContainingTheDateOfBirthIsNotIt) {
  EXPECT_EQ(whats("Statutory date 11 June 2026", kBornFirstOfJune), Found{});
  EXPECT_EQ(whats("21 June 2026; 31/06/2026; 11/06/2026; 2026-06-011; 12026-06-01", kBornFirstOfJune), Found{});
  EXPECT_EQ(whats("1 June 20261", kBornFirstOfJune), Found{});
}

TEST(IdentityScan, FindsTheNhsNumberWithOrWithoutSpaces) {
  EXPECT_EQ(whats("NHS 9434765919"), (Found{"NHS number: 9434765919"}));
  EXPECT_EQ(whats("NHS 943 476 5919"), (Found{"NHS number: 943 476 5919"}));
  EXPECT_EQ(whats("NHS 943-476-5919"), (Found{"NHS number: 943-476-5919"}));
  EXPECT_EQ(whats("NHS 943   476\n5919"), (Found{"NHS number: 943 476 5919"}));
  EXPECT_EQ(whats("19434765919 and 94347659190"), Found{});
}

TEST(IdentityScan, FindsNothingInOrdinaryText) {
  EXPECT_EQ(whats("SIN-2026-0007 notified on 2026-11-20; rapid review due 11 June 2026"), Found{});
}

}  // namespace
}  // namespace casereview::testing_support
