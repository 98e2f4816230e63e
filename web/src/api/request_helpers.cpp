#include "api/request_helpers.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <variant>

#include "casereview/engine/text.h"

namespace casereview::web {

ApiError invalid(Problem problem, const std::string& field, const std::string& message) {
  Json error = Json::object();
  error.set("field", field);
  error.set("message", message);
  Json errors = Json::array();
  errors.push(error);
  Json extra = Json::object();
  extra.set("errors", std::move(errors));
  return ApiError{problem, message, extra};
}

ApiError problem_for(const ServiceRefusal& refused) {
  const auto problem = problem_with_code(refused.code);
  if (!problem) throw std::logic_error("a refusal with a code outside the catalogue: " + refused.code);
  if (!refused.field.empty()) return invalid(*problem, refused.field, refused.message);
  return ApiError{*problem, refused.message, Json::object()};
}

namespace {

std::optional<long long> parse_integer(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  const bool digits = std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) return std::nullopt;
  return std::strtoll(text.c_str(), nullptr, 10);
}

}  // namespace

std::string media_type(const HttpRequest& request) {
  std::string type = request.content_type.substr(0, request.content_type.find(';'));
  const auto first = type.find_first_not_of(" \t");
  const auto last = type.find_last_not_of(" \t");
  type = first == std::string::npos ? "" : type.substr(first, last - first + 1);
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

Json json_body(const HttpRequest& request) {
  if (media_type(request) != "application/json") {
    throw ApiError{Problem::UnsupportedMediaType, "Send the body with Content-Type: application/json.", Json::object()};
  }
  Json body;
  try {
    body = Json::parse(request.body, Json::Limits{16, request.body.size()});
  } catch (const JsonParseError& e) {
    Json extra = Json::object();
    extra.set("offset", static_cast<long long>(e.offset()));
    throw ApiError{Problem::InvalidJson, e.what(), extra};
  }
  if (!body.is_object()) throw invalid(Problem::InvalidJson, "", "The body must be a JSON object.");
  return body;
}

void only_members(const Json& body, std::initializer_list<const char*> allowed) {
  for (const auto& member : body.members()) {
    const std::string& name = member.first;
    const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return name == a; });
    if (!known) throw invalid(Problem::UnknownMember, name, "\"" + name + "\" is not expected in this request.");
  }
}

std::string required_text(const Json& body, const char* name) {
  const Json& value = body[name];
  if (value.is_null()) throw invalid(Problem::MissingMember, name, std::string(name) + " is required.");
  if (!value.is_string() || value.as_string().empty()) {
    throw invalid(Problem::InvalidMember, name, std::string(name) + " must be non-empty text.");
  }
  return value.as_string();
}

std::string required_line(const Json& body, const char* name, std::size_t max_characters) {
  std::string line = text::cleaned(required_text(body, name), text::Kind::Line);
  if (auto bad = text::forbidden_character(line, text::Kind::Line)) {
    throw invalid(Problem::InvalidMember, name, std::string(name) + " may not contain " + bad->described() + ".");
  }
  if (text::visible_characters(line) == 0) {
    throw invalid(Problem::InvalidMember, name, std::string(name) + " must have at least one visible character.");
  }
  if (text::characters(line) > max_characters) {
    throw invalid(Problem::InvalidMember, name,
                  std::string(name) + " is longer than " + std::to_string(max_characters) + " characters.");
  }
  return line;
}

std::string email_member(const Json& body, const char* name) {
  const Json* value = body.find(name);
  if (!value) throw invalid(Problem::MissingMember, name, std::string(name) + " is required (null for none).");
  if (value->is_null()) return "";
  if (!value->is_string() || value->as_string().empty()) {
    throw invalid(Problem::InvalidMember, name, std::string(name) + " must be an e-mail address, or null for none.");
  }
  return value->as_string();
}

long long required_integer(const Json& body, const char* name) {
  const Json& value = body[name];
  if (value.is_null()) throw invalid(Problem::MissingMember, name, std::string(name) + " is required.");
  if (!value.is_integer()) throw invalid(Problem::InvalidMember, name, std::string(name) + " must be an integer.");
  return value.as_integer();
}

