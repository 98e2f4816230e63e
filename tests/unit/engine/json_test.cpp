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

// What is read from a temporary is a copy, so a reference bound to it lives as
// long as the reference (under AddressSanitizer a reference into the
// temporary would be a use after free).
TEST(Json, ReadsFromATemporaryOutliveIt) {
  const Json& member = Json::parse(R"({"a":{"b":"kept"}})")["a"];
  const std::string& text = Json::parse(R"({"s":"also kept"})")["s"].as_string();
  std::vector<std::string> seen;
  for (const Json& item : Json::parse(R"({"list":["x","y"]})")["list"].items()) seen.push_back(item.as_string());
  std::vector<std::string> names;
  for (const auto& [name, value] : Json::parse(R"({"p":1,"q":2})").members()) names.push_back(name);
  EXPECT_EQ(member["b"].as_string(), "kept");
  EXPECT_EQ(text, "also kept");
  EXPECT_EQ(seen, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(names, (std::vector<std::string>{"p", "q"}));
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

// Found by the JSON fuzz target (tests/fuzz/crashes/fuzz_json/): "-0" read
// back as the integer 0, so the canonical form changed on a second parse.
TEST(Json, NegativeZeroIsWrittenZeroAndStaysStable) {
  for (const char* text : {"[-0.0]", "[0,-1091.0,91.0,-0E8]", "-0e0"}) {
    const std::string once = Json::parse(text).canonical();
    EXPECT_EQ(Json::parse(once).canonical(), once) << text;
  }
  EXPECT_EQ(Json::parse("-0.0").canonical(), "0");
  EXPECT_EQ(Json::parse("[0,-1091.0,91.0,-0E8]").canonical(), "[0,-1091,91,0]");
  EXPECT_EQ(Json::parse("-0.5").canonical(), "-0.5");
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
  for (const char* text : {"",
                           "{",
                           "[1,]",
                           "{\"a\":1,}",
                           "01",
                           "-",
                           "1.",
                           ".5",
                           "1e",
                           "NaN",
                           "Infinity",
                           "'a'",
                           "{a:1}",
                           "\"unterminated",
                           "[1] [2]",
                           "tru",
                           "\"\t\"",
                           "\"\\x\"",
                           "\"\\ud800\"",
                           "\"\\udc00\"",
                           "\"\xC0\xAF\"",
                           "\"\xED\xA0\x80\"",
                           "\"\xFF\"",
                           "99999999999999999999"}) {
    EXPECT_THROW(Json::parse(text), JsonParseError) << text;
  }
}

TEST(Json, RejectsDuplicateMembers) { EXPECT_THROW(Json::parse(R"({"a":1,"a":2})"), JsonParseError); }

// A small object's names are searched among its members, a large one's kept
// in a set once it has 16 (from the 17th name checked): a duplicate is refused on either side of
// that change, and distinct names are all kept.
TEST(Json, RejectsDuplicateMembersOfALargeObject) {
  const auto object_of = [](int members, const std::string& last_name) {
    std::string text = "{";
    for (int i = 0; i < members; ++i) text += "\"m" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    return text + "\"" + last_name + "\":true}";
  };
  for (int members : {14, 15, 16, 17, 40}) {
    EXPECT_THROW(Json::parse(object_of(members, "m0")), JsonParseError) << members;
    EXPECT_THROW(Json::parse(object_of(members, "m" + std::to_string(members - 1))), JsonParseError) << members;
    const Json distinct = Json::parse(object_of(members, "last"));
    EXPECT_EQ(distinct.members().size(), static_cast<std::size_t>(members + 1)) << members;
    EXPECT_EQ(distinct["m" + std::to_string(members - 1)].as_integer(), members - 1);
  }
}

// A nested object may use its parents' member names, a duplicate after a
// nested object is still refused, and each container gets exactly its own
// members and items.
TEST(Json, NestedContainersKeepTheirOwnMembersAndItems) {
  std::string wide = "{";
  for (int i = 0; i < 20; ++i)
    wide += "\"m" + std::to_string(i) + "\":{\"m" + std::to_string(i) + "\":[" + std::to_string(i) + ",[]]},";
  wide += "\"last\":[{\"m0\":{}},[[1],{\"last\":2}]]}";
  const Json parsed = Json::parse(wide);
  ASSERT_EQ(parsed.members().size(), 21u);
  EXPECT_EQ(parsed["m7"]["m7"].items().size(), 2u);
  EXPECT_EQ(parsed["m7"]["m7"].items()[0].as_integer(), 7);
  EXPECT_TRUE(parsed["m19"]["m19"].items()[1].items().empty());
  EXPECT_EQ(parsed["last"].dump(), R"([{"m0":{}},[[1],{"last":2}]])");
  EXPECT_EQ(Json::parse(parsed.dump()), parsed);
  for (const char* text : {R"({"a":{"b":1},"a":2})", R"({"a":[{"a":1}],"b":{"a":{}},"b":3})"}) {
    EXPECT_THROW(Json::parse(text), JsonParseError) << text;
  }
  std::string wide_duplicate = wide;
  wide_duplicate.insert(wide_duplicate.size() - 1, ",\"m3\":null");
  EXPECT_THROW(Json::parse(wide_duplicate), JsonParseError);
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

// RFC 8785 (JSON Canonicalization Scheme), section 3.2.2: the example input and,
// literally, the output the RFC gives for it. casereview's canonical form writes
// non-integers with 17 significant digits rather than the shortest round-trip
// text (json.h), which changes one number of this example and nothing else.
TEST(JsonCanonical, Rfc8785StructureExample) {
  const Json j = Json::parse(R"({
  "numbers": [333333333.33333329, 1E30, 4.50,
              2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
})");
  const std::string rfc8785 =
      "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
      "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
  const std::string casereview =
      "{\"literals\":[null,true,false],\"numbers\":[333333333.33333331,1e+30,4.5,0.002,1e-27],"
      "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
  EXPECT_EQ(j.canonical(), casereview);
  std::string documented_difference = rfc8785;
  documented_difference.replace(documented_difference.find("333333333.3333333,"), 18, "333333333.33333331,");
  EXPECT_EQ(documented_difference, casereview);
}

// RFC 8785, section 3.2.3: the sorting example. The RFC orders names by UTF-16
// code units, which puts U+1F600 (a surrogate pair, D83D DE00) before U+FB33;
// casereview orders by UTF-8 bytes (F0 9F 98 80 after EF AC B3), as json.h says.
// The other five names are in the same order either way.
TEST(JsonCanonical, Rfc8785SortingExampleByUtf8Bytes) {
  const Json j = Json::parse(R"({
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
})");
  const std::string rfc8785 =
      "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xC2\x80\":\"Control\","
      "\"\xC3\xB6\":\"Latin Small Letter O With Diaeresis\",\"\xE2\x82\xAC\":\"Euro Sign\","
      "\"\xF0\x9F\x98\x80\":\"Emoji: Grinning Face\",\"\xEF\xAC\xB3\":\"Hebrew Letter Dalet With Dagesh\"}";
  const std::string casereview =
      "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xC2\x80\":\"Control\","
      "\"\xC3\xB6\":\"Latin Small Letter O With Diaeresis\",\"\xE2\x82\xAC\":\"Euro Sign\","
      "\"\xEF\xAC\xB3\":\"Hebrew Letter Dalet With Dagesh\",\"\xF0\x9F\x98\x80\":\"Emoji: Grinning Face\"}";
  EXPECT_EQ(j.canonical(), casereview);
  EXPECT_NE(j.canonical(), rfc8785);
  // Without the name above U+FFFF the two orders agree.
  Json bmp_only = Json::object();
  for (const auto& [name, value] : j.members()) {
    if (name != "\xF0\x9F\x98\x80") bmp_only.set(name, value);
  }
  std::string rfc8785_bmp_only = rfc8785;
  rfc8785_bmp_only.erase(rfc8785_bmp_only.find(",\"\xF0\x9F\x98\x80\""),
                         std::string(",\"\xF0\x9F\x98\x80\":\"Emoji: Grinning Face\"").size());
  EXPECT_EQ(bmp_only.canonical(), rfc8785_bmp_only);
}

// RFC 8785 section 3.2.2.2 writes strings as ECMAScript's JSON.stringify does:
// the five short escapes, other controls as lower-case \u00xx, '"' and '\'
// escaped, everything else (here '/', DEL and U+20AC) as it is.
TEST(JsonCanonical, Rfc8785StringEscaping) {
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls += static_cast<char>(c);
  EXPECT_EQ(Json(controls + "\"\\/\x7F\xE2\x82\xAC").canonical(),
            "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
            "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d"
            "\\u001e\\u001f\\\"\\\\/\x7F\xE2\x82\xAC\"");
}

// Integers as RFC 8785 writes them (its appendix B: 0, -0 as 0, the largest
// integers a double holds exactly), and the documented difference: integers
// beyond 2^53 are kept exactly instead of being rounded through a double.
TEST(JsonCanonical, Rfc8785IntegersAndExactIntegersBeyondDoubles) {
  EXPECT_EQ(Json::parse("[0,-0,9007199254740992,-9007199254740992,1E0]").canonical(),
            "[0,0,9007199254740992,-9007199254740992,1]");
  EXPECT_EQ(Json::parse("[9007199254740993,9223372036854775807,-9223372036854775808]").canonical(),
            "[9007199254740993,9223372036854775807,-9223372036854775808]");  // RFC 8785: 9007199254740992, ...
  EXPECT_EQ(Json::parse("-0.0").canonical(), "0");                           // as RFC 8785
  EXPECT_EQ(Json::parse("1e-7").canonical(), "9.9999999999999995e-08");      // RFC 8785: 1e-7
}

TEST(Json, KeepsIntegersAsLongLongAndOtherNumbersAsDouble) {
  EXPECT_EQ(Json::parse("9223372036854775807").as_integer(), 9223372036854775807LL);
  EXPECT_EQ(Json::parse("-9223372036854775808").as_integer(), -9223372036854775807LL - 1);
  EXPECT_EQ(Json::parse("-0").type(), Json::Type::Integer);
  for (const char* text : {"1.0", "1e2", "1E+2", "-0.0", "9223372036854775808.0", "1.7976931348623157e308"}) {
    EXPECT_EQ(Json::parse(text).type(), Json::Type::Number) << text;
  }
  EXPECT_DOUBLE_EQ(Json::parse("9223372036854775808.0").as_number(), 9223372036854775808.0);
}

// An integer beyond long long is refused, never rounded to a double or wrapped:
// a stored count or id must read back as it was written. So is a number a double
// cannot hold, too large or too small.
TEST(Json, RefusesNumbersBeyondTheirType) {
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"9223372036854775808", "integer out of range at byte 19"},
      {"-9223372036854775809", "integer out of range at byte 20"},
      {"18446744073709551616", "integer out of range at byte 20"},
      {"[123456789012345678901234567890]", "integer out of range at byte 31"},
      {"1" + std::string(400, '0'), "integer out of range at byte 401"},  // beyond a double too
      {"1e400", "number out of range at byte 5"},
      {"-1e400", "number out of range at byte 6"},
      {"1e-400", "number out of range at byte 6"},
  };
  for (const auto& [text, message] : refused) {
    try {
      Json::parse(text);
      ADD_FAILURE() << text << " was accepted";
    } catch (const JsonParseError& e) {
      EXPECT_EQ(std::string(e.what()), message) << text;
    }
  }
}

