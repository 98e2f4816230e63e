#pragma once
// Every SOCI repository, bound to one connection, with the statements kept on
// it. A store keeps one set per connection of its pool (and the SQLite
// writer one for its own), lent with the connection: a StoreSession's own set
// for reads and single statements, the group-commit writer's inside a write
// transaction on SQLite.

#include "sql_repositories.h"

namespace casereview::db {

struct SqlRepositorySet {
  explicit SqlRepositorySet(soci::session& sql)
      : statements(sql),
        cases(sql, statements),
        deadlines(sql, statements),
        calendar(sql, statements),
        rule_settings(sql, statements),
        subjects(sql, statements),
        vocabularies(sql, statements),
        reviewers(sql, statements),
        review_records(sql, statements),
        partnerships(sql, statements),
        users(sql, statements),
        sessions(sql, statements),
        access_log(sql, statements),
        checkpoints(sql, statements),
        documents(sql, statements),
        calendar_feeds(sql, statements),
        reminders(sql, statements),
        imports(sql, statements),
        retention(sql, statements),
        case_owners(sql, statements) {}

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
