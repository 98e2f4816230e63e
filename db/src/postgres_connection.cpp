#include "postgres_connection.h"

#include <soci/postgresql/soci-postgresql.h>

#include "casereview/db/postgres_store.h"
#include "sql_errors.h"

namespace casereview::db {

namespace {

PGconn* connection_of(soci::session& session) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  return backend == nullptr ? nullptr : backend->conn_;
}

// libpq prints the server's notices (a table that exists already, the reason
// a connection was ended) on standard error; the failures that matter reach
// the caller as errors, and the server's log has the rest.
void ignore_notice(void*, const char*) {}

void configure(soci::session& session) {
  PQsetNoticeProcessor(connection_of(session), ignore_notice, nullptr);
  // A server whose default is read-only transactions would refuse every write.
  session << "SET default_transaction_read_only = off";
}

}  // namespace

void open_postgres_connection(soci::session& session, const std::string& connection) {
  guarded("connect to PostgreSQL", [&] {
    session.open(soci::postgresql, connection);
    configure(session);
  });
}

void reopen_postgres_connection(soci::session& session) {
  guarded("connect to PostgreSQL again", [&] {
    session.reconnect();
    configure(session);
  });
}

void execute_postgres_script(soci::session& session, std::string_view script) {
  PGconn* connection = connection_of(session);
  if (connection == nullptr) throw StorageError("script failed: not connected to PostgreSQL");
  const std::string text(script);
  PGresult* result = PQexec(connection, text.c_str());
  const ExecStatusType status = PQresultStatus(result);
  const std::string message = PQresultErrorMessage(result);
  PQclear(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw StorageError("script failed: " + (message.empty() ? std::string(PQerrorMessage(connection)) : message));
  }
}

std::string describe_postgres_connection(const std::string& connection) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(connection.c_str(), &error);
  if (options == nullptr) {
    PQfreemem(error);
    return "(a connection string libpq cannot read)";
  }
  std::string described;
  for (const char* wanted : {"host", "hostaddr", "port", "dbname"}) {
    for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
      if (std::string(o->keyword) == wanted && o->val != nullptr && *o->val != '\0') {
        described += (described.empty() ? "" : " ") + std::string(wanted) + "=" + o->val;
      }
    }
  }
  PQconninfoFree(options);
  return described;
}

bool postgres_in_transaction(soci::session& session) {
  PGconn* connection = connection_of(session);
  if (connection == nullptr) return false;
  const PGTransactionStatusType status = PQtransactionStatus(connection);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

bool postgres_connection_broken(soci::session& session) {
  PGconn* connection = connection_of(session);
  if (connection == nullptr) return true;
  if (PQstatus(connection) != CONNECTION_OK) return true;
  // A server that ended the connection has sent its reason and closed the
  // socket: reading what is there (without waiting; libpq's socket does not
  // block) finds the end. The first read takes the reason, the second the end.
  for (int read = 0; read < 2; ++read) {
    if (PQconsumeInput(connection) == 0 || PQstatus(connection) != CONNECTION_OK) return true;
  }
  return false;
}

}  // namespace casereview::db