TEST(Json, RejectsCommentsByteOrderMarksAndNulBytes) {
  for (const std::string& text : {std::string("/* c */ 1"), std::string("1 // c"), std::string("[1,/**/2]"),
                                  std::string("# 1"), std::string("\xEF\xBB\xBF[1]"), std::string("[1]\0", 4),
                                  std::string("[1,\0]", 5), std::string("\"a\0b\"", 5), std::string("\0", 1)}) {
    EXPECT_THROW(Json::parse(text), JsonParseError) << text;
  }
  try {
    Json::parse(std::string("{\"a\":1}\0{}", 10));
    FAIL();
  } catch (const JsonParseError& e) {
    EXPECT_EQ(e.offset(), 7u);
  }
}

TEST(Json, ReportsWhereLimitsAndDuplicatesWereMet) {
  const auto offset_of = [](const std::string& text, const Json::Limits& limits) -> std::size_t {
    try {
      Json::parse(text, limits);
    } catch (const JsonParseError& e) {
      return e.offset();
    }
    ADD_FAILURE() << text << " was accepted";
    return 0;
  };
  EXPECT_EQ(offset_of(R"({"a":1,"a":2})", Json::Limits{}), 10u);               // after the second name
  EXPECT_EQ(offset_of("[[[1]]]", Json::Limits{2, 100}), 3u);                   // the value inside three arrays
  EXPECT_EQ(offset_of(R"({"a": {"b": [true]}})", Json::Limits{1, 100}), 12u);  // the array, two deep
  EXPECT_NO_THROW(Json::parse("[[1]]", Json::Limits{2, 100}));
  EXPECT_EQ(offset_of("[1 2]", Json::Limits{}), 3u);  // a token out of place: its start
  EXPECT_EQ(offset_of("[1,,2]", Json::Limits{}), 3u);
  EXPECT_EQ(offset_of(R"({"a" "b"})", Json::Limits{}), 5u);
  EXPECT_EQ(offset_of("\"ab\\x\"", Json::Limits{}), 4u);  // a bad token: the byte found wrong
  EXPECT_EQ(offset_of("[\"caf\xC3\"]", Json::Limits{}), 6u);
  EXPECT_EQ(offset_of("[1,", Json::Limits{}), 3u);  // the end of the text
}

