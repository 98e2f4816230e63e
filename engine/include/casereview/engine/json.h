#pragma once
// The one JSON value type of casereview, used for event payloads, command facts
// and API bodies.
//
// Reading and writing are split on purpose. Reading JSON text is borrowed:
// `parse` lets nlohmann/json (Debian's nlohmann-json3-dev, used inside
// engine/src/json_parse.cpp only, never in a header) check the text and adds
// casereview's rules to what it reports. Writing the hashed form is not: every
// event payload is hashed into the audit chain, so its serialised form must stay
// byte-for-byte the same for as long as a record is kept, whatever a library's
// next version does. `canonical()` is that form and is defined here, in one
// place (engine/src/json.cpp). tests/fixtures/before-json-library holds events
// stored before the parser was borrowed; each must still re-serialise to the
// bytes that were hashed.
//
// The canonical form is RFC 8785 (JSON Canonicalization Scheme) for what
// casereview stores, and differs from it on purpose in three ways:
//   - Members are sorted by the bytes of their UTF-8 names (that is, by code
//     point), not by UTF-16 code units. The orders differ only between a name
//     with a character above U+FFFF and one with U+E000..U+FFFF at the same
//     place: "\u{1F600}" sorts after "\u{FB33}" here, before it in RFC 8785.
//   - An integer (a number written without fraction or exponent; the parser
//     takes only those within long long) is kept and written exactly:
//     9007199254740993 stays 9007199254740993, where RFC 8785 first rounds every
//     number to an IEEE double (9007199254740992).
//   - Any other number is a double written with printf's "%.17g": it always
//     reads back as the same double but is not always the shortest text that
//     does (RFC 8785's rule). 333333333.33333329 is written 333333333.33333331
//     (RFC 8785: 333333333.3333333), 1e-7 is 9.9999999999999995e-08 (1e-7);
//     -0.0 is 0 as there; 4.50 is 4.5, 1E30 is 1e+30 and 2e-3 is 0.002, as in RFC 8785.
//     No stored payload holds such a number. NaN and infinities have no JSON
//     form: the parser never makes them and no code may store them.
// Strings are written as RFC 8785 writes them: '"' and '\\' escaped, \b \f \n
// \r \t, other characters below U+0020 as \u00xx (lower-case hex), and
// everything else ('/', U+007F and all non-ASCII included) as its UTF-8 bytes.
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

// Thrown by Json::parse. `offset` is the byte offset where the text stopped making
// sense: the byte found wrong inside a token (a string, number or literal), or
// the first byte of a token out of place (the text's length when it ends too
// soon). what() ends with " at byte <offset>" and quotes nothing of the text
// but the name of a duplicate member.
class JsonParseError : public std::runtime_error {
 public:
  JsonParseError(const std::string& message, std::size_t offset) : std::runtime_error(message), offset_(offset) {}
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
    std::size_t max_bytes = std::size_t{4} << 20;  // 4 MiB
  };
  // Strict RFC 8259 parse of a complete document (no comments, no trailing
  // commas, UTF-8 only). Integers (no fraction, no exponent) become Integer,
  // other numbers Number. Refused as well, with JsonParseError: a text longer
  // than max_bytes; a value inside more than max_depth arrays or objects (refused
  // as soon as it is reached, so a deep text costs nothing); a duplicate member
  // name; an integer outside long long; a number a double cannot hold (1e400,
  // 1e-400); a UTF-8 byte order mark; a NUL byte.
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
  // On a temporary (Json::parse(text)["key"].as_string()) each of these returns
  // a copy: a reference into the temporary would dangle once the full
  // expression ends, so `const auto& v = Json::parse(text)["key"];` stays safe.
  const std::string& as_string() const&;
  std::string as_string() &&;
  const JsonItems& items() const&;
  JsonItems& items() &;
  JsonItems items() &&;
  const JsonMembers& members() const&;
  JsonMembers members() &&;

  // Object access. `find` returns nullptr when absent (or when this is not an
  // object); the pointer is valid until this value is changed.
  const Json* find(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  // Member `key`, or a shared null value when absent (a copy on a temporary).
  const Json& operator[](std::string_view key) const&;
  Json operator[](std::string_view key) &&;
  // Sets `key` (replacing an existing member in place). Turns null into an
  // object. Both set and push throw JsonTypeError on a value of another type.
  Json& set(std::string key, Json value);
  Json& push(Json value);  // appends to an array; turns null into an array

  // Compact text, members in insertion order.
  std::string dump() const;
  // dump()'s text appended to `out`: for a writer that builds one large answer
  // around values it does not keep as a tree (web/src/api/report_document.h).
  void dump_to(std::string& out) const;
  // Indented text for people (files, command-line output).
  std::string pretty() const;
  // The hashed form: members sorted by key (bytewise), no whitespace.
  std::string canonical() const;

  friend bool operator==(const Json& a, const Json& b) { return a.value_ == b.value_; }
  friend bool operator!=(const Json& a, const Json& b) { return !(a == b); }

 private:
  explicit Json(JsonMembers members) : value_(std::move(members)) {}
  void write(std::string& out, bool sorted, int indent, int depth) const;

  std::variant<std::nullptr_t, bool, long long, double, std::string, JsonItems, JsonMembers> value_;

  // Json::parse's reader (json_parse.cpp). A member, so that it appends to an
  // object a member whose name it has checked is new without set()'s search
  // of the members before it, which would make reading n members O(n²).
  class Builder;
};

// `text` appended to `out` as a JSON string, quotes included, escaped as
// every form above writes strings.
void append_json_string(std::string& out, std::string_view text);

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates, nothing
// above U+10FFFF): the same rule the parser applies inside JSON strings.
bool is_valid_utf8(std::string_view text);

}  // namespace casereview
