#include "casereview/engine/json.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_set>

namespace casereview {
namespace {

// The length of the well-formed UTF-8 sequence at text[pos] (non-ASCII lead):
// 2 to 4; 0 when it is not well formed; -1 when the text ends inside it.
int utf8_sequence_length(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = 0;
  unsigned cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) { length = 2; cp = lead & 0x1F; }
  else if (lead >= 0xE0 && lead <= 0xEF) { length = 3; cp = lead & 0x0F; }
  else if (lead >= 0xF0 && lead <= 0xF4) { length = 4; cp = lead & 0x07; }
  else return 0;
  if (pos + length > text.size()) return -1;
  for (std::size_t i = 1; i < length; ++i) {
    const auto c = static_cast<unsigned char>(text[pos + i]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  if ((length == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (length == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
    return 0;
  }
  return static_cast<int>(length);
}

class Parser {
 public:
  Parser(std::string_view text, const Json::Limits& limits) : text_(text), limits_(limits) {}

  Json document() {
    if (text_.size() > limits_.max_bytes) fail("document is larger than the limit");
    skip_space();
    Json value = parse_value(0);
    skip_space();
    if (pos_ != text_.size()) fail("unexpected text after the JSON value");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw JsonParseError(message + " at byte " + std::to_string(pos_), pos_);
  }

  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  void expect_word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) fail("invalid literal");
    pos_ += word.size();
  }

  Json parse_value(std::size_t depth) {
    if (depth > limits_.max_depth) fail("nesting is deeper than the limit");
    switch (peek()) {
      case '{': return parse_object(depth);
      case '[': return parse_array(depth);
      case '"': return Json(parse_string());
      case 't': expect_word("true"); return Json(true);
      case 'f': expect_word("false"); return Json(false);
      case 'n': expect_word("null"); return Json(nullptr);
      case '\0':
        if (pos_ >= text_.size()) fail("unexpected end of text");
        fail("unexpected character");
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return parse_number();
        fail("unexpected character");
    }
  }

  Json parse_object(std::size_t depth) {
    ++pos_;  // '{'
    Json obj = Json::object();
    skip_space();
    if (peek() == '}') {
      ++pos_;
      return obj;
    }
    std::unordered_set<std::string> seen;  // keeps duplicate detection linear
    while (true) {
      skip_space();
      if (peek() != '"') fail("expected a member name in double quotes");
      std::string key = parse_string();
      if (!seen.insert(key).second) fail("duplicate member \"" + key + "\"");
      skip_space();
      if (peek() != ':') fail("expected ':' after a member name");
      ++pos_;
      skip_space();
      obj.set(std::move(key), parse_value(depth + 1));
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return obj;
      }
      fail("expected ',' or '}' in an object");
    }
  }

  Json parse_array(std::size_t depth) {
    ++pos_;  // '['
    Json arr = Json::array();
    skip_space();
    if (peek() == ']') {
      ++pos_;
      return arr;
    }
    while (true) {
      skip_space();
      arr.push(parse_value(depth + 1));
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return arr;
      }
      fail("expected ',' or ']' in an array");
    }
  }

  unsigned hex4() {
    if (pos_ + 4 > text_.size()) fail("truncated \\u escape");
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      value <<= 4;
      if (c >= '0' && c <= '9') value |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') value |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') value |= static_cast<unsigned>(c - 'A' + 10);
      else fail("invalid \\u escape");
    }
    return value;
  }

  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // Validates one UTF-8 sequence starting at pos_ and copies it to `out`.
  void copy_utf8(std::string& out) {
    const int length = utf8_sequence_length(text_, pos_);
    if (length < 0) fail("truncated UTF-8");
    if (length == 0) fail("invalid UTF-8");
    out.append(text_.substr(pos_, static_cast<std::size_t>(length)));
    pos_ += static_cast<std::size_t>(length);
  }

  std::string parse_string() {
    ++pos_;  // opening quote
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) fail("unterminated string");
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c < 0x20) fail("control character in a string");
      if (c >= 0x80) {
        copy_utf8(out);
        continue;
      }
      if (c != '\\') {
        out += static_cast<char>(c);
        ++pos_;
        continue;
      }
      ++pos_;
      if (pos_ >= text_.size()) fail("unterminated escape");
      const char e = text_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (text_.substr(pos_, 2) != "\\u") fail("unpaired surrogate");
            pos_ += 2;
            const unsigned low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("unpaired surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail("unpaired surrogate");
          }
          append_utf8(out, cp);
          break;
        }
        default: fail("invalid escape");
      }
    }
  }

  Json parse_number() {
    const std::size_t start = pos_;
    bool integral = true;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') ++pos_;
    } else {
      fail("invalid number");
    }
    if (peek() == '.') {
      integral = false;
      ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) fail("invalid number");
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) fail("invalid number");
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    const std::string literal(text_.substr(start, pos_ - start));
    errno = 0;
    if (integral) {
      const long long value = std::strtoll(literal.c_str(), nullptr, 10);
      if (errno == ERANGE) fail("integer out of range");
      return Json(value);
    }
    const double value = std::strtod(literal.c_str(), nullptr);
    if (errno == ERANGE || !std::isfinite(value)) fail("number out of range");
    return Json(value);
  }

  std::string_view text_;
  Json::Limits limits_;
  std::size_t pos_ = 0;
};

