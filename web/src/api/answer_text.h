#pragma once
// A long answer's text written in pieces of about a megabyte, sent in order
// and never joined (HttpResponse::body_after). Grown as one string, the 100 MB
// of ten years' NCMD export passed through buffers of 64 and 128 MB at once,
// and a year's evidence report (24 MB) through 16 and 32 MB.
//
//   AnswerText text;
//   text.out() += '[';
//   for (...) text.element(item, i++);
//   return std::move(text).response(200);

#include <cstddef>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "casereview/engine/json.h"
#include "http/http_types.h"

namespace casereview::web {

class AnswerText {
 public:
  AnswerText() { start_piece(); }

  // The piece being written: append to it, then call cut_if_long().
  std::string& out() { return pieces_.back(); }

  // Starts a new piece once this one is long enough: called after each item,
  // so that a piece holds whole items and what out() refers to is only ever
  // the text written since the last cut.
  void cut_if_long() {
    if (pieces_.back().size() >= kPieceBytes) start_piece();
  }

  // `item` as element `index` (from 0) of the JSON list being written: a comma
  // before all but the first; then a cut if the piece is long enough.
  void element(const Json& item, std::size_t index) {
    if (index > 0) out() += ',';
    item.dump_to(out());
    cut_if_long();
  }

  // A JSON answer of `status` with the text written.
  HttpResponse response(int status) && {
    HttpResponse response;
    response.status = status;
    response.body = std::move(pieces_.front());
    response.body_after.assign(std::make_move_iterator(pieces_.begin() + 1), std::make_move_iterator(pieces_.end()));
    return response;
  }

 private:
  // A piece is cut once it reaches kPieceBytes; its room is made once, with
  // enough over for the item that takes it past (an item is kilobytes), so
  // that it is not grown by doubling either.
  static constexpr std::size_t kPieceBytes = std::size_t{1} << 20;
  static constexpr std::size_t kPieceRoom = kPieceBytes + (std::size_t{1} << 16);

  void start_piece() {
    pieces_.emplace_back();
    pieces_.back().reserve(kPieceRoom);
  }

  std::vector<std::string> pieces_;
};

}  // namespace casereview::web
