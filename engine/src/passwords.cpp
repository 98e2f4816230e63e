#include "casereview/engine/passwords.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

#include "casereview/engine/json.h"
#include "casereview/engine/text.h"
#include "code_points.h"
#include "sodium_init.h"

namespace casereview {

namespace {
constexpr std::size_t kMinimumLength = 12;
// OWASP's recommended argon2id configuration (passwords.h).
constexpr unsigned long long kHashPasses = 2;
constexpr std::size_t kHashMemoryBytes = std::size_t{19} * 1024 * 1024;

// Passwords that lists of breached passwords begin with, and the words of this
// service (NIST SP 800-63B, 5.1.1.2: "commonly-used, expected, or compromised"),
// compared folded and without the digits and symbols people put around them.
const std::set<std::string>& common_words() {
  static const std::set<std::string> kWords = {"password",
                                               "passw0rd",
                                               "p@ssword",
                                               "passwort",
                                               "motdepasse",
                                               "qwerty",
                                               "qwertyuiop",
                                               "azerty",
                                               "letmein",
                                               "welcome",
                                               "admin",
                                               "administrator",
                                               "iloveyou",
                                               "monkey",
                                               "dragon",
                                               "football",
                                               "baseball",
                                               "sunshine",
                                               "princess",
                                               "master",
                                               "shadow",
                                               "superman",
                                               "batman",
                                               "trustno",
                                               "starwars",
                                               "whatever",
                                               "freedom",
                                               "charlie",
                                               "michael",
                                               "jennifer",
                                               "jordan",
                                               "hunter",
                                               "ranger",
                                               "summer",
                                               "winter",
                                               "spring",
                                               "autumn",
                                               "liverpool",
                                               "chelsea",
                                               "arsenal",
                                               "manchester",
                                               "london",
                                               "england",
                                               "secret",
                                               "changeme",
                                               "default",
                                               "login",
                                               "access",
                                               "computer",
                                               "internet",
                                               "hello",
                                               "pokemon",
                                               "cookie",
                                               "flower",
                                               "chocolate",
                                               "soccer",
                                               "ginger",
                                               "pepper",
                                               "thomas",
                                               "jessica",
                                               "ashley",
                                               "matthew",
                                               "andrew",
                                               "joshua",
                                               "robert",
                                               "william",
                                               "sophie",
                                               "lovely",
                                               "family",
                                               "friends",
                                               "mustang",
                                               "samsung",
                                               "google",
                                               "facebook",
                                               "microsoft",
                                               "apple",
                                               "orange",
                                               "banana",
                                               "purple",
                                               "silver",
                                               "golden",
                                               "diamond",
                                               "forever",
                                               "blessed",
                                               "jesus",
                                               "angel",
                                               "heaven",
                                               "passphrase",
                                               "correcthorsebatterystaple",
                                               "abc",
                                               "abcd",
                                               "test",
                                               "testing",
                                               "guest",
                                               "user",
                                               "temp",
                                               "temporary",
                                               "casereview",
                                               "safeguarding",
                                               "cdop",
                                               "lscp",
                                               "partnership",
                                               "childdeath",
                                               "childdeathreview",
                                               "review",
                                               "panel",
                                               "manager",
                                               "scrutineer",
                                               "auditor",
                                               "national",
                                               "vocabulary",
                                               "reviewer",
                                               "council",
                                               "nhs"};
  return kWords;
}

// Runs people take for a password: the alphabet, the digits, keyboard rows.
constexpr const char* kSequences[] = {
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "01234567890123456789012345678901234567890123456789",
    "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p1qaz2wsx3edc4rfv"};

bool is_common_password(const std::string& password) {
  std::string folded = text::identity_fold(password);
  folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
  // Three or fewer different characters: aaaaaaaaaaaa, abababababab.
  std::set<UChar32> distinct;
  for_each_code_point(folded, [&](UChar32 c, std::size_t, std::size_t) { distinct.insert(c); });
  if (distinct.size() <= 3) return true;
  std::string reversed(folded.rbegin(), folded.rend());
  for (const char* sequence : kSequences) {
    const std::string run(sequence);
    if (run.find(folded) != std::string::npos || run.find(reversed) != std::string::npos) return true;
  }
  // The core without digits and symbols at either end, alone or twice.
  const auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0 || (c & 0x80) != 0; };
  const auto first = std::find_if(folded.begin(), folded.end(), letter);
  const auto last = std::find_if(folded.rbegin(), folded.rend(), letter).base();
  if (first >= last) return false;  // no letter: digits and symbols, judged by the rules above
  const std::string core(first, last);
  if (common_words().count(core)) return true;
  const std::size_t half = core.size() / 2;
  return core.size() % 2 == 0 && core.compare(0, half, core, half, half) == 0 &&
         common_words().count(core.substr(0, half));
}
}  // namespace

std::string hash_password(const std::string& password) {
  ensure_sodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.c_str(), password.size(), kHashPasses, kHashMemoryBytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("not enough memory to hash a password");
  }
  return hash;
}

bool verify_password(const std::string& hash, const std::string& password) {
  ensure_sodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.c_str(), password.size()) == 0;
}

std::string hash_password_at_older_parameters(const std::string& password) {
  ensure_sodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("not enough memory to hash a password");
  }
  return hash;
}

SignInDecoy failed_sign_in_decoy(const std::string& tried, bool older_remain) {
  if (!password_hash_is_current(tried)) return SignInDecoy::Current;
  return older_remain ? SignInDecoy::Older : SignInDecoy::None;
}

bool password_hash_is_current(const std::string& hash) {
  ensure_sodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_needs_rehash(hash.c_str(), kHashPasses, kHashMemoryBytes) == 0;
}

std::string password_weakness(const std::string& username, const std::string& password) {
  if (!is_valid_utf8(password)) return "a password is text (UTF-8)";
  if (text::forbidden_character(password, text::Kind::Line)) {
    return "a password may not contain control, direction or invisible characters";
  }
  if (text::visible_characters(password) < kMinimumLength) {
    return "a password has at least " + std::to_string(kMinimumLength) +
           " characters, not counting spaces at either end";
  }
  if (text::characters(password) > 256) return "a password has at most 256 characters";
  if (is_common_password(password)) {
    return "a password may not be a common password (even with digits or symbols around it), a word of this "
           "service, or characters repeated or in sequence (such as aaaaaaaaaaaa or 123456789012)";
  }
  std::string lower_password = password, lower_user = username;
  for (auto* s : {&lower_password, &lower_user}) {
    std::transform(s->begin(), s->end(), s->begin(), [](unsigned char c) { return std::tolower(c); });
  }
  if (!lower_user.empty() && lower_password.find(lower_user) != std::string::npos) {
    return "a password may not contain the username";
  }
  return "";
}

std::string username_problem(const std::string& username) {
  if (username.empty() || username.size() > 100) return "a username is 1 to 100 characters";
  for (unsigned char c : username) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-' || c == '@';
    if (!ok) return "a username has only letters, digits and . _ - @";
  }
  return "";
}

std::string generate_password() {
  ensure_sodium();
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 20; ++i) out += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
  return out;
}

std::string random_token() { return random_hex(32); }

}  // namespace casereview
