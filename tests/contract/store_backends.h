#pragma once
// The storage backends the contract suites run against. Each suite is written
// once against the engine's interfaces and instantiated for every entry here;
// SQLite and PostgreSQL (a real server the test binary starts).

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "casereview/engine/repositories.h"
#include "temp_dir.h"

namespace casereview::testing_support {

struct StoreBackend {
  std::string name;
  // A fresh, empty store with the current schema, keeping its files in `directory`.
  std::function<std::unique_ptr<Store>(const std::string& directory)> make;
};

std::vector<StoreBackend> store_backends();

// The connection string of a new database on the test binary's PostgreSQL
// server (support/postgres_server.h, started on first use), holding the
// current schema, or nothing at all.
std::string new_postgres_database(bool with_schema = true);
// Test names and failure messages show the backend's name, not its bytes.
inline void PrintTo(const StoreBackend& backend, std::ostream* os) { *os << backend.name; }
std::string backend_name(const ::testing::TestParamInfo<StoreBackend>& info);

// `field` of every row, in order: a list's contents and order in one assertion.
template <class Row, class Field>
auto each(const std::vector<Row>& rows, Field field) {
  std::vector<std::decay_t<decltype(field(rows.front()))>> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(field(row));
  return out;
}

// Base fixture: one fresh store per test, and a session on it.
class StoreTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    store = GetParam().make(dir.path());
    session = store->session();
  }
  // A new case at version 0, opened on 3 June 2024.
  CaseRecord create_case(long long partnership = 1, const char* kind = "serious_incident_notification",
                         const char* prefix = "SIN") {
    CaseRecord created;
    session->write_transaction([&] {
      created = session->cases().create(NewCase{kind, prefix, partnership, *Date::parse("2024-06-03"), ""},
                                        *Instant::parse("2024-06-03T09:00:00Z"));
    });
    return created;
  }
  // Stores `content` and records it as a text document of `c` (a chronology
  // uploaded by "manager"); returns it with its id.
  Document attach_document(const CaseRecord& c, const std::string& content, const char* file_name = "chronology.txt") {
    Document doc;
    doc.partnership_id = c.partnership_id;
    doc.case_id = c.id;
    doc.event_seq = 1;
    doc.kind = "chronology";
    doc.file_name = file_name;
    doc.media_type = "text/plain";
    doc.size_bytes = static_cast<long long>(content.size());
    doc.sha256 = sha256_hex(content);
    doc.uploaded_by = "manager";
    doc.uploaded_at = *Instant::parse("2024-06-03T09:00:00Z");
    session->write_transaction([&] {
      session->documents().put_content(doc.sha256, content);
      doc = session->documents().add(doc);
    });
    return doc;
  }
  // A partnership besides the store's first (id 1), to show that neither sees
  // the other's rows. Returns its id.
  long long another_partnership(const char* code = "west") {
    long long id = 0;
    session->write_transaction([&] { id = session->partnerships().add(code, std::string(code) + " partnership").id; });
    return id;
  }
  TempDir dir;
  std::unique_ptr<Store> store;
  std::unique_ptr<StoreSession> session;
};

}  // namespace casereview::testing_support
