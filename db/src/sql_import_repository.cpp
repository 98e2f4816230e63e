#include "sql_errors.h"
#include "sql_repositories.h"

namespace casereview::db {
namespace {

constexpr const char* kColumns =
    "SELECT id, partnership_id, sheet, file_sha256, file_name, rows_imported, imported_by, imported_at FROM imports ";

}  // namespace

long long SqlImportRepository::add(const ImportRecord& record, const std::vector<ImportedRow>& rows) {
  return guarded("record an import", [&] {
    const std::string at = record.imported_at.iso();
    long long id = 0;
    run_kept(statements_,
             "INSERT INTO imports (partnership_id, sheet, file_sha256, file_name, rows_imported, imported_by, "
             "imported_at) VALUES (:p, :s, :h, :f, :r, :b, :a) RETURNING id",
             soci::use(record.partnership_id), soci::use(record.sheet), soci::use(record.file_sha256),
             soci::use(record.file_name), soci::use(record.rows), soci::use(record.imported_by), soci::use(at),
             soci::into(id));
    for (const ImportedRow& row : rows) {
      run_kept(statements_,
               "INSERT INTO imported_rows (import_id, partnership_id, sheet, source_reference, case_id) "
               "VALUES (:i, :p, :s, :r, :c)",
               soci::use(id), soci::use(record.partnership_id), soci::use(record.sheet),
               soci::use(row.source_reference), soci::use(row.case_id));
    }
    return id;
  });
}

std::optional<EarlierRow> SqlImportRepository::find_row(long long partnership_id, const std::string& sheet,
                                                        const std::string& source_reference) {
  return guarded("read an imported row", [&]() -> std::optional<EarlierRow> {
    EarlierRow earlier;
    ImportRecord& r = earlier.import;
    std::string at;
    PreparedStatement prepared = statements_.take(
        "SELECT c.reference, i.id, i.partnership_id, i.sheet, i.file_sha256, i.file_name, "
        "i.rows_imported, i.imported_by, i.imported_at FROM imported_rows w "
        "JOIN imports i ON i.id = w.import_id JOIN cases c ON c.id = w.case_id "
        "WHERE w.partnership_id = :p AND w.sheet = :s AND w.source_reference = :r");
    bind_all(prepared, soci::into(earlier.case_reference), soci::into(r.id), soci::into(r.partnership_id),
             soci::into(r.sheet), soci::into(r.file_sha256), soci::into(r.file_name), soci::into(r.rows),
             soci::into(r.imported_by), soci::into(at), soci::use(partnership_id), soci::use(sheet),
             soci::use(source_reference));
    soci::statement& st = *prepared;
    if (!st.execute(true)) return std::nullopt;
    r.imported_at = stored_instant(at);
    return earlier;
  });
}

std::optional<ImportRecord> SqlImportRepository::find(long long partnership_id, const std::string& file_sha256) {
  return guarded("read an import", [&]() -> std::optional<ImportRecord> {
    ImportRecord r;
    std::string at;
    PreparedStatement prepared =
        statements_.take(std::string(kColumns) + "WHERE partnership_id = :p AND file_sha256 = :h");
    bind_all(prepared, soci::into(r.id), soci::into(r.partnership_id), soci::into(r.sheet), soci::into(r.file_sha256),
             soci::into(r.file_name), soci::into(r.rows), soci::into(r.imported_by), soci::into(at),
             soci::use(partnership_id), soci::use(file_sha256));
    soci::statement& st = *prepared;
    if (!st.execute(true)) return std::nullopt;
    r.imported_at = stored_instant(at);
    return r;
  });
}

std::vector<ImportRecord> SqlImportRepository::for_partnership(long long partnership_id) {
  return guarded("read the imports", [&] {
    std::vector<ImportRecord> out;
    ImportRecord r;
    std::string at;
    PreparedStatement prepared = statements_.take(std::string(kColumns) + "WHERE partnership_id = :p ORDER BY id DESC");
    bind_all(prepared, soci::into(r.id), soci::into(r.partnership_id), soci::into(r.sheet), soci::into(r.file_sha256),
             soci::into(r.file_name), soci::into(r.rows), soci::into(r.imported_by), soci::into(at),
             soci::use(partnership_id));
    soci::statement& st = *prepared;
    st.execute();
    while (st.fetch()) {
      r.imported_at = stored_instant(at);
      out.push_back(r);
    }
    return out;
  });
}

}  // namespace casereview::db
