#pragma once
// Storage ports: the small interfaces the engine needs and db/ implements.
//
// One StoreSession per in-flight request (it owns one database connection);
// a session and the repositories it hands out are NOT thread-safe. A Store
// hands out sessions and is thread-safe.
//
// Errors: "not found" is a value (nullopt / empty); a lost optimistic-concurrency
// race is ConflictError; everything else the storage cannot do is StorageError.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "casereview/engine/bank_holidays.h"
#include "casereview/engine/clock.h"
#include "casereview/engine/deadline_rule.h"
#include "casereview/engine/event.h"

namespace casereview {

class StorageError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The case changed between read and write (its version moved on).
class ConflictError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct NewCase {
  std::string kind;
  std::string reference_prefix;  // the reference becomes PREFIX-YEAR-NNNN
  long long partnership_id = 0;
  Date opened_on;
  std::string summary;
};

struct CaseFilter {
  long long partnership_id = 0;
  std::optional<std::string> kind;
  std::optional<std::string> state;
  int limit = 100;
  int offset = 0;
};

class CaseRepository {
 public:
  virtual ~CaseRepository() = default;
  // Inserts a case at version 0 with the next free reference for its prefix and
  // the year of `opened_on`. Returns the stored row.
  virtual CaseRecord create(const NewCase& new_case, Instant now) = 0;
  virtual std::optional<CaseRecord> find(long long case_id) = 0;
  // Newest first.
  virtual std::vector<CaseRecord> list(const CaseFilter& filter) = 0;
  // Every case id in the store, ascending (for audit verification).
  virtual std::vector<long long> all_ids() = 0;
  // The case's events in sequence order; empty when there are none.
  virtual std::vector<Event> events(long long case_id) = 0;
  // Appends `events` (already chained) and writes `updated` (state, version, head
  // hash, updated_at, summary), provided the stored version is still
  // `expected_version`. Throws ConflictError when it is not.
  virtual void append(const CaseRecord& updated, long long expected_version,
                      const std::vector<Event>& events) = 0;
};

// A clock together with the case it runs on, for lists across cases.
struct CaseClock {
  long long case_id = 0;
  std::string case_reference;
  std::string case_kind;
  std::string case_state;
  Clock clock;
};

class DeadlineRepository {
 public:
  virtual ~DeadlineRepository() = default;
  // Replaces the projection of one case's clocks.
  virtual void replace_for_case(long long case_id, const std::vector<Clock>& clocks) = 0;
  virtual std::vector<Clock> for_case(long long case_id) = 0;
  // Open clocks (neither met nor ended) of a partnership, earliest due first,
  // paused ones last.
  virtual std::vector<CaseClock> open_clocks(long long partnership_id) = 0;
  // Ids of cases with at least one open clock (to re-project after a calendar change).
  virtual std::vector<long long> cases_with_open_clocks() = 0;
};

struct CalendarLoad {
  long long revision = 0;  // increases with every load
  std::string source;      // file name or "shipped"
  std::string loaded_by;
  Instant loaded_at;
};

class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;
  virtual std::vector<BankHoliday> holidays() = 0;
  // The latest load, or nullopt before the first.
  virtual std::optional<CalendarLoad> latest_load() = 0;
  // Replaces the holidays of every year that `feed` covers; years it does not
  // cover keep what they had (the public feed drops old years, and past deadlines
  // must not move). Records the load.
  virtual void replace_years(const std::vector<BankHoliday>& feed, const CalendarLoad& load) = 0;
};

class RuleSettingsRepository {
 public:
  virtual ~RuleSettingsRepository() = default;
  // The partnership's settings by rule id; rules without a setting are absent.
  virtual std::map<std::string, RuleSetting> for_partnership(long long partnership_id) = 0;
  virtual void put(long long partnership_id, const std::string& rule_id, const RuleSetting& setting,
                   const std::string& actor, Instant now) = 0;
};

class StoreSession {
 public:
  virtual ~StoreSession() = default;
  virtual CaseRepository& cases() = 0;
  virtual DeadlineRepository& deadlines() = 0;
  virtual CalendarRepository& calendar() = 0;
  virtual RuleSettingsRepository& rule_settings() = 0;
  // Runs `work` inside one write transaction: commits when it returns, rolls back
  // and rethrows when it throws. Writers are serialised (SQLite: BEGIN IMMEDIATE).
  virtual void write_transaction(const std::function<void()>& work) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // A session with its own connection; blocks while all connections are in use.
  virtual std::unique_ptr<StoreSession> session() = 0;
};

}  // namespace casereview
