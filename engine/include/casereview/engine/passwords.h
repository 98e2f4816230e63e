#pragma once
// Password hashing with argon2id (libsodium, "interactive" limits: about 145 ms
// and 64 MiB per hash on the reference machine). The hash string carries its
// own salt and parameters. Thread-safe; slow by design, so callers bound how
// many run at once.

#include <string>

namespace casereview {

// Throws std::runtime_error when memory for the hash cannot be had.
std::string hash_password(const std::string& password);
// False for a wrong password or a malformed hash; never throws.
bool verify_password(const std::string& hash, const std::string& password);
// Why `password` is too weak for `username`, or "" when acceptable (NIST SP
// 800-63B): fewer than 12 characters not counting spaces at either end (so
// twelve spaces are none), more than 256, a control, direction or invisible
// character (text.h), a common password or word of this service with digits or
// symbols around it (Password2024!), three or fewer different characters
// (aaaaaaaaaaaa), a run of the alphabet, the digits or a keyboard row
// (123456789012, qwertyuiopas), or the username in any letter case.
std::string password_weakness(const std::string& username, const std::string& password);
// Why `username` cannot be a username (1-100 letters, digits and . _ - @), or "".
std::string username_problem(const std::string& username);
// A random password people can type (20 characters from an unambiguous alphabet).
std::string generate_password();
// A random token (64 hex digits) for sessions and CSRF.
std::string random_token();

}  // namespace casereview
