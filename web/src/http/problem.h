#pragma once
// The one place where errors become HTTP: domain outcomes, request problems and
// exceptions all leave the server as application/problem+json (RFC 9457), with a
// stable `code` that is also the identifier in the log. Internals (exception
// text, SQL) are logged, never sent.

#include <exception>

#include "casereview/engine/account_service.h"
#include "casereview/engine/case_service.h"
#include "casereview/engine/rule_setting_service.h"
#include "http/http_types.h"

namespace casereview::web {

HttpResponse problem_response(const ApiError& error);

// Maps a command's outcome that is not a success. problem_for(Invalid) throws
// std::logic_error for a code the catalogue lacks (a bug).
ApiError problem_for(const outcome::NotFound&);
ApiError problem_for(const outcome::Invalid& invalid);
ApiError problem_for(const outcome::NotAllowed& not_allowed);
ApiError problem_for(const outcome::Refused& refused);
ApiError problem_for(const outcome::Stale& stale);
ApiError problem_for(const outcome::NeedsConfirmation& confirmation);
ApiError problem_for(const outcome::Forbidden& forbidden);
// Any outcome but Changed (which is not a problem: std::logic_error).
ApiError problem_for(const CommandOutcome& result);

// Maps the refusals of the account and rule-setting services.
ApiError problem_for(const AccountRefused& refused);
ApiError problem_for(const RuleSettingRefused& refused);

// Maps whatever was thrown while handling a request (`error`, e.g.
// std::current_exception() in a catch block): ApiError to its problem;
// ConflictError to 409 CASE_VERSION_STALE (logged as a warning); a StorageError
// for a full disk or a read-only database to 503 STORAGE_FULL or
// STORAGE_READ_ONLY with Retry-After (a warning); anything else
// to 500 INTERNAL_ERROR, logged with an incident id that the response repeats.
// Never throws.
HttpResponse problem_for_exception(const std::exception_ptr& error, const HttpRequest& request);

}  // namespace casereview::web
