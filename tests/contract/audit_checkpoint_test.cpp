// The signed checkpoints of the cases' chain heads (engine/include/casereview/
// engine/audit.h) on a real store: what the first signs (every case's head),
// what each after it signs (the heads changed since, chained to the one
// before), and that a national record's first checkpoint (some 50,000 cases, a
// heads text larger than the JSON parser's default limit) is signed and
// verified like a small one.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "casereview/db/sqlite_store.h"
#include "casereview/engine/audit.h"
#include "casereview/engine/keyed.h"
#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::StoreTest;

const Instant kNow = *Instant::parse("2024-06-03T09:00:00Z");
const std::string kKey(64, 'k');

// A new case of `partnership` with `steps` events, chained as the engine chains them.
CaseRecord case_with_events(StoreSession& session, long long partnership, int steps) {
  CaseRecord record = session.cases().create(
      NewCase{"serious_incident_notification", "SIN", partnership, *Date::parse("2024-06-03"), ""}, kNow);
  std::vector<Event> events;
  for (int i = 0; i < steps; ++i) {
    Event e;
    e.type = "step";
    e.actor = "tester";
    e.recorded_at = kNow;
    e.effective_date = *Date::parse("2024-06-03");
    e.payload = R"({"n":)" + std::to_string(i) + "}";
    events.push_back(e);
  }
  if (events.empty()) return record;
  record.state = "notified";
  chain_events(record, events);
  session.cases().append(record, 0, events);
  return record;
}

// `steps` more events on `record`, which becomes the case as stored.
void add_steps(StoreSession& session, CaseRecord& record, int steps) {
  std::vector<Event> events(static_cast<std::size_t>(steps));
  for (Event& e : events) {
    e.type = "step";
    e.actor = "tester";
    e.recorded_at = kNow;
    e.effective_date = *Date::parse("2024-06-04");
    e.payload = "{}";
  }
  const long long expected = record.version;
  chain_events(record, events);
  session.cases().append(record, expected, events);
}

// The heads `cases` are at, as a checkpoint signs them, made independently of
// the checkpoint's own writer.
std::string heads_of(const std::vector<CaseRecord>& cases) {
  Json expected = Json::object();
  for (const CaseRecord& c : cases) {
    Json head = Json::object();
    head.set("version", c.version);
    head.set("hash", c.head_hash);
    head.set("partnership", c.partnership_id);
    expected.set(std::to_string(c.id), std::move(head));
  }
  return expected.canonical();
}

std::vector<Checkpoint> stored_checkpoints(StoreSession& session) {
  std::vector<Checkpoint> stored;
  session.checkpoints().for_each([&](const Checkpoint& c) { stored.push_back(c); });
  return stored;
}

class AuditCheckpointContract : public StoreTest {};

TEST_P(AuditCheckpointContract, SignsTheHeadOfEveryCaseWithEventsInEveryPartnership) {
  std::vector<CaseRecord> signed_cases;
  session->write_transaction([&] {
    const long long west = session->partnerships().add("west", "Westshire partnership").id;
    for (int i = 0; i < 11; ++i) signed_cases.push_back(case_with_events(*session, i % 2 ? west : 1, 1 + i % 3));
    case_with_events(*session, west, 0);  // no events yet: nothing to sign
  });
  const Checkpoint taken = record_checkpoint(*session, kKey, "tester", kNow);

  EXPECT_EQ(taken.heads, heads_of(signed_cases));
  const std::vector<Checkpoint> stored = stored_checkpoints(*session);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].heads, taken.heads);
  EXPECT_EQ(stored[0].signature, taken.signature);
  EXPECT_EQ(stored[0].previous_signature, std::optional<std::string>(""));  // chained, first of the chain

  const AuditReport report = verify_all(*session, kKey);
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.checkpoints_checked, 1);
}

