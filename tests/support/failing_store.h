#pragma once
// Test fakes (named as such): a real session with one repository replaced by a
// fake that fails, to prove that a failed write leaves nothing half-done.

#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "casereview/engine/repositories.h"

namespace casereview::testing_support {

// A real session (its connection, its transactions) in which calls for the
// repository `Fake::Port` go to a `Fake` built on the real one; every other
// call passes through.
template <class Fake>
class SessionWith final : public StoreSession {
 public:
  template <class... Args>
  explicit SessionWith(std::unique_ptr<StoreSession> real, Args&&... args)
      : real_(std::move(real)), fake_(*real_, std::forward<Args>(args)...) {}
  Fake& fake() { return fake_; }
  // From now on every read transaction throws StorageError before its work
  // runs, as a connection lost between two transactions would.
  void fail_read_transactions() { reads_fail_ = true; }

  CaseRepository& cases() override { return pick(&StoreSession::cases); }
  DeadlineRepository& deadlines() override { return pick(&StoreSession::deadlines); }
  CalendarRepository& calendar() override { return pick(&StoreSession::calendar); }
  RuleSettingsRepository& rule_settings() override { return pick(&StoreSession::rule_settings); }
  SubjectRepository& subjects() override { return pick(&StoreSession::subjects); }
  VocabularyRepository& vocabularies() override { return pick(&StoreSession::vocabularies); }
  ReviewerRepository& reviewers() override { return pick(&StoreSession::reviewers); }
  ReviewRecordRepository& review_records() override { return pick(&StoreSession::review_records); }
  PartnershipRepository& partnerships() override { return pick(&StoreSession::partnerships); }
  UserRepository& users() override { return pick(&StoreSession::users); }
  SessionRepository& sessions() override { return pick(&StoreSession::sessions); }
  AccessLogRepository& access_log() override { return pick(&StoreSession::access_log); }
  CheckpointRepository& checkpoints() override { return pick(&StoreSession::checkpoints); }
  DocumentRepository& documents() override { return pick(&StoreSession::documents); }
  CalendarFeedRepository& calendar_feeds() override { return pick(&StoreSession::calendar_feeds); }
  ReminderRepository& reminders() override { return pick(&StoreSession::reminders); }
  ImportRepository& imports() override { return pick(&StoreSession::imports); }
  RetentionRepository& retention() override { return pick(&StoreSession::retention); }
  CaseOwnerRepository& case_owners() override { return pick(&StoreSession::case_owners); }
  void write_transaction(const std::function<void()>& work) override { real_->write_transaction(work); }
  void read_transaction(const std::function<void()>& work) override {
    if (reads_fail_) throw StorageError("injected failure: the connection was lost before a read");
    real_->read_transaction(work);
  }

 private:
  template <class Port>
  Port& pick(Port& (StoreSession::*real_repository)()) {
    if constexpr (std::is_same_v<Port, typename Fake::Port>) {
      return fake_;
    } else {
      return (real_.get()->*real_repository)();
    }
  }

  std::unique_ptr<StoreSession> real_;
  Fake fake_;
  bool reads_fail_ = false;
};

// Passes everything to the real DeadlineRepository except replace_for_case, which
// throws StorageError as a full disk or lost connection would.
class FailingDeadlineRepository final : public DeadlineRepository {
 public:
  using Port = DeadlineRepository;
  explicit FailingDeadlineRepository(StoreSession& real) : session_(real) {}
  void replace_for_case(long long, const std::vector<Clock>&) override {
    throw StorageError("injected failure: deadlines could not be written");
  }
  std::vector<Clock> for_case(long long id) override { return real().for_case(id); }
  std::map<long long, std::vector<Clock>> for_cases(const CaseFilter& f) override { return real().for_cases(f); }
  std::vector<CaseClock> open_clocks(long long p) override { return real().open_clocks(p); }
  std::vector<long long> cases_with_open_clocks() override { return real().cases_with_open_clocks(); }
  std::vector<long long> cases_stored_without_met_times() override { return real().cases_stored_without_met_times(); }
  void fill_met_times(long long case_id, const std::vector<Clock>& clocks) override {
    real().fill_met_times(case_id, clocks);
  }