// Messages go back to API callers: they name what was wrong and where, and
// never quote the text (which may be long, or not UTF-8).
TEST(Json, ParseErrorsDoNotQuoteTheText) {
  const std::string long_bad_string = "[\"" + std::string(10000, 'x') + "\xFF\"]";
  try {
    Json::parse(long_bad_string);
    FAIL();
  } catch (const JsonParseError& e) {
    const std::string message = e.what();
    EXPECT_EQ(e.offset(), 10002u);
    EXPECT_LT(message.size(), 200u) << message;
    EXPECT_TRUE(is_valid_utf8(message)) << message;
    EXPECT_NE(message.find("UTF-8"), std::string::npos) << message;
    EXPECT_NE(message.find("at byte 10002"), std::string::npos) << message;
  }
}

// A document nested 100,000 deep is refused where it passes the limit, after
// reading 33 bytes; nothing recurses, so even a limit that lets it all in (and
// a text that never closes) ends in an error, not a stack overflow.
TEST(Json, DeepNestingFailsAtTheLimitWithoutRecursion) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  try {
    Json::parse(deep);
    FAIL();
  } catch (const JsonParseError& e) {
    EXPECT_EQ(e.offset(), 33u);
    EXPECT_NE(std::string(e.what()).find("nesting is deeper than the limit"), std::string::npos);
  }
  const std::string never_closed = std::string(100000, '[') + std::string(100000, '{');
  try {
    Json::parse(never_closed, Json::Limits{1000000, 1000000});
    FAIL();
  } catch (const JsonParseError& e) {
    EXPECT_EQ(e.offset(), 100001u);  // a '{' needs a member name
  }
}

}  // namespace
}  // namespace casereview
