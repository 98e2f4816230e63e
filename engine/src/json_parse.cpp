// Json::parse: nlohmann/json reads the text and reports what it finds as SAX
// events; the builder below turns them into a casereview::Json. nlohmann checks
// the grammar of RFC 8259 (no comments, no trailing commas), string escapes,
// UTF-8 inside strings and surrogate pairs, and does so without recursion. The
// builder adds casereview's own rules: the depth limit, duplicate member names
// rejected, integers kept as long long (never rounded through a double), numbers
// that a double cannot hold rejected. Two things nlohmann accepts and casereview
// does not are checked here too: a UTF-8 byte order mark before the value, and a
// NUL byte (nlohmann takes it as the end of the text).
//
// nlohmann stays in this file: no public header includes it.
#include <cerrno>
#include <climits>
#include <cstddef>
#include <cstdlib>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "casereview/engine/json.h"

namespace casereview {
namespace {

JsonParseError error_at(const std::string& message, std::size_t offset) {
  return JsonParseError(message + " at byte " + std::to_string(offset), offset);
}

// A number written without fraction or exponent.
bool is_integer_literal(const std::string& literal) {
  return literal.find_first_not_of("-0123456789") == std::string::npos;
}

const char* out_of_range(const std::string& literal) {
  return is_integer_literal(literal) ? "integer out of range" : "number out of range";
}

// An input iterator over the text that counts the bytes nlohmann has read, so
// that the builder knows where in the text each event was found (nlohmann
// reports a position only with its own errors).
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* at, std::size_t* read) : at_(at), read_(read) {}
  reference operator*() const { return *at_; }
  CountingIterator& operator++() {
    ++at_;
    ++*read_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  friend bool operator!=(const CountingIterator& a, const CountingIterator& b) { return a.at_ != b.at_; }

 private:
  const char* at_;
  std::size_t* read_;
};

}  // namespace

class Json::Builder final : public nlohmann::json::json_sax_t {
 public:
  // `read` is the count of bytes nlohmann has read so far (CountingIterator's).
  Builder(std::string_view text, const Json::Limits& limits, const std::size_t& read)
      : text_(text), limits_(limits), read_(read) {}

  Json take_root() { return std::move(root_); }

  bool null() override { return add(Json(nullptr), read_); }
  bool boolean(bool value) override { return add(Json(value), read_); }
  // A number's callback does not say where it ends (nlohmann has read a byte
  // further), but its text does: the literal nlohmann passes for a double, the
  // decimal form of an integer ("-0" being the one integer written otherwise).
  bool number_integer(number_integer_t value) override {
    const bool minus_zero = value == 0 && text_[next_token_start()] == '-';
    return add(Json(static_cast<long long>(value)), number_end(std::to_string(value).size() + (minus_zero ? 1 : 0)));
  }
  bool number_unsigned(number_unsigned_t value) override {
    const std::size_t end = number_end(std::to_string(value).size());
    if (value > static_cast<number_unsigned_t>(LLONG_MAX)) throw error_at("integer out of range", end);
    return add(Json(static_cast<long long>(value)), end);
  }
  // nlohmann hands over as a double both numbers with a fraction or exponent and
  // integers too large for 64 bits; `literal` tells them apart. It has already
  // refused a number that overflows a double; one that underflows (1e-400) is
  // refused here, as strtod reports it.
  bool number_float(number_float_t value, const string_t& literal) override {
    const std::size_t end = number_end(literal.size());
    errno = 0;
    std::strtod(literal.c_str(), nullptr);
    if (is_integer_literal(literal) || errno == ERANGE) throw error_at(out_of_range(literal), end);
    return add(Json(value), end);
  }
  bool string(string_t& value) override { return add(Json(std::move(value)), read_); }
  bool binary(binary_t&) override { return false; }  // only nlohmann's binary formats have these

  bool start_object(std::size_t) override { return open(Json::object()); }
  bool key(string_t& name) override {
    Frame& frame = open_.back();
    if (!frame.is_new(name)) throw error_at("duplicate member \"" + name + "\"", read_);
    frame.key = std::move(name);
    ended(read_, ':');
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(Json::array()); }
  bool end_array() override { return close(); }

