#pragma once
// A short text kept once for the whole process and referred to by a pointer:
// the codes a report's facts cache holds for each death (its category, age
// band, judgement, factors and themes). The national data set keeps the facts
// of 40,000 deaths; as std::string each code took 32 bytes, and a code longer
// than fifteen characters ("modifiable_factors_identified") a heap block of
// its own besides, 13 MB of the cache where these take 3 (heaptrack).
//
// Nothing is ever taken out of the table: it holds each distinct text read,
// which the vocabularies bound (a death's steps accept only their codes and
// fixed choices; a code retired from a vocabulary stays in the events, and
// here). Not for free text.

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace casereview::workflows {

class InternedText {
 public:
  InternedText();  // ""
  // Implicit: a code is assigned as text (facts.category = payload_text(...)).
  InternedText(std::string_view text);                                      // NOLINT(google-explicit-constructor)
  InternedText(const std::string& text);                                    // NOLINT(google-explicit-constructor)
  InternedText(const char* text) : InternedText(std::string_view(text)) {}  // NOLINT(google-explicit-constructor)

  // How many distinct texts the process holds.
  static std::size_t texts_held();

  const std::string& str() const { return *text_; }
  operator const std::string&() const { return *text_; }  // NOLINT(google-explicit-constructor)
  bool empty() const { return text_->empty(); }

  // One text, one address: equal texts compare by pointer. Compared with
  // text on either side, the text is read, never interned (a comparison
  // with a query's text or a list's must not grow the table).
  friend bool operator==(const InternedText& a, const InternedText& b) { return a.text_ == b.text_; }
  friend bool operator!=(const InternedText& a, const InternedText& b) { return a.text_ != b.text_; }
  friend bool operator==(const InternedText& a, std::string_view b) { return *a.text_ == b; }
  friend bool operator==(std::string_view a, const InternedText& b) { return a == *b.text_; }
  friend bool operator!=(const InternedText& a, std::string_view b) { return *a.text_ != b; }
  friend bool operator!=(std::string_view a, const InternedText& b) { return a != *b.text_; }
  friend bool operator==(const InternedText& a, const std::string& b) { return *a.text_ == b; }
  friend bool operator==(const std::string& a, const InternedText& b) { return a == *b.text_; }
  friend bool operator!=(const InternedText& a, const std::string& b) { return *a.text_ != b; }
  friend bool operator!=(const std::string& a, const InternedText& b) { return a != *b.text_; }
  friend bool operator==(const InternedText& a, const char* b) { return *a.text_ == b; }
  friend bool operator==(const char* a, const InternedText& b) { return a == *b.text_; }
  friend bool operator!=(const InternedText& a, const char* b) { return *a.text_ != b; }
  friend bool operator!=(const char* a, const InternedText& b) { return a != *b.text_; }
  friend std::ostream& operator<<(std::ostream& out, const InternedText& text) { return out << *text.text_; }

 private:
  const std::string* text_;
};

}  // namespace casereview::workflows
