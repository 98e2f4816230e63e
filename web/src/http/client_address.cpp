#include "http/client_address.h"

#include <Poco/String.h>

namespace casereview::web {

std::string address_text(const Poco::Net::IPAddress& address) {
  if (address.family() == Poco::Net::IPAddress::IPv6 && address.isIPv4Mapped()) {
    constexpr int kIPv4InIPv6 = 12;  // the last 4 of the 16 bytes
    return Poco::Net::IPAddress(static_cast<const char*>(address.addr()) + kIPv4InIPv6, 4).toString();
  }
  return address.toString();
}

std::string client_address(const Poco::Net::HTTPServerRequest& request, const std::string& trusted_proxy) {
  std::string peer = address_text(request.clientAddress().host());
  if (trusted_proxy.empty() || peer != trusted_proxy) return peer;
  std::string forwarded;
  for (auto it = request.find("X-Forwarded-For");
       it != request.end() && Poco::icompare(it->first, "X-Forwarded-For") == 0; ++it) {
    forwarded = it->second;
  }
  const std::string last = Poco::trim(forwarded.substr(forwarded.rfind(',') + 1));
  Poco::Net::IPAddress address;
  return Poco::Net::IPAddress::tryParse(last, address) ? address_text(address) : peer;
}

}  // namespace casereview::web
