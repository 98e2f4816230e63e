#include "casereview/engine/parsed_payload.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace casereview {
namespace {

std::string payload_numbered(int n) {
  return R"({"n":)" + std::to_string(n) + R"(,"summary":"payload )" + std::to_string(n) + "\"}";
}

TEST(ParsedPayload, GivesWhatJsonParseGivesAndTheSameValueForTheSameText) {
  const std::string text = R"({"harm":"death","looked_after_child":true,"rules_in_force":{"rr":{"days":15}}})";
  const ParsedPayload first = parsed_payload(text);
  const ParsedPayload again = parsed_payload(std::string(text));  // equal bytes, another string
  EXPECT_EQ(first.json(), Json::parse(text));
  EXPECT_EQ(&first.json(), &again.json());  // kept, not parsed again
  EXPECT_EQ(first["harm"].as_string(), "death");
  EXPECT_TRUE(first["looked_after_child"].as_bool());
}

TEST(ParsedPayload, TellsTextsThatDifferByOneByteApart) {
  const ParsedPayload alive = parsed_payload(R"({"harm":"serious_harm"})");
  const ParsedPayload dead = parsed_payload(R"({"harm":"death"})");
  EXPECT_EQ(alive["harm"].as_string(), "serious_harm");
  EXPECT_EQ(dead["harm"].as_string(), "death");
  EXPECT_EQ(parsed_payload(R"({"harm":"serious_harm"})")["harm"].as_string(), "serious_harm");
}

// What the memo has given up stays valid for whoever holds it, and a text
// parsed again after it was given up is read again correctly.
TEST(ParsedPayload, AValueHeldOutlivesItsPlaceInTheMemo) {
  const ParsedPayload held = parsed_payload(payload_numbered(0));
  const Json* first_parse = &held.json();
  for (int n = 1; n <= static_cast<int>(kParsedPayloadsKept) * 2; ++n) {
    EXPECT_EQ(parsed_payload(payload_numbered(n))["n"].as_integer(), n);
  }
  EXPECT_EQ(held["summary"].as_string(), "payload 0");
  const ParsedPayload read_again = parsed_payload(payload_numbered(0));
  EXPECT_NE(&read_again.json(), first_parse);  // given up, so parsed anew
  EXPECT_EQ(read_again.json(), held.json());
}

// The least recently used text is the one given up: a payload read between
// others (a case's opening payload, read by each guard) stays.
TEST(ParsedPayload, KeepsATextReadOftenWhileOthersPassThrough) {
  const std::string opening = R"({"opening":true})";
  const ParsedPayload first = parsed_payload(opening);  // held, so that a parse anew cannot reuse its address
  const Json* kept = &first.json();
  for (int n = 100; n < 100 + static_cast<int>(kParsedPayloadsKept) * 4; ++n) {
    parsed_payload(payload_numbered(n));
    EXPECT_EQ(&parsed_payload(opening).json(), kept) << "after " << n;
  }
}

TEST(ParsedPayload, ARefusedTextThrowsEachTimeAndIsNotKept) {
  const std::string kept_text = R"({"kept":true})";
  const ParsedPayload kept = parsed_payload(kept_text);
  EXPECT_THROW(parsed_payload(R"({"a":)"), JsonParseError);
  EXPECT_THROW(parsed_payload(R"({"a":)"), JsonParseError);
  EXPECT_THROW(parsed_payload(R"({"a":1,"a":2})"), JsonParseError);
  EXPECT_EQ(&parsed_payload(kept_text).json(), &kept.json()) << "what was kept before the failures";
}

// A text too long to keep lives only as long as its ParsedPayload: a reference
// into the temporary would dangle here (AddressSanitizer would say so).
TEST(ParsedPayload, AMemberOfATemporaryIsACopyThatOutlivesIt) {
  const std::string long_text = R"({"list":["x","y"],"padding":")" + std::string(kLongestPayloadKept, 'p') + "\"}";
  const Json& member = parsed_payload(long_text)["list"];
  ASSERT_TRUE(member.is_array());
  EXPECT_EQ(member.items().at(1).as_string(), "y");
}

TEST(ParsedPayload, ATextLongerThanTheMemoKeepsIsParsedEachTime) {
  const std::string long_text = R"({"s":")" + std::string(kLongestPayloadKept, 'x') + "\"}";
  const ParsedPayload one = parsed_payload(long_text);
  const ParsedPayload two = parsed_payload(long_text);
  EXPECT_NE(&one.json(), &two.json());
  EXPECT_EQ(one.json(), two.json());
}

// A history longer than the memo, read in order again and again (one command's
// guards and projections): while held, each payload is parsed once; the hold's
// end lets them go; a hold within another lets go of nothing.
TEST(ParsedPayload, WhileHeldAHistoryLongerThanTheMemoIsParsedOnce) {
  const int events = static_cast<int>(kParsedPayloadsKept) * 3;
  std::vector<const Json*> first_reading;
  std::vector<ParsedPayload> kept_alive;  // so that no later parse can reuse an address
  {
    const ParsedPayloadsHeld held;
    for (int n = 1000; n < 1000 + events; ++n) {
      kept_alive.push_back(parsed_payload(payload_numbered(n)));
      first_reading.push_back(&kept_alive.back().json());
    }
    {
      const ParsedPayloadsHeld inner;
      EXPECT_EQ(&parsed_payload(payload_numbered(1000)).json(), first_reading.front());
    }
    for (int pass = 0; pass < 2; ++pass) {
      for (int n = 1000; n < 1000 + events; ++n) {
        const ParsedPayload again = parsed_payload(payload_numbered(n));
        EXPECT_EQ(&again.json(), first_reading[static_cast<std::size_t>(n - 1000)]) << "pass " << pass << ", " << n;
        EXPECT_EQ(again["n"].as_integer(), n);
      }
    }
  }
  // Let go: the oldest of them, long out of the memo, is parsed anew.
  EXPECT_NE(&parsed_payload(payload_numbered(1000)).json(), first_reading.front());
}

}  // namespace
}  // namespace casereview
