// The checks on an uploaded document (document_problem, engine/src/document.cpp):
// its kind, file name, media type and content, each from the fuzzer. The
// answer must be the first problem in the order document.h gives (kind, file
// name, media type, the name's ending, content), worked out here independently,
// and nothing may throw.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>

#include "casereview/engine/document.h"
#include "casereview/engine/json.h"
#include "casereview/engine/text.h"
#include "fuzz_support.h"

namespace {

using namespace casereview;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A value the server knows (most of the time) or any text, so that the checks
// after the first one are reached as often as the first.
std::string known_or_any(FuzzedDataProvider& in, const std::vector<std::string>& known) {
  if (in.ConsumeBool()) return in.ConsumeRandomLengthString(80);
  std::string value = known[in.ConsumeIntegralInRange<std::size_t>(0, known.size() - 1)];
  if (in.ConsumeBool()) {  // in another letter case
    for (char& c : value) c = static_cast<char>(in.ConsumeBool() ? std::toupper(static_cast<unsigned char>(c)) : c);
  }
  return value;
}

// The field document.h says must be reported first for `upload`, "" for none.
std::string expected_field(const DocumentUpload& upload, std::size_t max_bytes) {
  const auto& kinds = document_kinds();
  if (std::none_of(kinds.begin(), kinds.end(), [&](const DocumentKind& k) { return upload.kind == k.code; })) {
    return "kind";
  }
  // A file name is a line of 1 to 200 characters (text.h) without slashes.
  const std::string& name = upload.file_name;
  if (!is_valid_utf8(name) || name.find_first_of("/\\") != std::string::npos) return "file_name";
  const std::size_t length = text::characters(name);
  if (length == 0 || length > 200 || text::forbidden_character(name, text::Kind::Line)) return "file_name";
  const auto& types = accepted_media_types();
  const auto type = std::find_if(types.begin(), types.end(),
                                 [&](const AcceptedMediaType& t) { return lower(upload.media_type) == t.media_type; });
  if (type == types.end()) return "media_type";
  if (std::none_of(type->extensions.begin(), type->extensions.end(),
                   [&](const std::string& e) { return ends_with(lower(name), e); })) {
    return "file_name";
  }
  const std::string& content = upload.content;
  if (content.empty() || content.size() > max_bytes) return "content";
  const bool matches = type->signature.empty() ? content.find('\0') == std::string::npos && is_valid_utf8(content)
                                               : content.rfind(type->signature, 0) == 0;
  return matches ? "" : "content";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  std::vector<std::string> kinds;
  for (const DocumentKind& k : document_kinds()) kinds.emplace_back(k.code);
  std::vector<std::string> media_types;
  std::vector<std::string> names;
  for (const AcceptedMediaType& t : accepted_media_types()) {
    media_types.emplace_back(t.media_type);
    for (const std::string& e : t.extensions) names.push_back("Chronology v2" + e);
  }
  DocumentUpload upload;
  upload.kind = known_or_any(in, kinds);
  upload.file_name = known_or_any(in, names);
  upload.media_type = known_or_any(in, media_types);
  const std::size_t max_bytes = in.ConsumeIntegralInRange<std::size_t>(0, 4096);
  upload.content = in.ConsumeRemainingBytesAsString();

  const auto problem = document_problem(upload, max_bytes);
  const std::string expected = expected_field(upload, max_bytes);
  const std::string found = problem ? problem->field : "";
  FUZZ_CHECK(found == expected, "document_problem reported \"" + found + "\" where \"" + expected + "\" is first");
  FUZZ_CHECK(!problem || !problem->message.empty(), "a document problem without a message");
  return 0;
}
