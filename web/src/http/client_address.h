#pragma once
// Who a request comes from: the peer's address, or the client's behind the
// trusted reverse proxy (--trusted-proxy), in the one text form the server
// compares and counts addresses in.

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/IPAddress.h>

#include <string>

namespace casereview::web {

// An address as text, an IPv4 address in IPv6 form (::ffff:a.b.c.d, as a
// dual-stack listener sees IPv4 peers) written as IPv4.
std::string address_text(const Poco::Net::IPAddress& address);

// The client's address: the peer's, or, when the peer is `trusted_proxy` (an
// address_text; "" trusts none), the last address of the last X-Forwarded-For
// line (the one the proxy itself added, whether it replaced the header or
// appended a line or an element; any before it came from the client and prove
// nothing). The proxy's own address when that element is missing or not an
// address.
std::string client_address(const Poco::Net::HTTPServerRequest& request, const std::string& trusted_proxy);

}  // namespace casereview::web
