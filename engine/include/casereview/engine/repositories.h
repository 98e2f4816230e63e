#pragma once
// Storage ports: the small interfaces the engine needs and db/ implements.
//
// One StoreSession per in-flight request (it owns one database connection);
// a session and the repositories it hands out are NOT thread-safe, and the
// repositories live as long as their session. A Store hands out sessions and
// is thread-safe.
//
// Errors: "not found" is a value (nullopt / empty); a lost optimistic-concurrency
// race, or a name that exists already, is ConflictError; everything else the
// storage cannot do is StorageError. Values are returned by copy: nothing a
// repository returns refers back into it.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "casereview/engine/access.h"
#include "casereview/engine/bank_holidays.h"
#include "casereview/engine/case_owner.h"
#include "casereview/engine/case_search.h"
#include "casereview/engine/clock.h"
#include "casereview/engine/deadline_rule.h"
#include "casereview/engine/document.h"
#include "casereview/engine/event.h"
#include "casereview/engine/report_period.h"
#include "casereview/engine/retention.h"
#include "casereview/engine/review_records.h"
#include "casereview/engine/reviewer.h"
#include "casereview/engine/subject.h"
#include "casereview/engine/vocabulary.h"

namespace casereview {

// What a storage failure is, when the server can tell: the disk holding the
// database is full, or the database cannot be written (a read-only file or file
// system). Neither changed anything, and both pass once an operator frees space
// or restores write access, with no restart: the server answers them 503 with
// Retry-After where any other failure is a 500.
enum class StorageFault { Other, Full, ReadOnly };

class StorageError : public std::runtime_error {
 public:
  explicit StorageError(const std::string& what, StorageFault fault = StorageFault::Other)
      : std::runtime_error(what), fault_(fault) {}
  StorageFault fault() const { return fault_; }

