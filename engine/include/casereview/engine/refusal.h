#pragma once
// Why an engine service refused a request; nothing was changed. `code` is a
// stable problem code of the server's catalogue (web/src/http/problem.h), which
// gives its status: 400 a value, 404 no such thing, 409 not now, 422 a rule.

#include <string>

namespace casereview {

struct ServiceRefusal {
  std::string code;
  std::string field;  // the member at fault, "" for none
  std::string message;
};

}  // namespace casereview
