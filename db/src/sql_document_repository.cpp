// Documents attached to cases. On SQLite the content is bound as text of an
// explicit length, so every byte (NULs included) is kept; SQLite does not check
// the encoding of what it stores. PostgreSQL keeps it as BYTEA, which SOCI
// cannot bind: it travels as hexadecimal text, turned into bytes by the
// server. (A contract test round-trips all 256 byte values on both.)
#include "sql_dialect.h"
#include "sql_errors.h"
#include "sql_repositories.h"

namespace casereview::db {
namespace {

constexpr const char* kColumns =
    "SELECT id, partnership_id, case_id, event_seq, kind, file_name, media_type, size_bytes, sha256, uploaded_by, "
    "uploaded_at FROM documents ";

template <typename Bind>
std::vector<Document> fetch_documents(StatementCache& statements, const std::string& where, Bind bind) {
  Document d;
  std::string at;
  PreparedStatement prepared = statements.take(kColumns + where + " ORDER BY id");
  soci::statement& st = *prepared;
  st.exchange(soci::into(d.id));
  st.exchange(soci::into(d.partnership_id));
  st.exchange(soci::into(d.case_id));
  st.exchange(soci::into(d.event_seq));
  st.exchange(soci::into(d.kind));
  st.exchange(soci::into(d.file_name));
  st.exchange(soci::into(d.media_type));
  st.exchange(soci::into(d.size_bytes));
  st.exchange(soci::into(d.sha256));
  st.exchange(soci::into(d.uploaded_by));
  st.exchange(soci::into(at));
  bind(st);
  st.define_and_bind();
  std::vector<Document> out;
  st.execute();
  while (st.fetch()) {
    Document row = d;
    row.uploaded_at = stored_instant(at);
    out.push_back(row);
  }
  return out;
}

// The SQL for the number of bytes in `column`. SQLite's length() of text
// counts the characters before the first NUL byte, so content that begins
// with one (a video, an icon) would count as empty: it is counted as a blob.
std::string bytes_in(soci::session& sql, const std::string& column) {
  return on_postgresql(sql) ? "length(" + column + ")" : "length(CAST(" + column + " AS BLOB))";
}

std::string hexadecimal(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const unsigned char byte : bytes) {
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0xf];
  }
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  throw StorageError("stored document content is not hexadecimal");
}

std::string from_hexadecimal(const std::string& hex) {
  if (hex.size() % 2 != 0) throw StorageError("stored document content is not hexadecimal");
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    out += static_cast<char>(hex_digit(hex[i]) * 16 + hex_digit(hex[i + 1]));
  }
  return out;
}

}  // namespace

void SqlDocumentRepository::put_content(const std::string& sha256, const std::string& content) {
  guarded("store a document's content", [&] {
    const long long size = static_cast<long long>(content.size());
    const bool postgresql = on_postgresql(sql_);
    const std::string bound = postgresql ? hexadecimal(content) : content;
    // The same bytes again: kept once; given again when an erasure emptied them.
    run_kept(statements_,
             std::string("INSERT INTO document_contents (sha256, size_bytes, content) VALUES (:h, :s, ") +
                 (postgresql ? "decode(:c, 'hex')" : ":c") +
                 ") ON CONFLICT (sha256) DO UPDATE SET content = excluded.content WHERE " +
                 bytes_in(sql_, "document_contents.content") + " = 0 AND document_contents.size_bytes > 0",
             soci::use(sha256), soci::use(size), soci::use(bound));
  });
}

Document SqlDocumentRepository::add(const Document& d) {
  return guarded("record a document", [&] {
    Document stored = d;
    const std::string at = d.uploaded_at.iso();
    run_kept(statements_,
             "INSERT INTO documents (partnership_id, case_id, event_seq, kind, file_name, media_type, size_bytes, "
             "sha256, uploaded_by, uploaded_at) VALUES (:p, :c, :e, :k, :n, :m, :s, :h, :b, :a) RETURNING id",
             soci::use(d.partnership_id), soci::use(d.case_id), soci::use(d.event_seq), soci::use(d.kind),
             soci::use(d.file_name), soci::use(d.media_type), soci::use(d.size_bytes), soci::use(d.sha256),
             soci::use(d.uploaded_by), soci::use(at), soci::into(stored.id));
    return stored;
  });
}

std::optional<Document> SqlDocumentRepository::find(long long partnership_id, long long document_id) {
  return guarded("read a document", [&]() -> std::optional<Document> {
    auto found = fetch_documents(statements_, "WHERE id = :i AND partnership_id = :p", [&](soci::statement& st) {
      st.exchange(soci::use(document_id));
      st.exchange(soci::use(partnership_id));
    });
    if (found.empty()) return std::nullopt;
    return found.front();
  });
}

std::vector<Document> SqlDocumentRepository::for_case(long long case_id) {
  return guarded("list a case's documents", [&] {
    return fetch_documents(statements_, "WHERE case_id = :c",
                           [&](soci::statement& st) { st.exchange(soci::use(case_id)); });
  });
}

std::optional<std::string> SqlDocumentRepository::content(const std::string& sha256) {
  return guarded("read a document's content", [&]() -> std::optional<std::string> {
    std::string content;
    long long size = 0;
    soci::indicator ind{};
    const bool postgresql = on_postgresql(sql_);
    const bool got = run_kept(statements_,
                              std::string("SELECT ") + (postgresql ? "encode(content, 'hex')" : "content") +
                                  ", size_bytes FROM document_contents WHERE sha256 = :h",
                              soci::use(sha256), soci::into(content, ind), soci::into(size));
    if (!got || ind != soci::i_ok) return std::nullopt;
    if (postgresql) content = from_hexadecimal(content);
    if (content.empty() && size > 0) return std::nullopt;  // erased
    return content;
  });
}

int SqlDocumentRepository::erase_contents_of_case(long long case_id) {
  return guarded("erase a case's document contents", [&] {
    run_kept(statements_,
             std::string("UPDATE document_contents SET content = ") +
                 (on_postgresql(sql_) ? "decode('', 'hex')" : "X''") + " WHERE size_bytes > 0 AND " +
                 bytes_in(sql_, "content") +
                 " > 0 "
                 "AND sha256 IN (SELECT sha256 FROM documents WHERE case_id = :c) "
                 "AND sha256 NOT IN (SELECT sha256 FROM documents WHERE case_id <> :o)",
             soci::use(case_id), soci::use(case_id));
    int without = 0;
    run_kept(statements_,
             "SELECT COUNT(*) FROM documents d JOIN document_contents c ON c.sha256 = d.sha256 "
             "WHERE d.case_id = :c AND " +
                 bytes_in(sql_, "c.content") + " = 0 AND c.size_bytes > 0",
             soci::use(case_id), soci::into(without));
    return without;
  });
}

}  // namespace casereview::db
