// Json::parse and the canonical form (engine/include/casereview/engine/json.h).
// Whatever text the parser accepts, its canonical form must parse again to the
// same canonical form: the canonical text is what the audit chain hashes, and a
// stored payload is read back from it. The compact and indented forms must read
// back to that canonical form too. A refusal is a JsonParseError at an offset
// inside the text (or at its end), never another exception.
#include <cstddef>
#include <cstdint>
#include <string>

#include "casereview/engine/json.h"
#include "fuzz_support.h"

namespace {

using casereview::Json;
using casereview::JsonParseError;

// The canonical form of `text`, which an earlier parse produced and so must parse.
std::string canonical_of(const std::string& text, const char* form) {
  try {
    return Json::parse(text).canonical();
  } catch (const JsonParseError& e) {
    casereview::fuzz::fail(std::string("the ") + form + " form does not parse again: " + e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = casereview::fuzz::text_of(data, size);
  Json value;
  try {
    value = Json::parse(text);
  } catch (const JsonParseError& e) {
    FUZZ_CHECK(e.offset() <= text.size(), "JsonParseError at an offset past the end of the text");
    return 0;
  }
  const std::string canonical = value.canonical();
  FUZZ_CHECK(casereview::is_valid_utf8(canonical), "the canonical form is not UTF-8");
  const std::string again = canonical_of(canonical, "canonical");
  FUZZ_CHECK(again == canonical, "canonical form changed on a second parse: " + canonical + " became " + again);
  FUZZ_CHECK(canonical_of(value.dump(), "compact") == canonical, "the compact form reads back to another value");
  FUZZ_CHECK(canonical_of(value.pretty(), "indented") == canonical, "the indented form reads back to another value");
  return 0;
}
