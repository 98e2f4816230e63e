#include "vocabulary_cache.h"

namespace casereview::db {

SharedVocabularies VocabularyCache::find(long long partnership_id, long long changes) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = kept_.find(partnership_id);
  if (found == kept_.end() || found->second.changes != changes) return nullptr;
  return found->second.vocabularies;
}

void VocabularyCache::keep(long long partnership_id, long long changes, SharedVocabularies vocabularies) {
  std::lock_guard<std::mutex> lock(mutex_);
  kept_[partnership_id] = Kept{changes, std::move(vocabularies)};
}

}  // namespace casereview::db
