// A long answer's text is written in pieces of about a megabyte, and the
// answer is those pieces in order (web/src/api/answer_text.h).
#include "api/answer_text.h"

#include <gtest/gtest.h>

#include <string>

namespace casereview::web {
namespace {

TEST(AnswerText, CutsALongTextIntoPiecesAfterWholeItemsAndAnswersThemInOrder) {
  AnswerText text(nullptr);
  std::string expected = "[";
  text.out() += '[';
  for (int i = 0; i < 5000; ++i) {
    const std::string item = (i ? "," : "") + std::string(1000, static_cast<char>('a' + i % 26));
    text.out() += item;
    text.cut_if_long();
    expected += item;
  }
  text.out() += ']';
  expected += ']';
  const HttpResponse response = std::move(text).response();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
  ASSERT_GE(response.body_after.size(), 4u) << "5 MB in pieces of about one";
  EXPECT_GE(response.body.size(), std::size_t{1} << 20);
  for (std::size_t i = 0; i + 1 < response.body_after.size(); ++i) {
    EXPECT_GE(response.body_after[i].size(), std::size_t{1} << 20) << "piece " << i;
    EXPECT_LT(response.body_after[i].size(), (std::size_t{1} << 20) + 1001) << "cut after the item that filled it";
  }
  std::string whole = response.body;
  for (const std::string& piece : response.body_after) whole += piece;
  EXPECT_EQ(response.body_size(), expected.size());
  EXPECT_TRUE(whole == expected);
}

TEST(AnswerText, AShortTextIsOnePiece) {
  AnswerText text(nullptr);
  text.out() += R"({"deaths":[]})";
  text.cut_if_long();
  const HttpResponse response = std::move(text).response();
  EXPECT_EQ(response.body, R"({"deaths":[]})");
  EXPECT_TRUE(response.body_after.empty());
  EXPECT_EQ(response.body_size(), response.body.size());
}

}  // namespace
}  // namespace casereview::web
