#pragma once
// Decoding and checking request input. Every helper throws ApiError with a
// message that names the offending member or parameter. A member whose value
// is null counts as absent.

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "casereview/engine/date.h"
#include "casereview/engine/json.h"
#include "casereview/engine/refusal.h"
#include "casereview/engine/report_period.h"
#include "http/http_types.h"

namespace casereview::web {

// The body parsed as a JSON object. 415 unless Content-Type is application/json
// (compared exactly, parameters after ';' ignored); 400 INVALID_JSON with the
// byte offset when it does not parse (nesting deeper than 16 included) or is not
// an object.
Json json_body(const HttpRequest& request);

// The request's media type without parameters, trimmed and lower-cased (media
// types are case-insensitive): "Application/JSON ; charset=utf-8" gives
// "application/json"; "" when there is no Content-Type.
std::string media_type(const HttpRequest& request);

// 400 UNKNOWN_MEMBER when `body` (an object) has members other than `allowed`
// (catches misspelt names).
void only_members(const Json& body, std::initializer_list<const char*> allowed);

// Absent: 400 MISSING_MEMBER. Otherwise 400 INVALID_MEMBER unless non-empty text
// (required_text) or an integer (required_integer).
std::string required_text(const Json& body, const char* name);
// A name, a label or a title as people type it (engine/.../text.h, a line):
// in normal form C; 400 INVALID_MEMBER when it has no visible character, more
// than `max_characters` characters, or a control, direction or invisible
// character. Not for passwords, which are compared as typed.
std::string required_line(const Json& body, const char* name, std::size_t max_characters);
long long required_integer(const Json& body, const char* name);
// As required_integer, and 400 INVALID_MEMBER outside [min, max].
long long required_integer(const Json& body, const char* name, long long min, long long max);
// An e-mail address member: its text, or "" when it is null (no address). The
// address itself is checked by the account service. Absent: 400 MISSING_MEMBER;
// anything but text or null: 400 INVALID_MEMBER.
std::string email_member(const Json& body, const char* name);
// The member `name` as an object; an absent member is an empty object.
Json object_member(const Json& body, const char* name);
// true or false; 400 INVALID_MEMBER for anything else (and, for required_flag,
// for nothing).
bool required_flag(const Json& body, const char* name);
bool optional_flag(const Json& body, const char* name);  // absent: false

// The {id} of the path when it is a positive integer (at most 18 digits), else
// nullopt (the caller answers with its own 404). Only for a route whose pattern
// has {id} (std::out_of_range otherwise).
std::optional<long long> id_param(const HttpRequest& request);
// The {id} of the path as a case id; 404 CASE_NOT_FOUND when it is not a positive
// integer.
long long case_id_param(const HttpRequest& request);

// A 400 `problem` naming one field: {"errors": [{"field", "message"}]}.
ApiError invalid(Problem problem, const std::string& field, const std::string& message);
// An engine service's refusal as its problem. The engine's codes are the
// catalogue's (ProblemCatalogue.KnowsEveryCodeTheEngineRaises); a refusal that
// names a member says so in "errors", as every 4xx does (invalid()).
ApiError problem_for(const ServiceRefusal& refused);

// Query parameters. Absent: nullopt. Present but invalid: 400 INVALID_QUERY.
// query_text takes any value, "" included.
std::optional<Date> query_date(const HttpRequest& request, const char* name);
std::optional<int> query_int(const HttpRequest& request, const char* name, int min, int max);
std::optional<std::string> query_text(const HttpRequest& request, const char* name);
std::optional<bool> query_flag(const HttpRequest& request, const char* name);  // "true" or "false"
// "a,b,c" as its parts, empty ones kept ("a,,b" gives "a", "", "b").
std::vector<std::string> split_commas(const std::string& text);
// One of `choices`, or nullopt when absent; 400 INVALID_QUERY naming the choices.
std::optional<std::string> query_choice(const HttpRequest& request, const char* name,
                                        std::initializer_list<const char*> choices);
// The period of `from` and `to` (report_period.h: absent ends from the financial
// year, of `today` when both are absent); 400 INVALID_QUERY naming "to" when it
// is before "from".
ReportPeriod query_period(const HttpRequest& request, Date today);
// The period of a list that shows everything without one: nullopt when neither
// from nor to is given, else as query_period.
std::optional<ReportPeriod> query_optional_period(const HttpRequest& request, Date today);
// 400 when the query has parameters other than `allowed`.
void only_query(const HttpRequest& request, std::initializer_list<const char*> allowed);

}  // namespace casereview::web
