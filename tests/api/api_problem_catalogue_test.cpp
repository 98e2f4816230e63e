// One catalogue of problems: every code once, with one status, listed the same
// in the catalogue, in web/README.md and in the OpenAPI document the server
// serves; every code the engine can hand to the web layer is in it; and the
// server answers with the catalogue's status and title.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "api_fixture.h"
#include "http/problem_catalogue.h"

namespace casereview {
namespace {

using testing_support::ApiTest;
using web::problem_catalogue;

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A code as the catalogue writes them: capitals and underscores, starting and
// ending with a capital. (No std::regex: GCC 12 warns inside <regex> under the
// sanitizers, and warnings are errors.)
bool is_code(std::string_view text) {
  if (text.size() < 3 || text.front() == '_' || text.back() == '_') return false;
  for (char c : text) {
    if (!(std::isupper(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

// Every `CODE` between backticks in `text`.
std::vector<std::string> quoted_codes(const std::string& text) {
  std::vector<std::string> out;
  for (auto open = text.find('`'); open != std::string::npos; open = text.find('`', open + 1)) {
    const auto close = text.find('`', open + 1);
    if (close == std::string::npos) break;
    const std::string inside = text.substr(open + 1, close - open - 1);
    if (is_code(inside)) out.push_back(inside);
    open = close;
  }
  return out;
}

std::map<std::string, int> catalogue_statuses() {
  std::map<std::string, int> out;
  for (const auto& t : problem_catalogue()) out[std::string(t.code)] = t.status;
  return out;
}

TEST(ProblemCatalogue, HasEachCodeOnceInEnumOrder) {
  std::set<std::string> codes;
  std::size_t index = 0;
  for (const auto& t : problem_catalogue()) {
    EXPECT_TRUE(codes.insert(std::string(t.code)).second) << "twice: " << t.code;
    EXPECT_EQ(static_cast<std::size_t>(t.problem), index++) << t.code;
    EXPECT_TRUE(is_code(t.code)) << t.code;
    EXPECT_GE(t.status, 400) << t.code;
    EXPECT_FALSE(t.title.empty()) << t.code;
    EXPECT_EQ(&web::problem_type(t.problem), &t);
  }
  EXPECT_GE(codes.size(), 40u);
}

// The README's table: each code once, in the row of its status.
TEST(ProblemCatalogue, IsTheTableInTheWebReadme) {
  const std::string readme = read_text(std::string(CASEREVIEW_SOURCE_DIR) + "/web/README.md");
  const auto from = readme.find("## Problem codes");
  ASSERT_NE(from, std::string::npos);
  const std::string section = readme.substr(from, readme.find("\n## ", from + 1) - from);
  std::map<std::string, int> listed;
  std::istringstream lines(section);
  std::string line;
  while (std::getline(lines, line)) {
    // "| 404 | `CASE_NOT_FOUND`, ... | when |"
    if (line.size() < 8 || line.compare(0, 2, "| ") != 0 || !std::isdigit(static_cast<unsigned char>(line[2])))
      continue;
    const int status = std::stoi(line.substr(2, 3));
    const auto codes_start = line.find('|', 2) + 1;
    const std::string codes = line.substr(codes_start, line.find('|', codes_start) - codes_start);
    for (const std::string& code : quoted_codes(codes)) {
      EXPECT_TRUE(listed.emplace(code, status).second) << "listed twice: " << code;
    }
  }
  EXPECT_EQ(listed, catalogue_statuses());
}

// Every code the engine's outcome::Invalid can carry (written as a literal in
// engine/ or workflows/) is one the catalogue can answer with.
TEST(ProblemCatalogue, KnowsEveryCodeTheEngineRaises) {
  int found = 0;
  for (const char* layer : {"engine", "workflows"}) {
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(std::string(CASEREVIEW_SOURCE_DIR) + "/" + layer)) {
      if (entry.path().extension() != ".cpp" && entry.path().extension() != ".h") continue;
      const std::string text = read_text(entry.path());
      // outcome::Invalid{"CODE", ...} or outcome::Invalid name{"CODE", ...}
      for (auto at = text.find("Invalid"); at != std::string::npos; at = text.find("Invalid", at + 1)) {
        const auto brace = text.find('{', at);
        if (brace == std::string::npos || brace - at > 40) continue;
        const std::string between = text.substr(at + 7, brace - at - 7);
        if (between.find_first_not_of(" abcdefghijklmnopqrstuvwxyz_") != std::string::npos) continue;
        const auto quote = text.find_first_not_of(" \n", brace + 1);
        if (quote == std::string::npos || text[quote] != '"') continue;
        const std::string code = text.substr(quote + 1, text.find('"', quote + 1) - quote - 1);
        if (!is_code(code)) continue;
        ++found;
        EXPECT_TRUE(web::problem_with_code(code)) << code << " in " << entry.path();
      }
    }
  }
  EXPECT_GE(found, 4);
}

class ProblemCatalogueServed : public ApiTest {};

TEST_F(ProblemCatalogueServed, IsTheEnumOfTheOpenApiProblemCode) {
  const Json doc = server().get("/api/v1/openapi.json").json();
  std::map<std::string, int> documented;
  const auto& statuses = catalogue_statuses();
  for (const Json& code : doc["components"]["schemas"]["Problem"]["properties"]["code"]["enum"].items()) {
    const auto known = statuses.find(code.as_string());
    EXPECT_TRUE(known != statuses.end()) << code.as_string();
    EXPECT_TRUE(documented.emplace(code.as_string(), known == statuses.end() ? 0 : known->second).second)
        << "twice: " << code.as_string();
  }
  EXPECT_EQ(documented, statuses);
}

TEST_F(ProblemCatalogueServed, AnswersWithTheCataloguesStatusAndTitle) {
  for (const auto& [target, problem] : std::vector<std::pair<std::string, web::Problem>>{
           {"/api/v1/no-such-route", web::Problem::NotFound},
           {"/api/v1/cases/999999", web::Problem::CaseNotFound},
           {"/api/v1/reviewers/999999", web::Problem::ReviewerNotFound},
           {"/api/v1/deadlines/preview?rule=nope&anchor=2022-09-14", web::Problem::UnknownRule}}) {
    const auto& type = web::problem_type(problem);
    const auto r = server().get(target);
    EXPECT_EQ(r.status, type.status) << target;
    const Json body = r.json();
    EXPECT_EQ(body["code"].as_string(), type.code) << target;
    EXPECT_EQ(body["title"].as_string(), type.title) << target;
    EXPECT_EQ(body["status"].as_integer(), type.status) << target;
  }
}

}  // namespace
}  // namespace casereview
