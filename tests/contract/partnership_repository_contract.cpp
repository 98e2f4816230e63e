// Contract of PartnershipRepository: the partnerships a store serves and the
// local authorities each covers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::each;
using testing_support::StoreTest;

class PartnershipRepositoryContract : public StoreTest {
 protected:
  Partnership add(const char* code, const char* name) {
    Partnership added;
    session->write_transaction([&] { added = session->partnerships().add(code, name); });
    return added;
  }
  void add_area(long long partnership, const char* local_authority) {
    session->write_transaction([&] { session->partnerships().add_area(partnership, local_authority); });
  }
};

TEST_P(PartnershipRepositoryContract, ANewStoreHoldsTheDefaultPartnership) {
  const auto all = session->partnerships().list();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].id, 1);
  EXPECT_EQ(all[0].code, "default");
  EXPECT_EQ(session->partnerships().find_by_code("default")->id, 1);
  EXPECT_TRUE(session->partnerships().areas(1).empty());
}

TEST_P(PartnershipRepositoryContract, AddsPartnershipsWithCodesTakenOnce) {
  const Partnership west = add("west", "Westshire partnership");
  const Partnership east = add("east", "Eastborough partnership");
  EXPECT_EQ(west.code, "west");
  EXPECT_EQ(west.name, "Westshire partnership");
  EXPECT_NE(west.id, 1);
  EXPECT_NE(west.id, east.id);
  EXPECT_THROW(add("west", "Another name"), ConflictError);
  EXPECT_EQ(each(session->partnerships().list(), [](const Partnership& p) { return p.code; }),
            (std::vector<std::string>{"default", "west", "east"}));
  const auto found = session->partnerships().find_by_code("west");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, west.id);
  EXPECT_EQ(found->name, "Westshire partnership");
  EXPECT_FALSE(session->partnerships().find_by_code("WEST"));  // codes are matched exactly
  EXPECT_FALSE(session->partnerships().find_by_code("north"));
}

TEST_P(PartnershipRepositoryContract, AreasAreKeptOncePerPartnershipInOrder) {
  const long long west = another_partnership();
  add_area(1, "Westshire County Council");
  add_area(1, "Northam City Council");
  add_area(1, "Northam City Council");  // adding an area again changes nothing
  add_area(west, "Eastborough Council");
  EXPECT_EQ(session->partnerships().areas(1),
            (std::vector<std::string>{"Northam City Council", "Westshire County Council"}));
  EXPECT_EQ(session->partnerships().areas(west), std::vector<std::string>{"Eastborough Council"});
  EXPECT_TRUE(session->partnerships().areas(west + 1).empty());
}

// A session for long reads (Store::scan_session) is a session on the same
// store: each sees what the other committed, and it writes as any other does.
TEST_P(PartnershipRepositoryContract, AScanSessionSharesTheStoreWithOrdinarySessions) {
  auto scan = store->scan_session();
  add_area(1, "Northam City Council");
  EXPECT_EQ(scan->partnerships().areas(1), std::vector<std::string>{"Northam City Council"});
  scan->write_transaction([&] { scan->partnerships().add_area(1, "Southam County Council"); });
  EXPECT_EQ(session->partnerships().areas(1),
            (std::vector<std::string>{"Northam City Council", "Southam County Council"}));
  std::vector<std::string> seen;
  scan->read_transaction([&] { seen = scan->partnerships().areas(1); });
  EXPECT_EQ(seen.size(), 2u);
  // Two at once, and ordinary sessions beside them.
  auto another_scan = store->scan_session();
  EXPECT_EQ(another_scan->partnerships().list().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, PartnershipRepositoryContract,
                         ::testing::ValuesIn(testing_support::store_backends()), testing_support::backend_name);

}  // namespace
}  // namespace casereview
