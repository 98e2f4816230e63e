// The signed checkpoint of every case's chain head (engine/include/casereview/
// engine/audit.h) on a real store: what it signs, and that a national record's
// checkpoint (some 50,000 cases, a heads text larger than the JSON parser's
// default limit) is signed and verified like a small one.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "casereview/db/sqlite_store.h"
#include "casereview/engine/audit.h"
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

class AuditCheckpointContract : public StoreTest {};

TEST_P(AuditCheckpointContract, SignsTheHeadOfEveryCaseWithEventsInEveryPartnership) {
  std::vector<CaseRecord> signed_cases;
  session->write_transaction([&] {
    const long long west = session->partnerships().add("west", "Westshire partnership").id;
    for (int i = 0; i < 11; ++i) signed_cases.push_back(case_with_events(*session, i % 2 ? west : 1, 1 + i % 3));
    case_with_events(*session, west, 0);  // no events yet: nothing to sign
  });
  const Checkpoint taken = record_checkpoint(*session, kKey, "tester", kNow);

  // What it must sign, made independently of the checkpoint's own writer.
  Json expected = Json::object();
  for (const CaseRecord& c : signed_cases) {
    Json head = Json::object();
    head.set("version", c.version);
    head.set("hash", c.head_hash);
    head.set("partnership", c.partnership_id);
    expected.set(std::to_string(c.id), std::move(head));
  }
  EXPECT_EQ(taken.heads, expected.canonical());
  const std::vector<Checkpoint> stored = session->checkpoints().all();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].heads, taken.heads);
  EXPECT_EQ(stored[0].signature, taken.signature);

  const AuditReport report = verify_all(*session, kKey);
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.checkpoints_checked, 1);
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
