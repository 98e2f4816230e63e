#include "casereview/engine/parsed_payload.h"

#include <array>
#include <functional>
#include <string>

namespace casereview {
namespace {

struct KeptPayload {
  std::size_t hash = 0;
  std::string text;
  std::shared_ptr<const Json> value;  // null: an empty slot
  unsigned long long last_used = 0;
};

// The thread's memo: a handful of slots searched in turn, the least recently
// used given up for a new text. A command's few hot payloads stay while the
// longer histories a report reads pass through.
struct PayloadMemo {
  std::array<KeptPayload, kParsedPayloadsKept> slots;
  unsigned long long uses = 0;
};

}  // namespace

ParsedPayload parsed_payload(std::string_view text) {
  if (text.size() > kLongestPayloadKept) return ParsedPayload(std::make_shared<const Json>(Json::parse(text)));
  thread_local PayloadMemo memo;
  const std::size_t hash = std::hash<std::string_view>{}(text);
  KeptPayload* oldest = &memo.slots.front();
  for (KeptPayload& slot : memo.slots) {
    if (slot.value && slot.hash == hash && slot.text == text) {
      slot.last_used = ++memo.uses;
      return ParsedPayload(slot.value);
    }
    if (slot.last_used < oldest->last_used) oldest = &slot;
  }
  auto value = std::make_shared<const Json>(Json::parse(text));  // throws before any slot changes
  oldest->hash = hash;
  oldest->text.assign(text);
  oldest->value = value;
  oldest->last_used = ++memo.uses;
  return ParsedPayload(std::move(value));
}

}  // namespace casereview
