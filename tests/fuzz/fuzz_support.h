#pragma once
// What the fuzz targets share. Their checks must hold in the RelWithDebInfo
// build, where assert() is compiled out, so they use FUZZ_CHECK: a failed check
// aborts, and libFuzzer saves the input that caused it as a crash.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

namespace casereview::fuzz {

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "casereview fuzz check failed: %s\n", what.c_str());
  std::abort();
}

// FUZZ_CHECK(condition, message): `message` (a std::string expression) is built
// only when the condition fails, so that checks cost nothing per execution.
#define FUZZ_CHECK(condition, message)                   \
  do {                                                   \
    if (!(condition)) ::casereview::fuzz::fail(message); \
  } while (false)

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The first line of `input` (without its '\n') and the rest after it; the
// targets whose input names what to test (a command, a sheet) start with it.
inline std::pair<std::string_view, std::string_view> first_line(std::string_view input) {
  const std::size_t end = input.find('\n');
  if (end == std::string_view::npos) return {input, {}};
  return {input.substr(0, end), input.substr(end + 1)};
}

// A stable number from bytes (FNV-1a), to pick one of many things when the
// input does not name one exactly.
inline std::size_t pick(std::string_view bytes, std::size_t count) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return count == 0 ? 0 : static_cast<std::size_t>(hash % count);
}

}  // namespace casereview::fuzz
