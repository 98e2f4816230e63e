#include "casereview/engine/keyed.h"

#include <sodium.h>

#include <cctype>

#include "sodium_init.h"

namespace casereview {

std::string hmac_hex(const std::string& key, const std::string& data) {
  ensure_sodium();
  // HMAC-SHA256 with a key of any length (libsodium's multi-part API hashes long keys).
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

std::string pseudonym(const std::string& key, const Subject& subject) {
  // The same child in every case: by name and date of birth when both are known
  // (they are in every death notification), else by NHS number, else this
  // subject alone.
  const SubjectKey k = SubjectKey::from_facts(subject.details);
  std::string basis;
  if (!k.given_name.empty() && !k.family_name.empty() && k.date_of_birth) {
    basis = "person:" + k.given_name + "|" + k.family_name + "|" + k.date_of_birth->iso();
  } else if (!k.nhs_number.empty()) {
    basis = "nhs:" + k.nhs_number;
  } else {
    basis = "subject:" + subject.commitment();
  }
  std::string mac = hmac_hex(key, "pseudonym:" + basis);
  std::string out = "C-";
  for (std::size_t i = 0; i < 10; ++i) out += static_cast<char>(std::toupper(static_cast<unsigned char>(mac[i])));
  return out;
}

}  // namespace casereview
