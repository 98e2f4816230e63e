// The rule of engine/include/casereview/engine/text.h, case by case, with the
// texts people really paste: word-processor apostrophes and dashes, decomposed
// accents, no-break and zero-width spaces, look-alike letters of other scripts.
#include "casereview/engine/text.h"

#include <gtest/gtest.h>

#include <string>

namespace casereview::text {
namespace {

const std::string kZoeComposed = "Zo\xC3\xAB";     // Zoë, U+00EB
const std::string kZoeDecomposed = "Zoe\xCC\x88";  // Zoe + U+0308 COMBINING DIAERESIS
const std::string kNoBreakSpace = "\xC2\xA0";
const std::string kZeroWidthSpace = "\xE2\x80\x8B";
const std::string kSoftHyphen = "\xC2\xAD";
const std::string kRightToLeftOverride = "\xE2\x80\xAE";
const std::string kEnDash = "\xE2\x80\x93";
const std::string kRightQuote = "\xE2\x80\x99";
const std::string kCyrillicA = "\xD0\xB0";  // а, U+0430
const std::string kFlagOfWales =
    "\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xB7\xF3\xA0\x81\xAC"
    "\xF3\xA0\x81\xB3\xF3\xA0\x81\xBF";

TEST(Text, CleanedComposesEveryTextAndKeepsALineOtherwiseAsTyped) {
  EXPECT_EQ(cleaned(kZoeDecomposed, Kind::Line), kZoeComposed);
  EXPECT_EQ(cleaned(kZoeDecomposed, Kind::Block), kZoeComposed);
  // A line is refused for what a block loses, never changed.
  EXPECT_EQ(cleaned("a" + kZeroWidthSpace + "b\r\n", Kind::Line), "a" + kZeroWidthSpace + "b\r\n");
}

TEST(Text, CleanedMakesABlocksLineBreaksLfAndRemovesInvisibleLeftovers) {
  EXPECT_EQ(cleaned("one\r\ntwo\rthree\nfour", Kind::Block), "one\ntwo\nthree\nfour");
  EXPECT_EQ(cleaned("one\xE2\x80\xA8two", Kind::Block), "one\ntwo");  // U+2028 LINE SEPARATOR
  EXPECT_EQ(cleaned("safe" + kZeroWidthSpace + "guard" + kSoftHyphen + "ing\xEF\xBB\xBF", Kind::Block), "safeguarding");
  EXPECT_EQ(cleaned("left\xE2\x80\x8Fright", Kind::Block), "leftright");  // U+200F RIGHT-TO-LEFT MARK
  EXPECT_EQ(cleaned("tab\there", Kind::Block), "tab\there");
}

TEST(Text, ALineRefusesControlDirectionAndInvisibleCharacters) {
  const auto bell = forbidden_character("Mari\agold", Kind::Line);
  ASSERT_TRUE(bell);
  EXPECT_EQ(bell->code_point, 0x7u);
  EXPECT_EQ(bell->position, 5u);
  EXPECT_EQ(bell->kind, "a control character");

  const auto override = forbidden_character("invoice" + kRightToLeftOverride + "fdp.txt", Kind::Line);
  ASSERT_TRUE(override);
  EXPECT_EQ(override->code_point, 0x202Eu);
  EXPECT_EQ(override->position, 8u);
  EXPECT_EQ(override->described(),
            "a character that changes the text's direction (U+202E RIGHT-TO-LEFT OVERRIDE) at character 8");

  for (const std::string& hidden : {kZeroWidthSpace, kSoftHyphen, std::string("\xEF\xBB\xBF")}) {
    const auto found = forbidden_character("Fen" + hidden + "wick", Kind::Line);
    ASSERT_TRUE(found) << hidden;
    EXPECT_EQ(found->kind, "an invisible character");
  }
  EXPECT_TRUE(forbidden_character("two\nlines", Kind::Line));
  EXPECT_TRUE(forbidden_character("a\tb", Kind::Line));
  EXPECT_TRUE(forbidden_character(std::string("nul\0here", 8), Kind::Line));
  EXPECT_TRUE(forbidden_character("\x1B[31mred", Kind::Line));
}

TEST(Text, ALineKeepsWhatNamesNeed) {
  for (const std::string& name : {kZoeComposed, std::string("O") + kRightQuote + "Brien", "Fenwick" + kEnDash + "Zed",
                                  std::string("\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF"),
                                  std::string("Mehr\xE2\x80\x8C"
                                              "dad"),
                                  kFlagOfWales, "A" + kNoBreakSpace + "B"}) {
    EXPECT_FALSE(forbidden_character(name, Kind::Line)) << name;
  }
}

TEST(Text, ABlockKeepsLineBreaksAndTabsAndRefusesOtherControlsAndOverrides) {
  EXPECT_FALSE(forbidden_character("para one\n\tpara two", Kind::Block));
  EXPECT_TRUE(forbidden_character("bell\a", Kind::Block));
  EXPECT_TRUE(forbidden_character("\x1B[31mred\x1B[0m", Kind::Block));
  EXPECT_TRUE(forbidden_character("x" + kRightToLeftOverride + "y", Kind::Block));
  EXPECT_TRUE(forbidden_character("x\xE2\x81\xA6y", Kind::Block));  // U+2066 LEFT-TO-RIGHT ISOLATE
}

TEST(Text, CountsUserPerceivedCharacters) {
  EXPECT_EQ(characters(""), 0u);
  EXPECT_EQ(characters(kZoeComposed), 3u);
  EXPECT_EQ(characters(kZoeDecomposed), 3u);
  EXPECT_EQ(characters(kFlagOfWales), 1u);
  std::string fifty_one;
  for (int i = 0; i < 51; ++i) fifty_one += "\xC3\xA9";  // é: two bytes each
  EXPECT_EQ(characters(fifty_one), 51u);
  EXPECT_EQ(characters("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93"), 3u);  // full-width digits: three bytes each
}

TEST(Text, VisibleCharactersIgnoreSpacesAtTheEndsAndInvisibleCharacters) {
  EXPECT_EQ(visible_characters("  two words  "), 9u);
  EXPECT_EQ(visible_characters(kNoBreakSpace + "x" + kNoBreakSpace), 1u);
  std::string zero_width;
  for (int i = 0; i < 20; ++i) zero_width += kZeroWidthSpace;
  EXPECT_EQ(visible_characters(zero_width), 0u);
  EXPECT_EQ(visible_characters(" \t\n" + kSoftHyphen), 0u);
  EXPECT_EQ(visible_characters(kZoeDecomposed), 3u);
}

TEST(Text, IdentityFoldUnifiesEveryWayOfTypingTheSameName) {
  const std::string plain = identity_fold("Zoë Fenwick-Zed O'Brien");
  EXPECT_EQ(plain, "zo\xC3\xAB fenwick-zed o'brien");
  const std::vector<std::string> variants = {
      "Zoe\xCC\x88 Fenwick-Zed O'Brien",                        // decomposed accent
      "ZO\xC3\x8B FENWICK-ZED O'BRIEN",                         // upper-case, non-ASCII letter too
      "Zo\xC3\xAB Fenwick-Zed O'Brien" + kNoBreakSpace,         // trailing no-break space
      "Zo\xC3\xAB Fenwick-Zed O" + kRightQuote + "Brien",       // curly apostrophe
      "Zo\xC3\xAB Fenwick" + kEnDash + "Zed O'Brien",           // en dash
      "Zo\xC3\xAB  Fenwick-Zed   O'Brien",                      // double spaces
      "Zo" + kZeroWidthSpace + "\xC3\xAB Fenwick-Zed O'Brien",  // zero-width space
      "Zo\xC3\xAB Fen" + kSoftHyphen + "wick-Zed O'Brien",      // soft hyphen
      "Zo\xC3\xAB Fenwick-Zed O'Bri\xD0\xB5n",                  // Cyrillic е
  };
  for (const std::string& v : variants) EXPECT_EQ(identity_fold(v), plain) << v;
  EXPECT_EQ(identity_fold("M" + kCyrillicA + "rigold"), "marigold");
}

TEST(Text, IdentityFoldKeepsDifferentNamesApart) {
  EXPECT_NE(identity_fold("Zo\xC3\xAB"), identity_fold("Zoe"));
  EXPECT_NE(identity_fold("Fenwick-Zed"), identity_fold("Fenwick Zed"));
  EXPECT_NE(identity_fold("Ann"), identity_fold("Anne"));
  // Plain ASCII folds as before: lower case, spaces collapsed and trimmed.
  EXPECT_EQ(identity_fold("  Mary   Ann\tSMITH "), "mary ann smith");
  EXPECT_EQ(identity_fold("rn"), "rn");
  EXPECT_EQ(identity_fold("m"), "m");
}

TEST(Text, DigitsReadEveryScriptsDecimalDigits) {
  EXPECT_EQ(digits("943 476 5919"), "9434765919");
  EXPECT_EQ(digits("\xEF\xBC\x99\xEF\xBC\x94\xEF\xBC\x93"), "943");  // full-width
  EXPECT_EQ(digits("\xD9\xA9\xD9\xA4"), "94");                       // Arabic-Indic
  EXPECT_EQ(digits("no digits"), "");
  EXPECT_TRUE(only_digits_and_spaces("943" + kNoBreakSpace + "476 5919"));
  EXPECT_FALSE(only_digits_and_spaces("943-476-5919"));
}

TEST(Text, AsciiLowerChangesOnlyTheAsciiCapitals) {
  EXPECT_EQ(ascii_lower("Demo.Manager@EXAMPLE.org"), "demo.manager@example.org");
  EXPECT_EQ(ascii_lower("REPORT.PDF"), "report.pdf");
  EXPECT_EQ(ascii_lower("ZO\xC3\x8B"), "zo\xC3\x8B");  // "ZOË": the Ë is not ASCII and stays
  EXPECT_EQ(ascii_lower(std::string("A\0B", 3)), std::string("a\0b", 3));
}

}  // namespace
}  // namespace casereview::text
