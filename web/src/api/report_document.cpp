#include "api/report_document.h"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string_view>

namespace casereview::web {
namespace {

// The name of a listing marker's one member (report_document.h).
constexpr std::string_view kListingMember = "\x01listing";
constexpr std::string_view kCaseHref = "/api/v1/cases/";

// The bytes a listed case takes as text, its escapes aside: a figure of
// thousands of cases is written into a string sized once.
std::size_t listed_case_bytes(const workflows::CaseRef& ref) {
  constexpr std::size_t kFixed = std::string_view(R"({"id":,"reference":"","href":""},)").size();
  const std::size_t id_digits = std::to_string(ref.id).size();
  return kFixed + 2 * id_digits + kCaseHref.size() + ref.reference.size();
}

// The next document's number.
std::atomic<long long> next_document{1};

}  // namespace

ReportDocument::ReportDocument() : number_(next_document.fetch_add(1, std::memory_order_relaxed)) {}

Json ReportDocument::listing(const std::vector<workflows::CaseRef>& cases, std::size_t named) {
  if (named == 0) return Json::array();
  listings_.push_back({&cases, std::min(named, cases.size())});
  Json marker = Json::object();
  marker.set(std::string(kListingMember),
             Json::array().push(number_).push(static_cast<long long>(listings_.size() - 1)));
  return marker;
}

const ReportDocument::Listed* ReportDocument::listed(const Json& value) const {
  if (!value.is_object() || value.members().size() != 1) return nullptr;
  const auto& [name, named] = value.members().front();
  if (name != kListingMember) return nullptr;
  const JsonItems& parts = named.items();
  if (parts.size() != 2 || parts[0].as_integer() != number_) {
    throw std::logic_error("a report's listing marker of another document");
  }
  const long long i = parts[1].as_integer();
  if (i < 0 || static_cast<std::size_t>(i) >= listings_.size()) {
    throw std::logic_error("a report's listing marker names no listing of its document");
  }
  return &listings_[static_cast<std::size_t>(i)];
}

std::string ReportDocument::text() const {
  // Sized once (grown by doubling, the 35 MB text of a ten-year listing
  // would pass through buffers of twice that): the tree's own text, measured
  // by writing it, markers and all (a few bytes more than the brackets they
  // stand for), and each listed case's as listed_case_bytes counts it.
  std::size_t bytes = tree_.dump().size();
  for (const Listed& l : listings_) {
    for (std::size_t i = 0; i < l.named; ++i) bytes += listed_case_bytes((*l.cases)[i]);
  }
  std::string out;
  out.reserve(bytes);
  write(out, tree_);
  return out;
}

void ReportDocument::write(std::string& out, const Json& value) const {
  if (const Listed* l = listed(value)) {
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
    return;
  }
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
    write(out, member);
  }
  out += '}';
}

Json ReportDocument::whole() const { return whole(tree_); }

Json ReportDocument::whole(const Json& value) const {
  if (const Listed* l = listed(value)) {
    Json cases = Json::array();
    for (std::size_t i = 0; i < l->named; ++i) {
      const workflows::CaseRef& ref = (*l->cases)[i];
      Json c = Json::object();
      c.set("id", ref.id);
      c.set("reference", ref.reference);
      c.set("href", std::string(kCaseHref) + std::to_string(ref.id));
      cases.push(std::move(c));
    }
    return cases;
  }
  if (value.is_array()) {
    Json items = Json::array();
    for (const Json& item : value.items()) items.push(whole(item));
    return items;
  }
  if (!value.is_object()) return value;
  Json object = Json::object();
  for (const auto& [name, member] : value.members()) object.set(name, whole(member));
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