TEST_P(AuditCheckpointContract, EachLaterCheckpointSignsTheHeadsChangedSinceTheOneBeforeAndFollowsIt) {
  std::vector<CaseRecord> cases;
  session->write_transaction([&] {
    for (int i = 0; i < 3; ++i) cases.push_back(case_with_events(*session, 1, 2));
  });
  const Checkpoint first = record_checkpoint(*session, kKey, "tester", kNow);
  EXPECT_EQ(first.heads, heads_of(cases));

  // One case steps on and another is opened: the next checkpoint signs those two.
  CaseRecord opened;
  session->write_transaction([&] {
    add_steps(*session, cases[1], 2);
    opened = case_with_events(*session, 1, 1);
  });
  const Checkpoint second = record_checkpoint(*session, kKey, "tester", kNow.plus_seconds(86400));
  EXPECT_EQ(second.heads, heads_of({cases[1], opened}));
  EXPECT_EQ(second.previous_signature, std::optional<std::string>(first.signature));
  // Nothing changed since: a checkpoint of no head, still in the chain.
  const Checkpoint third = record_checkpoint(*session, kKey, "tester", kNow.plus_seconds(2LL * 86400));
  EXPECT_EQ(third.heads, "{}");
  EXPECT_EQ(third.previous_signature, std::optional<std::string>(second.signature));

  const std::vector<Checkpoint> stored = stored_checkpoints(*session);
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(testing_support::each(stored, [](const Checkpoint& c) { return c.signature; }),
            (std::vector<std::string>{first.signature, second.signature, third.signature}));
  EXPECT_EQ(stored[1].heads, second.heads);
  EXPECT_EQ(session->checkpoints().latest()->signature, third.signature);
  EXPECT_EQ(session->checkpoints().count(), 3);
  EXPECT_TRUE(session->checkpoints().unsigned_heads().empty());
  const AuditReport report = verify_all(*session, kKey);
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.checkpoints_checked, 3);
  EXPECT_EQ(verify_all(*session, "").checkpoints_unchecked, 3);
}

// A wrong key file: the checkpoint it would sign is refused before anything is
// written, so the changed cases stay to be signed with the right key.
TEST_P(AuditCheckpointContract, ACheckpointWithAKeyThatDidNotSignTheNewestIsRefused) {
  const std::string wrong_key(64, 'w');
  EXPECT_TRUE(key_signed_newest_checkpoint(*session, wrong_key)) << "no checkpoint yet: any key may begin";
  CaseRecord changed;
  session->write_transaction([&] { changed = case_with_events(*session, 1, 2); });
  const Checkpoint first = record_checkpoint(*session, kKey, "tester", kNow);
  session->write_transaction([&] { add_steps(*session, changed, 1); });

  EXPECT_TRUE(key_signed_newest_checkpoint(*session, kKey));
  EXPECT_FALSE(key_signed_newest_checkpoint(*session, wrong_key));
  EXPECT_THROW(record_checkpoint(*session, wrong_key, "tester", kNow.plus_seconds(60)), CheckpointKeyMismatch);
  EXPECT_THROW(record_checkpoint_if_due(*session, wrong_key, "tester", kNow.plus_seconds(86400), 3600),
               CheckpointKeyMismatch);
  EXPECT_EQ(session->checkpoints().count(), 1);
  EXPECT_EQ(session->checkpoints().latest()->signature, first.signature);
  ASSERT_EQ(session->checkpoints().unsigned_heads().size(), 1u);
  EXPECT_EQ(session->checkpoints().unsigned_heads()[0].version, changed.version);

  const Checkpoint second = record_checkpoint(*session, kKey, "tester", kNow.plus_seconds(120));
  EXPECT_EQ(second.heads, heads_of({changed}));
  EXPECT_TRUE(verify_all(*session, kKey).intact());
}

