// Documents over real HTTP: the bytes as attached come back byte for byte, the
// hash is in the case's chain, types and sizes are checked, downloads are
// logged, and someone who sees the case redacted sees neither name nor content.
#include <gtest/gtest.h>

#include "api_fixture.h"

namespace casereview {
namespace {

using testing_support::ApiTest;
using testing_support::HttpResult;

class DocumentsApi : public ApiTest {
 protected:
  HttpResult upload(long long case_id, const std::string& kind, const std::string& name, const std::string& bytes,
                    const std::string& type) const {
    return server().request("POST",
                            "/api/v1/cases/" + std::to_string(case_id) + "/documents?kind=" + kind + "&name=" + name,
                            bytes, type, {});
  }
};

// Every byte value, NULs included, behind a PDF's signature.
std::string binary_pdf() {
  std::string bytes = "%PDF-1.7\n";
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  return bytes;
}

// A name that a careless client would split at its `;` is downloaded as one
// name, still ending in its own extension (tests/api/content_disposition_test.cpp
// has the rule).
TEST_F(DocumentsApi, ADocumentsNameCannotStartAnotherParameterOfItsDownload) {
  const long long id = open_notification()["id"].as_integer();
  const HttpResult r = upload(id, "chronology", "x%3Bfilename%3Devil.html%3B.txt", "Plain notes.\n", "text/plain");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["file_name"].as_string(), "x;filename=evil.html;.txt");
  const HttpResult down = server().get(r.json()["href"].as_string());
  ASSERT_EQ(down.status, 200) << down.body;
  EXPECT_EQ(down.headers.at("content-disposition"),
            "attachment; filename=\"x_filename_evil.html_.txt\"; filename*=UTF-8''x%3Bfilename%3Devil.html%3B.txt");
}

TEST_F(DocumentsApi, AnAttachedDocumentComesBackByteForByteAndItsHashIsInTheChain) {
  const Json opened = open_notification();
  const long long id = opened["id"].as_integer();
  const HttpResult r = upload(id, "chronology", "Chronology%20v1.pdf", binary_pdf(), "application/pdf");
  ASSERT_EQ(r.status, 201) << r.body;
  const Json doc = r.json();
  EXPECT_EQ(doc["file_name"].as_string(), "Chronology v1.pdf");
  EXPECT_EQ(doc["size_bytes"].as_integer(), static_cast<long long>(binary_pdf().size()));
  EXPECT_EQ(doc["case_version"].as_integer(), opened["version"].as_integer() + 1);

  const HttpResult down = server().get(doc["href"].as_string());
  ASSERT_EQ(down.status, 200);
  EXPECT_EQ(down.body, binary_pdf());
  EXPECT_EQ(down.content_type, "application/pdf");
  EXPECT_EQ(down.headers.at("content-disposition"), "attachment; filename=\"Chronology v1.pdf\"");

  // The event records kind, type, size and hash, never the file name.
  const Json timeline = server().get("/api/v1/cases/" + std::to_string(id) + "/timeline").json();
  const Json& last = timeline["events"].items().back();
  EXPECT_EQ(last["type"].as_string(), "document_attached");
  EXPECT_EQ(last["payload"]["sha256"].as_string(), doc["sha256"].as_string());
  EXPECT_EQ(last.dump().find("Chronology"), std::string::npos);

  // The download is in the access log.
  const Json log = admin().get("/api/v1/access-log?case_id=" + std::to_string(id)).json();
  bool logged = false;
  for (const Json& e : log["entries"].items()) logged |= e["what"].as_string() == "document " + doc["id"].dump();
  EXPECT_TRUE(logged) << log.dump();
}

TEST_F(DocumentsApi, ContentThatIsNotItsDeclaredTypeIsRefusedAndNothingIsRecorded) {
  const Json opened = open_notification();
  const long long id = opened["id"].as_integer();
  struct Bad {
    std::string kind, name, bytes, type, field;
  };
  const std::vector<Bad> bad = {
      {"draft", "report.pdf", std::string("MZ\x90") + std::string(1, '\0') + " not a pdf", "application/pdf",
       "content"},
      {"draft", "report.exe", "%PDF-1.4", "application/x-msdownload", "media_type"},
      {"draft", "report.docx", "%PDF-1.4", "application/pdf", "file_name"},
      {"minutes_of_nothing", "a.pdf", "%PDF-1.4", "application/pdf", "kind"},
      {"draft", "a.txt", std::string("text\0with NUL", 13), "text/plain", "content"},
      {"draft", "..%2Fetc%2Fpasswd.txt", "text", "text/plain", "file_name"},
  };
  for (const Bad& b : bad) {
    const HttpResult r = upload(id, b.kind, b.name, b.bytes, b.type);
    EXPECT_EQ(r.status, 400) << b.name << " " << r.body;
    EXPECT_EQ(r.json()["code"].as_string(), "INVALID_DOCUMENT");
    EXPECT_EQ(r.json()["errors"].items().at(0)["field"].as_string(), b.field) << r.body;
  }
  EXPECT_EQ(read_case(id)["version"].as_integer(), opened["version"].as_integer());
  EXPECT_TRUE(server().get("/api/v1/cases/" + std::to_string(id) + "/documents").json()["documents"].items().empty());
}

TEST_F(DocumentsApi, ADocumentOverTheLimitIsRefused) {
  const Json opened = open_notification();
  const std::string target =
      "/api/v1/cases/" + std::to_string(opened["id"].as_integer()) + "/documents?kind=report&name=big.pdf";
  // Chunked, so the server counts as it reads: 20 MiB + 512 KiB, over the 20 MiB default
  // by less than what the server drains, so the whole body is read and the answer arrives.
  std::string raw = "POST " + target +
                    " HTTP/1.1\r\nHost: x\r\nContent-Type: application/pdf\r\n"
                    "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  const std::string chunk = "%PDF-" + std::string(65536 - 5, 'x');
  for (int i = 0; i < 328; ++i) raw += "10000\r\n" + chunk + "\r\n";
  raw += "0\r\n\r\n";
  const std::string reply = server().raw_exchange(raw);
  EXPECT_EQ(reply.substr(0, 12), "HTTP/1.1 413") << reply.substr(0, 200);
  EXPECT_EQ(read_case(opened["id"].as_integer())["version"].as_integer(), opened["version"].as_integer());
}

TEST_F(DocumentsApi, TheSameContentTwiceIsTwoAttachmentsOfOneStoredFile) {
  const Json opened = open_notification();
  const long long id = opened["id"].as_integer();
  const HttpResult a = upload(id, "report", "a.txt", "the same words", "text/plain");
  const HttpResult b = upload(id, "report", "b.txt", "the same words", "text/plain; charset=utf-8");
  ASSERT_EQ(a.status, 201) << a.body;
  ASSERT_EQ(b.status, 201) << b.body;
  EXPECT_EQ(a.json()["sha256"].as_string(), b.json()["sha256"].as_string());
  EXPECT_NE(a.json()["id"].as_integer(), b.json()["id"].as_integer());
  EXPECT_EQ(server().get("/api/v1/cases/" + std::to_string(id) + "/documents").json()["documents"].items().size(), 2u);
}

}  // namespace
}  // namespace casereview
