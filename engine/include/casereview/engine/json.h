#pragma once
// The one JSON value type of casereview, used for event payloads, command facts
// and API bodies.
//
// Why the engine owns JSON instead of borrowing a library's: every event payload
// is hashed into the audit chain, so its serialised form must be byte-for-byte
// stable across library upgrades. `canonical()` is that form (keys sorted,
// no whitespace, minimal escapes) and is defined here, in one place.
//
// Values are plain data: copyable, not thread-safe to mutate concurrently.
// Objects keep their members in insertion order (for readable API output);
// duplicate keys are rejected by the parser and replaced by `set`.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace casereview {

class Json;
using JsonMembers = std::vector<std::pair<std::string, Json>>;
using JsonItems = std::vector<Json>;

// Thrown by Json::parse. `offset` is the byte offset where the text stopped making sense.
class JsonParseError : public std::runtime_error {
 public:
  JsonParseError(const std::string& message, std::size_t offset)
      : std::runtime_error(message), offset_(offset) {}
  std::size_t offset() const { return offset_; }

 private:
  std::size_t offset_;
};

// Thrown when a value is read as a type it does not hold (a programming error,
// or a stored payload that does not have the expected shape).
class JsonTypeError : public std::logic_error {
  using std::logic_error::logic_error;
};

class Json {
 public:
  enum class Type { Null, Bool, Integer, Number, String, Array, Object };

  Json() : value_(nullptr) {}
  Json(std::nullptr_t) : value_(nullptr) {}
  Json(bool b) : value_(b) {}
  Json(int i) : value_(static_cast<long long>(i)) {}
  Json(long i) : value_(static_cast<long long>(i)) {}
  Json(long long i) : value_(i) {}
  Json(double d) : value_(d) {}
  Json(const char* s) : value_(std::string(s)) {}
  Json(std::string s) : value_(std::move(s)) {}
  Json(std::string_view s) : value_(std::string(s)) {}
  Json(JsonItems items) : value_(std::move(items)) {}
  static Json object() { return Json(JsonMembers{}); }
  static Json array() { return Json(JsonItems{}); }

  struct Limits {
    std::size_t max_depth = 32;
    std::size_t max_bytes = 4 * 1024 * 1024;
  };
  // Strict RFC 8259 parse of a complete document. Throws JsonParseError.
  static Json parse(std::string_view text, const Limits& limits);
  static Json parse(std::string_view text) { return parse(text, Limits{}); }

  Type type() const { return static_cast<Type>(value_.index()); }
  static const char* type_name(Type t);
  bool is_null() const { return type() == Type::Null; }
  bool is_bool() const { return type() == Type::Bool; }
  bool is_integer() const { return type() == Type::Integer; }
  bool is_string() const { return type() == Type::String; }
  bool is_array() const { return type() == Type::Array; }
  bool is_object() const { return type() == Type::Object; }

  // Typed reads; throw JsonTypeError when the value holds another type.
  bool as_bool() const;
  long long as_integer() const;
  double as_number() const;  // integers convert
  const std::string& as_string() const;
  const JsonItems& items() const;
  JsonItems& items();
  const JsonMembers& members() const;

  // Object access. `find` returns nullptr when absent (or when this is not an object).
  const Json* find(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  // Member `key`, or a shared null value when absent.
  const Json& operator[](std::string_view key) const;
  // Sets `key` (replacing an existing member in place). Turns null into an object.
  Json& set(std::string key, Json value);
  Json& push(Json value);  // appends to an array; turns null into an array

  // Compact text, members in insertion order.
  std::string dump() const;
  // Indented text for people (files, command-line output).
  std::string pretty() const;
  // The hashed form: members sorted by key (bytewise), no whitespace.
  std::string canonical() const;

  friend bool operator==(const Json& a, const Json& b) { return a.value_ == b.value_; }
  friend bool operator!=(const Json& a, const Json& b) { return !(a == b); }

 private:
  explicit Json(JsonMembers members) : value_(std::move(members)) {}
  void write(std::string& out, bool sorted, int indent, int depth) const;

  std::variant<std::nullptr_t, bool, long long, double, std::string, JsonItems, JsonMembers>
      value_;
};

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates, nothing
// above U+10FFFF): the same rule the parser applies inside JSON strings.
bool is_valid_utf8(std::string_view text);

}  // namespace casereview
