#include "casereview/engine/csv.h"

#include <gtest/gtest.h>

namespace casereview {
namespace {

TEST(Csv, WritesOneHeaderRowAndCrlfLines) {
  CsvTable table({"case_reference", "count"});
  table.row().text("SIN-2022-0001").number(3LL);
  table.row().text("RR-2022-0002").number(0LL);
  EXPECT_EQ(table.str(), "case_reference,count\r\nSIN-2022-0001,3\r\nRR-2022-0002,0\r\n");
  EXPECT_EQ(table.row_count(), 2U);
}

// A long table is sent as it is written: what is taken as it goes, then the
// rest, is the same text as the table written whole, a row's missing fields
// and its line end written when the next row starts or the table ends.
TEST(Csv, WhatIsTakenAsItIsWrittenAndTheRestAreTheWholeText) {
  const auto fill = [](CsvTable& table, std::string* taken) {
    table.row().text("SIN-2022-0001");
    if (taken) *taken += table.take_written();
    table.number(3LL);
    table.row().text("RR-2022-0002");
    if (taken) *taken += table.take_written();
    table.row().empty().number(7LL);
  };
  CsvTable whole({"case_reference", "count", "note"});
  fill(whole, nullptr);
  CsvTable sent({"case_reference", "count", "note"});
  std::string taken;
  fill(sent, &taken);
  EXPECT_EQ(taken, "case_reference,count,note\r\nSIN-2022-0001,3,\r\nRR-2022-0002");
  EXPECT_EQ(taken + std::move(sent).str(), std::move(whole).str());
}

TEST(Csv, QuotesCommasQuotesAndLineBreaks) {
  CsvTable table({"a", "b", "c"});
  table.row().text("Police, Health").text("the \"strategy\" meeting").text("line one\nline two");
  EXPECT_EQ(table.str(), "a,b,c\r\n\"Police, Health\",\"the \"\"strategy\"\" meeting\",\"line one\nline two\"\r\n");
}

TEST(Csv, NeutralisesEveryFormulaLikeTextButNotNumbers) {
  for (const std::string danger : {"=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tX", "\rX"}) {
    EXPECT_EQ(formula_safe(danger), "'" + danger) << danger;
  }
  for (const std::string fine : {"", "Audit referrals", "1 April", "'quoted"}) {
    EXPECT_EQ(formula_safe(fine), fine) << fine;
  }
  CsvTable table({"text", "number"});
  table.row().text("-5").number(-5LL);
  table.row().text("=1+1").number(12.5, 1);
  EXPECT_EQ(table.str(), "text,number\r\n'-5,-5\r\n'=1+1,12.5\r\n");
}

TEST(Csv, PadsShortRowsAndRefusesExtraCells) {
  CsvTable table({"a", "b"});
  table.row().text("x");
  EXPECT_EQ(table.str(), "a,b\r\nx,\r\n");
  table.row().text("1").text("2");
  EXPECT_THROW(table.text("3"), std::logic_error);
  CsvTable no_row({"a"});
  EXPECT_THROW(no_row.text("x"), std::logic_error);
}

TEST(Csv, ReadsWhatItWritesBack) {
  CsvTable table({"reference", "note", "empty"});
  table.row().text("LCSPR-1").text("said \"wait\",\r\nthen went").empty();
  table.row().text("é, ü and ☃").text("").text("last");
  const auto records = parse_csv(table.str());
  ASSERT_EQ(records.size(), 3U);
  EXPECT_EQ(records[0], (std::vector<std::string>{"reference", "note", "empty"}));
  EXPECT_EQ(records[1], (std::vector<std::string>{"LCSPR-1", "said \"wait\",\r\nthen went", ""}));
  EXPECT_EQ(records[2], (std::vector<std::string>{"é, ü and ☃", "", "last"}));
}

TEST(Csv, ReadsLfLinesAByteOrderMarkAndNoFinalLineEnd) {
  const auto records = parse_csv(
      "\xEF\xBB\xBF"
      "a,b\nx,y");
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[0], (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(records[1], (std::vector<std::string>{"x", "y"}));
}

TEST(Csv, RefusesMalformedTextNamingTheLine) {
  try {
    parse_csv("a,b\r\nx,\"open\r\n");
    FAIL() << "an unclosed quote was read";
  } catch (const CsvError& e) {
    EXPECT_STREQ(e.what(), "line 3: a quoted field is not closed");
  }
  try {
    parse_csv("a,b\r\nx,y\"z\r\n");
    FAIL() << "a quote inside a field was read";
  } catch (const CsvError& e) {
    EXPECT_STREQ(e.what(), "line 2: a quote inside an unquoted field");
  }
  EXPECT_THROW(parse_csv("\"a\"b\r\n"), CsvError);
}

}  // namespace
}  // namespace casereview