long long required_integer(const Json& body, const char* name, long long min, long long max) {
  const long long value = required_integer(body, name);
  if (value < min || value > max) {
    throw invalid(Problem::InvalidMember, name,
                  std::string(name) + " must be from " + std::to_string(min) + " to " + std::to_string(max) + ".");
  }
  return value;
}

Json object_member(const Json& body, const char* name) {
  const Json& value = body[name];
  if (value.is_null()) return Json::object();
  if (!value.is_object()) throw invalid(Problem::InvalidMember, name, std::string(name) + " must be an object.");
  return value;
}

bool optional_flag(const Json& body, const char* name) {
  const Json& v = body[name];
  if (v.is_null()) return false;
  if (!v.is_bool()) throw invalid(Problem::InvalidMember, name, std::string(name) + " must be true or false.");
  return v.as_bool();
}

bool required_flag(const Json& body, const char* name) {
  if (!body[name].is_bool()) throw invalid(Problem::InvalidMember, name, std::string(name) + " must be true or false.");
  return body[name].as_bool();
}

std::optional<long long> id_param(const HttpRequest& request) {
  const auto id = parse_integer(request.params.at("id"));
  if (!id || *id < 1) return std::nullopt;
  return id;
}

long long case_id_param(const HttpRequest& request) {
  const auto id = id_param(request);
  if (!id) {
    throw ApiError{Problem::CaseNotFound, "There is no case with this id.", Json::object()};
  }
  return *id;
}

std::optional<std::string> query_text(const HttpRequest& request, const char* name) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> query_choice(const HttpRequest& request, const char* name,
                                        std::initializer_list<const char*> choices) {
  auto text = query_text(request, name);
  if (!text) return std::nullopt;
  std::string listed;
  for (const char* choice : choices) {
    if (*text == choice) return text;
    listed += (listed.empty() ? "" : ", ") + std::string(choice);
  }
  throw invalid(Problem::InvalidQuery, name, std::string(name) + " must be one of: " + listed + ".");
}

ReportPeriod query_period(const HttpRequest& request, Date today) {
  const auto period = report_period(query_date(request, "from"), query_date(request, "to"), today);
  if (const auto* problem = std::get_if<std::string>(&period)) throw invalid(Problem::InvalidQuery, "to", *problem);
  return std::get<ReportPeriod>(period);
}

std::optional<ReportPeriod> query_optional_period(const HttpRequest& request, Date today) {
  if (!query_text(request, "from") && !query_text(request, "to")) return std::nullopt;
  return query_period(request, today);
}

std::optional<bool> query_flag(const HttpRequest& request, const char* name) {
  const auto text = query_text(request, name);
  if (!text) return std::nullopt;
  if (*text == "true") return true;
  if (*text == "false") return false;
  throw ApiError{Problem::InvalidQuery, std::string(name) + " must be true or false.", Json::object()};
}

std::optional<Date> query_date(const HttpRequest& request, const char* name) {
  const auto text = query_text(request, name);
  if (!text) return std::nullopt;
  const auto date = Date::parse(*text);
  if (!date) {
    throw invalid(Problem::InvalidQuery, name,
                  std::string(name) + " \"" + *text + "\" " + Date::parse_problem(*text) + ".");
  }
  return date;
}

std::optional<int> query_int(const HttpRequest& request, const char* name, int min, int max) {
  const auto text = query_text(request, name);
  if (!text) return std::nullopt;
  const auto value = parse_integer(*text);
  if (!value || *value < min || *value > max) {
    throw invalid(
        Problem::InvalidQuery, name,
        std::string(name) + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ".");
  }
  return static_cast<int>(*value);
}

void only_query(const HttpRequest& request, std::initializer_list<const char*> allowed) {
  for (const auto& entry : request.query) {
    const std::string& name = entry.first;
    const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return name == a; });
    if (!known) throw invalid(Problem::InvalidQuery, name, "\"" + name + "\" is not a parameter of this request.");
  }
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace casereview::web