 private:
  // Looked up on every call: inside a write transaction the real session
  // lends its writer's repositories (db/README.md, group commit).
  DeadlineRepository& real() { return session_.deadlines(); }
  StoreSession& session_;
};

// A real session whose deadline writes fail (the last step of every command).
using FailingDeadlinesSession = SessionWith<FailingDeadlineRepository>;

// Passes everything to the real CaseRepository except the Nth call of append
// (counting from 1; 0 fails none), which throws StorageError; the calls after
// it pass again.
class FailingCaseRepository final : public CaseRepository {
 public:
  using Port = CaseRepository;
  FailingCaseRepository(StoreSession& real, int failing_append) : session_(real), countdown_(failing_append) {}
  // How many times append was called, the failing call included.
  int appends() const { return appends_; }

  void append(const CaseRecord& updated, long long expected_version, const std::vector<Event>& events) override {
    ++appends_;
    if (--countdown_ == 0) {
      throw StorageError("injected failure: append " + std::to_string(appends_) + " could not be written");
    }
    real().append(updated, expected_version, events);
  }
  CaseRecord create(const NewCase& c, Instant now) override { return real().create(c, now); }
  std::optional<CaseRecord> find(long long id) override { return real().find(id); }
  std::vector<CaseRecord> list(const CaseFilter& f) override { return real().list(f); }
  std::vector<CaseRecord> all_matching(const CaseFilter& f) override { return real().all_matching(f); }
  std::vector<CaseRecord> all_matching_brief(const CaseFilter& f) override { return real().all_matching_brief(f); }
  long long count(const CaseFilter& f) override { return real().count(f); }
  std::vector<long long> all_ids() override { return real().all_ids(); }
  std::vector<Event> events(long long id) override { return real().events(id); }
  std::vector<Event> events_of_types(const CaseFilter& f, const std::vector<std::string>& types) override {
    return real().events_of_types(f, types);
  }
  std::vector<Event> events_of_cases(const std::vector<long long>& ids) override { return real().events_of_cases(ids); }
  std::optional<Event> opening_event(long long id) override { return real().opening_event(id); }
  std::vector<CaseRecord> children(long long id) override { return real().children(id); }

 private:
  // Looked up on every call: inside a write transaction the real session
  // lends its writer's repositories (db/README.md, group commit).
  CaseRepository& real() { return session_.cases(); }
  StoreSession& session_;
  int countdown_;
  int appends_ = 0;
};

// Passes everything to the real SubjectRepository except put, which throws
// StorageError: the identifying details cannot be stored.
class FailingSubjectRepository final : public SubjectRepository {
 public:
  using Port = SubjectRepository;
  explicit FailingSubjectRepository(StoreSession& real) : session_(real) {}
  void put(const Subject&, const SubjectKey&) override {
    throw StorageError("injected failure: identifying details could not be written");
  }
  std::optional<Subject> find(long long id) override { return real().find(id); }
  std::vector<long long> matching_cases(long long p, const std::string& kind, const SubjectKey& key) override {
    return real().matching_cases(p, kind, key);
  }
  bool erase(long long id) override { return real().erase(id); }
  std::vector<long long> cases_matching_identity(long long p, const CaseSearch& search) override {
    return real().cases_matching_identity(p, search);
  }
  std::vector<Subject> in_partnership(long long p) override { return real().in_partnership(p); }

 private:
  // Looked up on every call: inside a write transaction the real session
  // lends its writer's repositories (db/README.md, group commit).
  SubjectRepository& real() { return session_.subjects(); }
  StoreSession& session_;
};

}  // namespace casereview::testing_support
