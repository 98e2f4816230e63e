#pragma once
// An event's payload text, parsed, and kept for the next reader on the same
// thread. One command reads its case's opening payload many times over: each
// guard its workflow asks when it decides and when it lists the steps on offer
// (is this a death? must the Secretary of State be told?), the terms recorded
// at opening, the identity screen, the clocks' projection and the tags'.
// Parsing it afresh each time was a seventh of a command's processor time
// (README, Performance at national scale).
//
// The memo is keyed by the text itself, so what it gives is always the parse of
// the very bytes asked about, whichever event, case or request they came from;
// it holds the most recently used kParsedPayloadsKept texts of each thread.
// Texts longer than kLongestPayloadKept are parsed each time and not kept.

#include <cstddef>
#include <memory>
#include <string_view>

#include "casereview/engine/json.h"

namespace casereview {

inline constexpr std::size_t kParsedPayloadsKept = 16;
inline constexpr std::size_t kLongestPayloadKept = std::size_t{64} << 10;

// A parsed payload, shared with the memo: it stays valid after the memo has
// moved on, for as long as the ParsedPayload is held. Read it as a Json:
// `p["member"]`, or `p.json()`. On a temporary (`payload_of(e)["member"]`)
// the member is a copy, as on a temporary Json, so that
// `const Json& v = parsed_payload(text)["member"];` cannot dangle. Hold the
// ParsedPayload itself, never a reference into it taken from a temporary
// (`const Json& p = payload_of(e);` dangles once the memo moves on);
// passing a temporary to a function that takes a `const Json&` is safe.
class ParsedPayload {
 public:
  explicit ParsedPayload(std::shared_ptr<const Json> value) : value_(std::move(value)) {}
  const Json& json() const { return *value_; }
  operator const Json&() const { return *value_; }  // NOLINT(google-explicit-constructor): reads as the Json it is
  const Json* find(std::string_view key) const { return value_->find(key); }
  const Json& operator[](std::string_view key) const& { return (*value_)[key]; }
  Json operator[](std::string_view key) && { return (*value_)[key]; }

 private:
  std::shared_ptr<const Json> value_;
};

// `text` parsed as Json::parse(text) parses it (and throwing what it throws; a
// text that fails is not kept).
ParsedPayload parsed_payload(std::string_view text);

// While one lives on a thread, every payload that thread parses is kept until
// the outermost goes (up to kPayloadBytesHeldAtMost of text), beside the memo.
// One command reads its case's whole history several times over (the
// workflow's guards, the projections of requests, tags and clocks, then the
// page): a history longer than the memo's slots, read in order, gave up each
// payload before its next reading, and parsing them was a sixth of a step's
// time on the writer. Held for one command (CaseService), then given up: what
// a report or a long export reads is not held. They nest; only the outermost
// lets the payloads go.
inline constexpr std::size_t kPayloadBytesHeldAtMost = std::size_t{16} << 20;
class ParsedPayloadsHeld {
 public:
  ParsedPayloadsHeld();
  ~ParsedPayloadsHeld();
  ParsedPayloadsHeld(const ParsedPayloadsHeld&) = delete;
  ParsedPayloadsHeld& operator=(const ParsedPayloadsHeld&) = delete;
};

}  // namespace casereview
