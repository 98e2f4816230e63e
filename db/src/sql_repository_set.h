#pragma once
// Every SOCI repository, bound to one connection, with the statements kept on
// it. A store keeps one set per connection of its pool (and the SQLite
// writer one for its own), lent with the connection: a StoreSession's own set
// for reads and single statements, the group-commit writer's inside a write
// transaction on SQLite.

#include "sql_repositories.h"

namespace casereview::db {

struct SqlRepositorySet {
  // `vocabulary_cache` is the store's, shared by all its sets.
  SqlRepositorySet(soci::session& sql, VocabularyCache& vocabulary_cache)
      : statements(sql),
        cases(statements),
        deadlines(statements),
        calendar(statements),
        rule_settings(statements),
        subjects(statements),
        vocabularies(statements, vocabulary_cache),
        reviewers(statements),
        review_records(statements),
        partnerships(statements),
        users(statements),
        sessions(statements),
        access_log(statements),
        checkpoints(statements),
        documents(statements),
        calendar_feeds(statements),
        reminders(statements),
        imports(statements),
        retention(statements),
        case_owners(statements) {}

  // To be called each time the connection begins a transaction.
  void transaction_began() { vocabularies.transaction_began(); }

  // The statements prepared on this connection; made first and gone last,
  // emptied before the connection closes.
  StatementCache statements;
  SqlCaseRepository cases;
  SqlDeadlineRepository deadlines;
  SqlCalendarRepository calendar;
  SqlRuleSettingsRepository rule_settings;
  SqlSubjectRepository subjects;
  SqlVocabularyRepository vocabularies;
  SqlReviewerRepository reviewers;
  SqlReviewRecordRepository review_records;
  SqlPartnershipRepository partnerships;
  SqlUserRepository users;
  SqlSessionRepository sessions;
  SqlAccessLogRepository access_log;
  SqlCheckpointRepository checkpoints;
  SqlDocumentRepository documents;
  SqlCalendarFeedRepository calendar_feeds;
  SqlReminderRepository reminders;
  SqlImportRepository imports;
  SqlRetentionRepository retention;
  SqlCaseOwnerRepository case_owners;
};

}  // namespace casereview::db
