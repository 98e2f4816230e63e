#include "api/report_document.h"

#include <algorithm>
#include <string_view>

namespace casereview::web {
namespace {

constexpr std::string_view kCasesMember = "cases";
constexpr std::string_view kCaseHref = "/api/v1/cases/";

// The bytes a listed case takes as text, its escapes aside: a figure of
// thousands of cases is written into a string sized once.
std::size_t listed_case_bytes(const workflows::CaseRef& ref) {
  constexpr std::size_t kFixed = std::string_view(R"({"id":,"reference":"","href":""},)").size();
  const std::size_t id_digits = std::to_string(ref.id).size();
  return kFixed + 2 * id_digits + kCaseHref.size() + ref.reference.size();
}

}  // namespace

Json ReportDocument::listing(const std::vector<workflows::CaseRef>& cases, std::size_t named) {
  if (named == 0) return Json::array();
  listings_.push_back({&cases, std::min(named, cases.size())});
  return Json(static_cast<long long>(listings_.size() - 1));
}

const ReportDocument::Listed* ReportDocument::listed(const Json& cases) const {
  if (!cases.is_integer()) return nullptr;
  return &listings_.at(static_cast<std::size_t>(cases.as_integer()));
}

std::string ReportDocument::text() const {
  std::size_t bytes = tree_.dump().size();
  for (const Listed& l : listings_) {
    for (std::size_t i = 0; i < l.named; ++i) bytes += listed_case_bytes((*l.cases)[i]);
  }
  std::string out;
  out.reserve(bytes);
  write(out, tree_);
  return out;
}

HttpResponse ReportDocument::answer() const {
  HttpResponse response;
  response.body = text();
  return response;
}

void ReportDocument::write(std::string& out, const Json& value) const {
  if (value.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < value.items().size(); ++i) {
      if (i) out += ',';
      write(out, value.items()[i]);
    }
    out += ']';
    return;
  }
  if (!value.is_object()) {
    value.dump_to(out);
    return;
  }
  out += '{';
  bool first = true;
  for (const auto& [name, member] : value.members()) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, name);
    out += ':';
    const Listed* l = name == kCasesMember ? listed(member) : nullptr;
    if (!l) {
      write(out, member);
      continue;
    }
    out += '[';
    for (std::size_t i = 0; i < l->named; ++i) {
      const workflows::CaseRef& ref = (*l->cases)[i];
      const std::string id = std::to_string(ref.id);
      if (i) out += ',';
      out.append(R"({"id":)").append(id).append(R"(,"reference":)");
      append_json_string(out, ref.reference);
      out.append(R"(,"href":")").append(kCaseHref).append(id).append(R"("})");
    }
    out += ']';
  }
  out += '}';
}

Json ReportDocument::whole() const { return whole(tree_); }

Json ReportDocument::whole(const Json& value) const {
  if (value.is_array()) {
    Json items = Json::array();
    for (const Json& item : value.items()) items.push(whole(item));
    return items;
  }
  if (!value.is_object()) return value;
  Json object = Json::object();
  for (const auto& [name, member] : value.members()) {
    const Listed* l = name == kCasesMember ? listed(member) : nullptr;
    if (!l) {
      object.set(name, whole(member));
      continue;
    }
    Json cases = Json::array();
    for (std::size_t i = 0; i < l->named; ++i) {
      const workflows::CaseRef& ref = (*l->cases)[i];
      Json c = Json::object();
      c.set("id", ref.id);
      c.set("reference", ref.reference);
      c.set("href", std::string(kCaseHref) + std::to_string(ref.id));
      cases.push(std::move(c));
    }
    object.set(name, std::move(cases));
  }
  return object;
}

std::string ReportDocument::references(const Json& cases) const {
  std::string joined;
  const auto add = [&](const std::string& reference) {
    if (!joined.empty()) joined += "; ";
    joined += reference;
  };
  if (const Listed* l = listed(cases)) {
    for (std::size_t i = 0; i < l->named; ++i) add((*l->cases)[i].reference);
  } else if (cases.is_array()) {
    for (const Json& c : cases.items()) add(c["reference"].as_string());
  }
  return joined;
}

}  // namespace casereview::web