 private:
  StorageFault fault_;
};

// The case changed between read and write (its version moved on), or a name
// being added exists already (a username, a partnership or vocabulary code).
class ConflictError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct NewCase {
  std::string kind;
  std::string reference_prefix;  // the reference becomes PREFIX-YEAR-NNNN
  long long partnership_id = 0;
  Date opened_on;
  std::string summary;
  long long parent_case_id = 0;  // 0: not opened by another case
  std::string relation;
};

// The cases a period picks, as report_period.h's active_in decides: opened on
// or before the period's last day, and either open (in none of
// `closed_states`) or with a step on or after its first day (the latest date
// among the case's steps, which the store keeps on the case; retention and
// owner events are not steps).
struct ActiveInPeriod {
  ReportPeriod period;
  // (kind, state) pairs that are closed: WorkflowRegistry::closed_states().
  std::vector<std::pair<std::string, std::string>> closed_states;
  // When set, only a step on or after the period's first day picks a case
  // (or, for a case with no step yet, its opening on or after that day),
  // whether it is open or closed; `closed_states` is not read. A report that
  // counts a case only by what a step in the period recorded asks for these.
  bool only_stepped = false;
};

struct CaseFilter {
  long long partnership_id = 0;
  std::optional<std::string> kind;
  std::optional<std::string> state;
  std::vector<long long> ids;  // when not empty: only these cases
  // When set, cases whose reference contains it (upper-case letters, digits, dashes).
  std::optional<std::string> reference_contains;
  // When set, only the cases active in its period.
  std::optional<ActiveInPeriod> active_in;
  int limit = 100;
  int offset = 0;
};

class CaseRepository {
 public:
  virtual ~CaseRepository() = default;
  // Inserts a case at version 0 (state "", head hash kGenesisHash) with the
  // partnership's next free reference for its prefix and the year of
  // `opened_on`. Returns the stored row. StorageError when the partnership or the
  // parent case does not exist.
  virtual CaseRecord create(const NewCase& new_case, Instant now) = 0;
  // The case whatever its partnership (the caller checks it against the
  // principal's: access.h); nullopt when there is no such case.
  virtual std::optional<CaseRecord> find(long long case_id) = 0;
  // The cases of filter.partnership_id that match, newest opened first (then
  // highest id), `limit` at most from `offset`.
  virtual std::vector<CaseRecord> list(const CaseFilter& filter) = 0;
  // Every case of filter.partnership_id that matches, whatever `limit` and
  // `offset`, lowest id first: what a report reads (thousands of cases).
  virtual std::vector<CaseRecord> all_matching(const CaseFilter& filter) = 0;
  // As all_matching, with only what a report counts by: id, reference, kind,
  // partnership_id, state, version, opened_on and parent_case_id; the other
  // fields are left as a new CaseRecord has them. Ten years of a national
  // service are some 50,000 cases: their hashes, times and texts were most
  // of reading them.
  virtual std::vector<CaseRecord> all_matching_brief(const CaseFilter& filter) = 0;
  // How many cases of filter.partnership_id match, whatever `limit` and `offset`.
  virtual long long count(const CaseFilter& filter) = 0;
  // Every case id in the store, of every partnership, ascending (audit
  // verification reads by it any case of no partnership listed).
  virtual std::vector<long long> all_ids() = 0;
  // The case's events in sequence order; empty when there are none.
  virtual std::vector<Event> events(long long case_id) = 0;
  // The events of `types` of the cases `cases` picks (its limit and offset are
  // not used), by case then sequence: for the reports, which read a few kinds
  // of event across many cases in one query rather than each case's log.
  virtual std::vector<Event> events_of_types(const CaseFilter& cases, const std::vector<std::string>& types) = 0;
  // Every event of the cases `case_ids` names, whatever their partnership, by
  // case then sequence: for audit verification, which reads every chain a
  // few hundred cases at a time rather than with a query a case.
  virtual std::vector<Event> events_of_cases(const std::vector<long long>& case_ids) = 0;
  // The case's first event (the one that opened it); nullopt when there is none.
  virtual std::optional<Event> opening_event(long long case_id) = 0;
  // Appends `events` (already chained) and writes `updated` (state, version, head
  // hash, updated_at, summary, outcome), provided the stored version is still
  // `expected_version`. Throws ConflictError when it is not (nothing written).
  // Run it inside a write transaction so that row and events go together.
  virtual void append(const CaseRecord& updated, long long expected_version, const std::vector<Event>& events) = 0;
  // Cases opened by `case_id`'s steps, oldest first.
  virtual std::vector<CaseRecord> children(long long case_id) = 0;
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
  // The same for a case opened in this transaction, which has none stored: a
  // store may write them without first reading what it holds.
  virtual void store_for_new_case(long long case_id, const std::vector<Clock>& clocks) {
    replace_for_case(case_id, clocks);
  }
  // The case's clocks by rule id; empty when none. Clock::met_at is empty when
  // the step that met it gave no time, or the clock was stored before the time
  // was kept and not yet given it (cases_stored_without_met_times).
  virtual std::vector<Clock> for_case(long long case_id) = 0;
  // The clocks of the cases `cases` picks (its limit and offset are not used),
  // by case id, each case's as for_case gives them; a case without clocks is
  // absent. One query for the reports across many cases.
  virtual std::map<long long, std::vector<Clock>> for_cases(const CaseFilter& cases) = 0;
  // Open clocks (neither met nor ended) of a partnership, earliest due first,
  // paused ones last.
  virtual std::vector<CaseClock> open_clocks(long long partnership_id) = 0;
  // Ids of cases with at least one open clock, in every partnership, ascending
  // (to re-project after a calendar change).
  virtual std::vector<long long> cases_with_open_clocks() = 0;
  // Ids of cases with a met clock stored before migration 0021 kept the time a
  // clock was met, and not given it since (fill_met_times), in every
  // partnership, ascending.
  virtual std::vector<long long> cases_stored_without_met_times() = 0;
  // Gives each of the case's clocks stored without the time it was met the
  // time of the clock of the same rule in `clocks` (recomputed from its
  // events), when that one was met on the same day, and marks every one of
  // them given (a clock whose step said no time stays without). Changes
  // nothing else stored.
  virtual void fill_met_times(long long case_id, const std::vector<Clock>& clocks) = 0;
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
  // Every stored holiday, of every year, by date.
  virtual std::vector<BankHoliday> holidays() = 0;
  // The latest load, or nullopt before the first.
  virtual std::optional<CalendarLoad> latest_load() = 0;
  // Replaces the holidays of every year that `feed` covers; years it does not
  // cover keep what they had (the public feed drops old years, and past deadlines
  // must not move). Records the load; the store numbers it (load.revision is
  // ignored). StorageError for an empty feed.
  virtual void replace_years(const std::vector<BankHoliday>& feed, const CalendarLoad& load) = 0;
};

// A change to a partnership's rule settings, as recorded.
struct RuleSettingChange {
  std::string rule_id;
  RuleSetting before;
  RuleSetting after;
  std::string reason;
  std::string changed_by;
  Instant changed_at;
};

class RuleSettingsRepository {
 public:
  virtual ~RuleSettingsRepository() = default;
  // The partnership's settings by rule id; rules without a setting are absent.
  virtual std::map<std::string, RuleSetting> for_partnership(long long partnership_id) = 0;
  // Stores `setting` in place of the rule's previous one, whole (an empty field
  // clears it: the caller merges, see rule_setting_service.h), and records the
  // change (before, after, reason, who, when). It does not check the rule.
  virtual void put(long long partnership_id, const std::string& rule_id, const RuleSetting& setting,
                   const std::string& reason, const std::string& actor, Instant now) = 0;
  // Every recorded change, newest first; `before` is empty when the rule had no setting.
  virtual std::vector<RuleSettingChange> changes(long long partnership_id) = 0;
};

// Identifying details, kept apart from the event log.
class SubjectRepository {
 public:
  virtual ~SubjectRepository() = default;
  // Insert or replace (details, salt and key together) for subject.case_id; `key`
  // is what possible duplicates are matched on (it may hold facts that are not
  // identifying, like the date of death). StorageError when the case does not exist.
  virtual void put(const Subject& subject, const SubjectKey& key) = 0;
  // The details as put (their members may come back in canonical order, which
  // leaves the commitment unchanged); nullopt when the case has no subject.
  virtual std::optional<Subject> find(long long case_id) = 0;
  // Cases of `kind` in the partnership whose subject matches `key`
  // (SubjectKey::matches), oldest first.
  virtual std::vector<long long> matching_cases(long long partnership_id, const std::string& kind,
                                                const SubjectKey& key) = 0;
  // Deletes the case's subject (details, salt and keys); false when it had none.
  virtual bool erase(long long case_id) = 0;
  // Cases of the partnership whose child matches the search's identity parts
  // (case_search.h: the NHS number, the date of birth, every name word beginning
  // a word of the given or family name), ascending.
  virtual std::vector<long long> cases_matching_identity(long long partnership_id, const CaseSearch& search) = 0;
  // Every subject of the partnership's cases, by case id (to find a pseudonym,
  // which only the server's key can compute).
  virtual std::vector<Subject> in_partnership(long long partnership_id) = 0;
};

// Retention periods, legal holds and erasures (retention.h).
class RetentionRepository {
 public:
  virtual ~RetentionRepository() = default;
  // The periods the partnership has set, by kind.
  virtual std::vector<RetentionPeriod> periods(long long partnership_id) = 0;
  // Sets (or replaces) the partnership's period for a kind.
  virtual void set_period(long long partnership_id, const RetentionPeriod& period) = 0;
  // Every case of the partnership in one of `closed_states` (kind -> state
  // names), with its last recorded date, whether it has a subject, its hold and
  // its erasure; by last recorded date, then id. Each is given to `visit` as it
  // is read and none is kept: a national data set has tens of thousands, and
  // all of them at once came to 23 MB (and 40 MB more as the retention
  // schedule's items made from them).
  virtual void for_each_closed_case(long long partnership_id,
                                    const std::vector<std::pair<std::string, std::string>>& closed_states,
                                    const std::function<void(const CaseForRetention&)>& visit) = 0;
  // The same cases, all of them, in the same order.
  std::vector<CaseForRetention> closed_cases(long long partnership_id,
                                             const std::vector<std::pair<std::string, std::string>>& closed_states) {
    std::vector<CaseForRetention> out;
    for_each_closed_case(partnership_id, closed_states, [&](const CaseForRetention& c) { out.push_back(c); });
    return out;
  }
  virtual std::optional<LegalHold> hold(long long case_id) = 0;
  // Places the hold, or replaces the one in force.
  virtual void place_hold(const LegalHold& hold) = 0;
  // False when there was no hold.
  virtual bool lift_hold(long long case_id) = 0;
  virtual std::optional<IdentityErasure> erasure(long long case_id) = 0;
  // Records the erasure; ConflictError when the case's identity was erased already.
  virtual void record_erasure(const IdentityErasure& erasure) = 0;
};

// Case owners (case_owner.h): the owner now of each case that has one.
class CaseOwnerRepository {
 public:
  virtual ~CaseOwnerRepository() = default;
  // With the account's username and name as they are now; nullopt without an owner.
  virtual std::optional<CaseOwner> find(long long case_id) = 0;
  // The owner of every case of the partnership that has one, by case id.
  virtual std::map<long long, CaseOwner> of_partnership(long long partnership_id) = 0;
  // Sets (or replaces) the case's owner: owner.case_id, user_id, assigned_by
  // and assigned_at are stored. StorageError when the case or user does not exist.
  virtual void assign(const CaseOwner& owner) = 0;
  // False when the case had no owner.
  virtual bool remove(long long case_id) = 0;
};

class VocabularyRepository {
 public:
  virtual ~VocabularyRepository() = default;
  // The codes partnership `partnership_id` sees (vocabulary.h): every national
  // code and its own local codes, active or retired, each `active` as that
  // partnership sees it; factors by domain then code, themes by code. A new
  // store holds the national starter set. kNationalScope: the national codes only.
  // Never null.
  virtual SharedVocabularies load(long long partnership_id) = 0;
  // Adds an active code in `scope` (kNationalScope or a partnership's id).
  // Throws ConflictError when the code is taken for anyone who would see it:
  // a national code of that vocabulary, a local one of the same partnership, or
  // (for a national code) a local one of any partnership. A factor's domain
  // must be one of kFactorDomains (StorageError otherwise).
  virtual void add_factor(const FactorCode& factor, long long scope, const std::string& actor, Instant now) = 0;
  virtual void add_theme(const ThemeCode& theme, long long scope, const std::string& actor, Instant now) = 0;
  // Retires or restores a code of `vocabulary` ("factors" or "themes") in
  // `scope`: nationally (a national code only), or for one partnership (a
  // national code, for that partnership alone, or one of its local codes).
  // Returns false when the scope cannot see such a code (or there is no such
  // vocabulary); true, and a recorded change, even when the code was already so.
  virtual bool set_active(const std::string& vocabulary, const std::string& code, bool active, long long scope,
                          const std::string& actor, Instant now) = 0;
};

class ReviewerRepository {
 public:
  virtual ~ReviewerRepository() = default;
  // Returns it with its id and no declarations: declarations are recorded by
  // declare() only, whatever `reviewer` holds.
  virtual Reviewer add(const Reviewer& reviewer) = 0;
  // Nullopt when the partnership has no such reviewer (another's is not found).
  virtual std::optional<Reviewer> find(long long partnership_id, long long reviewer_id) = 0;
  // The partnership's reviewers by name, each with its declarations in the order declared.
  virtual std::vector<Reviewer> list(long long partnership_id) = 0;
  // Returns the declaration with its id; nullopt, recording nothing, when the
  // partnership has no such reviewer. The time it is recorded at is the system
  // clock's, not a passed-in instant.
  virtual std::optional<ConflictDeclaration> declare(long long partnership_id, long long reviewer_id,
                                                     const ConflictDeclaration& declaration) = 0;
};

// Where to look for actions across cases; empty fields do not filter.
struct ActionFilter {
  long long partnership_id = 0;
  std::optional<long long> case_id;
  std::optional<std::string> status;
  std::optional<std::string> owner_agency;
  std::optional<std::string> case_kind;  // only the actions of cases of this kind
  // False: only what counting an action needs is read (its ref, owner agency,
  // status and dates) and its texts (recommendation, action, owner person,
  // desired outcome, evidence, note, impact) are left empty, for a report
  // that counts every action of the partnership by its status and dates.
  bool with_texts = true;
};

struct CaseAction {
  long long case_id = 0;
  std::string case_reference;
  std::string case_kind;
  ActionItem action;
};

struct CaseContract {
  long long case_id = 0;
  std::string case_reference;
  Contract contract;
};

struct CaseRequest {
  long long case_id = 0;
  std::string case_reference;
  std::string case_kind;
  AgencyRequest request;
  long long case_version = 0;  // what an answer quotes as its expected version
  std::string case_state;
};

struct TagCount {
  std::string kind;  // theme or factor
  std::string code;
  long long cases = 0;
};

// The projections of review records (review_records.h), per case.
class ReviewRecordRepository {
 public:
  virtual ~ReviewRecordRepository() = default;
  // Replaces the case's records whole.
  virtual void replace_for_case(long long case_id, const ReviewRecords& records) = 0;
  // The same for a case opened in this transaction, which has none stored: a
  // store may write them without first reading what it holds.
  virtual void store_for_new_case(long long case_id, const ReviewRecords& records) {
    replace_for_case(case_id, records);
  }
  // The case's records: actions by due date then ref, requests earliest due first
  // (undated last), contracts by ref, tags by kind then code. Empty when none.
  virtual ReviewRecords for_case(long long case_id) = 0;
  // The case's agency requests alone, in for_case's order: for a reader that
  // needs only them (a timeline's sentences), one statement instead of five.
  virtual std::vector<AgencyRequest> requests_for_case(long long case_id) = 0;
  // The partnership's actions that match `filter`, by due date, then case reference and ref.
  virtual std::vector<CaseAction> actions(const ActionFilter& filter) = 0;
  // The partnership's contracts by case reference, then ref.
  virtual std::vector<CaseContract> contracts(long long partnership_id) = 0;
  // Every request addressed to `agency` (named exactly) in the partnership,
  // earliest due first, undated last; case_version is the case's current version.
  virtual std::vector<CaseRequest> requests_for_agency(long long partnership_id, const std::string& agency) = 0;
  // Every request of the partnership not yet returned, in the same order.
  virtual std::vector<CaseRequest> open_requests(long long partnership_id) = 0;
  // The tags of each case `cases` picks that has any, by kind then code, by case id.
  virtual std::map<long long, std::vector<CaseTag>> tags_for_cases(const CaseFilter& cases) = 0;
  // Ids of the partnership's cases tagged with `code` of `kind` ("theme"/"factor"), ascending.
  virtual std::vector<long long> cases_tagged(long long partnership_id, const std::string& kind,
                                              const std::string& code) = 0;
  // How many of the partnership's cases carry each tag of `kind`, most first, then by code.
  virtual std::vector<TagCount> tag_counts(long long partnership_id, const std::string& kind) = 0;
};

struct Partnership {
  long long id = 0;
  std::string code;  // short and stable, e.g. "northam"
  std::string name;
};

// A new store holds one partnership (id 1, code "default", from the first
// migration); add() adds the others.
class PartnershipRepository {
 public:
  virtual ~PartnershipRepository() = default;
  // Adds a partnership; throws ConflictError when the code exists.
  virtual Partnership add(const std::string& code, const std::string& name) = 0;
  // Every partnership, in the order added.
  virtual std::vector<Partnership> list() = 0;
  // The partnership with exactly this code; nullopt when none.
  virtual std::optional<Partnership> find_by_code(const std::string& code) = 0;
  // The local authorities the partnership covers (for the wrong-area check), alphabetically.
  virtual std::vector<std::string> areas(long long partnership_id) = 0;
  // Adding an area the partnership covers already changes nothing.
  virtual void add_area(long long partnership_id, const std::string& local_authority) = 0;
};

// A user's role in one partnership.
struct Membership {
  long long partnership_id = 0;
  std::string partnership_code;
  Role role = Role::Scrutineer;
  std::string agency;         // agency contributors
  long long reviewer_id = 0;  // independent reviewers
};

struct User {
  long long id = 0;
  std::string username;
  std::string display_name;
  std::string password_hash;  // argon2id, see passwords.h
  bool active = true;
  bool must_change_password = false;
  std::string email;  // where reminders go (email_address.h); "" when none
  Instant created_at;
  std::string created_by;
  std::vector<Membership> memberships;

