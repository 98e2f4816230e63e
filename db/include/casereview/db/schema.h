#pragma once
// What every store checks when it opens: the schema version this build
// expects, what to do when the database has another, and the error when it
// cannot be used.

#include <stdexcept>

namespace casereview::db {

// The database's schema is not the one this build expects, or it is not a
// casereview database at all. The message says what to do.
class SchemaError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class SchemaMode {
  // Create the schema in a new or empty database; refuse an older or newer one.
  CreateIfEmpty,
  // Apply every pending migration (what `casereview db migrate` does).
  Migrate,
  // Open only a casereview database at exactly this build's version (checking a
  // backup before restoring it); never create a schema or migrate. (SQLite still
  // creates a missing file, empty, before it is refused.)
  ExistingCurrent,
};

// The schema version this build expects (the highest numbered migration).
int expected_schema_version();

}  // namespace casereview::db
