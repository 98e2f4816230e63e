#pragma once
// SOCI implementations of the engine's repository ports. Each borrows the
// connection of the StoreSession that owns it, and that connection's kept
// statements (statement_cache.h); none is thread-safe. The SQL is
// written to run unchanged on SQLite and PostgreSQL. A failed statement throws
// StorageError; a stored JSON column that does not parse (a clock's pauses, a
// subject's details) throws JsonParseError or JsonTypeError instead.

#include <soci/soci.h>

#include <functional>
#include <map>
#include <string_view>
#include <variant>
#include <vector>

#include "casereview/engine/repositories.h"
#include "statement_cache.h"
#include "vocabulary_cache.h"

namespace casereview::db {

class SqlCaseRepository final : public CaseRepository {
 public:
  explicit SqlCaseRepository(StatementCache& statements) : statements_(statements) {}
  CaseRecord create(const NewCase& new_case, Instant now) override;
  std::optional<CaseRecord> find(long long case_id) override;
  std::vector<CaseRecord> list(const CaseFilter& filter) override;
  std::vector<CaseRecord> all_matching(const CaseFilter& filter) override;
  std::vector<CaseRecord> all_matching_brief(const CaseFilter& filter) override;
  long long count(const CaseFilter& filter) override;
  std::vector<long long> all_ids() override;
  std::vector<Event> events(long long case_id) override;
  std::vector<Event> events_of_types(const CaseFilter& cases, const std::vector<std::string>& types) override;
  std::vector<Event> events_of_cases(const std::vector<long long>& case_ids) override;
  std::optional<Event> opening_event(long long case_id) override;
  void append(const CaseRecord& updated, long long expected_version, const std::vector<Event>& events) override;
  std::vector<CaseRecord> children(long long case_id) override;

 private:
  // The case's events by sequence, the statement ending with `limit` ("" or " LIMIT n").
  std::vector<Event> events_in_order(long long case_id, const std::string& limit);
  // A value for a statement's placeholder.
  using SqlValue = std::variant<long long, std::string>;
  // The events `sql` selects (kEventColumns first), its placeholders given
  // `values` in order.
  std::vector<Event> select_events(const std::string& sql, const std::vector<SqlValue>& values);
  StatementCache& statements_;  // of the repository set's connection
};

class SqlDeadlineRepository final : public DeadlineRepository {
 public:
  explicit SqlDeadlineRepository(StatementCache& statements) : statements_(statements) {}
  void replace_for_case(long long case_id, const std::vector<Clock>& clocks) override;
  void store_for_new_case(long long case_id, const std::vector<Clock>& clocks) override;
  std::vector<Clock> for_case(long long case_id) override;
  std::map<long long, std::vector<Clock>> for_cases(const CaseFilter& cases) override;
  std::vector<CaseClock> open_clocks(long long partnership_id) override;
  std::vector<long long> cases_with_open_clocks() override;
  std::vector<long long> cases_stored_without_met_times() override;
  void fill_met_times(long long case_id, const std::vector<Clock>& clocks) override;

 private:
  StatementCache& statements_;  // of the repository set's connection
};

class SqlCalendarRepository final : public CalendarRepository {
 public:
  explicit SqlCalendarRepository(StatementCache& statements) : statements_(statements) {}
  std::vector<BankHoliday> holidays() override;
  std::optional<CalendarLoad> latest_load() override;
  void replace_years(const std::vector<BankHoliday>& feed, const CalendarLoad& load) override;

 private:
  StatementCache& statements_;  // of the repository set's connection
};

class SqlRuleSettingsRepository final : public RuleSettingsRepository {
 public:
  explicit SqlRuleSettingsRepository(StatementCache& statements) : statements_(statements) {}
  std::map<std::string, RuleSetting> for_partnership(long long partnership_id) override;
  void put(long long partnership_id, const std::string& rule_id, const RuleSetting& setting, const std::string& reason,
           const std::string& actor, Instant now) override;
  std::vector<RuleSettingChange> changes(long long partnership_id) override;

