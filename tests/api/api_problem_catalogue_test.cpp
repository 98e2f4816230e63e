// One catalogue of problems: every code once, with one status, listed the same
// in the catalogue, in web/README.md and in the OpenAPI document the server
// serves; every code the engine can hand to the web layer is in it; and the
// server answers with the catalogue's status and title.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
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
    EXPECT_TRUE(std::regex_match(std::string(t.code), std::regex("[A-Z][A-Z_]+[A-Z]"))) << t.code;
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
  const std::regex row(R"(\n\| (\d{3}) \| ([^|]*) \|)");
  for (auto r = std::sregex_iterator(section.begin(), section.end(), row); r != std::sregex_iterator(); ++r) {
    const std::string codes = (*r)[2];
    const std::regex code("`([A-Z_]+)`");
    for (auto c = std::sregex_iterator(codes.begin(), codes.end(), code); c != std::sregex_iterator(); ++c) {
      EXPECT_TRUE(listed.emplace((*c)[1], std::stoi((*r)[1])).second) << "listed twice: " << (*c)[1];
    }
  }
  EXPECT_EQ(listed, catalogue_statuses());
}

// Every code the engine's outcome::Invalid can carry (written as a literal in
// engine/ or workflows/) is one the catalogue can answer with.
TEST(ProblemCatalogue, KnowsEveryCodeTheEngineRaises) {
  const std::regex raised(R"re(Invalid(?:\s+\w+)?\{\s*"([A-Z_]+)")re");
  int found = 0;
  for (const char* layer : {"engine", "workflows"}) {
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(std::string(CASEREVIEW_SOURCE_DIR) + "/" + layer)) {
      if (entry.path().extension() != ".cpp" && entry.path().extension() != ".h") continue;
      const std::string text = read_text(entry.path());
      for (auto m = std::sregex_iterator(text.begin(), text.end(), raised); m != std::sregex_iterator(); ++m) {
        ++found;
        EXPECT_TRUE(web::problem_with_code((*m)[1].str())) << (*m)[1] << " in " << entry.path();
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
