// A long answer is sent as it is written (web/src/http/answer_stream.h):
// chunked to an HTTP/1.1 client, a chunk for each piece written, and the
// connection then serves the next request; to an HTTP/1.0 client, which knows
// no chunks, its pieces as they are with the connection closed after them.
// Either way the body is the same bytes as the answer read through Poco's own
// client. Timeliness over the demonstration data is some tens of kilobytes,
// the annual reports and the clocks export some kilobytes: with --answer-piece-kib 1 they are
// written in pieces of about a kibibyte, as ten years of a national
// service's evidence report is in pieces of a mebibyte.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "casereview/engine/json.h"
#include "server_process.h"
#include "temp_dir.h"

namespace casereview {
namespace {

using testing_support::Credentials;
using testing_support::run_casereview;
using testing_support::ServerProcess;
using testing_support::TempDir;
using testing_support::test_today;

// The three years to the tests' today, which hold every demonstration case
// whatever that day is.
std::string three_years() {
  const std::string today = test_today();
  return "?from=" + std::to_string(std::stoi(today.substr(0, 4)) - 3) + "-01-01&to=" + today;
}

struct Chunked {
  std::string body;
  std::vector<std::size_t> chunk_sizes;  // the last chunk's (0) not included
  std::size_t end = 0;                   // where what follows the answer starts in the text read
};

// The chunked body of `text` from `at` (just after its head) on; throws when
// it is not one (RFC 9112, 7.1), or ends before its last chunk.
Chunked dechunk(const std::string& text, std::size_t at) {
  Chunked out;
  for (;;) {
    const std::size_t line_end = text.find("\r\n", at);
    if (line_end == std::string::npos) throw std::runtime_error("a chunk's size line is cut short");
    const std::size_t size = std::stoul(text.substr(at, line_end - at), nullptr, 16);
    at = line_end + 2;
    if (size == 0) break;
    if (at + size + 2 > text.size()) throw std::runtime_error("a chunk is cut short");
    out.body += text.substr(at, size);
    out.chunk_sizes.push_back(size);
    at += size;
    if (text.compare(at, 2, "\r\n") != 0) throw std::runtime_error("a chunk does not end its line");
    at += 2;
  }
  if (text.compare(at, 2, "\r\n") != 0) throw std::runtime_error("the last chunk has no empty line after it");
  out.end = at + 2;
  return out;
}

// Whether `head` has `line` (name and value) as a whole line; whether it has
// a header `name`.
bool has_line(const std::string& head, const std::string& line) {
  return head.find("\r\n" + line + "\r\n") != std::string::npos;
}
bool has_header(const std::string& head, const std::string& name) {
  return head.find("\r\n" + name + ":") != std::string::npos;
}

class LongAnswers : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = scratch_.file("demo.db");
    const auto loaded = run_casereview({"demo", "load", "--db", db_, "--today", test_today()});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
  }
  TempDir scratch_;
  std::string db_;
};

// The head of the answer `text` starts with and where its body starts; throws
// when it has none.
std::pair<std::string, std::size_t> head_of(const std::string& text) {
  const std::size_t head_end = text.find("\r\n\r\n");
  if (head_end == std::string::npos) throw std::runtime_error("no answer: " + text.substr(0, 300));
  return {text.substr(0, head_end + 2), head_end + 4};
}

TEST_F(LongAnswers, AreSentChunkedAsWrittenOrWholeToAnHttp10ClientTheSameBytesEitherWay) {
  ServerProcess server(db_, {"--today", test_today(), "--answer-piece-kib", "1"});
  const Credentials manager = server.sign_in("demo.manager", "demonstration only 2026");
  const std::string cookie = "Cookie: " + manager.session_cookie + "\r\n";
  // Timeliness, the two annual reports (report_document.h) and the clocks
  // export, each with the next request on the same connection after it.
  for (const std::string path : {"/api/v1/reports/timeliness", "/api/v1/reports/yearly", "/api/v1/reports/cdop-annual",
                                 "/api/v1/exports/clocks"}) {
    const std::string target = path + three_years();
    SCOPED_TRACE(target);
    const testing_support::HttpResult read = server.as(manager).get(target);
    ASSERT_EQ(read.status, 200) << read.body;
    ASSERT_GE(read.body.size(), std::size_t{4} * 1024) << "long enough to be written in pieces of 1 KiB";
    std::string requests = "GET " + target + " HTTP/1.1\r\nHost: t\r\n";
    requests += cookie;
    requests += "\r\nGET /api/v1/health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
    const std::string http11 = server.raw_exchange(requests, 30000);
    const auto [head, body_at] = head_of(http11);
    EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << head;
    EXPECT_TRUE(has_line(head, "Transfer-Encoding: chunked")) << head;
    EXPECT_FALSE(has_header(head, "Content-Length")) << head;
    EXPECT_TRUE(has_line(head, "Content-Type: " + read.content_type)) << head;
    if (path == "/api/v1/exports/clocks") {
      ASSERT_EQ(read.headers.count("content-disposition"), 1u);
      EXPECT_TRUE(has_line(head, "Content-Disposition: " + read.headers.at("content-disposition")))
          << "a download keeps its file name: " << head;
    }
    const Chunked chunked = dechunk(http11, body_at);
    EXPECT_TRUE(chunked.body == read.body) << "the same bytes as Poco's client read";
    ASSERT_GE(chunked.chunk_sizes.size(), 4u);
    for (std::size_t i = 0; i + 1 < chunked.chunk_sizes.size(); ++i) {
      EXPECT_GE(chunked.chunk_sizes[i], 1024u) << "chunk " << i << ": a piece is cut after the item that fills it";
    }
    // The connection went on: the next request's answer follows the last chunk.
    const std::string next = http11.substr(chunked.end);
    EXPECT_EQ(next.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << next.substr(0, 200);
    EXPECT_NE(next.find(R"("status":"ok")"), std::string::npos) << next.substr(0, 400);
  }

  const std::string timeliness = "/api/v1/reports/timeliness" + three_years();
  const testing_support::HttpResult read = server.as(manager).get(timeliness);
  ASSERT_EQ(read.status, 200) << read.body;
  ASSERT_GE(read.json()["cases"].items().size(), 10u) << "the demonstration data's cases";
  const std::string http10 =
      server.raw_exchange("GET " + timeliness + " HTTP/1.0\r\nHost: t\r\n" + cookie + "\r\n", 30000);
  const auto [head10, body10_at] = head_of(http10);
  EXPECT_EQ(head10.rfind("HTTP/1.0 200 OK\r\n", 0), 0u) << head10;
  EXPECT_TRUE(has_line(head10, "Connection: Close")) << head10;
  EXPECT_FALSE(has_header(head10, "Transfer-Encoding")) << head10;
  EXPECT_FALSE(has_header(head10, "Content-Length")) << head10;
  EXPECT_TRUE(http10.substr(body10_at) == read.body) << "its pieces as they are, then the connection closed";

  // An answer shorter than a piece is sent whole, with its length.
  const std::string paged = server.raw_exchange(
      "GET " + timeliness + "&per_page=5 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n" + cookie + "\r\n", 30000);
  const std::string paged_head = head_of(paged).first;
  EXPECT_TRUE(has_header(paged_head, "Content-Length")) << paged_head;
  EXPECT_FALSE(has_header(paged_head, "Transfer-Encoding")) << paged_head;
  EXPECT_EQ(server.stop(), 0) << server.log();
}

}  // namespace
}  // namespace casereview
