#include "http/problem_catalogue.h"

#include <stdexcept>

#include "http/http_types.h"

namespace casereview::web {

const std::vector<ProblemType>& problem_catalogue() {
  static const std::vector<ProblemType> catalogue = {
      {Problem::InvalidJson, "INVALID_JSON", 400, "The body is not valid JSON"},
      {Problem::MissingMember, "MISSING_MEMBER", 400, "The request is not valid"},
      {Problem::InvalidMember, "INVALID_MEMBER", 400, "The request is not valid"},
      {Problem::UnknownMember, "UNKNOWN_MEMBER", 400, "The request is not valid"},
      {Problem::InvalidFacts, "INVALID_FACTS", 400, "The facts are not valid"},
      {Problem::UnknownCaseKind, "UNKNOWN_CASE_KIND", 400, "Unknown case kind"},
      {Problem::UnknownCommand, "UNKNOWN_COMMAND", 400, "Unknown command"},
      {Problem::UnknownRule, "UNKNOWN_RULE", 400, "Unknown deadline rule"},
      {Problem::InvalidQuery, "INVALID_QUERY", 400, "The query is not valid"},
      {Problem::InvalidUri, "INVALID_URI", 400, "The request address is not valid"},
      {Problem::InvalidAccessReason, "INVALID_ACCESS_REASON", 400, "The access reason is not valid"},
      {Problem::InvalidBody, "INVALID_BODY", 400, "The body could not be read"},
      {Problem::InvalidRequest, "INVALID_REQUEST", 400, "The request is not valid HTTP"},
      {Problem::InvalidDocument, "INVALID_DOCUMENT", 400, "The document is not accepted"},
      {Problem::InvalidCalendarFeed, "INVALID_CALENDAR_FEED", 400, "The bank-holiday feed is not valid"},
      {Problem::InvalidCode, "INVALID_CODE", 400, "The code is not valid"},
      {Problem::DateOutOfRange, "DATE_OUT_OF_RANGE", 400, "A date is outside the supported range"},
      {Problem::NotSignedIn, "NOT_SIGNED_IN", 401, "Sign in first"},
      {Problem::LoginFailed, "LOGIN_FAILED", 401, "Sign-in failed"},
      {Problem::Forbidden, "FORBIDDEN", 403, "Not permitted"},
      {Problem::CsrfTokenInvalid, "CSRF_TOKEN_INVALID", 403, "The request is not from this session"},
      {Problem::PasswordChangeRequired, "PASSWORD_CHANGE_REQUIRED", 403, "Change your password first"},
      {Problem::CaseCommandForbidden, "CASE_COMMAND_FORBIDDEN", 403, "Not yours to do"},
      {Problem::NoPartnership, "NO_PARTNERSHIP", 403, "No partnership"},
      {Problem::NotFound, "NOT_FOUND", 404, "Not found"},
      {Problem::CaseNotFound, "CASE_NOT_FOUND", 404, "Case not found"},
      {Problem::DocumentNotFound, "DOCUMENT_NOT_FOUND", 404, "Document not found"},
      {Problem::ReviewerNotFound, "REVIEWER_NOT_FOUND", 404, "Reviewer not found"},
      {Problem::RuleNotFound, "RULE_NOT_FOUND", 404, "Rule not found"},
      {Problem::CodeNotFound, "CODE_NOT_FOUND", 404, "Code not found"},
      {Problem::UserNotFound, "USER_NOT_FOUND", 404, "User not found"},
      {Problem::MethodNotAllowed, "METHOD_NOT_ALLOWED", 405, "Method not allowed"},
      {Problem::CaseCommandNotAllowed, "CASE_COMMAND_NOT_ALLOWED", 409, "This step cannot be taken now"},
      {Problem::CaseVersionStale, "CASE_VERSION_STALE", 409, "The case has changed"},
      {Problem::ConfirmationRequired, "CONFIRMATION_REQUIRED", 409, "Check before opening"},
      {Problem::CodeExists, "CODE_EXISTS", 409, "The code exists already"},
      {Problem::UserExists, "USER_EXISTS", 409, "The username is taken"},
      {Problem::LastAdministrator, "LAST_ADMINISTRATOR", 409, "The partnership would have no administrator"},
      {Problem::CodeRetiredNationally, "CODE_RETIRED_NATIONALLY", 409, "The code was retired nationally"},
      {Problem::LegalHold, "LEGAL_HOLD", 409, "The case is under a legal hold"},
      {Problem::NoLegalHold, "NO_LEGAL_HOLD", 409, "The case has no legal hold"},
      {Problem::CaseNotClosed, "CASE_NOT_CLOSED", 409, "The case is still open"},
      {Problem::IdentityErased, "IDENTITY_ERASED", 409, "The identity was erased already"},
      {Problem::NothingToErase, "NOTHING_TO_ERASE", 409, "Nothing identifying is kept"},
      {Problem::DocumentErased, "DOCUMENT_ERASED", 410, "The document's content was erased"},
      {Problem::BodyTooLarge, "BODY_TOO_LARGE", 413, "The request body is too large"},
      {Problem::UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", 415, "The body is not of a type this route takes"},
      {Problem::CaseCommandRefused, "CASE_COMMAND_REFUSED", 422, "The step was refused"},
      {Problem::IdentifierInFreeText, "IDENTIFIER_IN_FREE_TEXT", 422, "Free text identifies the child or family"},
      {Problem::ErasureNotConfirmed, "ERASURE_NOT_CONFIRMED", 422, "The erasure was not confirmed"},
      {Problem::ReviewerNotInRegister, "REVIEWER_NOT_IN_REGISTER", 422, "Reviewer not in the register"},
      {Problem::PasswordTooWeak, "PASSWORD_TOO_WEAK", 422, "The password is too weak"},
      {Problem::PasswordWrong, "PASSWORD_WRONG", 422, "The current password is not right"},
      {Problem::RuleSettingRefused, "RULE_SETTING_REFUSED", 422, "The rule cannot be changed that way"},
      {Problem::ImportRefused, "IMPORT_REFUSED", 422, "The file was not imported"},
      {Problem::TooManyAttempts, "TOO_MANY_ATTEMPTS", 429, "Too many sign-in attempts"},
      {Problem::InternalError, "INTERNAL_ERROR", 500, "Something went wrong on the server"},
      {Problem::LoginBusy, "LOGIN_BUSY", 503, "Busy signing others in"},
      {Problem::ServerBusy, "SERVER_BUSY", 503, "The server is busy"},
      {Problem::StorageFull, "STORAGE_FULL", 503, "The database's disk is full"},
      {Problem::StorageReadOnly, "STORAGE_READ_ONLY", 503, "The database cannot be written"},
      {Problem::UiNotBuilt, "UI_NOT_BUILT", 503, "The browser pages are not built"},
  };
  return catalogue;
}

const ProblemType& problem_type(Problem problem) {
  const auto& all = problem_catalogue();
  const auto index = static_cast<std::size_t>(problem);
  // The table lists the enum in order; a gap would be a programming error.
  if (index >= all.size() || all[index].problem != problem) throw std::logic_error("problem catalogue out of order");
  return all[index];
}

std::optional<Problem> problem_with_code(std::string_view code) {
  for (const ProblemType& t : problem_catalogue()) {
    if (t.code == code) return t.problem;
  }
  return std::nullopt;
}

ApiError::ApiError(Problem p, std::string occurrence, Json more)
    : problem(p), detail(std::move(occurrence)), extra(std::move(more)) {
  const ProblemType& type = problem_type(p);
  status = type.status;
  code = std::string(type.code);
  title = std::string(type.title);
}

}  // namespace casereview::web
