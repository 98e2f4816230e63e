#include "casereview/engine/json.h"

#include <gtest/gtest.h>

namespace casereview {
namespace {

TEST(Json, ParsesEveryType) {
  const Json j = Json::parse(R"({"a":null,"b":true,"c":-42,"d":1.5,"e":"x","f":[1,2],"g":{"h":"i"}})");
  EXPECT_TRUE(j["a"].is_null());
  EXPECT_TRUE(j["b"].as_bool());
  EXPECT_EQ(j["c"].as_integer(), -42);
  EXPECT_DOUBLE_EQ(j["d"].as_number(), 1.5);
  EXPECT_EQ(j["e"].as_string(), "x");
  EXPECT_EQ(j["f"].items().size(), 2u);
  EXPECT_EQ(j["g"]["h"].as_string(), "i");
  EXPECT_TRUE(j["missing"].is_null());
}

TEST(Json, CanonicalFormSortsKeysAndDropsWhitespace) {
  const Json j = Json::parse("{ \"b\" : 1 , \"a\" : { \"d\" : [ true ] , \"c\" : null } }");
  EXPECT_EQ(j.canonical(), R"({"a":{"c":null,"d":[true]},"b":1})");
  EXPECT_EQ(j.dump(), R"({"b":1,"a":{"d":[true],"c":null}})");
}

TEST(Json, CanonicalFormIsStableThroughAParse) {
  const Json j = Json::parse(R"({"z":"caf\u00e9 \"quoted\" \\ \n tab\t","a":[-1,0,9223372036854775807]})");
  EXPECT_EQ(Json::parse(j.canonical()).canonical(), j.canonical());
  EXPECT_EQ(Json::parse(j.dump()), j);  // equality compares members in order
}

TEST(Json, DecodesEscapesAndSurrogatePairs) {
  EXPECT_EQ(Json::parse(R"("\u00e9")").as_string(), "\xC3\xA9");
  EXPECT_EQ(Json::parse(R"("\ud83d\ude00")").as_string(), "\xF0\x9F\x98\x80");
  EXPECT_EQ(Json::parse(R"("a\/b")").as_string(), "a/b");
  EXPECT_EQ(Json(std::string("\x01")).dump(), "\"\\u0001\"");
}

TEST(Json, KeepsValidUtf8AsIs) {
  EXPECT_EQ(Json::parse("\"New Year\xE2\x80\x99s Day\"").as_string(), "New Year\xE2\x80\x99s Day");
}

TEST(Json, RejectsWhatRfc8259Rejects) {
  for (const char* text : {"", "{", "[1,]", "{\"a\":1,}", "01", "-", "1.", ".5", "1e", "NaN", "Infinity", "'a'",
                           "{a:1}", "\"unterminated", "[1] [2]", "tru", "\"\t\"", "\"\\x\"", "\"\\ud800\"",
                           "\"\\udc00\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\xFF\"", "99999999999999999999"}) {
    EXPECT_THROW(Json::parse(text), JsonParseError) << text;
  }
}

TEST(Json, RejectsDuplicateMembers) {
  EXPECT_THROW(Json::parse(R"({"a":1,"a":2})"), JsonParseError);
}

TEST(Json, EnforcesDepthAndSizeLimits) {
  const std::string deep = std::string(40, '[') + std::string(40, ']');
  EXPECT_THROW(Json::parse(deep, Json::Limits{32, 1000}), JsonParseError);
  EXPECT_NO_THROW(Json::parse(deep, Json::Limits{64, 1000}));
  EXPECT_THROW(Json::parse("[1,2,3]", Json::Limits{32, 4}), JsonParseError);
}

TEST(Json, ReportsWhereParsingStopped) {
  try {
    Json::parse(R"({"a": [1, 2,, 3]})");
    FAIL();
  } catch (const JsonParseError& e) {
    EXPECT_EQ(e.offset(), 12u);  // the second comma
  }
}

TEST(Json, TypedReadsOfTheWrongTypeThrow) {
  const Json j = Json::parse(R"({"n":1})");
  EXPECT_THROW(j["n"].as_string(), JsonTypeError);
  EXPECT_THROW(j.items(), JsonTypeError);
}

TEST(Json, SetReplacesInPlace) {
  Json j = Json::object();
  j.set("a", 1).set("b", 2).set("a", 3);
  EXPECT_EQ(j.dump(), R"({"a":3,"b":2})");
}

}  // namespace
}  // namespace casereview
