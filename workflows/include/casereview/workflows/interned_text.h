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

#include <string>
#include <string_view>

namespace casereview::workflows {

class InternedText {
 public:
  InternedText();                       // ""
  InternedText(std::string_view text);  // NOLINT(google-explicit-constructor): a code is assigned as text
  InternedText(const std::string& text)
      : InternedText(std::string_view(text)) {}                             // NOLINT(google-explicit-constructor)
  InternedText(const char* text) : InternedText(std::string_view(text)) {}  // NOLINT(google-explicit-constructor)

  const std::string& str() const { return *text_; }
  operator const std::string&() const { return *text_; }  // NOLINT(google-explicit-constructor)
  bool empty() const { return text_->empty(); }

  // One text, one address: equal texts compare by pointer.
  friend bool operator==(const InternedText& a, const InternedText& b) { return a.text_ == b.text_; }
  friend bool operator==(const InternedText& a, std::string_view b) { return *a.text_ == b; }
  friend bool operator==(const InternedText& a, const char* b) { return *a.text_ == b; }

 private:
  const std::string* text_;
};

}  // namespace casereview::workflows
