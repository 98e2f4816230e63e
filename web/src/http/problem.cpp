#include "http/problem.h"

#include <atomic>
#include <type_traits>

#include "casereview/engine/date.h"
#include "log.h"

namespace casereview::web {
namespace {

Json field_errors(const std::vector<FieldError>& errors) {
  Json list = Json::array();
  for (const auto& e : errors) {
    Json item = Json::object();
    item.set("field", e.field);
    item.set("message", e.message);
    list.push(std::move(item));
  }
  return list;
}

std::string incident_id() {
  static std::atomic<long long> counter{0};
  return Instant::now().iso() + "-" + std::to_string(++counter);
}

// The request as the log names it: its method and path (secrets withheld).
std::string request_for_log(const HttpRequest& request) { return request.method + " " + path_for_log(request.path); }

// A full disk or a database that cannot be written: 503 with Retry-After,
// logged as a warning under the problem's code (what an operator must fix).
// SQLite rolled the transaction back, so nothing of the request was written.
HttpResponse storage_unavailable(const StorageError& error, const std::string& what) {
  constexpr long long kRetryAfterSeconds = 30;
  const bool full = error.fault() == StorageFault::Full;
  const Problem problem = full ? Problem::StorageFull : Problem::StorageReadOnly;
  log_line(LogLevel::Warning, full ? "STORAGE_FULL" : "STORAGE_READ_ONLY", what + ": " + error.what());
  const std::string detail =
      full ? "The disk that holds the database is full, so nothing of this request was saved. Reading goes on "
             "working. Ask your administrator to free space, then try again."
           : "The database cannot be written at the moment (it or its file system is read-only), so nothing of "
             "this request was saved. Reading goes on working. Ask your administrator, then try again.";
  return problem_response(ApiError{problem, detail, Json::object().set("retry_after_seconds", kRetryAfterSeconds)});
}

// Logs `what` under a new incident id and answers 500 with that id only.
HttpResponse internal_error(const std::string& what) {
  const std::string id = incident_id();
  log_line(LogLevel::Error, "INTERNAL_ERROR", "incident " + id + " on " + what);
  return problem_response(ApiError{Problem::InternalError,
                                   "Nothing was changed. Quote incident " + id + " to your administrator.",
                                   Json::object().set("incident", id)});
}

}  // namespace

HttpResponse problem_response(const ApiError& error) {
  Json body = Json::object();
  body.set("type", "urn:casereview:problem:" + error.code);
  body.set("title", error.title);
  body.set("status", error.status);
  body.set("code", error.code);
  body.set("detail", error.detail);
  for (const auto& [name, value] : error.extra.members()) body.set(name, value);
  HttpResponse response = HttpResponse::json(error.status, body);
  response.content_type = "application/problem+json; charset=utf-8";
  // A problem that says when to try again says it in the header too (RFC 9110).
  if (const Json* wait = error.extra.find("retry_after_seconds"); wait != nullptr && wait->is_integer()) {
    response.headers.emplace_back("Retry-After", std::to_string(wait->as_integer()));
  }
  return response;
}

ApiError problem_for(const outcome::NotFound&) {
  return ApiError{Problem::CaseNotFound, "There is no case with this id.", Json::object()};
}

ApiError problem_for(const outcome::Invalid& invalid) {
  Json extra = Json::object();
  extra.set("errors", field_errors(invalid.errors));
  const auto problem = problem_with_code(invalid.code);
  if (!problem) throw std::logic_error("the problem catalogue has no code " + invalid.code);
  return ApiError{*problem, invalid.message, extra};
}

ApiError problem_for(const outcome::NotAllowed& n) {
  Json allowed = Json::array();
  for (const auto& c : n.allowed) allowed.push(c);
  Json extra = Json::object();
  extra.set("state", n.state);
  extra.set("allowed_commands", allowed);
  return ApiError{Problem::CaseCommandNotAllowed,
                  "\"" + n.command + "\" cannot be taken while the case is in state \"" + n.state + "\".", extra};
}

ApiError problem_for(const outcome::Refused& refused) {
  Json extra = Json::object();
  if (!refused.field.empty()) {
    extra.set("errors", field_errors({{refused.field, refused.reason}}));
  }
  const Problem problem =
      refused.code == "IDENTIFIER_IN_FREE_TEXT" ? Problem::IdentifierInFreeText : Problem::CaseCommandRefused;
  return ApiError{problem, refused.reason, extra};
}

ApiError problem_for(const outcome::Stale& stale) {
  Json extra = Json::object();
  extra.set("expected_version", stale.expected);
  extra.set("current_version", stale.actual);
  return ApiError{Problem::CaseVersionStale,
                  "The case is at version " + std::to_string(stale.actual) + ", not " + std::to_string(stale.expected) +
                      ". Read it again and decide whether the step is still needed.",
                  extra};
}

ApiError problem_for(const outcome::NeedsConfirmation& confirmation) {
  Json warnings = Json::array();
  std::string detail;
  for (const Warning& w : confirmation.warnings) {
    Json item = Json::object();
    item.set("code", w.code);
    item.set("message", w.message);
    Json cases = Json::array();
    for (const auto& ref : w.case_references) cases.push(ref);
    item.set("cases", cases);
    warnings.push(std::move(item));
    detail += (detail.empty() ? "" : " ") + w.message;
  }
  Json extra = Json::object();
  extra.set("warnings", warnings);
  return ApiError{
      Problem::ConfirmationRequired,
      detail + " Send the request again with \"confirm\" listing the warning codes to open the case anyway.", extra};
}

ApiError problem_for(const outcome::Forbidden& forbidden) {
  return ApiError{Problem::CaseCommandForbidden, forbidden.reason, Json::object()};
}

ApiError problem_for(const CommandOutcome& result) {
  return std::visit(
      [](const auto& o) -> ApiError {
        if constexpr (std::is_same_v<std::decay_t<decltype(o)>, outcome::Changed>) {
          throw std::logic_error("a successful outcome is not a problem");
        } else {
          return problem_for(o);
        }
      },
      result);
}

ApiError problem_for(const AccountRefused& refused) {
  using Why = AccountRefused::Why;
  const Problem problem = [&] {
    switch (refused.why) {
      case Why::InvalidUsername:
      case Why::InvalidEmail:
        return Problem::InvalidMember;
      case Why::AgencyMissing:
      case Why::ReviewerMissing:
        return Problem::MissingMember;
      case Why::ReviewerNotInRegister:
        return Problem::ReviewerNotInRegister;
      case Why::PasswordTooWeak:
        return Problem::PasswordTooWeak;
      case Why::UsernameTaken:
        return Problem::UserExists;
      case Why::NoSuchUser:
        return Problem::UserNotFound;
      case Why::LastAdministrator:
        return Problem::LastAdministrator;
    }
    return Problem::InternalError;
  }();
  return ApiError{problem, refused.message,
                  Json::object().set("errors", field_errors({{refused.field, refused.message}}))};
}

ApiError problem_for(const RuleSettingRefused& refused) {
  using Why = RuleSettingRefused::Why;
  switch (refused.why) {
    case Why::NoSuchRule:
      return ApiError{Problem::RuleNotFound, refused.message};
    case Why::NothingToChange:
    case Why::NoReason:
      return ApiError{Problem::MissingMember, refused.message};
    case Why::NotAllowed:
      return ApiError{Problem::RuleSettingRefused, refused.message};
  }
  return ApiError{Problem::InternalError, refused.message};
}

HttpResponse problem_for_exception(const std::exception_ptr& error, const HttpRequest& request) {
  try {
    std::rethrow_exception(error);
  } catch (const ApiError& e) {
    return problem_response(e);
  } catch (const DateOutOfRange& e) {
    // Arithmetic left the supported dates somewhere no handler named a field.
    return problem_response(ApiError{Problem::DateOutOfRange, std::string(e.what()) + "."});
  } catch (const StorageError& e) {
    if (e.fault() == StorageFault::Other) return internal_error(request_for_log(request) + ": " + e.what());
    return storage_unavailable(e, request_for_log(request));
  } catch (const ConflictError& e) {
    // Another writer got in between our read and write: same advice as a stale version.
    log_line(LogLevel::Warning, "CASE_VERSION_STALE", request_for_log(request) + ": " + e.what());
    return problem_response(
        ApiError{Problem::CaseVersionStale, "The case changed while this step was being recorded. Read it again."});
  } catch (const std::exception& e) {
    return internal_error(request_for_log(request) + ": " + e.what());
  } catch (...) {
    return internal_error(request_for_log(request) + ": non-standard exception");
  }
}

}  // namespace casereview::web
