// Contract of RetentionRepository (retention periods, legal holds, erasures and
// the closed cases retention looks at), with the erasing parts of
// SubjectRepository and DocumentRepository it relies on.
#include <gtest/gtest.h>

#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::StoreTest;

const Instant kNow = *Instant::parse("2024-06-03T09:00:00Z");
const std::vector<std::pair<std::string, std::string>> kClosed = {{"serious_incident_notification", "closed_x"}};

class RetentionRepositoryContract : public StoreTest {
 protected:
  // Appends events of `types`, each effective on the date beside it, and moves the case to `state`.
  CaseRecord append(CaseRecord record, const std::vector<std::pair<const char*, const char*>>& typed_on,
                    const char* state) {
    std::vector<Event> events;
    for (const auto& [type, on] : typed_on) {
      Event e;
      e.type = type;
      e.actor = "tester";
      e.recorded_at = kNow;
      e.effective_date = *Date::parse(on);
      e.payload = "{}";
      events.push_back(e);
    }
    const long long expected = record.version;
    record.state = state;
    chain_events(record, events);
    session->write_transaction([&] { session->cases().append(record, expected, events); });
    return record;
  }
  void put_subject(long long case_id) {
    const Json details = Json::parse(R"({"given_name":"Ada","family_name":"Quill"})");
    session->write_transaction([&] {
      session->subjects().put(Subject{case_id, details, "5a17"}, SubjectKey::from_facts(details));
    });
  }
  RetentionRepository& retention() { return session->retention(); }
};

TEST_P(RetentionRepositoryContract, KeepsEachPartnershipsPeriodsApart) {
  const long long west = another_partnership();
  EXPECT_TRUE(retention().periods(1).empty());
  RetentionPeriod p;
  p.case_kind = "lcspr";
  p.years = 30;
  p.reason = "Published reviews are kept longer";
  p.set_by = "admin";
  p.set_at = kNow;
  session->write_transaction([&] { retention().set_period(1, p); });
  p.years = 12;
  p.reason = "Changed by the board";
  session->write_transaction([&] { retention().set_period(1, p); });
  const auto mine = retention().periods(1);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].case_kind, "lcspr");
  EXPECT_EQ(mine[0].years, 12);
  EXPECT_EQ(mine[0].reason, "Changed by the board");
  EXPECT_FALSE(mine[0].is_default);
  EXPECT_EQ(mine[0].set_at, kNow);
  EXPECT_TRUE(retention().periods(west).empty());
}

TEST_P(RetentionRepositoryContract, PlacesReplacesAndLiftsAHold) {
  const CaseRecord c = create_case();
  EXPECT_FALSE(retention().hold(c.id));
  session->write_transaction([&] { retention().place_hold(LegalHold{c.id, "Inquest opened", "admin", kNow}); });
  session->write_transaction([&] { retention().place_hold(LegalHold{c.id, "Civil claim", "admin2", kNow}); });
  const auto held = retention().hold(c.id);
  ASSERT_TRUE(held);
  EXPECT_EQ(held->reason, "Civil claim");
  EXPECT_EQ(held->placed_by, "admin2");
  bool lifted = false;
  session->write_transaction([&] { lifted = retention().lift_hold(c.id); });
  EXPECT_TRUE(lifted);
  EXPECT_FALSE(retention().hold(c.id));
  session->write_transaction([&] { lifted = retention().lift_hold(c.id); });
  EXPECT_FALSE(lifted);
}

TEST_P(RetentionRepositoryContract, RecordsAnErasureOnce) {
  const CaseRecord c = create_case();
  EXPECT_FALSE(retention().erasure(c.id));
  const IdentityErasure x{c.id, "C-0123456789", "Retention ended", 2, "admin", kNow};
  session->write_transaction([&] { retention().record_erasure(x); });
  const auto found = retention().erasure(c.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->pseudonym, "C-0123456789");
  EXPECT_EQ(found->documents_erased, 2);
  EXPECT_EQ(found->erased_at, kNow);
  EXPECT_THROW(session->write_transaction([&] { retention().record_erasure(x); }), ConflictError);
}