 private:
  StatementCache& statements_;  // of the repository set's connection
};

// `text` for a LIKE pattern with ESCAPE '\\': its '%', '_' and '\\' stand for themselves.
std::string like_escaped(const std::string& text);

// Recomputes every stored subject's name and NHS-number keys from its details
// (SubjectKey::from_facts): for keys written by an earlier fold. Returns how
// many rows changed. The caller holds the transaction.
int refold_subject_keys(soci::session& session);

class SqlSubjectRepository final : public SubjectRepository {
 public:
  explicit SqlSubjectRepository(StatementCache& statements) : statements_(statements) {}
  void put(const Subject& subject, const SubjectKey& key) override;
  std::optional<Subject> find(long long case_id) override;
  std::vector<long long> matching_cases(long long partnership_id, const std::string& kind,
                                        const SubjectKey& key) override;
  bool erase(long long case_id) override;
  std::vector<long long> cases_matching_identity(long long partnership_id, const CaseSearch& search) override;
  std::vector<Subject> in_partnership(long long partnership_id) override;

 private:
  StatementCache& statements_;  // of the repository set's connection
};

// Loads through the store's VocabularyCache (vocabulary_cache.h), except while
// this connection holds a vocabulary change not yet committed or rolled back.
class SqlVocabularyRepository final : public VocabularyRepository {
 public:
  SqlVocabularyRepository(StatementCache& statements, VocabularyCache& cache)
      : statements_(statements), cache_(cache) {}
  SharedVocabularies load(long long partnership_id) override;
  void add_factor(const FactorCode& factor, long long scope, const std::string& actor, Instant now) override;
  void add_theme(const ThemeCode& theme, long long scope, const std::string& actor, Instant now) override;
  bool set_active(const std::string& vocabulary, const std::string& code, bool active, long long scope,
                  const std::string& actor, Instant now) override;
  // Called as the connection begins a transaction: whatever it changed before
  // is now committed or rolled back.
  void transaction_began() { changed_in_transaction_ = false; }

 private:
  Vocabularies read(long long partnership_id);
  long long changes_recorded();

  StatementCache& statements_;  // of the repository set's connection
  VocabularyCache& cache_;      // of the store
  bool changed_in_transaction_ = false;
};

class SqlReviewerRepository final : public ReviewerRepository {
 public:
  explicit SqlReviewerRepository(StatementCache& statements) : statements_(statements) {}
  Reviewer add(const Reviewer& reviewer) override;
  std::optional<Reviewer> find(long long partnership_id, long long reviewer_id) override;
  std::vector<Reviewer> list(long long partnership_id) override;
  std::optional<ConflictDeclaration> declare(long long partnership_id, long long reviewer_id,
                                             const ConflictDeclaration& declaration) override;

 private:
  std::vector<Reviewer> reviewers_where(const std::string& where, const std::function<void(soci::statement&)>& bind);
  std::map<long long, std::vector<ConflictDeclaration>> declarations_where(
      const std::string& where, const std::function<void(soci::statement&)>& bind);
  StatementCache& statements_;  // of the repository set's connection
};

class SqlReviewRecordRepository final : public ReviewRecordRepository {
 public:
  explicit SqlReviewRecordRepository(StatementCache& statements) : statements_(statements) {}
  void replace_for_case(long long case_id, const ReviewRecords& records) override;
  void store_for_new_case(long long case_id, const ReviewRecords& records) override;
  ReviewRecords for_case(long long case_id) override;
  std::vector<CaseAction> actions(const ActionFilter& filter) override;
  std::vector<CaseContract> contracts(long long partnership_id) override;
  std::vector<CaseRequest> requests_for_agency(long long partnership_id, const std::string& agency) override;
  std::vector<CaseRequest> open_requests(long long partnership_id) override;
  std::vector<AgencyRequest> requests_for_case(long long case_id) override;
  std::map<long long, std::vector<CaseTag>> tags_for_cases(const CaseFilter& cases) override;
  std::vector<long long> cases_tagged(long long partnership_id, const std::string& kind,
                                      const std::string& code) override;
  std::vector<TagCount> tag_counts(long long partnership_id, const std::string& kind) override;

 private:
  std::vector<CaseRequest> requests_where(const std::string& where, const std::function<void(soci::statement&)>& bind);
  std::vector<AgencyRequest> requests_of(long long case_id);  // requests_for_case, inside a guarded read
  // The contracts matching `where`, which binds one value (":p" or ":c").
  std::vector<CaseContract> contracts_where(const char* where, long long value);
  StatementCache& statements_;  // of the repository set's connection
};

class SqlPartnershipRepository final : public PartnershipRepository {
 public:
  explicit SqlPartnershipRepository(StatementCache& statements) : statements_(statements) {}
  Partnership add(const std::string& code, const std::string& name) override;
  std::vector<Partnership> list() override;
  std::optional<Partnership> find_by_code(const std::string& code) override;
  std::vector<std::string> areas(long long partnership_id) override;
  void add_area(long long partnership_id, const std::string& local_authority) override;

