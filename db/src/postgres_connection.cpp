#include "postgres_connection.h"

#include <soci/postgresql/soci-postgresql.h>

#include "sql_errors.h"

namespace casereview::db {

namespace {

PGconn* connection_of(soci::session& session) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  return backend == nullptr ? nullptr : backend->conn_;
}

}  // namespace

void open_postgres_connection(soci::session& session, const std::string& connection) {
  guarded("connect to PostgreSQL", [&] {
    session.open(soci::postgresql, connection);
    // Every statement casereview sends is complete in itself; a server whose
    // default is otherwise would make every write fail.
    session << "SET default_transaction_read_only = off";
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
  // socket: reading what is there (without waiting) finds the end.
  if (PQconsumeInput(connection) == 0) return true;
  return PQstatus(connection) != CONNECTION_OK;
}

}  // namespace casereview::db
