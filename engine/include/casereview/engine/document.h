#pragma once
// Documents attached to a case: reports, drafts, chronologies, agency returns.
//
// The bytes are stored once per content, keyed by their SHA-256; attaching
// appends a "document_attached" event to the case's chain carrying that hash,
// so the log proves which file was attached when. The file name is kept beside
// the case, never in the event: names of files often name the child.
#include <optional>
#include <string>
#include <vector>

#include "casereview/engine/date.h"

namespace casereview {

struct DocumentKind {
  const char* code;   // stable, e.g. "draft"
  const char* title;  // for people
};
const std::vector<DocumentKind>& document_kinds();

// A media type the server accepts, the file-name endings it goes with, and the
// bytes its content must start with ("" when the content is text).
struct AcceptedMediaType {
  const char* media_type;
  std::vector<std::string> extensions;  // lower case, with the dot
  std::string signature;
  const char* title;
};
const std::vector<AcceptedMediaType>& accepted_media_types();

struct DocumentUpload {
  std::string kind;
  std::string file_name;
  std::string media_type;
  std::string content;
};

struct DocumentProblem {
  std::string field;  // "kind", "file_name", "media_type", "content"
  std::string message;
};

// Why `upload` may not be stored (at most `max_bytes`), or nullopt when it may.
// The content must match its declared type (a PDF starts "%PDF-", text is UTF-8
// without NUL bytes) and the file name's ending must fit the type. The file
// name is valid UTF-8, 1 to 200 characters (text.h counts them), without
// slashes, and a line: no control, direction or invisible character. Only the
// first problem is reported, checked in this order: kind, file name, media type
// (compared in lower case), the name's ending, content (not empty, size, type).
std::optional<DocumentProblem> document_problem(const DocumentUpload& upload, std::size_t max_bytes);

struct Document {
  long long id = 0;
  long long partnership_id = 0;
  long long case_id = 0;
  long long event_seq = 0;  // the case event that records the attachment
  std::string kind;
  std::string file_name;
  std::string media_type;
  long long size_bytes = 0;
  std::string sha256;
  std::string uploaded_by;
  Instant uploaded_at;
};

}  // namespace casereview
