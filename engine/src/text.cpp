#include "casereview/engine/text.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utext.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <vector>

#include "code_points.h"

namespace casereview::text {
namespace {

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU: ") + what + ": " + u_errorName(status));
}

// ICU makes each normaliser once, behind its own once-flag, but Debian's ICU is
// not built for ThreadSanitizer, so a thread using a normaliser another thread
// made looks unordered to it. Callers keep the result in a function-local
// static, which orders every use after the making through the C++ guard TSan
// does see.
const icu::Normalizer2& made(const icu::Normalizer2* (*instance)(UErrorCode&), const char* what) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = instance(status);
  check(status, what);
  return *n;
}

const icu::Normalizer2& nfc() {
  static const icu::Normalizer2& kNormaliser = made(&icu::Normalizer2::getNFCInstance, "the NFC normaliser");
  return kNormaliser;
}

const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2& kNormaliser =
      made(&icu::Normalizer2::getNFKCCasefoldInstance, "the NFKC case-fold normaliser");
  return kNormaliser;
}

std::string normalised(const icu::Normalizer2& normaliser, std::string_view utf8) {
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(utf8.size()));
  UErrorCode status = U_ZERO_ERROR;
  normaliser.normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink, nullptr, status);
  check(status, "normalising text");
  return out;
}

void append(std::string& out, UChar32 c) {
  uint8_t bytes[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(bytes, length, c);  // c is a code point: for_each_code_point gives no other
  out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
}

// Byte offsets where each user-perceived character ends, in order.
std::vector<std::size_t> character_ends(std::string_view utf8) {
  // A break iterator is expensive to make and not thread-safe: one per thread.
  thread_local const std::unique_ptr<icu::BreakIterator> iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    check(status, "the character break iterator");
    return it;
  }();
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &status);
  check(status, "reading text");
  iterator->setText(ut, status);
  std::vector<std::size_t> ends;
  if (U_SUCCESS(status)) {
    iterator->first();
    for (int32_t end = iterator->next(); end != icu::BreakIterator::DONE; end = iterator->next()) {
      ends.push_back(static_cast<std::size_t>(end));
    }
  }
  utext_close(ut);
  check(status, "splitting text into characters");
  return ends;
}

bool changes_direction(UChar32 c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// The directional marks a block loses (they only nudge neighbouring text).
bool is_direction_mark(UChar32 c) { return c == 0x061C || c == 0x200E || c == 0x200F; }

// What word processors leave in pasted text that shows nothing.
bool is_removable_invisible(UChar32 c) { return c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0x00AD; }

bool shows_nothing(UChar32 c) {
  const auto type = u_charType(c);
  return u_isUWhiteSpace(c) || type == U_CONTROL_CHAR || type == U_FORMAT_CHAR ||
         u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

std::optional<std::string> forbidden_kind(UChar32 c, Kind kind) {
  const auto type = u_charType(c);
  if (kind == Kind::Block) {
    if (type == U_CONTROL_CHAR && c != '\n' && c != '\t') return "a control character";
    if (changes_direction(c) && !is_direction_mark(c)) return "a character that changes the text's direction";
    return std::nullopt;
  }
  if (type == U_CONTROL_CHAR) return "a control character";
  if (type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR) return "a line break";
  if (changes_direction(c)) return "a character that changes the text's direction";
  // The joiners shape letters in several scripts and in emoji, and the tag
  // characters spell the flags of England, Scotland and Wales: kept.
  const bool shapes_text = c == 0x200C || c == 0x200D || (c >= 0xE0020 && c <= 0xE007F);
  if (type == U_FORMAT_CHAR && !shapes_text) return "an invisible character";
  return std::nullopt;
}

const USpoofChecker& spoof_checker() {
  // Configured once, then only read: ICU allows concurrent checks on one checker.
  static const USpoofChecker* const kChecker = [] {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* checker = uspoof_open(&status);
    check(status, "the spoof checker");
    return checker;
  }();
  return *kChecker;
}

bool latin_or_ascii(std::string_view utf8) {
  bool all = true;
  for_each_code_point(utf8, [&](UChar32 c, std::size_t, std::size_t) {
    if (c < 0x80 || !all) return;  // ASCII needs no look-up, and one other script settles it
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status) || (script != USCRIPT_LATIN && script != USCRIPT_INHERITED)) all = false;
  });
  return all;
}

// A letter of another script that Unicode's confusables read as Latin, as that
// Latin text (case-folded); otherwise the letter itself.
std::string as_latin_if_confusable(UChar32 c) {
  std::string self;
  append(self, c);
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  if (c < 0x80 || U_FAILURE(status) || script == USCRIPT_LATIN || script == USCRIPT_COMMON ||
      script == USCRIPT_INHERITED) {
    return self;
  }
  icu::UnicodeString skeleton;
  uspoof_getSkeletonUnicodeString(&spoof_checker(), 0, icu::UnicodeString(c), skeleton, &status);
  if (U_FAILURE(status)) return self;
  std::string latin;
  skeleton.toUTF8String(latin);
  latin = normalised(nfkc_casefold(), normalised(nfc(), latin));
  return !latin.empty() && latin_or_ascii(latin) ? latin : self;
}

