// Contract of DocumentRepository: documents attached to cases, and their bytes
// stored once per content.
#include <gtest/gtest.h>

#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::StoreTest;

const Instant kNow = *Instant::parse("2024-06-03T09:00:00Z");

class DocumentRepositoryContract : public StoreTest {
 protected:
  std::vector<long long> ids_for_case(long long case_id) {
    return testing_support::each(session->documents().for_case(case_id), [](const Document& doc) { return doc.id; });
  }
};

TEST_P(DocumentRepositoryContract, AddsADocumentWithItsIdAndFindsIt) {
  const CaseRecord c = create_case();
  const Document added = attach_document(c, "What the agencies knew", "chronology of events.txt");
  EXPECT_GT(added.id, 0);
  const auto found = session->documents().find(1, added.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, added.id);
  EXPECT_EQ(found->partnership_id, 1);
  EXPECT_EQ(found->case_id, c.id);
  EXPECT_EQ(found->event_seq, 1);
  EXPECT_EQ(found->kind, "chronology");
  EXPECT_EQ(found->file_name, "chronology of events.txt");
  EXPECT_EQ(found->media_type, "text/plain");
  EXPECT_EQ(found->size_bytes, 22);
  EXPECT_EQ(found->sha256, sha256_hex("What the agencies knew"));
  EXPECT_EQ(found->uploaded_by, "manager");
  EXPECT_EQ(found->uploaded_at, kNow);
  EXPECT_FALSE(session->documents().find(1, added.id + 1000));
}

TEST_P(DocumentRepositoryContract, AnotherPartnershipDoesNotFindTheDocument) {
  const long long west = another_partnership();
  const Document ours = attach_document(create_case(), "ours");
  const Document theirs = attach_document(create_case(west), "theirs");
  EXPECT_FALSE(session->documents().find(west, ours.id));
  EXPECT_FALSE(session->documents().find(1, theirs.id));
  EXPECT_EQ(session->documents().find(west, theirs.id)->file_name, "chronology.txt");
}

TEST_P(DocumentRepositoryContract, ListsACasesDocumentsOldestFirst) {
  const CaseRecord a = create_case(), b = create_case();
  const Document first = attach_document(a, "first");
  const Document other = attach_document(b, "other");
  const Document second = attach_document(a, "second");
  EXPECT_EQ(ids_for_case(a.id), (std::vector<long long>{first.id, second.id}));
  EXPECT_EQ(ids_for_case(b.id), std::vector<long long>{other.id});
  EXPECT_TRUE(ids_for_case(b.id + 1000).empty());
}

TEST_P(DocumentRepositoryContract, KeepsTheSameContentOnceForEveryAttachment) {
  const CaseRecord a = create_case(), b = create_case();
  const Document one = attach_document(a, "the same report");
  const Document two = attach_document(b, "the same report", "copy.txt");
  EXPECT_NE(one.id, two.id);
  EXPECT_EQ(session->documents().content(one.sha256), "the same report");
  EXPECT_EQ(session->documents().find(1, two.id)->sha256, one.sha256);
  EXPECT_FALSE(session->documents().content(sha256_hex("never stored")));
}

TEST_P(DocumentRepositoryContract, KeepsEveryByteOfTheContent) {
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  every_byte += every_byte;  // NUL bytes inside, not only at the start
  const Document doc = attach_document(create_case(), every_byte, "bytes.bin");
  const auto stored = session->documents().content(doc.sha256);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->size(), 512u);
  EXPECT_EQ(*stored, every_byte);
}

TEST_P(DocumentRepositoryContract, RefusesADocumentWhoseContentIsNotStored) {
  const CaseRecord c = create_case();
  Document doc;
  doc.partnership_id = 1;
  doc.case_id = c.id;
  doc.kind = "draft";
  doc.sha256 = sha256_hex("never stored");
  EXPECT_THROW(session->write_transaction([&] { session->documents().add(doc); }), StorageError);
  EXPECT_TRUE(ids_for_case(c.id).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, DocumentRepositoryContract, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
