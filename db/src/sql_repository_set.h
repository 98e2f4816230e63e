#pragma once
// Every SOCI repository, bound to one connection. A StoreSession lends these
// to the work it runs: its own connection's set for reads and single
// statements, the group-commit writer's set inside a write transaction.

#include "sql_repositories.h"

namespace casereview::db {

struct SqlRepositorySet {
  explicit SqlRepositorySet(soci::session& sql)
      : cases(sql),
        deadlines(sql),
        calendar(sql),
        rule_settings(sql),
        subjects(sql),
        vocabularies(sql),
        reviewers(sql),
        review_records(sql),
        partnerships(sql),
        users(sql),
        sessions(sql),
        access_log(sql),
        checkpoints(sql),
        documents(sql),
        calendar_feeds(sql),
        reminders(sql),
        imports(sql),
        retention(sql),
        case_owners(sql) {}

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
