#include "casereview/engine/parsed_payload.h"

#include <array>
#include <functional>
#include <string>
#include <unordered_map>

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

// What ParsedPayloadsHeld holds on this thread, by the text's hash.
struct HeldPayloads {
  int depth = 0;
  std::size_t bytes = 0;  // of the texts held
  std::unordered_multimap<std::size_t, KeptPayload> held;

  const KeptPayload* find(std::size_t hash, std::string_view text) const {
    const auto [first, last] = held.equal_range(hash);
    for (auto it = first; it != last; ++it) {
      if (it->second.text == text) return &it->second;
    }
    return nullptr;
  }

  void hold(const KeptPayload& payload) {
    if (bytes + payload.text.size() > kPayloadBytesHeldAtMost) return;
    bytes += payload.text.size();
    held.emplace(payload.hash, payload);
  }
};

thread_local HeldPayloads held_payloads;

}  // namespace

ParsedPayloadsHeld::ParsedPayloadsHeld() { ++held_payloads.depth; }

ParsedPayloadsHeld::~ParsedPayloadsHeld() {
  if (--held_payloads.depth == 0) {
    held_payloads.held = {};
    held_payloads.bytes = 0;
  }
}

ParsedPayload parsed_payload(std::string_view text) {
  if (text.size() > kLongestPayloadKept) return ParsedPayload(std::make_shared<const Json>(Json::parse(text)));
  thread_local PayloadMemo memo;
  const std::size_t hash = std::hash<std::string_view>{}(text);
  const bool holding = held_payloads.depth > 0;
  if (holding) {
    if (const KeptPayload* p = held_payloads.find(hash, text)) return ParsedPayload(p->value);
  }
  KeptPayload* oldest = &memo.slots.front();
  for (KeptPayload& slot : memo.slots) {
    if (slot.value && slot.hash == hash && slot.text == text) {
      slot.last_used = ++memo.uses;
      if (holding) held_payloads.hold(slot);
      return ParsedPayload(slot.value);
    }
    if (slot.last_used < oldest->last_used) oldest = &slot;
  }
  auto value = std::make_shared<const Json>(Json::parse(text));  // throws before any slot changes
  oldest->hash = hash;
  oldest->text.assign(text);
  oldest->value = value;
  oldest->last_used = ++memo.uses;
  if (holding) held_payloads.hold(KeptPayload{hash, std::string(text), value, 0});
  return ParsedPayload(std::move(value));
}

}  // namespace casereview
