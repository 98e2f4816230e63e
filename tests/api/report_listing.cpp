#include "report_listing.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace casereview::testing_support {
namespace {

struct Walk {
  std::size_t cases, rows;
  const std::set<std::string>& tables;
  ListingCuts cuts;

  static std::string under(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  // The first `n` items of `whole` are `cut`'s items, and it has no more.
  void first_items(const Json& whole, const Json& cut, std::size_t n, const std::string& path) {
    const std::size_t expected = std::min(n, whole.items().size());
    ASSERT_EQ(cut.items().size(), expected) << path;
    for (std::size_t i = 0; i < expected; ++i) {
      compare(whole.items()[i], cut.items()[i], path + "[" + std::to_string(i) + "]");
    }
  }

  void compare(const Json& whole, const Json& cut, const std::string& path) {
    ASSERT_EQ(whole.type(), cut.type()) << path;
    if (whole.is_array()) {
      const bool table = tables.count(path) > 0;
      if (table && whole.items().size() > rows) ++cuts.tables;
      first_items(whole, cut, table ? rows : whole.items().size(), path);
      return;
    }
    if (!whole.is_object()) {
      EXPECT_EQ(whole, cut) << path;
      return;
    }
    ASSERT_EQ(whole.members().size(), cut.members().size()) << path << ": " << cut.dump();
    const bool figure = whole.contains("count") && whole.contains("cases");
    if (figure && whole["cases"].items().size() > cases) ++cuts.figures;
    for (std::size_t i = 0; i < whole.members().size(); ++i) {
      const auto& [key, value] = whole.members()[i];
      ASSERT_EQ(cut.members()[i].first, key) << path;
      if (figure && key == "cases") {
        first_items(value, cut.members()[i].second, cases, under(path, key));
      } else {
        compare(value, cut.members()[i].second, under(path, key));
      }
    }
  }
};

}  // namespace

ListingCuts expect_listed_as(const Json& whole, const Json& cut, std::size_t cases, std::size_t rows,
                             const std::set<std::string>& tables) {
  Walk walk{cases, rows, tables, {}};
  walk.compare(whole, cut, "");
  return walk.cuts;
}

}  // namespace casereview::testing_support
