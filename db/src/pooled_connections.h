#pragma once
// What both stores' pools share: a fixed set of connections, each with its
// repositories and the statements kept on it; a connection lent for as long
// as a session lives; and a session that lends the repositories of one set.

#include <soci/connection-pool.h>
#include <soci/soci.h>

#include <cstddef>
#include <memory>
#include <vector>

#include "sql_repository_set.h"

namespace casereview::db {

struct PooledConnections {
  // `vocabulary_cache` is the store's, shared by every pool it has (and the
  // SQLite writer); it must outlive this.
  PooledConnections(int count, VocabularyCache& vocabulary_cache) : connections(static_cast<std::size_t>(count)) {
    for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i) {
      repositories.push_back(std::make_unique<SqlRepositorySet>(connections.at(i), vocabulary_cache));
    }
  }
  int size() const { return static_cast<int>(repositories.size()); }
  soci::connection_pool connections;
  // The repositories of each connection, with its kept statements: after
  // the connections, so that they go first.
  std::vector<std::unique_ptr<SqlRepositorySet>> repositories;
};

// A connection of the pool, and its repositories, lent for as long as this lives.
class LentConnection {
 public:
  explicit LentConnection(PooledConnections& pool) : pool_(pool), position_(pool.connections.lease()) {}
  ~LentConnection() { pool_.connections.give_back(position_); }
  LentConnection(const LentConnection&) = delete;
  LentConnection& operator=(const LentConnection&) = delete;

  soci::session& session() const { return pool_.connections.at(position_); }
  SqlRepositorySet& repositories() const { return *pool_.repositories[position_]; }

 private:
  PooledConnections& pool_;
  std::size_t position_;
};

// A StoreSession whose repositories are those of the set active() names.
class RepositorySetSession : public StoreSession {
 public:
  CaseRepository& cases() override { return active().cases; }
  DeadlineRepository& deadlines() override { return active().deadlines; }
  CalendarRepository& calendar() override { return active().calendar; }
  RuleSettingsRepository& rule_settings() override { return active().rule_settings; }
  SubjectRepository& subjects() override { return active().subjects; }
  VocabularyRepository& vocabularies() override { return active().vocabularies; }
  ReviewerRepository& reviewers() override { return active().reviewers; }
  ReviewRecordRepository& review_records() override { return active().review_records; }
  PartnershipRepository& partnerships() override { return active().partnerships; }
  UserRepository& users() override { return active().users; }
  SessionRepository& sessions() override { return active().sessions; }
  AccessLogRepository& access_log() override { return active().access_log; }
  DocumentRepository& documents() override { return active().documents; }
  CalendarFeedRepository& calendar_feeds() override { return active().calendar_feeds; }
  ImportRepository& imports() override { return active().imports; }
  RetentionRepository& retention() override { return active().retention; }
  CaseOwnerRepository& case_owners() override { return active().case_owners; }
  CheckpointRepository& checkpoints() override { return active().checkpoints; }
  ReminderRepository& reminders() override { return active().reminders; }

 protected:
  virtual SqlRepositorySet& active() = 0;
};

}  // namespace casereview::db
