#pragma once
// The server's secret key (pseudonyms, checkpoint signatures): 32 random bytes
// as hex in a file readable by the server's user only, kept outside the
// database so that a copy of the database alone cannot forge a signature.
// Back it up with the database; a restored database verifies with its key.

#include <optional>
#include <string>

namespace casereview::web {

// Reads the key at `path`, creating it (mode 0600) when there is none, and
// returns its 64 hex digits (that text is the key). Throws std::runtime_error
// when it cannot be read or created, or is not a key. An existing file's mode
// is not checked.
std::string load_or_create_server_key(const std::string& path);

// Reads the key at `path` without ever creating one: nullopt when there is no
// file there. Throws std::runtime_error when it cannot be read or is not a key.
std::optional<std::string> load_server_key(const std::string& path);

}  // namespace casereview::web
