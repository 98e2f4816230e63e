#include "casereview/engine/json.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace casereview {
namespace {

// The length of the well-formed UTF-8 sequence at text[pos] (non-ASCII lead):
// 2 to 4; 0 when it is not well formed or the text ends inside it.
int utf8_sequence_length(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = 0;
  unsigned cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    cp = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    cp = lead & 0x07;
  } else
    return 0;
  if (pos + length > text.size()) return 0;
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

// The escape of a byte that JSON text cannot hold as it is; nullptr for a byte
// written unchanged. Control bytes without a short form are written \u00XX.
const char* short_escape(unsigned char c) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      return nullptr;
  }
}

bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// Runs of bytes that need no escape are appended whole: a report's answer is
// megabytes of such text, and appending byte by byte was a tenth of its time.
void write_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!needs_escape(c)) continue;
    out.append(s, run, i - run);
    run = i + 1;
    if (const char* escape = short_escape(c)) {
      out += escape;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    }
  }
  out.append(s, run, s.size() - run);
  out += '"';
}

void newline(std::string& out, int indent, int depth) {
  if (indent <= 0) return;
  out += '\n';
  out.append(static_cast<std::size_t>(indent) * static_cast<std::size_t>(depth), ' ');
}

const Json kNull;

}  // namespace

const char* Json::type_name(Type t) {
  switch (t) {
    case Type::Null:
      return "null";
    case Type::Bool:
      return "boolean";
    case Type::Integer:
      return "integer";
    case Type::Number:
      return "number";
    case Type::String:
      return "string";
    case Type::Array:
      return "array";
    case Type::Object:
      return "object";
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

const std::string& Json::as_string() const& {
  if (!is_string()) throw JsonTypeError(std::string("expected string, found ") + type_name(type()));
  return std::get<std::string>(value_);
}

const JsonItems& Json::items() const& {
  if (!is_array()) throw JsonTypeError(std::string("expected array, found ") + type_name(type()));
  return std::get<JsonItems>(value_);
}

JsonItems& Json::items() & {
  if (!is_array()) throw JsonTypeError(std::string("expected array, found ") + type_name(type()));
  return std::get<JsonItems>(value_);
}

const JsonMembers& Json::members() const& {
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

const Json& Json::operator[](std::string_view key) const& {
  const Json* found = find(key);
  return found ? *found : kNull;
}

std::string Json::as_string() && { return std::as_const(*this).as_string(); }
JsonItems Json::items() && { return std::as_const(*this).items(); }
JsonMembers Json::members() && { return std::as_const(*this).members(); }
Json Json::operator[](std::string_view key) && { return std::as_const(*this)[key]; }

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
    case Type::Null:
      out += "null";
      break;
    case Type::Bool:
      out += std::get<bool>(value_) ? "true" : "false";
      break;
    case Type::Integer:
      out += std::to_string(std::get<long long>(value_));
      break;
    case Type::Number: {
      // Negative zero is written 0, as RFC 8785 writes it: "-0" would read
      // back as the integer 0 and the canonical form would change on a second parse.
      const double number = std::get<double>(value_);
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", number == 0.0 ? 0.0 : number);
      out += buf;
      break;
    }
    case Type::String:
      write_string(out, std::get<std::string>(value_));
      break;
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
      const auto write_member = [&](std::size_t i, const std::pair<std::string, Json>& member) {
        if (i) out += ',';
        newline(out, indent, depth + 1);
        write_string(out, member.first);
        out += indent > 0 ? ": " : ":";
        member.second.write(out, sorted, indent, depth + 1);
      };
      out += '{';
      if (sorted) {
        std::vector<const std::pair<std::string, Json>*> order;
        order.reserve(members.size());
        for (const auto& m : members) order.push_back(&m);
        std::sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
        for (std::size_t i = 0; i < order.size(); ++i) write_member(i, *order[i]);
      } else {
        for (std::size_t i = 0; i < members.size(); ++i) write_member(i, members[i]);
      }
      if (!members.empty()) newline(out, indent, depth);
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

void Json::dump_to(std::string& out) const { write(out, false, 0, 0); }

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

void append_json_string(std::string& out, std::string_view text) { write_string(out, text); }

bool is_valid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const int length = utf8_sequence_length(text, pos);
    if (length == 0) return false;
    pos += static_cast<std::size_t>(length);
  }
  return true;
}

}  // namespace casereview
