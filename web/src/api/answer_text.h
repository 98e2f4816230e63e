#pragma once
// A long answer's text written in pieces of about a megabyte. On the scan
// workers each piece is handed to the request's AnswerStream as soon as it is
// cut and sent while the next is written (http/answer_stream.h), so that a
// server holds a few pieces of ten years' evidence report (99 MB), not all of
// them. Elsewhere (no stream) the pieces are the answer, sent in order and
// never joined (HttpResponse::body_after): grown as one string, the 100 MB of
// ten years' NCMD export passed through buffers of 64 and 128 MB at once.
//
//   AnswerText text(request.answer_stream);
//   text.out() += '[';
//   for (...) text.element(item, i++);
//   return std::move(text).response();
//
// An answer sent while it is written has its head sent before its end is
// written, so a handler refuses what it will refuse (its query, say) before
// it writes anything, and the answer is always 200 OK.

#include <cstddef>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "casereview/engine/json.h"
#include "http/answer_stream.h"
#include "http/http_types.h"

namespace casereview::web {

class AnswerText {
 public:
  using Headers = std::vector<std::pair<std::string, std::string>>;

  // `stream`: where the pieces go as they are cut; null: kept for response().
  // `content_type` and `headers`: the answer's (JSON unless said).
  explicit AnswerText(std::shared_ptr<AnswerStream> stream, std::string content_type = HttpResponse{}.content_type,
                      Headers headers = {})
      : stream_(std::move(stream)),
        piece_bytes_(stream_ ? stream_->limits().piece_bytes : AnswerStream::Limits{}.piece_bytes),
        content_type_(std::move(content_type)),
        headers_(std::move(headers)) {
    start_piece();
  }

  // The piece being written: append to it, then call cut_if_long().
  std::string& out() { return pieces_.back(); }

  // Starts a new piece once this one is long enough: called after each item,
  // so that a piece holds whole items and what out() refers to is only ever
  // the text written since the last cut.
  void cut_if_long() {
    if (pieces_.back().size() < piece_bytes_) return;
    if (stream_) {
      hand_over(std::move(pieces_.back()));
      pieces_.pop_back();
    }
    start_piece();
  }

  // Appends `text`, a run of whole items; then a cut if the piece is long
  // enough. For text made elsewhere (a CSV table's rows): a piece's worth or
  // more is moved in, not copied, when nothing is written since the last cut.
  void append(std::string&& text) {
    if (pieces_.back().empty() && text.size() >= piece_bytes_) {
      pieces_.back() = std::move(text);
    } else {
      pieces_.back() += text;
    }
    cut_if_long();
  }

  // `item` as element `index` (from 0) of the JSON list being written: a comma
  // before all but the first; then a cut if the piece is long enough.
  void element(const Json& item, std::size_t index) {
    if (index > 0) out() += ',';
    item.dump_to(out());
    cut_if_long();
  }

  // The answer (200) with the text written. Once its first pieces have gone
  // to the stream only the last is left here: the work's answer is then the
  // end of the body, which ScanWorkers gives to the stream
  // (AnswerStream::finish).
  HttpResponse response() && {
    HttpResponse response = head();
    response.body = std::move(pieces_.front());
    response.body_after.assign(std::make_move_iterator(pieces_.begin() + 1), std::make_move_iterator(pieces_.end()));
    return response;
  }

 private:
  // The first piece begins the answer (its head goes out with it); the rest
  // follow it.
  void hand_over(std::string piece) {
    if (begun_) {
      stream_->piece(std::move(piece));
      return;
    }
    HttpResponse first = head();
    first.body = std::move(piece);
    stream_->begin(std::move(first));
    begun_ = true;
  }

  HttpResponse head() const {
    HttpResponse response;
    response.status = 200;
    response.content_type = content_type_;
    response.headers = headers_;
    return response;
  }

  // A piece's room is made once, with enough over for the item that takes it
  // past its size (an item is kilobytes), so that it is not grown by doubling.
  void start_piece() {
    pieces_.emplace_back();
    pieces_.back().reserve(piece_bytes_ + (std::size_t{1} << 16));
  }

  std::shared_ptr<AnswerStream> stream_;
  std::size_t piece_bytes_;
  std::string content_type_;
  Headers headers_;
  bool begun_ = false;
  std::vector<std::string> pieces_;  // with a stream, only the one being written
};

}  // namespace casereview::web