  // A token nlohmann could not read is reported at the byte where reading
  // failed; a token read whole but out of place, where it starts.
  bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::json::exception& e) override {
    // 406: a number overflowed a double; position is where it ends.
    if (e.id == 406) throw error_at(out_of_range(last_token), position);
    // nlohmann's message without its prefix ("[json.exception.parse_error.101]
    // parse error at line 1, column 13: ") and without the text it echoes ("; last
    // read: '...'"), which may be long and need not be valid UTF-8.
    std::string message = e.what();
    const std::size_t prefix_end = message.find(": ");
    if (prefix_end != std::string::npos) message.erase(0, prefix_end + 2);
    const std::string echo = "; last read: '" + last_token + "'";
    const std::size_t echo_at = message.find(echo);
    if (echo_at != std::string::npos) {
      message.erase(echo_at, echo.size());
      throw error_at(message, position > 0 ? position - 1 : 0);  // position counts the byte found wrong
    }
    const std::size_t offset = next_token_start();
    if (offset < text_.size() && text_[offset] == '\0') throw error_at("unexpected NUL byte", offset);
    throw error_at(message, offset);
  }

 private:
  struct Frame {
    Json value;
    std::string key;  // objects: the member whose value comes next
    // Objects with more than kNamesSearched members: every name seen, for
    // duplicates. A smaller object's names are searched among its members,
    // which costs less than building a set (most payloads' objects are small).
    std::unordered_set<std::string> names;

    static constexpr std::size_t kNamesSearched = 16;

    // Whether `name` is not yet a member of this object.
    bool is_new(const std::string& name) {
      const JsonMembers& members = std::get<JsonMembers>(value.value_);
      if (members.size() < kNamesSearched) {
        for (const auto& member : members) {
          if (member.first == name) return false;
        }
        return true;
      }
      if (names.empty()) {
        for (const auto& member : members) names.insert(member.first);
      }
      return names.insert(name).second;
    }
  };

  // The last token reported ends at `end`, and `separator` may follow it: ','
  // after a value inside a container, ':' after a member name.
  void ended(std::size_t end, char separator) {
    last_end_ = end;
    separator_ = separator;
  }

  // Where the token after the last one reported starts: past whitespace and the
  // separator expected there. A value nested too deeply starts there (it is the
  // first in its container, or follows its member name), and so does a token out
  // of place.
  std::size_t next_token_start() const {
    std::size_t at = last_end_;
    const auto skip_space = [&] {
      while (at < text_.size() && std::string_view(" \t\n\r").find(text_[at]) != std::string_view::npos) ++at;
    };
    skip_space();
    if (separator_ != 0 && at < text_.size() && text_[at] == separator_) {
      ++at;
      skip_space();
    }
    return at;
  }

  void check_depth() const {
    if (open_.size() > limits_.max_depth) throw error_at("nesting is deeper than the limit", next_token_start());
  }

  // Where the number just read ends, from the length of its text.
  std::size_t number_end(std::size_t length) const { return next_token_start() + length; }

  // A scalar that ends at byte `end`.
  bool add(Json&& value, std::size_t end) {
    check_depth();
    place(std::move(value));
    ended(end, open_.empty() ? 0 : ',');
    return true;
  }

  bool open(Json&& container) {
    check_depth();
    open_.push_back(Frame{std::move(container), {}, {}});
    ended(read_, 0);
    return true;
  }

  bool close() {
    Json done = std::move(open_.back().value);
    open_.pop_back();
    place(std::move(done));
    ended(read_, open_.empty() ? 0 : ',');
    return true;
  }

  void place(Json&& value) {
    if (open_.empty()) {
      root_ = std::move(value);
    } else if (open_.back().value.is_array()) {
      open_.back().value.push(std::move(value));
    } else {
      // key() has refused a duplicate name: appended without set()'s search.
      Frame& frame = open_.back();
      std::get<JsonMembers>(frame.value.value_).emplace_back(std::move(frame.key), std::move(value));
    }
  }

  std::string_view text_;
  Json::Limits limits_;
  const std::size_t& read_;
  std::size_t last_end_ = 0;  // where the last token reported (value, name, bracket) ends
  char separator_ = 0;        // the separator that may follow it, or 0
  std::vector<Frame> open_;
  Json root_;
};

Json Json::parse(std::string_view text, const Limits& limits) {
  if (text.size() > limits.max_bytes) throw error_at("document is larger than the limit", 0);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") throw error_at("byte order mark before the JSON value", 0);
  std::size_t read = 0;
  Builder builder(text, limits, read);
  const bool complete = nlohmann::json::sax_parse(
      CountingIterator(text.data(), &read), CountingIterator(text.data() + text.size(), &read), &builder,
      nlohmann::json::input_format_t::json, /*strict=*/true, /*ignore_comments=*/false);
  if (!complete) throw error_at("not a JSON text", read);
  // nlohmann stops at a NUL byte as if the text ended there.
  const std::size_t nul = text.find('\0');
  if (nul != std::string_view::npos) throw error_at("unexpected NUL byte", nul);
  return builder.take_root();
}

}  // namespace casereview
