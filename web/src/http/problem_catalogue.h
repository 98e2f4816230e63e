#pragma once
// The catalogue of problems the server answers with: one stable code per kind of
// problem, with its one HTTP status and its one title. Every error response is
// built from it (ApiError takes a Problem, never a status of its own), so a code
// cannot mean two statuses in two handlers. web/README.md and the OpenAPI
// document list the same codes; tests/api/api_problem_catalogue_test.cpp checks
// that all three agree.

#include <optional>
#include <string_view>
#include <vector>

namespace casereview::web {

enum class Problem {
  // 400: the request cannot be understood
  InvalidJson,
  MissingMember,
  InvalidMember,
  UnknownMember,
  InvalidFacts,
  UnknownCaseKind,
  UnknownCommand,
  UnknownRule,
  InvalidQuery,
  InvalidUri,
  InvalidAccessReason,
  InvalidBody,
  InvalidRequest,
  InvalidDocument,
  InvalidCalendarFeed,
  InvalidCode,
  DateOutOfRange,
  // 401
  NotSignedIn,
  LoginFailed,
  // 403
  Forbidden,
  CsrfTokenInvalid,
  PasswordChangeRequired,
  CaseCommandForbidden,
  NoPartnership,
  // 404
  NotFound,
  CaseNotFound,
  DocumentNotFound,
  ReviewerNotFound,
  RuleNotFound,
  CodeNotFound,
  UserNotFound,
  // 405
  MethodNotAllowed,
  // 409
  CaseCommandNotAllowed,
  CaseVersionStale,
  ConfirmationRequired,
  CodeExists,
  UserExists,
  LastAdministrator,
  CodeRetiredNationally,
  LegalHold,
  NoLegalHold,
  CaseNotClosed,
  IdentityErased,
  NothingToErase,
  // 410
  DocumentErased,
  // 413, 415
  BodyTooLarge,
  UnsupportedMediaType,
  // 422: understood, but a rule refuses it
  CaseCommandRefused,
  IdentifierInFreeText,
  ErasureNotConfirmed,
  ReviewerNotInRegister,
  PasswordTooWeak,
  PasswordWrong,
  RuleSettingRefused,
  ImportRefused,
  // 429
  TooManyAttempts,
  // 500, 503
  InternalError,
  LoginBusy,
  ServerBusy,  // answered by the connection guard, before any route
  StorageFull,
  StorageReadOnly,
  UiNotBuilt,
};

struct ProblemType {
  Problem problem;
  std::string_view code;  // stable: logs, documentation and clients match on it
  int status;
  std::string_view title;  // short and fixed; the occurrence goes in `detail`
};

// Every problem, in the order above.
const std::vector<ProblemType>& problem_catalogue();
// Throws std::logic_error when the table is out of step with the enum (a bug).
const ProblemType& problem_type(Problem problem);
// The problem with `code`; nullopt when the catalogue has none (the engine's
// outcome::Invalid codes must all be in it: the catalogue test checks).
std::optional<Problem> problem_with_code(std::string_view code);

}  // namespace casereview::web
