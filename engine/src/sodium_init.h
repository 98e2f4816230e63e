#pragma once
// libsodium must be initialised once before use; this does it, thread-safely.
namespace casereview {
void ensure_sodium();
}
