#pragma once
// libsodium must be initialised once before use; this does it, thread-safely.
#include <cstddef>
#include <string>

namespace casereview {
void ensure_sodium();
// `bytes` random bytes from the system's CSPRNG, as lowercase hex.
std::string random_hex(std::size_t bytes);
}  // namespace casereview
