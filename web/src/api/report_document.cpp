#include "api/report_document.h"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string_view>

namespace casereview::web {
namespace {

// The names of a marker's one member (report_document.h): of a listing of
// cases, and of a table's rows.
constexpr std::string_view kListingMember = "\x01listing";
constexpr std::string_view kRowsMember = "\x01rows";
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

Json ReportDocument::marker(std::string_view member, std::size_t index) const {
  Json marker = Json::object();
  marker.set(std::string(member), Json::array().push(number_).push(static_cast<long long>(index)));
  return marker;
}

Json ReportDocument::listing(const std::vector<workflows::CaseRef>& cases, std::size_t named) {
  if (named == 0) return Json::array();
  listings_.push_back({&cases, std::min(named, cases.size())});
  return marker(kListingMember, listings_.size() - 1);
}

Json ReportDocument::rows(std::size_t count, MakeRow row, RowBound bound) {
  if (count == 0) return Json::array();
  rows_.push_back({count, std::move(row), std::move(bound)});
  return marker(kRowsMember, rows_.size() - 1);
}

long long ReportDocument::marked(const Json& value, std::string_view member, std::size_t size) const {
  if (!value.is_object() || value.members().size() != 1) return -1;
  const auto& [name, named] = value.members().front();
  if (name != member) return -1;
  const JsonItems& parts = named.items();
  if (parts.size() != 2 || parts[0].as_integer() != number_) {
    throw std::logic_error("a report's marker of another document");
  }
  const long long i = parts[1].as_integer();
  if (i < 0 || static_cast<std::size_t>(i) >= size) {
    throw std::logic_error("a report's marker names nothing of its document");
  }
  return i;
}

const ReportDocument::Listed* ReportDocument::listed(const Json& value) const {
  const long long i = marked(value, kListingMember, listings_.size());
  return i < 0 ? nullptr : &listings_[static_cast<std::size_t>(i)];
}

const ReportDocument::Rows* ReportDocument::rowed(const Json& value) const {
  const long long i = marked(value, kRowsMember, rows_.size());
  return i < 0 ? nullptr : &rows_[static_cast<std::size_t>(i)];
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
  for (const Rows& r : rows_) {
    for (std::size_t i = 0; i < r.count; ++i) bytes += r.bound(i) + 1;  // and its comma
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
  if (const Rows* r = rowed(value)) {
    out += '[';
    for (std::size_t i = 0; i < r->count; ++i) {
      if (i) out += ',';
      write(out, r->row(i));
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
  if (value.is_array() || rowed(value)) {
    Json items = Json::array();
    for_each_item(value, [&](const Json& item) { items.push(whole(item)); });
    return items;
  }
  if (!value.is_object()) return value;
  Json object = Json::object();
  for (const auto& [name, member] : value.members()) object.set(name, whole(member));
  return object;
}

void ReportDocument::for_each_item(const Json& items, const std::function<void(const Json&)>& visit) const {
  if (const Rows* r = rowed(items)) {
    for (std::size_t i = 0; i < r->count; ++i) visit(r->row(i));
    return;
  }
  for (const Json& item : items.items()) visit(item);
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
