#pragma once
// The national data set's source of chance: splitmix64, written out rather than
// taken from <random>, whose distributions differ between standard libraries,
// so that one seed gives the same cases on every machine and compiler.

#include <cstdint>
#include <vector>

namespace casereview::demo {

class Dice {
 public:
  explicit Dice(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // A whole number from `low` to `high`, both included.
  int between(int low, int high) { return low + static_cast<int>(next() % static_cast<std::uint64_t>(high - low + 1)); }
  // True `percent` times in a hundred.
  bool percent(int percent) { return between(1, 100) <= percent; }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[next() % items.size()];
  }
  // An index into `weights`, each as likely as its weight.
  std::size_t weighted(const std::vector<int>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int roll = between(1, total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      roll -= weights[i];
      if (roll <= 0) return i;
    }
    return weights.size() - 1;
  }
  // `count` different items of `items` (all of them when it holds fewer), in its order.
  template <class T>
  std::vector<T> some(const std::vector<T>& items, std::size_t count) {
    std::vector<T> chosen;
    std::size_t left = items.size();
    for (const T& item : items) {
      if (chosen.size() < count && next() % left < count - chosen.size()) chosen.push_back(item);
      --left;
    }
    return chosen;
  }

 private:
  std::uint64_t state_;
};

}  // namespace casereview::demo
