#pragma once
// Test fakes (named as such): a Store whose sessions are real except that one
// repository call fails, to prove that a failed write leaves nothing half-done.

#include <memory>
#include <stdexcept>

#include "casereview/engine/repositories.h"

namespace casereview::testing_support {

// Passes everything to a real DeadlineRepository except replace_for_case, which
// throws StorageError as a full disk or lost connection would.
class FailingDeadlineRepository final : public DeadlineRepository {
 public:
  explicit FailingDeadlineRepository(DeadlineRepository& real) : real_(real) {}
  void replace_for_case(long long, const std::vector<Clock>&) override {
    throw StorageError("injected failure: deadlines could not be written");
  }
  std::vector<Clock> for_case(long long id) override { return real_.for_case(id); }
  std::vector<CaseClock> open_clocks(long long p) override { return real_.open_clocks(p); }
  std::vector<long long> cases_with_open_clocks() override { return real_.cases_with_open_clocks(); }

 private:
  DeadlineRepository& real_;
};

// A real session whose deadline writes fail (the last step of every command).
class FailingDeadlinesSession final : public StoreSession {
 public:
  explicit FailingDeadlinesSession(std::unique_ptr<StoreSession> real)
      : real_(std::move(real)), deadlines_(real_->deadlines()) {}
  CaseRepository& cases() override { return real_->cases(); }
  DeadlineRepository& deadlines() override { return deadlines_; }
  CalendarRepository& calendar() override { return real_->calendar(); }
  RuleSettingsRepository& rule_settings() override { return real_->rule_settings(); }
  SubjectRepository& subjects() override { return real_->subjects(); }
  VocabularyRepository& vocabularies() override { return real_->vocabularies(); }
  ReviewerRepository& reviewers() override { return real_->reviewers(); }
  ReviewRecordRepository& review_records() override { return real_->review_records(); }
  PartnershipRepository& partnerships() override { return real_->partnerships(); }
  UserRepository& users() override { return real_->users(); }
  SessionRepository& sessions() override { return real_->sessions(); }
  AccessLogRepository& access_log() override { return real_->access_log(); }
  CheckpointRepository& checkpoints() override { return real_->checkpoints(); }
  DocumentRepository& documents() override { return real_->documents(); }
  void write_transaction(const std::function<void()>& work) override { real_->write_transaction(work); }

 private:
  std::unique_ptr<StoreSession> real_;
  FailingDeadlineRepository deadlines_;
};

}  // namespace casereview::testing_support
