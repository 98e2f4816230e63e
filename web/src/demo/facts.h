#pragma once
// Shorthands for writing a command's facts as the demonstration data does.

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "casereview/engine/json.h"

namespace casereview::demo {

inline Json list(std::initializer_list<const char*> items) {
  Json out = Json::array();
  for (const char* i : items) out.push(i);
  return out;
}

inline Json list(const std::vector<std::string>& items) {
  Json out = Json::array();
  for (const std::string& i : items) out.push(i);
  return out;
}

inline Json obj(std::initializer_list<std::pair<const char*, Json>> members) {
  Json out = Json::object();
  for (const auto& [name, value] : members) out.set(name, value);
  return out;
}

}  // namespace casereview::demo
