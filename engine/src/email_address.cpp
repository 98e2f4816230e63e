#include "casereview/engine/email_address.h"

#include <algorithm>

namespace casereview {

std::string email_problem(std::string_view address) {
  if (address.empty()) return "an e-mail address is needed";
  if (address.size() > kMaxEmailLength) return "an e-mail address has at most 254 characters";
  for (const char c : address) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) return "an e-mail address has no spaces, line breaks or control characters";
    if (std::string_view("<>,;\"()\\").find(c) != std::string_view::npos) {
      return std::string("an e-mail address has no ") + c;
    }
  }
  if (std::count(address.begin(), address.end(), '@') != 1) return "an e-mail address has exactly one @";
  const auto at = address.find('@');
  if (at == 0 || at + 1 == address.size()) return "an e-mail address has a name before the @ and a domain after it";
  return "";
}

}  // namespace casereview