// for_each reads the checkpoints a few at a time by id: more than a page of
// them come back every one, oldest first, each whole.
TEST_P(AuditCheckpointContract, EveryCheckpointIsVisitedInOrderPastOnePage) {
  CaseRecord changed;
  session->write_transaction([&] { changed = case_with_events(*session, 1, 1); });
  std::vector<std::string> signatures;
  for (int day = 0; day < 11; ++day) {
    if (day > 0) session->write_transaction([&] { add_steps(*session, changed, 1); });
    signatures.push_back(record_checkpoint(*session, kKey, "tester", kNow.plus_seconds(day * 86400LL)).signature);
  }
  const std::vector<Checkpoint> stored = stored_checkpoints(*session);
  EXPECT_EQ(testing_support::each(stored, [](const Checkpoint& c) { return c.signature; }), signatures);
  ASSERT_EQ(stored.size(), 11u);
  EXPECT_EQ(stored[10].heads, heads_of({changed}));
  EXPECT_EQ(stored[10].taken_at, kNow.plus_seconds(10 * 86400LL));
  const AuditReport report = verify_all(*session, kKey);
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.checkpoints_checked, 11);
}

// A checkpoint stored before checkpoints were chained has no previous
// signature: it still verifies as it was signed, and the next one is chained
// to it. (StoredBeforeJsonLibrary upgrades a database of that time.)
TEST_P(AuditCheckpointContract, ACheckpointFromBeforeTheChainStillVerifiesAndIsFollowed) {
  Checkpoint unchained{0, kNow, "tester", "{}", "", std::nullopt};
  unchained.signature = hmac_hex(kKey, unchained.taken_at.iso() + "\n" + unchained.heads);  // as it was signed
  session->write_transaction([&] { session->checkpoints().add(unchained); });
  std::vector<CaseRecord> cases;
  session->write_transaction([&] {
    for (int i = 0; i < 2; ++i) cases.push_back(case_with_events(*session, 1, 1));
  });
  const Checkpoint next = record_checkpoint(*session, kKey, "tester", kNow.plus_seconds(86400));
  EXPECT_EQ(next.heads, heads_of(cases));
  EXPECT_EQ(next.previous_signature, std::optional<std::string>(unchained.signature));
  EXPECT_FALSE(stored_checkpoints(*session).at(0).previous_signature.has_value());
  const AuditReport report = verify_all(*session, kKey);
  EXPECT_TRUE(report.intact()) << (report.checkpoint_findings.empty() ? "" : report.checkpoint_findings[0].problem);
  EXPECT_EQ(report.checkpoints_checked, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditCheckpointContract, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

// SQLite only: forty thousand cases are made in seconds there, and what is
// checked is the engine's reading and writing of a large checkpoint, which
// the contract above shows is the same on both stores.
TEST(AuditCheckpointAtNationalSize, FortyThousandCasesAreSignedAndVerified) {
  testing_support::TempDir dir;
  auto store = db::SqliteStore::open({dir.path() + "/national.db", 2, 5000}, db::SchemaMode::CreateIfEmpty);
  auto session = store->session();
  constexpr int kCases = 40000;
  session->write_transaction([&] {
    for (int i = 0; i < kCases; ++i) case_with_events(*session, 1, 1);
  });
  const Checkpoint taken = record_checkpoint(*session, kKey, "tester", kNow);
  // Past the parser's default limit, which made every such checkpoint unreadable.
  EXPECT_GT(taken.heads.size(), Json::Limits{}.max_bytes);
  const Json heads = Json::parse(taken.heads, Json::Limits{Json::Limits{}.max_depth, taken.heads.size()});
  EXPECT_EQ(heads.members().size(), static_cast<std::size_t>(kCases));
  EXPECT_EQ(heads.canonical(), taken.heads);

  const AuditReport report = verify_all(*session, kKey);
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.cases_checked, kCases);
  EXPECT_EQ(report.checkpoints_checked, 1);
  EXPECT_TRUE(report.checkpoint_findings.empty());
}

}  // namespace
}  // namespace casereview