 private:
  StatementCache& statements_;  // of the repository set's connection
};

class SqlUserRepository final : public UserRepository {
 public:
  explicit SqlUserRepository(StatementCache& statements) : sql_(statements.session()), statements_(statements) {}
  User add(const User& user) override;
  std::optional<User> find(long long user_id) override;
  std::optional<User> find_by_username(const std::string& username) override;
  std::vector<User> list(long long partnership_id) override;
  void set_password(long long user_id, const std::string& password_hash, bool must_change) override;
  void set_active(long long user_id, bool active) override;
  void set_email(long long user_id, const std::string& email) override;
  void put_membership(long long user_id, const Membership& membership) override;

 private:
  soci::session& sql_;
  StatementCache& statements_;  // of the repository set's connection
};

class SqlSessionRepository final : public SessionRepository {
 public:
  explicit SqlSessionRepository(StatementCache& statements) : statements_(statements) {}
  void create(const SessionRecord& session) override;
  std::optional<SessionRecord> find(const std::string& token_hash) override;
  void touch(const std::string& token_hash, Instant now) override;
  void revoke(const std::string& token_hash) override;
  int revoke_all(long long user_id) override;

 private:
  StatementCache& statements_;  // of the repository set's connection
};

class SqlAccessLogRepository final : public AccessLogRepository {
 public:
  explicit SqlAccessLogRepository(StatementCache& statements) : statements_(statements) {}
  void append(const AccessEntry& entry) override;
  void append_for_cases(const AccessEntry& entry, const std::vector<long long>& case_ids) override;
  std::vector<AccessEntry> list(const AccessFilter& filter) override;

 private:
  // The id of the page naming `case_ids` in that order, added if new.
  long long page_naming(const std::vector<long long>& case_ids);

  StatementCache& statements_;  // of the repository set's connection
};

class SqlDocumentRepository final : public DocumentRepository {
 public:
  explicit SqlDocumentRepository(StatementCache& statements) : sql_(statements.session()), statements_(statements) {}
  void put_content(const std::string& sha256, const std::string& content) override;
  Document add(const Document& document) override;
  std::optional<Document> find(long long partnership_id, long long document_id) override;
  std::vector<Document> for_case(long long case_id) override;
  std::optional<std::string> content(const std::string& sha256) override;
  int erase_contents_of_case(long long case_id) override;

 private:
  soci::session& sql_;
  StatementCache& statements_;  // of the repository set's connection
};

class SqlRetentionRepository final : public RetentionRepository {
 public:
  explicit SqlRetentionRepository(StatementCache& statements) : statements_(statements) {}
  std::vector<RetentionPeriod> periods(long long partnership_id) override;
  void set_period(long long partnership_id, const RetentionPeriod& period) override;
  void for_each_closed_case(long long partnership_id,
                            const std::vector<std::pair<std::string, std::string>>& closed_states,
                            const std::function<void(const CaseForRetention&)>& visit) override;
  std::optional<LegalHold> hold(long long case_id) override;
  void place_hold(const LegalHold& hold) override;
  bool lift_hold(long long case_id) override;
  std::optional<IdentityErasure> erasure(long long case_id) override;
  void record_erasure(const IdentityErasure& erasure) override;

 private:
  StatementCache& statements_;  // of the repository set's connection
};

class SqlCaseOwnerRepository final : public CaseOwnerRepository {
 public:
  explicit SqlCaseOwnerRepository(StatementCache& statements) : statements_(statements) {}
  std::optional<CaseOwner> find(long long case_id) override;
  std::map<long long, CaseOwner> of_partnership(long long partnership_id) override;
  void assign(const CaseOwner& owner) override;
  bool remove(long long case_id) override;

 private:
  StatementCache& statements_;  // of the repository set's connection
};

class SqlCalendarFeedRepository final : public CalendarFeedRepository {
 public:
  explicit SqlCalendarFeedRepository(StatementCache& statements) : statements_(statements) {}
  void replace(const CalendarFeed& feed) override;
  bool revoke(long long user_id, long long partnership_id, Instant at) override;
  std::optional<CalendarFeed> find(const std::string& token_hash) override;
  std::optional<CalendarFeed> live(long long user_id, long long partnership_id) override;

