// A report's document writes each figure's cases from the report itself
// (web/src/api/report_document.h). What it writes must be, byte for byte, what
// the same report made whole as a Json tree dumps: the API's answers, the
// pages and the CSV tables read it as they read that tree.
#include "api/report_document.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "http/answer_stream.h"

namespace casereview::web {
namespace {

using workflows::CaseRef;

// References a JSON string must escape, and one that is not ASCII.
const std::vector<CaseRef> kDeaths = {
    {3, "CDR-2016-0003"}, {7, "CDR-\"quoted\"-7"}, {11, "CDR-\\tab\t-11"}, {12, "CDR-\x01-Ünïcode"}};
const std::vector<CaseRef> kReviews = {{40, "RR-2020-0040"}, {41, "RR-2020-0041"}};

Json figure(ReportDocument& document, const std::vector<CaseRef>& cases, std::size_t named) {
  Json j = Json::object();
  j.set("count", static_cast<long long>(cases.size()));
  j.set("cases", document.listing(cases, named));
  return j;
}

// The i-th row of a table made as it is written: its reference needs escapes.
Json made_row(std::size_t i) {
  Json row = Json::object();
  row.set("case_reference", kDeaths[i].reference);
  row.set("days", static_cast<long long>(i) * 100);
  row.set("within", i % 2 == 0);
  return row;
}

// A report of every kind of value a report holds: figures listed whole, cut
// short and naming nothing, a list of coded figures, a table of rows, and
// leaves of each type with strings to escape.
ReportDocument sample_report() {
  ReportDocument document;
  Json coded = Json::array();
  for (const char* code : {"a\"b", "c"}) {
    Json item = figure(document, kReviews, 1);
    item.set("code", code);
    coded.push(std::move(item));
  }
  Json row = Json::object();
  row.set("case_reference", "RR-2020-0040");
  row.set("days", 12);
  row.set("share", 12.5);
  row.set("within", true);
  row.set("to", Json());
  Json j = Json::object();
  j.set("deaths", figure(document, kDeaths, kDeaths.size()));
  j.set("deaths_cut", figure(document, kDeaths, 2));
  j.set("none", figure(document, kDeaths, 0));
  j.set("past_the_end", figure(document, kReviews, 100));
  j.set("by_code", std::move(coded));
  j.set("rows", Json::array().push(row).push(Json::array()));
  j.set("made_rows", document.rows(kDeaths.size(), [](std::size_t i) { return made_row(i); }));
  j.set("no_rows", document.rows(0, [](std::size_t i) { return made_row(i); }));
  j.set("empty", Json::object());
  j.set("label \"x\"\n", "line\nbreak");
  document.set_tree(std::move(j));
  return document;
}

TEST(ReportDocument, WritesTheTextTheWholeTreeDumps) {
  const ReportDocument document = sample_report();
  const Json whole = document.whole();
  EXPECT_EQ(document.text(), whole.dump());
  EXPECT_EQ(Json::parse(document.text()), whole);
}

// Sent as it is written (http/answer_stream.h), cut after a listed case or a
// row once a piece is long enough: the same text, in pieces.
TEST(ReportDocument, SentAsItIsWrittenItIsTheSameTextInPieces) {
  const ReportDocument document = sample_report();
  AnswerStream::Limits small;
  small.piece_bytes = 16;
  small.pieces_waiting = 1;
  auto stream = std::make_shared<AnswerStream>(small);
  std::thread writer([&] {
    try {
      stream->finish(document.answer(stream));
    } catch (...) {
      stream->fail(std::current_exception());
    }
  });
  const HttpResponse head = stream->answer();
  ASSERT_EQ(head.rest, stream) << "begun: the first piece is long enough";
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.content_type, "application/json; charset=utf-8");
  std::string text = head.body;
  std::size_t pieces = 1;
  while (const std::optional<std::string> piece = stream->next()) {
    text += *piece;
    ++pieces;
  }
  writer.join();
  EXPECT_GE(pieces, kDeaths.size()) << "a piece for each listed death at least";
  EXPECT_EQ(text, document.text());
}

TEST(ReportDocument, ListsTheFirstCasesAskedForEachAsTheApiNamesACase) {
  const Json whole = sample_report().whole();
  const JsonItems& deaths = whole["deaths"]["cases"].items();
  ASSERT_EQ(deaths.size(), kDeaths.size());
  EXPECT_EQ(deaths[1]["id"].as_integer(), 7);
  EXPECT_EQ(deaths[1]["reference"].as_string(), "CDR-\"quoted\"-7");
  EXPECT_EQ(deaths[1]["href"].as_string(), "/api/v1/cases/7");
  ASSERT_EQ(whole["deaths_cut"]["cases"].items().size(), 2U);
  EXPECT_EQ(whole["deaths_cut"]["count"].as_integer(), 4);
  EXPECT_TRUE(whole["none"]["cases"].is_array());
  EXPECT_TRUE(whole["none"]["cases"].items().empty());
  EXPECT_EQ(whole["past_the_end"]["cases"].items().size(), kReviews.size());
  EXPECT_EQ(whole["by_code"].items()[1]["cases"].items()[0]["reference"].as_string(), "RR-2020-0040");
  const JsonItems& made = whole["made_rows"].items();
  ASSERT_EQ(made.size(), kDeaths.size());
  EXPECT_EQ(made[1], made_row(1));
  EXPECT_EQ(made[3]["case_reference"].as_string(), kDeaths[3].reference);
  EXPECT_TRUE(whole["no_rows"].is_array());
  EXPECT_TRUE(whole["no_rows"].items().empty());
}

TEST(ReportDocument, WritesAFigureAsTheApiAlwaysHas) {
  ReportDocument document;
  Json report = Json::object();
  report.set("reviewed", figure(document, kReviews, 2));
  // A count named "cases" of another kind of figure is a number like any other.
  report.set("tag", Json::object().set("code", "x").set("cases", 3));
  document.set_tree(std::move(report));
  EXPECT_EQ(document.text(), R"({"reviewed":{"count":2,"cases":[)"
                             R"({"id":40,"reference":"RR-2020-0040","href":"/api/v1/cases/40"},)"
                             R"({"id":41,"reference":"RR-2020-0041","href":"/api/v1/cases/41"}]},)"
                             R"("tag":{"code":"x","cases":3}})");
}

TEST(ReportDocument, RefusesAListingOfAnotherDocument) {
  ReportDocument other;
  Json marker = other.listing(kDeaths, 1);
  ReportDocument document;
  // A listing of its own at the same index, which the marker must not be taken for.
  Json own = document.listing(kReviews, 1);
  document.set_tree(Json::object().set("own", std::move(own)).set("cases", std::move(marker)));
  EXPECT_THROW(document.text(), std::logic_error);
  EXPECT_THROW(document.whole(), std::logic_error);
}

TEST(ReportDocument, MakesEachRowOnlyAsItIsWrittenAndGivesTheSameRowsToATable) {
  ReportDocument document;
  int made = 0;
  document.set_tree(Json::object().set("rows", document.rows(3, [&](std::size_t i) {
    ++made;
    return made_row(i);
  })));
  EXPECT_EQ(made, 0);
  const std::string text = document.text();
  EXPECT_EQ(made, 3);
  EXPECT_EQ(text,
            Json::object().set("rows", Json::array().push(made_row(0)).push(made_row(1)).push(made_row(2))).dump());
  std::vector<std::string> visited;
  document.for_each_item(document.tree()["rows"],
                         [&](const Json& row) { visited.push_back(row["case_reference"].as_string()); });
  EXPECT_EQ(visited, (std::vector<std::string>{kDeaths[0].reference, kDeaths[1].reference, kDeaths[2].reference}));
  // An array's own items, as before.
  visited.clear();
  document.for_each_item(Json::array().push(made_row(3)),
                         [&](const Json& row) { visited.push_back(row["case_reference"].as_string()); });
  EXPECT_EQ(visited, std::vector<std::string>{kDeaths[3].reference});
}

TEST(ReportDocument, RefusesRowsOfAnotherDocument) {
  ReportDocument other;
  Json marker = other.rows(1, [](std::size_t i) { return made_row(i); });
  ReportDocument document;
  document.set_tree(Json::object().set("rows", std::move(marker)));
  EXPECT_THROW(document.text(), std::logic_error);
  EXPECT_THROW(document.whole(), std::logic_error);
}

TEST(ReportDocument, JoinsTheReferencesOfAListingOrOfAListForACsvCell) {
  const ReportDocument document = sample_report();
  const Json& tree = document.tree();
  EXPECT_EQ(document.references(tree["deaths_cut"]["cases"]), "CDR-2016-0003; CDR-\"quoted\"-7");
  EXPECT_EQ(document.references(tree["none"]["cases"]), "");
  Json listed = Json::array();
  listed.push(Json::object().set("reference", "A"));
  listed.push(Json::object().set("reference", "B"));
  EXPECT_EQ(document.references(listed), "A; B");
}

}  // namespace
}  // namespace casereview::web
