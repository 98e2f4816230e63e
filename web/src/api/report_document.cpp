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

Json ReportDocument::rows(std::size_t count, MakeRow row) {
  if (count == 0) return Json::array();
  rows_.push_back({count, std::move(row)});
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

HttpResponse ReportDocument::answer(std::shared_ptr<AnswerStream> stream) const {
  AnswerText out(std::move(stream));
  write(out, tree_);
  return std::move(out).response();
}

std::string ReportDocument::text() const {
  const HttpResponse whole = answer(nullptr);
  std::string text = whole.body;
  for (const std::string& piece : whole.body_after) text += piece;
  return text;
}

// Appends through out.out() each time: a cut (after a listed case or a row)
// starts a new piece.
void ReportDocument::write(AnswerText& out, const Json& value) const {
  if (const Listed* l = listed(value)) {
    out.out() += '[';
    for (std::size_t i = 0; i < l->named; ++i) {
      const workflows::CaseRef& ref = (*l->cases)[i];
      const std::string id = std::to_string(ref.id);
      std::string& text = out.out();
      if (i) text += ',';
      text.append(R"({"id":)").append(id).append(R"(,"reference":)");
      append_json_string(text, ref.reference);
      text.append(R"(,"href":")").append(kCaseHref).append(id).append(R"("})");
      out.cut_if_long();
    }
    out.out() += ']';
    return;
  }
  if (const Rows* r = rowed(value)) {
    out.out() += '[';
    for (std::size_t i = 0; i < r->count; ++i) {
      if (i) out.out() += ',';
      write(out, r->row(i));
      out.cut_if_long();
    }
    out.out() += ']';
    return;
  }
  if (value.is_array()) {
    out.out() += '[';
    for (std::size_t i = 0; i < value.items().size(); ++i) {
      if (i) out.out() += ',';
      write(out, value.items()[i]);
    }
    out.out() += ']';
    return;
  }
  if (!value.is_object()) {
    value.dump_to(out.out());
    return;
  }
  out.out() += '{';
  bool first = true;
  for (const auto& [name, member] : value.members()) {
    if (!first) out.out() += ',';
    first = false;
    append_json_string(out.out(), name);
    out.out() += ':';
    write(out, member);
  }
  out.out() += '}';
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
