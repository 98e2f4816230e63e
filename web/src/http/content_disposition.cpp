#include "http/content_disposition.h"

namespace casereview::web {
namespace {

bool is_ascii_letter_or_digit(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// RFC 8187's attr-char: what filename* carries as itself.
bool is_attr_char(unsigned char c) {
  static const std::string kMarks = "!#$&+-.^_`|~";
  return is_ascii_letter_or_digit(c) || kMarks.find(static_cast<char>(c)) != std::string::npos;
}

std::string percent_encoded(const std::string& name) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    if (is_attr_char(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    }
  }
  return out;
}

std::string ascii_fallback(const std::string& name) {
  static const std::string kKept = ".-_()+ ";
  std::string out;
  for (unsigned char c : name) {
    if ((c & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte: one "_" per character
    const bool kept = is_ascii_letter_or_digit(c) || kKept.find(static_cast<char>(c)) != std::string::npos;
    out.push_back(kept ? static_cast<char>(c) : '_');
  }
  return out;
}

}  // namespace

std::string attachment_disposition(const std::string& file_name) {
  // A name of nothing but dots and spaces names no file (and ".." a directory).
  const bool names_a_file = file_name.find_first_not_of(". ") != std::string::npos;
  const std::string name = names_a_file ? file_name : "download";
  const std::string plain = ascii_fallback(name);
  if (plain == name) return "attachment; filename=\"" + name + "\"";
  return "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + percent_encoded(name);
}

}  // namespace casereview::web
