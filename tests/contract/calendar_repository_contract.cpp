// Contract of CalendarRepository: the stored bank-holiday list and its loads.
#include <gtest/gtest.h>

#include "store_backends.h"

namespace casereview {
namespace {

using testing_support::StoreTest;

BankHoliday h(const char* date, const char* title) { return {*Date::parse(date), title, ""}; }

class CalendarRepositoryContract : public StoreTest {
 protected:
  void load(const std::vector<BankHoliday>& feed, const char* source) {
    session->write_transaction([&] {
      session->calendar().replace_years(feed,
                                        CalendarLoad{0, source, "admin", *Instant::parse("2024-01-01T00:00:00Z")});
    });
  }
};

TEST_P(CalendarRepositoryContract, StartsEmpty) {
  EXPECT_TRUE(session->calendar().holidays().empty());
  EXPECT_FALSE(session->calendar().latest_load());
}

TEST_P(CalendarRepositoryContract, ReplacesOnlyTheYearsAFeedCovers) {
  load({h("2023-12-25", "Christmas Day"), h("2024-12-25", "Christmas Day"), h("2024-12-26", "Boxing Day")}, "first");
  load({h("2024-12-25", "Christmas Day"), h("2025-12-25", "Christmas Day")}, "second");
  std::vector<std::string> dates;
  for (const auto& holiday : session->calendar().holidays()) dates.push_back(holiday.date.iso());
  // 2023 kept (not in the second feed); 2024 replaced (Boxing Day gone); 2025 added.
  EXPECT_EQ(dates, (std::vector<std::string>{"2023-12-25", "2024-12-25", "2025-12-25"}));
  const auto latest = session->calendar().latest_load();
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->source, "second");
  EXPECT_EQ(latest->loaded_by, "admin");
  EXPECT_GT(latest->revision, 1);
}

TEST_P(CalendarRepositoryContract, KeepsTitlesAndNotes) {
  load({BankHoliday{*Date::parse("2027-12-27"), "Christmas Day", "Substitute day"}}, "feed");
  const auto stored = session->calendar().holidays();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].title, "Christmas Day");
  EXPECT_EQ(stored[0].notes, "Substitute day");
}

TEST_P(CalendarRepositoryContract, RefusesAnEmptyLoad) {
  load({h("2024-12-25", "Christmas Day")}, "first");
  EXPECT_THROW(load({}, "empty"), StorageError);
  EXPECT_EQ(session->calendar().holidays().size(), 1u);
  EXPECT_EQ(session->calendar().latest_load()->source, "first");
}

INSTANTIATE_TEST_SUITE_P(Backends, CalendarRepositoryContract, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