TEST_P(RetentionRepositoryContract, ListsTheClosedCasesFromTheirLastStep) {
  const long long west = another_partnership();
  CaseRecord closed = create_case();
  closed = append(closed, {{"opened", "2019-01-02"}, {"closed", "2019-03-04"}}, "closed_x");
  put_subject(closed.id);
  // Retention's own events do not move the day it runs from.
  closed = append(closed, {{"legal_hold_placed", "2024-06-03"}, {"legal_hold_lifted", "2024-06-04"}}, "closed_x");
  CaseRecord open = create_case();
  append(open, {{"opened", "2019-01-02"}}, "open_x");
  CaseRecord theirs = create_case(west);
  append(theirs, {{"opened", "2019-01-02"}, {"closed", "2019-01-05"}}, "closed_x");
  CaseRecord held = create_case();
  held = append(held, {{"opened", "2018-01-02"}, {"closed", "2018-02-03"}}, "closed_x");
  session->write_transaction([&] { retention().place_hold(LegalHold{held.id, "Inquiry", "admin", kNow}); });

  const auto listed = retention().closed_cases(1, kClosed);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].case_id, held.id);  // by last recorded date
  EXPECT_EQ(listed[0].last_recorded.iso(), "2018-02-03");
  ASSERT_TRUE(listed[0].hold);
  EXPECT_EQ(listed[0].hold->reason, "Inquiry");
  EXPECT_FALSE(listed[0].has_identity);
  EXPECT_EQ(listed[1].case_id, closed.id);
  EXPECT_EQ(listed[1].reference, closed.reference);
  EXPECT_EQ(listed[1].state, "closed_x");
  EXPECT_EQ(listed[1].last_recorded.iso(), "2019-03-04");
  EXPECT_TRUE(listed[1].has_identity);
  EXPECT_FALSE(listed[1].hold);
  EXPECT_FALSE(listed[1].erasure);
  EXPECT_TRUE(retention().closed_cases(1, {}).empty());
  EXPECT_EQ(retention().closed_cases(west, kClosed).size(), 1u);
}

TEST_P(RetentionRepositoryContract, ErasesASubjectAndTheContentNoOtherCaseHolds) {
  const CaseRecord c = create_case();
  const CaseRecord other = create_case();
  put_subject(c.id);
  const Document own = attach_document(c, "Chronology naming the child");
  const Document shared = attach_document(c, "A leaflet every family is given");
  attach_document(other, "A leaflet every family is given");
  int erased = 0;
  bool had = false;
  session->write_transaction([&] {
    erased = session->documents().erase_contents_of_case(c.id);
    had = session->subjects().erase(c.id);
  });
  EXPECT_TRUE(had);
  EXPECT_EQ(erased, 1);
  EXPECT_FALSE(session->subjects().find(c.id));
  EXPECT_FALSE(session->documents().content(own.sha256));
  EXPECT_EQ(session->documents().content(shared.sha256), "A leaflet every family is given");
  ASSERT_TRUE(session->documents().find(1, own.id));  // the document itself stays
  EXPECT_EQ(session->documents().find(1, own.id)->size_bytes, 27);
  session->write_transaction([&] { had = session->subjects().erase(c.id); });
  EXPECT_FALSE(had);
  // The same bytes attached again (to any case) are kept again.
  attach_document(other, "Chronology naming the child");
  EXPECT_EQ(session->documents().content(own.sha256), "Chronology naming the child");
}

// Content that begins with a NUL byte (a video, an icon) is erased like any
// other: SQLite's length() of text stops at the first NUL, so it once counted
// as erased already and was kept.
TEST_P(RetentionRepositoryContract, ErasesContentThatBeginsWithANulByte) {
  const CaseRecord c = create_case();
  const std::string video(
      "\0\0\0\x18"
      "ftypmp42 of a recorded interview",
      36);
  const Document doc = attach_document(c, video, "interview.mp4");
  ASSERT_EQ(session->documents().content(doc.sha256), video);
  int erased = 0;
  session->write_transaction([&] { erased = session->documents().erase_contents_of_case(c.id); });
  EXPECT_EQ(erased, 1);
  EXPECT_FALSE(session->documents().content(doc.sha256));
  // Given again, it is kept again, every byte.
  attach_document(c, video, "interview again.mp4");
  EXPECT_EQ(session->documents().content(doc.sha256), video);
}

INSTANTIATE_TEST_SUITE_P(Backends, RetentionRepositoryContract, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