bool is_apostrophe(UChar32 c) {
  switch (c) {
    case 0x0027:  // '
    case 0x0060:  // `
    case 0x00B4:  // ´
    case 0x02BB:  // ʻ
    case 0x02BC:  // ʼ
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x201B:  // ‛
    case 0x2032:  // ′
    case 0xFF07:  // ＇
      return true;
    default:
      return false;
  }
}

bool is_dash(UChar32 c) { return u_charType(c) == U_DASH_PUNCTUATION || c == 0x2212 || c == 0xFE63 || c == 0xFF0D; }

}  // namespace

std::string ForbiddenCharacter::described() const {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(code_point));
  std::string name;
  char buffer[128];
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length =
      u_charName(static_cast<UChar32>(code_point), U_UNICODE_CHAR_NAME, buffer, sizeof buffer, &status);
  if (U_SUCCESS(status) && length > 0) name = std::string(" ") + std::string(buffer, static_cast<std::size_t>(length));
  return kind + " (" + code + name + ") at character " + std::to_string(position);
}

std::string cleaned(std::string_view utf8, Kind kind) {
  std::string composed = normalised(nfc(), utf8);
  if (kind == Kind::Line) return composed;
  std::string out;
  out.reserve(composed.size());
  bool after_cr = false;
  for_each_code_point(composed, [&](UChar32 c, std::size_t, std::size_t) {
    const bool lf_after_cr = after_cr && c == '\n';
    after_cr = c == '\r';
    if (lf_after_cr) return;  // CR LF: the LF was written for the CR
    if (c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x0085) return out.push_back('\n');
    if (is_removable_invisible(c) || is_direction_mark(c)) return;
    append(out, c);
  });
  return out;
}

std::optional<ForbiddenCharacter> forbidden_character(std::string_view utf8, Kind kind) {
  std::optional<ForbiddenCharacter> found;
  std::size_t offset = 0;
  for_each_code_point(utf8, [&](UChar32 c, std::size_t at, std::size_t) {
    if (found) return;
    if (auto what = forbidden_kind(c, kind)) {
      found = ForbiddenCharacter{static_cast<char32_t>(c), 0, *what};
      offset = at;
    }
  });
  if (found) {
    const std::vector<std::size_t> ends = character_ends(utf8);
    std::size_t position = 1;
    while (position <= ends.size() && ends[position - 1] <= offset) ++position;
    found->position = position;
  }
  return found;
}

std::size_t characters(std::string_view utf8) { return utf8.empty() ? 0 : character_ends(utf8).size(); }

std::size_t visible_characters(std::string_view utf8) {
  std::size_t first = 0, last = 0, index = 0, start = 0;
  bool any = false;
  for (const std::size_t end : character_ends(utf8)) {
    ++index;
    bool visible = false;
    for_each_code_point(utf8.substr(start, end - start),
                        [&](UChar32 c, std::size_t, std::size_t) { visible |= !shows_nothing(c); });
    if (visible) {
      if (!any) first = index;
      last = index;
      any = true;
    }
    start = end;
  }
  return any ? last - first + 1 : 0;
}

std::string identity_fold(std::string_view utf8) {
  std::string unified;
  for_each_code_point(utf8, [&](UChar32 c, std::size_t, std::size_t) {
    if (is_apostrophe(c)) return unified.push_back('\'');
    if (is_dash(c)) return unified.push_back('-');
    if (u_isUWhiteSpace(c)) return unified.push_back(' ');
    append(unified, c);
  });
  const std::string folded = normalised(nfkc_casefold(), unified);
  std::string out;
  bool space = false;
  for_each_code_point(folded, [&](UChar32 c, std::size_t, std::size_t) {
    if (u_isUWhiteSpace(c)) {
      space = !out.empty();
      return;
    }
    if (space) out.push_back(' ');
    space = false;
    out += as_latin_if_confusable(c);
  });
  return out;
}

std::string digits(std::string_view utf8) {
  std::string out;
  for_each_code_point(utf8, [&](UChar32 c, std::size_t, std::size_t) {
    if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER) out.push_back(static_cast<char>('0' + u_charDigitValue(c)));
  });
  return out;
}

bool only_digits_and_spaces(std::string_view utf8) {
  bool only = true;
  for_each_code_point(utf8, [&](UChar32 c, std::size_t, std::size_t) {
    only = only && (u_charType(c) == U_DECIMAL_DIGIT_NUMBER || u_isUWhiteSpace(c));
  });
  return only;
}

std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

}  // namespace casereview::text
