#pragma once
// A report as the API answers it: a Json tree for its shape, and the cases
// behind each figure written from the report itself only when the answer is.
//
// Every figure of a report is {count, cases: [{id, reference, href}]}, and a
// national report lists hundreds of thousands of cases: ten years' CDOP report
// with every case listed is 35 MB of JSON. Built as a tree of Json values,
// each listed case took about 300 bytes (an object of three named members)
// against the 70 of its text, and that one report took the server to a peak
// of 529 MB (300 MB written as here). So in the tree a figure's "cases" is
// only a marker of one of this document's listings; a listing is the first so
// many of the report's own case references (workflows::Figure::cases), and
// text() and references() write them straight from there. The report the
// listings point into must outlive the document.
//
// A table of items (ten years' times to review: 37,000 rows) is the same: in
// the tree it is a marker of the document's rows, and each row is made as a
// Json value only when it is written, and let go before the next is made (the
// rows made whole first took 22 MB of that report's peak).
//
// A marker is an object whose one member has a name no report gives a member
// (it begins with a control character) and as its value the document's own
// number and the listing's index: a marker of another document is refused.
// tree() is therefore not the report's JSON on its own: answer with text(),
// make CSV cells with references() and read a table's items with
// for_each_item().

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/answer_text.h"
#include "casereview/engine/json.h"
#include "casereview/workflows/report_figures.h"
#include "http/answer_stream.h"
#include "http/http_types.h"

namespace casereview::web {

class ReportDocument {
 public:
  ReportDocument();

  // The value to set as a figure's "cases": the first `named` of `cases`.
  // Nothing named is an empty array, as it is written.
  Json listing(const std::vector<workflows::CaseRef>& cases, std::size_t named);
  // A temporary's cases would be gone before they are written.
  Json listing(const std::vector<workflows::CaseRef>&& cases, std::size_t named) = delete;

  // The value to set as a table's items: `count` rows, row(i) the i-th,
  // made when it is written. It is kept as long as the document, and so must
  // be what it refers to.
  using MakeRow = std::function<Json(std::size_t)>;
  Json rows(std::size_t count, MakeRow row);

  // The report's tree, set once it is built, its figures' "cases" made by listing().
  void set_tree(Json tree) { tree_ = std::move(tree); }
  const Json& tree() const { return tree_; }

  // The report as a JSON answer (200): the compact text whole().dump()
  // gives, written without making a Json value of any listed case, in
  // pieces (answer_text.h) that go to `stream` as they are written when it
  // is set: ten years' CDOP report listing every case is 35 MB.
  HttpResponse answer(std::shared_ptr<AnswerStream> stream) const;
  // The same text joined: for a check of it.
  std::string text() const;
  // The report as one tree, every listing made Json values. For a check of
  // text(); it costs what the listings were meant to spare.
  Json whole() const;
  // The references a figure's "cases" names (a listing, or an array of
  // objects with "reference"), joined with "; ": a CSV cell.
  std::string references(const Json& cases) const;
  // Each item of a table: the rows a rows() marker stands for, made one at a
  // time, or the items of an array.
  void for_each_item(const Json& items, const std::function<void(const Json&)>& visit) const;

 private:
  struct Listed {
    const std::vector<workflows::CaseRef>* cases;
    std::size_t named;
  };
  struct Rows {
    std::size_t count;
    MakeRow row;
  };
  // The index `value` marks under `member` among `size` of this document's,
  // or -1 when it is no such marker; throws for another document's.
  long long marked(const Json& value, std::string_view member, std::size_t size) const;
  // The listing `cases` stands for, or nullptr when it is a value of its own.
  const Listed* listed(const Json& cases) const;
  // The rows `items` stands for, or nullptr.
  const Rows* rowed(const Json& items) const;
  Json marker(std::string_view member, std::size_t index) const;
  void write(AnswerText& out, const Json& value) const;
  Json whole(const Json& value) const;

  long long number_;  // this document's, unique in the process, named by its markers
  std::vector<Listed> listings_;
  std::vector<Rows> rows_;
  Json tree_;
};

}  // namespace casereview::web
