#pragma once
// SOCI implementations of the engine's repository ports. Each borrows the
// session of the StoreSession that owns it; none is thread-safe. The SQL is
// written to run unchanged on SQLite and PostgreSQL.

#include <soci/soci.h>

#include "casereview/engine/repositories.h"

namespace casereview::db {

class SqlCaseRepository final : public CaseRepository {
 public:
  explicit SqlCaseRepository(soci::session& session) : sql_(session) {}
  CaseRecord create(const NewCase& new_case, Instant now) override;
  std::optional<CaseRecord> find(long long case_id) override;
  std::vector<CaseRecord> list(const CaseFilter& filter) override;
  std::vector<long long> all_ids() override;
  std::vector<Event> events(long long case_id) override;
  void append(const CaseRecord& updated, long long expected_version,
              const std::vector<Event>& events) override;

 private:
  soci::session& sql_;
};

class SqlDeadlineRepository final : public DeadlineRepository {
 public:
  explicit SqlDeadlineRepository(soci::session& session) : sql_(session) {}
  void replace_for_case(long long case_id, const std::vector<Clock>& clocks) override;
  std::vector<Clock> for_case(long long case_id) override;
  std::vector<CaseClock> open_clocks(long long partnership_id) override;
  std::vector<long long> cases_with_open_clocks() override;

 private:
  soci::session& sql_;
};

class SqlCalendarRepository final : public CalendarRepository {
 public:
  explicit SqlCalendarRepository(soci::session& session) : sql_(session) {}
  std::vector<BankHoliday> holidays() override;
  std::optional<CalendarLoad> latest_load() override;
  void replace_years(const std::vector<BankHoliday>& feed, const CalendarLoad& load) override;

 private:
  soci::session& sql_;
};

class SqlRuleSettingsRepository final : public RuleSettingsRepository {
 public:
  explicit SqlRuleSettingsRepository(soci::session& session) : sql_(session) {}
  std::map<std::string, RuleSetting> for_partnership(long long partnership_id) override;
  void put(long long partnership_id, const std::string& rule_id, const RuleSetting& setting,
           const std::string& actor, Instant now) override;

 private:
  soci::session& sql_;
};

// Column conversions shared by the repositories. Stored text that does not parse
// means the database was edited outside casereview: StorageError.
Date stored_date(const std::string& text);
Instant stored_instant(const std::string& text);

}  // namespace casereview::db
