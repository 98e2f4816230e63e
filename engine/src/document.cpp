#include "casereview/engine/document.h"

#include <algorithm>

#include "casereview/engine/json.h"
#include "casereview/engine/text.h"

namespace casereview {

const std::vector<DocumentKind>& document_kinds() {
  static const std::vector<DocumentKind> kKinds = {
      {"report", "Report"},
      {"draft", "Draft report"},
      {"chronology", "Chronology"},
      {"agency_return", "Agency return or reporting form"},
      {"terms_of_reference", "Terms of reference"},
      {"minutes", "Meeting notes or minutes"},
      {"correspondence", "Correspondence"},
      {"other", "Other"},
  };
  return kKinds;
}

const std::vector<AcceptedMediaType>& accepted_media_types() {
  static const std::string kZip("PK\x03\x04", 4);
  static const std::vector<AcceptedMediaType> kTypes = {
      {"application/pdf", {".pdf"}, "%PDF-", "PDF"},
      {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}, kZip, "Word document"},
      {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {".xlsx"}, kZip, "Excel workbook"},
      {"application/vnd.oasis.opendocument.text", {".odt"}, kZip, "OpenDocument text"},
      {"text/plain", {".txt"}, "", "Plain text"},
      {"text/csv", {".csv"}, "", "CSV"},
      {"image/png", {".png"}, "\x89PNG\r\n\x1a\n", "PNG image"},
      {"image/jpeg", {".jpg", ".jpeg"}, "\xFF\xD8\xFF", "JPEG image"},
  };
  return kTypes;
}

namespace {

bool valid_utf8_without_nul(const std::string& s) { return s.find('\0') == std::string::npos && is_valid_utf8(s); }

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

constexpr std::size_t kMaxFileName = 200;

}  // namespace

std::optional<DocumentProblem> document_problem(const DocumentUpload& upload, std::size_t max_bytes) {
  const auto& kinds = document_kinds();
  if (std::none_of(kinds.begin(), kinds.end(), [&](const DocumentKind& k) { return upload.kind == k.code; })) {
    std::string known;
    for (const auto& k : kinds) known += (known.empty() ? "" : ", ") + std::string(k.code);
    return DocumentProblem{"kind", "Choose what the document is (one of " + known + ")."};
  }
  const std::string& name = upload.file_name;
  if (!is_valid_utf8(name)) return DocumentProblem{"file_name", "The file name is not valid text."};
  const std::size_t length = text::characters(name);
  if (length == 0 || length > kMaxFileName) {
    return DocumentProblem{"file_name", "The file name must be 1 to 200 characters."};
  }
  if (name.find_first_of("/\\") != std::string::npos) {
    return DocumentProblem{"file_name", "The file name may not contain slashes."};
  }
  // A right-to-left override (U+202E) would show "invoice" U+202E "fdp.txt" as "invoicetxt.pdf".
  if (const auto forbidden = text::forbidden_character(name, text::Kind::Line)) {
    return DocumentProblem{"file_name", "The file name contains " + forbidden->described() +
                                            "; a file name may not hold control, direction or invisible characters."};
  }
  const auto& types = accepted_media_types();
  const auto type = std::find_if(types.begin(), types.end(), [&](const AcceptedMediaType& t) {
    return text::ascii_lower(upload.media_type) == t.media_type;
  });
  if (type == types.end()) {
    return DocumentProblem{
        "media_type", "The file must be a PDF, Word, Excel, OpenDocument text, plain text, CSV, PNG or JPEG file."};
  }
  const std::string lower_name = text::ascii_lower(name);
  if (std::none_of(type->extensions.begin(), type->extensions.end(),
                   [&](const std::string& e) { return ends_with(lower_name, e); })) {
    return DocumentProblem{
        "file_name", "A " + std::string(type->title) + " file's name must end in " + type->extensions.front() + "."};
  }
  if (upload.content.empty()) return DocumentProblem{"content", "The file is empty."};
  if (upload.content.size() > max_bytes) {
    return DocumentProblem{"content", "The file must be smaller than " + std::to_string(max_bytes >> 20) + " MB."};
  }
  const bool matches = type->signature.empty()
                           ? valid_utf8_without_nul(upload.content)
                           : upload.content.compare(0, type->signature.size(), type->signature) == 0;
  if (!matches) {
    return DocumentProblem{"content", "The file's content is not a " + std::string(type->title) + " file."};
  }
  return std::nullopt;
}

}  // namespace casereview