void write_string(std::string& out, const std::string& s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void newline(std::string& out, int indent, int depth) {
  if (indent <= 0) return;
  out += '\n';
  out.append(static_cast<std::size_t>(indent * depth), ' ');
}

const Json kNull;

}  // namespace

Json Json::parse(std::string_view text, const Limits& limits) {
  return Parser(text, limits).document();
}

const char* Json::type_name(Type t) {
  switch (t) {
    case Type::Null: return "null";
    case Type::Bool: return "boolean";
    case Type::Integer: return "integer";
    case Type::Number: return "number";
    case Type::String: return "string";
    case Type::Array: return "array";
    case Type::Object: return "object";
  }
  return "unknown";
}

bool Json::as_bool() const {
  if (!is_bool()) throw JsonTypeError(std::string("expected boolean, found ") + type_name(type()));
  return std::get<bool>(value_);
}

long long Json::as_integer() const {
  if (!is_integer()) throw JsonTypeError(std::string("expected integer, found ") + type_name(type()));
  return std::get<long long>(value_);
}

double Json::as_number() const {
  if (is_integer()) return static_cast<double>(std::get<long long>(value_));
  if (type() != Type::Number) throw JsonTypeError(std::string("expected number, found ") + type_name(type()));
  return std::get<double>(value_);
}

const std::string& Json::as_string() const {
  if (!is_string()) throw JsonTypeError(std::string("expected string, found ") + type_name(type()));
  return std::get<std::string>(value_);
}

const JsonItems& Json::items() const {
  if (!is_array()) throw JsonTypeError(std::string("expected array, found ") + type_name(type()));
  return std::get<JsonItems>(value_);
}

JsonItems& Json::items() {
  if (!is_array()) throw JsonTypeError(std::string("expected array, found ") + type_name(type()));
  return std::get<JsonItems>(value_);
}

const JsonMembers& Json::members() const {
  if (!is_object()) throw JsonTypeError(std::string("expected object, found ") + type_name(type()));
  return std::get<JsonMembers>(value_);
}

const Json* Json::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const auto& [name, value] : std::get<JsonMembers>(value_)) {
    if (name == key) return &value;
  }
  return nullptr;
}

const Json& Json::operator[](std::string_view key) const {
  const Json* found = find(key);
  return found ? *found : kNull;
}

Json& Json::set(std::string key, Json value) {
  if (is_null()) value_ = JsonMembers{};
  if (!is_object()) throw JsonTypeError(std::string("set on a ") + type_name(type()));
  auto& members = std::get<JsonMembers>(value_);
  for (auto& member : members) {
    if (member.first == key) {
      member.second = std::move(value);
      return *this;
    }
  }
  members.emplace_back(std::move(key), std::move(value));
  return *this;
}

Json& Json::push(Json value) {
  if (is_null()) value_ = JsonItems{};
  items().push_back(std::move(value));
  return *this;
}

void Json::write(std::string& out, bool sorted, int indent, int depth) const {
  switch (type()) {
    case Type::Null: out += "null"; break;
    case Type::Bool: out += std::get<bool>(value_) ? "true" : "false"; break;
    case Type::Integer: out += std::to_string(std::get<long long>(value_)); break;
    case Type::Number: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", std::get<double>(value_));
      out += buf;
      break;
    }
    case Type::String: write_string(out, std::get<std::string>(value_)); break;
    case Type::Array: {
      const auto& items = std::get<JsonItems>(value_);
      out += '[';
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        newline(out, indent, depth + 1);
        items[i].write(out, sorted, indent, depth + 1);
      }
      if (!items.empty()) newline(out, indent, depth);
      out += ']';
      break;
    }
    case Type::Object: {
      const auto& members = std::get<JsonMembers>(value_);
      std::vector<const std::pair<std::string, Json>*> order;
      order.reserve(members.size());
      for (const auto& m : members) order.push_back(&m);
      if (sorted) {
        std::sort(order.begin(), order.end(),
                  [](const auto* a, const auto* b) { return a->first < b->first; });
      }
      out += '{';
      for (std::size_t i = 0; i < order.size(); ++i) {
        if (i) out += ',';
        newline(out, indent, depth + 1);
        write_string(out, order[i]->first);
        out += indent > 0 ? ": " : ":";
        order[i]->second.write(out, sorted, indent, depth + 1);
      }
      if (!order.empty()) newline(out, indent, depth);
      out += '}';
      break;
    }
  }
}

std::string Json::dump() const {
  std::string out;
  write(out, false, 0, 0);
  return out;
}

std::string Json::pretty() const {
  std::string out;
  write(out, false, 2, 0);
  return out;
}

std::string Json::canonical() const {
  std::string out;
  write(out, true, 0, 0);
  return out;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const int length = utf8_sequence_length(text, pos);
    if (length <= 0) return false;
    pos += static_cast<std::size_t>(length);
  }
  return true;
}

}  // namespace casereview
