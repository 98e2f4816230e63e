#include "event_reading.h"

#include <algorithm>

#include "casereview/engine/parsed_payload.h"

namespace casereview::workflows {

const Event* last_of(const std::vector<Event>& events, const char* type) {
  const auto it = std::find_if(events.rbegin(), events.rend(), [&](const Event& e) { return e.type == type; });
  return it == events.rend() ? nullptr : &*it;
}

std::string payload_text(const Json& payload, const char* member) {
  const Json& value = payload[member];
  return value.is_string() ? value.as_string() : std::string();
}

std::string payload_text(const Event& event, const char* member) {
  return payload_text(parsed_payload(event.payload), member);
}

std::vector<std::string> payload_texts(const Json& payload, const char* member) {
  std::vector<std::string> out;
  const Json& list = payload[member];
  if (!list.is_array()) return out;
  for (const Json& item : list.items()) {
    if (item.is_string()) out.push_back(item.as_string());
  }
  return out;
}

}  // namespace casereview::workflows