  const Membership* membership(long long partnership_id) const;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // Adds a user with their memberships; throws ConflictError when the username exists.
  virtual User add(const User& user) = 0;
  // A user comes with every membership (also in other partnerships), by
  // partnership code; nullopt when there is none. Usernames match exactly
  // (letter case counts).
  virtual std::optional<User> find(long long user_id) = 0;
  virtual std::optional<User> find_by_username(const std::string& username) = 0;
  // Users with a membership in the partnership, by username.
  virtual std::vector<User> list(long long partnership_id) = 0;
  // For an unknown user id these two change nothing and say nothing.
  virtual void set_password(long long user_id, const std::string& password_hash, bool must_change) = 0;
  virtual void set_active(long long user_id, bool active) = 0;
  // Sets the user's e-mail address as given ("" removes it; the caller checks it,
  // see email_address.h).
  virtual void set_email(long long user_id, const std::string& email) = 0;
  // Adds or replaces the user's membership of membership.partnership_id.
  virtual void put_membership(long long user_id, const Membership& membership) = 0;
};

struct SessionRecord {
  std::string token_hash;  // SHA-256 of the token the browser holds
  long long user_id = 0;
  long long partnership_id = 0;
  std::string csrf_token;
  Instant created_at;
  Instant last_seen_at;
  Instant expires_at;  // absolute expiry
  bool revoked = false;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual void create(const SessionRecord& session) = 0;
  // Also a revoked or expired session: the caller checks (auth.cpp). Nullopt
  // when there is none with this hash.
  virtual std::optional<SessionRecord> find(const std::string& token_hash) = 0;
  // touch and revoke change nothing for an unknown hash.
  virtual void touch(const std::string& token_hash, Instant now) = 0;
  virtual void revoke(const std::string& token_hash) = 0;
  // Ends every session of the user (a password change or reset); returns how many
  // were still open.
  virtual int revoke_all(long long user_id) = 0;
};

// A calendar subscription: a secret address, kept as the SHA-256 of its secret.
struct CalendarFeed {
  std::string token_hash;
  long long user_id = 0;
  long long partnership_id = 0;
  Instant created_at;
  std::optional<Instant> revoked_at;  // set: the address answers no more
};

class CalendarFeedRepository {
 public:
  virtual ~CalendarFeedRepository() = default;
  // Ends the user's live feed in the partnership (if any) at feed.created_at
  // and records `feed`. Call inside a write transaction.
  virtual void replace(const CalendarFeed& feed) = 0;
  // Ends the user's live feed in the partnership; false when there was none.
  virtual bool revoke(long long user_id, long long partnership_id, Instant at) = 0;
  // The feed with this hash, live or revoked; nullopt when there is none.
  virtual std::optional<CalendarFeed> find(const std::string& token_hash) = 0;
  // The user's live feed in the partnership.
  virtual std::optional<CalendarFeed> live(long long user_id, long long partnership_id) = 0;
};

// A spreadsheet whose cases were imported (case_import.h).
struct ImportRecord {
  long long id = 0;
  long long partnership_id = 0;
  std::string sheet;
  std::string file_sha256;
  std::string file_name;
  long long rows = 0;
  std::string imported_by;
  Instant imported_at;
};

// A spreadsheet row an import turned into a case.
struct ImportedRow {
  std::string source_reference;  // the sheet's own reference
  long long case_id = 0;         // the case the row opened
};

// What an earlier import did with a sheet's reference.
struct EarlierRow {
  std::string case_reference;
  ImportRecord import;
};

class ImportRepository {
 public:
  virtual ~ImportRepository() = default;
  // Records a file imported into its partnership and the case each of its rows
  // opened; call inside the import's write transaction. Returns the import's id.
  virtual long long add(const ImportRecord& record, const std::vector<ImportedRow>& rows) = 0;
  // The earlier import of this sheet's reference into the partnership, if any.
  virtual std::optional<EarlierRow> find_row(long long partnership_id, const std::string& sheet,
                                             const std::string& source_reference) = 0;
  // The import of this file into the partnership, if it was imported.
  virtual std::optional<ImportRecord> find(long long partnership_id, const std::string& file_sha256) = 0;
  // The partnership's imports, the latest first.
  virtual std::vector<ImportRecord> for_partnership(long long partnership_id) = 0;
};

// A read of a child's identifying details.
struct AccessEntry {
  long long id = 0;
  Instant at;
  std::string username;
  long long partnership_id = 0;
  long long case_id = 0;
  std::string case_reference;
  std::string what;    // e.g. "case_identity", "agency_inbox"
  std::string reason;  // as the user gave it, "" when none was asked
};

struct AccessFilter {
  long long partnership_id = 0;
  std::optional<long long> case_id;
  std::optional<std::string> username;
  int limit = 500;
};

class AccessLogRepository {
 public:
  virtual ~AccessLogRepository() = default;
  virtual void append(const AccessEntry& entry) = 0;
  // The reads of one page that names several children: `entry` (its own
  // case_id unused) for each of `case_ids` (stored cases, none 0), in that
  // order. Several are stored as one row that points at the children, who
  // are kept once for every answer of the same page; one as `append` stores
  // it. `list` gives an entry for each child.
  virtual void append_for_cases(const AccessEntry& entry, const std::vector<long long>& case_ids) = 0;
  // The partnership's entries that match, newest first, `limit` at most;
  // case_reference is "" for an entry without a case.
  virtual std::vector<AccessEntry> list(const AccessFilter& filter) = 0;
};

// A signed record of case chain heads at one moment (audit.h). A chained
// checkpoint holds the heads changed since the checkpoint before it and that
// checkpoint's signature; one stored before checkpoints were chained
// (previous_signature absent) holds every case's head.
struct Checkpoint {
  long long id = 0;
  Instant taken_at;
  std::string taken_by;
  std::string heads;                              // canonical JSON: {"<case id>": {"hash", "partnership", "version"}}
  std::string signature;                          // HMAC-SHA256 (hex, server key): audit.cpp's signature_of
  std::optional<std::string> previous_signature;  // chained: the one before's ("" for the first)
};

// A case's chain head, as a checkpoint signs it.
struct ChainHead {
  long long case_id = 0;
  long long partnership_id = 0;
  long long version = 0;
  std::string hash;
};

class CheckpointRepository {
 public:
  virtual ~CheckpointRepository() = default;
  // Every case whose version is past the one the last checkpoint to sign it
  // signed (every case with events, before any was signed), by case id.
  virtual std::vector<ChainHead> unsigned_heads() = 0;
  // Every case's version last signed by a chained checkpoint (0: none yet),
  // by case id: verification checks it against the checkpoints, so that a
  // case cannot be kept out of the next ones by writing it.
  virtual std::map<long long, long long> signed_versions() = 0;
  // Stores it under a new id (checkpoint.id is ignored and not reported), and
  // records every case as signed at its version: in the write transaction
  // that read unsigned_heads(), so that the two see the same cases.
  virtual void add(const Checkpoint& checkpoint) = 0;
  // Every checkpoint, oldest first, one at a time (a national record's first
  // signs some 50,000 heads: megabytes), read a few at a time by id so that
  // neither backend holds them all.
  virtual void for_each(const std::function<void(const Checkpoint&)>& visit) = 0;
  // How many checkpoints are stored.
  virtual long long count() = 0;
  // The newest checkpoint, whole; nullopt when there is none.
  virtual std::optional<Checkpoint> latest() = 0;
  // When the newest checkpoint was taken; nullopt when there is none.
  virtual std::optional<Instant> latest_taken_at() = 0;
};

// Documents attached to cases and their content (append-only).
class DocumentRepository {
 public:
  virtual ~DocumentRepository() = default;
  // Stores the content (every byte, NULs included) under its hash unless the same
  // content is stored already.
  virtual void put_content(const std::string& sha256, const std::string& content) = 0;
  // Returns the document with its id. Its content must have been put first
  // (StorageError otherwise).
  virtual Document add(const Document& document) = 0;
  // Nullopt when the partnership has no such document (another's is not found).
  virtual std::optional<Document> find(long long partnership_id, long long document_id) = 0;
  // Oldest first, by case id alone (the caller has checked the case).
  virtual std::vector<Document> for_case(long long case_id) = 0;
  // Nullopt when no content is stored under the hash.
  virtual std::optional<std::string> content(const std::string& sha256) = 0;
  // Deletes the content of the case's documents that no document of another
  // case shares (the documents themselves, with their hashes, stay). Returns
  // how many of the case's documents no longer have content.
  virtual int erase_contents_of_case(long long case_id) = 0;
};

// One reminder e-mail for one recipient on one day, as recorded by the process
// that sends it: the claim that makes it go out once however many processes
// send at the same time (see reminder_sender.h for the protocol).
struct ReminderSend {
  long long id = 0;
  long long partnership_id = 0;
  std::string kind;       // "digest", "escalation", "agency_request"
  std::string item_key;   // what it is about, e.g. "clock:12:sin.notify_panel"
  std::string recipient;  // the e-mail address
  Date day;               // the day in England it is sent for
  std::string subject;
  std::string status = "claimed";  // claimed, sent, failed
  int attempts = 1;
  std::string claimed_by;  // the process that holds or held the claim ("host:pid")
  Instant claimed_at;
  std::optional<Instant> sent_at;
  std::string last_error;  // the latest failure; kept after a later success
};

class ReminderRepository {
 public:
  virtual ~ReminderRepository() = default;
  // Records `send` as claimed (status, attempts and sent_at as given are
  // ignored: claimed, 1, none) and returns its id; nullopt, writing nothing, when
  // (item_key, recipient, day) is recorded already, whatever its status: someone
  // else has it. StorageError when the partnership does not exist.
  virtual std::optional<long long> claim(const ReminderSend& send) = 0;
  // The record of (item_key, recipient, day); nullopt when there is none.
  virtual std::optional<ReminderSend> find(const std::string& item_key, const std::string& recipient, Date day) = 0;
  // Claims again a record that is failed, or claimed by a process that stopped:
  // status claimed, one more attempt, `claimed_by` at `now`. Only when the record
  // is still exactly as `seen` was read (status, attempts): true for the one
  // caller whose update changed it, false for every other (and for a record that
  // is sent or no longer exists). Whether a claim is old enough to take is the
  // caller's decision.
  virtual bool take_over(const ReminderSend& seen, const std::string& claimed_by, Instant now) = 0;
  // A claim held by `claimed_by` becomes sent at `now`, or failed with `error`.
  // False, changing nothing, when the record is not claimed by `claimed_by`
  // (another process took it over).
  virtual bool mark_sent(long long id, const std::string& claimed_by, Instant now) = 0;
  virtual bool mark_failed(long long id, const std::string& claimed_by, const std::string& error) = 0;
  // The partnership's records of `day`, in the order claimed (by id).
  virtual std::vector<ReminderSend> for_day(long long partnership_id, Date day) = 0;
};

class StoreSession {
 public:
  virtual ~StoreSession() = default;
  virtual CaseRepository& cases() = 0;
  virtual DeadlineRepository& deadlines() = 0;
  virtual CalendarRepository& calendar() = 0;
  virtual RuleSettingsRepository& rule_settings() = 0;
  virtual SubjectRepository& subjects() = 0;
  virtual VocabularyRepository& vocabularies() = 0;
  virtual ReviewerRepository& reviewers() = 0;
  virtual ReviewRecordRepository& review_records() = 0;
  virtual PartnershipRepository& partnerships() = 0;
  virtual UserRepository& users() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual AccessLogRepository& access_log() = 0;
  virtual CheckpointRepository& checkpoints() = 0;
  virtual DocumentRepository& documents() = 0;
  virtual CalendarFeedRepository& calendar_feeds() = 0;
  virtual ReminderRepository& reminders() = 0;
  virtual ImportRepository& imports() = 0;
  virtual RetentionRepository& retention() = 0;
  virtual CaseOwnerRepository& case_owners() = 0;
  // Outside these two, each repository statement commits on its own. Neither
  // nests: starting one inside a transaction of the same session is a
  // StorageError.
  //
  // Runs `work` inside one write transaction: commits when it returns, rolls back
  // and rethrows when it throws. Writers are serialised (SQLite: BEGIN IMMEDIATE).
  virtual void write_transaction(const std::function<void()>& work) = 0;
  // Runs `work` inside one read transaction: every read in it sees the store as
  // it was at its first read, whatever other sessions commit meanwhile. `work`
  // must not write. Rethrows what `work` throws.
  virtual void read_transaction(const std::function<void()>& work) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // A session with its own connection; blocks while all connections are in use.
  // The caller owns it; destroy it before the Store. Destroying a session inside
  // a transaction rolls the transaction back.
  virtual std::unique_ptr<StoreSession> session() = 0;
  // A session for a request that reads across the partnership rather than one
  // case: a report, an export, the dashboard, a case list. The same promises
  // as session(); a store may lend it from connections set up for long reads,
  // fewer of them, so that such requests also wait for each other rather than
  // crowd out the rest. By default an ordinary session.
  virtual std::unique_ptr<StoreSession> scan_session() { return session(); }
};

}  // namespace casereview
