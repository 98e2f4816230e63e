#include "casereview/workflows/interned_text.h"

#include <mutex>
#include <shared_mutex>
#include <unordered_set>

namespace casereview::workflows {
namespace {

// A node-based set: a text's address stays put as the set grows. Lookups,
// nearly all of them once the table holds the vocabularies' codes, share the
// lock. Never destroyed, so that facts held by a cache in a static outlive
// nothing they point to.
struct Table {
  std::shared_mutex mutex;
  std::unordered_set<std::string> texts;
};

Table& table() {
  static auto* held = new Table;
  return *held;
}

const std::string* interned(const std::string& key) {
  Table& t = table();
  {
    const std::shared_lock<std::shared_mutex> reading(t.mutex);
    const auto found = t.texts.find(key);
    if (found != t.texts.end()) return &*found;
  }
  const std::unique_lock<std::shared_mutex> writing(t.mutex);
  return &*t.texts.insert(key).first;
}

}  // namespace

InternedText::InternedText() : InternedText(std::string()) {}

InternedText::InternedText(std::string_view text) : text_(interned(std::string(text))) {}

InternedText::InternedText(const std::string& text) : text_(interned(text)) {}

std::size_t InternedText::texts_held() {
  Table& t = table();
  const std::shared_lock<std::shared_mutex> reading(t.mutex);
  return t.texts.size();
}

}  // namespace casereview::workflows
