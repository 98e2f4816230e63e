#pragma once
// Password hashing with argon2id (libsodium) at OWASP's recommended
// configuration (Password Storage Cheat Sheet: 19 MiB of memory, two passes,
// one lane): about 20 ms and 19 MiB per hash on the reference machine. The
// hash string carries its own salt and parameters, so a hash made with other
// parameters still verifies. Thread-safe; slow by design, so callers bound how
// many run at once.
//
// Why not libsodium's "interactive" 64 MiB, used before: a sign-in then took
// the server's resident memory from about 110 MB to 175 MB, and two at once
// (the login gate's slots) to 240 MB, on a machine whose budget is 150 MB;
// OWASP counts 19 MiB with two passes as good as any of its other settings.

#include <string>

namespace casereview {

// Throws std::runtime_error when memory for the hash cannot be had.
std::string hash_password(const std::string& password);
// False for a wrong password or a malformed hash; never throws.
bool verify_password(const std::string& hash, const std::string& password);
// True when `hash` was made with the parameters hash_password uses now; a
// sign-in that verified against an older hash stores a new one.
bool password_hash_is_current(const std::string& hash);
// A hash at the parameters used before (libsodium's interactive 64 MiB), for
// a decoy: while an account still has such a hash, a failed sign-in checks
// the password at both settings (failed_sign_in_decoy).
std::string hash_password_at_older_parameters(const std::string& password);
// For a sign-in whose password did not verify against `tried` (the account's
// hash, or the current decoy for an unknown username): the decoy to check it
// against as well, so that every failure does the same work, one check at the
// current parameters and one at the older, while `older_remain` (an account
// has an older hash). Without it a wrong username (a current decoy, 20 ms)
// and a wrong password for an account not yet rehashed (145 ms) could be told
// apart by the time they take.
enum class SignInDecoy { None, Current, Older };
SignInDecoy failed_sign_in_decoy(const std::string& tried, bool older_remain);
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
