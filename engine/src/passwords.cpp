#include "casereview/engine/passwords.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "sodium_init.h"

namespace casereview {

namespace {
constexpr std::size_t kMinimumLength = 12;
}

std::string hash_password(const std::string& password) {
  ensure_sodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("not enough memory to hash a password");
  }
  return hash;
}

bool verify_password(const std::string& hash, const std::string& password) {
  ensure_sodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.c_str(), password.size()) == 0;
}

std::string password_weakness(const std::string& username, const std::string& password) {
  if (password.size() < kMinimumLength) {
    return "a password has at least " + std::to_string(kMinimumLength) + " characters";
  }
  if (password.size() > 256) return "a password has at most 256 characters";
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
