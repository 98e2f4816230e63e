#pragma once
// Walking UTF-8 text one code point at a time with ICU's macros, for the
// engine's text rules (text.cpp, screening.cpp). Internal to the engine.

#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace casereview {

// Calls f(code point, byte offset, byte length) for each code point of `utf8`;
// an invalid sequence is U+FFFD (the JSON reader lets none through, but a
// caller may be careless).
template <typename F>
void for_each_code_point(std::string_view utf8, F f) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    const int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    f(c < 0 ? 0xFFFD : c, static_cast<std::size_t>(at), static_cast<std::size_t>(i - at));
  }
}

}  // namespace casereview