 private:
  StatementCache& statements_;  // of the repository set's connection
};

class SqlImportRepository final : public ImportRepository {
 public:
  explicit SqlImportRepository(StatementCache& statements) : statements_(statements) {}
  long long add(const ImportRecord& record, const std::vector<ImportedRow>& rows) override;
  std::optional<EarlierRow> find_row(long long partnership_id, const std::string& sheet,
                                     const std::string& source_reference) override;
  std::optional<ImportRecord> find(long long partnership_id, const std::string& file_sha256) override;
  std::vector<ImportRecord> for_partnership(long long partnership_id) override;

 private:
  StatementCache& statements_;  // of the repository set's connection
};

class SqlCheckpointRepository final : public CheckpointRepository {
 public:
  explicit SqlCheckpointRepository(StatementCache& statements) : statements_(statements) {}
  std::vector<ChainHead> unsigned_heads() override;
  std::map<long long, long long> signed_versions() override;
  void add(const Checkpoint& checkpoint) override;
  void for_each(const std::function<void(const Checkpoint&)>& visit) override;
  long long count() override;
  std::optional<Checkpoint> latest() override;
  std::optional<Instant> latest_taken_at() override;

 private:
  StatementCache& statements_;  // of the repository set's connection
};

class SqlReminderRepository final : public ReminderRepository {
 public:
  explicit SqlReminderRepository(StatementCache& statements) : statements_(statements) {}
  std::optional<long long> claim(const ReminderSend& send) override;
  std::optional<ReminderSend> find(const std::string& item_key, const std::string& recipient, Date day) override;
  bool take_over(const ReminderSend& seen, const std::string& claimed_by, Instant now) override;
  bool mark_sent(long long id, const std::string& claimed_by, Instant now) override;
  bool mark_failed(long long id, const std::string& claimed_by, const std::string& error) override;
  std::vector<ReminderSend> for_day(long long partnership_id, Date day) override;

 private:
  std::vector<ReminderSend> fetch(const std::string& where, const std::function<void(soci::statement&)>& bind);
  StatementCache& statements_;  // of the repository set's connection
};

// Column conversions shared by the repositories. Stored text that does not parse
// means the database was edited outside casereview: StorageError.
Date stored_date(std::string_view text);
Instant stored_instant(std::string_view text);
std::optional<Date> stored_optional_date(const std::string& text, soci::indicator indicator);

// A text column and its indicator for an optional date or instant.
struct NullableText {
  std::string text;
  soci::indicator ind = soci::i_null;
  template <class T>
  explicit NullableText(const std::optional<T>& value) {
    if (value) {
      text = value->iso();
      ind = soci::i_ok;
    }
  }
};

// Sets a nullable column's text and indicator, as bound to be written.
inline void set_column(std::string& text, soci::indicator& ind, const NullableText& value) {
  text = value.text;
  ind = value.ind;
}

// Whether two nullable columns as read or to be written hold the same: both
// null, or both the same text (a null's text is whatever was last read there).
inline bool same_column(const std::string& a, soci::indicator a_ind, const std::string& b, soci::indicator b_ind) {
  return (a_ind == soci::i_null) == (b_ind == soci::i_null) && (a_ind == soci::i_null || a == b);
}

// Stores one case's `rows` over `before`, what is stored of that case by key:
// `write(row, stored)` for each row not stored as it is (`unchanged(stored
// value, row)`), `stored` telling an update from an insertion, then
// `drop(key)` for each key stored and not among `rows`. Each step stores all of
// its case's records and clocks again, and changes few of them.
template <class Key, class Stored, class Row, class KeyOf, class Unchanged, class Write, class Drop>
void write_what_changed(std::map<Key, Stored> before, std::vector<Row>& rows, KeyOf key_of, Unchanged unchanged,
                        Write write, Drop drop) {
  for (Row& row : rows) {
    const auto stored = before.find(key_of(row));
    const bool known = stored != before.end();
    if (known) {
      const bool same = unchanged(stored->second, row);
      before.erase(stored);
      if (same) continue;
    }
    write(row, known);
  }
  for (const auto& [key, gone] : before) drop(key);
}

}  // namespace casereview::db
