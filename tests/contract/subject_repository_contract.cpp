// Contract of SubjectRepository: identifying details kept apart from the event
// log, and the possible duplicates found by them.
#include <gtest/gtest.h>

#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::StoreTest;

const char* const kSin = "serious_incident_notification";
const char* const kCdr = "child_death_review";

Json details(const char* given, const char* family, const char* nhs, const char* born, const char* died) {
  Json d = Json::object();
  d.set("given_name", given);
  d.set("family_name", family);
  if (*nhs) d.set("nhs_number", nhs);
  if (*born) d.set("date_of_birth", born);
  if (*died) d.set("date_of_death", died);
  return d;
}

class SubjectRepositoryContract : public StoreTest {
 protected:
  long long make_case(const char* kind = kSin, long long partnership = 1) {
    return create_case(partnership, kind, "X").id;
  }
  // Stores `d` as the subject of `case_id`, keyed as the engine keys it.
  void put(long long case_id, const Json& d, const char* salt = "5a17") {
    session->write_transaction([&] { session->subjects().put(Subject{case_id, d, salt}, SubjectKey::from_facts(d)); });
  }
  std::vector<long long> matching(const Json& d, const char* kind = kSin, long long partnership = 1) {
    return session->subjects().matching_cases(partnership, kind, SubjectKey::from_facts(d));
  }
};

TEST_P(SubjectRepositoryContract, FindsTheDetailsAndSaltAsStored) {
  const long long id = make_case(), other = make_case();
  const Json given = details("Amira", "Testchild", "943 476 5919", "2024-02-10", "");
  put(id, given, "00ff17");
  const auto found = session->subjects().find(id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->case_id, id);
  EXPECT_EQ(found->details.canonical(), given.canonical());  // members may come back in canonical order
  EXPECT_EQ(found->salt, "00ff17");
  EXPECT_EQ(found->commitment(), (Subject{id, given, "00ff17"}.commitment()));
  EXPECT_FALSE(session->subjects().find(other));  // a case without a subject
  EXPECT_FALSE(session->subjects().find(other + 1000));
}

TEST_P(SubjectRepositoryContract, PutReplacesTheDetailsAndTheKey) {
  const long long id = make_case();
  put(id, details("Amira", "Testchild", "943 476 5919", "", ""), "first");
  const Json corrected = details("Amira", "Testchild", "401 023 2137", "", "");
  put(id, corrected, "second");
  EXPECT_EQ(session->subjects().find(id)->details.canonical(), corrected.canonical());
  EXPECT_EQ(session->subjects().find(id)->salt, "second");
  EXPECT_TRUE(matching(details("", "", "943 476 5919", "", "")).empty());
  EXPECT_EQ(matching(details("", "", "4010232137", "", "")), std::vector<long long>{id});
}

TEST_P(SubjectRepositoryContract, MatchesTheSameNhsNumberOrNameWithBothDates) {
  const long long by_nhs = make_case(), by_name = make_case(), born_other_day = make_case(), again = make_case();
  put(by_nhs, details("Amira", "Testchild", "943 476 5919", "", ""));
  put(by_name, details("Oliver", "Example", "", "2024-02-10", "2024-06-01"));
  put(born_other_day, details("Oliver", "Example", "", "2024-02-11", "2024-06-01"));
  put(again, details("Someone", "Else", "9434765919", "", ""));
  // Same NHS number, written either way: oldest case first.
  EXPECT_EQ(matching(details("", "", "9434765919", "", "")), (std::vector<long long>{by_nhs, again}));
  // Same name (in any letter case and spacing), date of birth and date of death.
  EXPECT_EQ(matching(details(" OLIVER ", "example", "", "2024-02-10", "2024-06-01")), std::vector<long long>{by_name});
  // A name alone, or without the date of death, is not enough.
  EXPECT_TRUE(matching(details("Oliver", "Example", "", "", "")).empty());
  EXPECT_TRUE(matching(details("Oliver", "Example", "", "2024-02-10", "")).empty());
  // No NHS number matches no NHS number.
  EXPECT_TRUE(matching(details("Nobody", "Known", "", "", "")).empty());
}

TEST_P(SubjectRepositoryContract, MatchesOnlyCasesOfTheKindInThePartnership) {
  const long long west = another_partnership();
  const long long sin = make_case(kSin), cdr = make_case(kCdr), elsewhere = make_case(kSin, west);
  const Json child = details("Amira", "Testchild", "943 476 5919", "", "");
  for (long long id : {sin, cdr, elsewhere}) put(id, child);
  EXPECT_EQ(matching(child, kSin, 1), std::vector<long long>{sin});
  EXPECT_EQ(matching(child, kCdr, 1), std::vector<long long>{cdr});
  EXPECT_EQ(matching(child, kSin, west), std::vector<long long>{elsewhere});
  EXPECT_TRUE(matching(child, "rapid_review", 1).empty());
}

TEST_P(SubjectRepositoryContract, RefusesASubjectForACaseThatDoesNotExist) {
  EXPECT_THROW(put(424242, details("Amira", "Testchild", "", "", "")), StorageError);
  EXPECT_FALSE(session->subjects().find(424242));
}

INSTANTIATE_TEST_SUITE_P(Backends, SubjectRepositoryContract, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

TEST_P(SubjectRepositoryContract, SearchesByNhsNumberDateOfBirthOrTheBeginningsOfNameWords) {
  const long long amira = make_case(), oliver = make_case(kCdr), elsewhere = make_case(kSin, another_partnership());
  put(amira, details("Amira Jane", "Testchild-Smith", "943 476 5919", "2024-02-10", ""));
  put(oliver, details("Oliver", "Example", "401 023 2137", "2023-05-01", ""));
  put(elsewhere, details("Amira", "Testchild", "943 476 5919", "2024-02-10", ""));
  const auto search = [&](const char* typed) {
    return session->subjects().cases_matching_identity(1, *CaseSearch::parse(typed));
  };
  EXPECT_EQ(search("943 476 5919"), std::vector<long long>{amira});  // never another partnership's
  EXPECT_EQ(search("10/02/2024"), std::vector<long long>{amira});
  EXPECT_EQ(search("jane"), std::vector<long long>{amira});
  EXPECT_EQ(search("ami smi"), std::vector<long long>{amira});  // a double-barrelled name's second part
  EXPECT_EQ(search("Testchild-Smith"), std::vector<long long>{amira});
  EXPECT_EQ(search("oliver"), std::vector<long long>{oliver});
  EXPECT_EQ(search("amira"), std::vector<long long>{amira});  // by name alone too, never another partnership's
  EXPECT_TRUE(search("mira").empty());                        // a word's beginning, not any part
  EXPECT_TRUE(search("amira oliver").empty());                // every word must match the same child
  EXPECT_TRUE(search("CDR-2024-0001").empty());               // a reference is not an identity
  EXPECT_TRUE(search("a%").empty());
  const auto everyone = session->subjects().in_partnership(1);
  ASSERT_EQ(everyone.size(), 2u);
  EXPECT_EQ(everyone[0].case_id, amira);
  EXPECT_EQ(everyone[1].case_id, oliver);
  EXPECT_EQ(everyone[1].details["family_name"].as_string(), "Example");
}

}  // namespace
}  // namespace casereview
