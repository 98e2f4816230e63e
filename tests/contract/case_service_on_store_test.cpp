// The case service's promises on a real store: every command is one
// transaction; a refusal, a stale version or a failure half-way leaves the case
// as it was; a step that opens a linked case does both or neither; identifying
// facts never reach the event log.
#include <gtest/gtest.h>

#include "case_service_fixture.h"
#include "failing_store.h"

namespace casereview {
namespace {

using testing_support::FailingDeadlinesSession;
using testing_support::opening_facts;

Json death_facts(const char* nhs_number, const char* resident = "Northam City Council") {
  Json f = Json::object();
  f.set("date_of_death", "2024-06-01");
  f.set("place_of_death", "home");
  f.set("notified_on", "2024-06-02");
  f.set("expected", "unexpected");
  Json triggers = Json::array();
  triggers.push("sudden_no_apparent_cause");
  f.set("jar_triggers", triggers);
  f.set("resident_local_authority", resident);
  f.set("notified_by", "Emergency department consultant");
  f.set("summary", "Infant found unresponsive at home");
  f.set("given_name", "Oliver");
  f.set("family_name", "Example");
  f.set("date_of_birth", "2024-02-10");
  if (*nhs_number) f.set("nhs_number", nhs_number);
  return f;
}

class CaseServiceOnStore : public testing_support::CaseServiceTest {};

TEST_P(CaseServiceOnStore, OpeningStoresTheCaseItsFirstEventAndItsClocks) {
  const CaseRecord record = open_case();
  EXPECT_EQ(record.reference, "SIN-2024-0001");
  EXPECT_EQ(record.state, "notification_due");
  EXPECT_EQ(record.version, 1);
  const auto events = session->cases().events(record.id);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor, "manager@northam");
  EXPECT_EQ(events[0].effective_date.iso(), "2024-06-03");
  const Json payload = Json::parse(events[0].payload);
  EXPECT_EQ(payload["rules_in_force"]["sin.notify_panel"]["amount"].as_integer(), 5);
  const auto clocks = session->deadlines().for_case(record.id);
  ASSERT_EQ(clocks.size(), 2u);
  EXPECT_EQ(clocks[0].due->date.iso(), "2024-06-10");
  EXPECT_FALSE(verify_chain(*session->cases().find(record.id), events));
}

TEST_P(CaseServiceOnStore, IdentifyingFactsStayOutOfTheEventLog) {
  const CaseRecord record = open_case();
  const auto events = session->cases().events(record.id);
  for (const char* secret : {"Amira", "Testchild", "943 476 5919"}) {
    EXPECT_EQ(events[0].payload.find(secret), std::string::npos) << secret;
  }
  const auto subject = session->subjects().find(record.id);
  ASSERT_TRUE(subject);
  EXPECT_EQ(subject->details["given_name"].as_string(), "Amira");
  // The event commits to the details without showing them.
  EXPECT_EQ(Json::parse(events[0].payload)["subject_commitment"].as_string(), subject->commitment());
}

TEST_P(CaseServiceOnStore, SubmittingANotificationOpensItsLinkedRapidReview) {
  const CaseRecord sin = open_case();
  const CommandOutcome result = service.apply(*session, sin.id, submit("2024-06-07"), 1, context);
  const auto& changed = std::get<outcome::Changed>(result);
  EXPECT_EQ(changed.record.state, "notified");
  EXPECT_EQ(changed.record.outcome, "Notified to the National Panel; rapid review opened");
  ASSERT_EQ(changed.opened.size(), 1u);
  const CaseRecord& rr = changed.opened[0];
  EXPECT_EQ(rr.kind, "rapid_review");
  EXPECT_EQ(rr.reference, "RR-2024-0001");
  EXPECT_EQ(rr.parent_case_id, sin.id);
  EXPECT_EQ(rr.relation, "rapid_review");
  EXPECT_EQ(rr.state, "gathering_information");
  EXPECT_EQ(session->cases().children(sin.id).at(0).id, rr.id);
  const Json first = Json::parse(session->cases().events(rr.id).at(0).payload);
  EXPECT_EQ(first["spine"]["parent_reference"].as_string(), sin.reference);
  // The rapid review's 15 working days run from the notification date by default.
  const auto clocks = session->deadlines().for_case(rr.id);
  ASSERT_EQ(clocks.size(), 1u);
  EXPECT_EQ(clocks[0].rule_id, "rr.submit_to_panel");
  EXPECT_EQ(clocks[0].due->date.iso(), "2024-06-28");
  // It is about the same child: the subject is carried over, with its own salt.
  ASSERT_TRUE(session->subjects().find(rr.id));
  EXPECT_EQ(session->subjects().find(rr.id)->details, session->subjects().find(sin.id)->details);
}

TEST_P(CaseServiceOnStore, TheTermsInForceWhenACaseOpensStayWithIt) {
  const CaseRecord sin = open_case();
  session->write_transaction([&] {
    session->rule_settings().put(1, "rr.submit_to_panel", RuleSetting{std::nullopt, "became_aware"}, "local procedure",
                                 "admin", context.now);
  });
  const auto opened = std::get<outcome::Changed>(service.apply(*session, sin.id, submit("2024-06-07"), 1, context));
  session->write_transaction([&] {
    session->rule_settings().put(1, "rr.submit_to_panel", RuleSetting{std::nullopt, "notification_date"},
                                 "back to the Panel's guidance", "admin", context.now);
  });
  const Clock clock = session->deadlines().for_case(opened.opened.at(0).id).at(0);
  EXPECT_EQ(clock.terms.anchor_id, "became_aware");
  EXPECT_EQ(clock.anchor.date.iso(), "2024-06-03");
  EXPECT_EQ(clock.due->date.iso(), "2024-06-24");
  EXPECT_EQ(session->rule_settings().changes(1).size(), 2u);
}

TEST_P(CaseServiceOnStore, ACaseOpenedOnlyByAnotherIsRefusedOnItsOwn) {
  Json facts = Json::object();
  const auto result = open("rapid_review", facts);
  ASSERT_TRUE(std::holds_alternative<outcome::Refused>(result));
  EXPECT_NE(std::get<outcome::Refused>(result).reason.find("serious incident notification"), std::string::npos);
  EXPECT_TRUE(session->cases().all_ids().empty());
}

TEST_P(CaseServiceOnStore, RefusalsAndStaleVersionsChangeNothing) {
  const CaseRecord record = open_case();
  const auto before = session->cases().events(record.id);
  EXPECT_TRUE(
      std::holds_alternative<outcome::Stale>(service.apply(*session, record.id, submit("2024-06-07"), 0, context)));
  EXPECT_TRUE(
      std::holds_alternative<outcome::Refused>(service.apply(*session, record.id, submit("2024-05-31"), 1, context)));
  EXPECT_TRUE(
      std::holds_alternative<outcome::Refused>(service.apply(*session, record.id, submit("2024-06-11"), 1, context)));
  EXPECT_TRUE(
      std::holds_alternative<outcome::Invalid>(service.apply(*session, record.id, submit("2023-02-29"), 1, context)));
  EXPECT_TRUE(std::holds_alternative<outcome::Invalid>(
      service.apply(*session, record.id, Command{"approve", Json::object()}, 1, context)));
  Json reason = Json::object();
  reason.set("notified_on", "2024-06-05");
  const auto wrong = service.apply(*session, record.id, Command{"record_ofsted_notified", reason}, 1, context);
  ASSERT_TRUE(std::holds_alternative<outcome::NotAllowed>(wrong));  // not a looked-after child's death: not offered
  EXPECT_TRUE(
      std::holds_alternative<outcome::NotFound>(service.apply(*session, 9999, submit("2024-06-07"), 1, context)));
  EXPECT_EQ(session->cases().find(record.id)->version, 1);
  EXPECT_EQ(session->cases().events(record.id).size(), before.size());
  EXPECT_EQ(session->cases().all_ids().size(), 1u);  // no rapid review was opened by any of them
}

TEST_P(CaseServiceOnStore, AnotherPartnershipsCaseIsNotFound) {
  const CaseRecord record = open_case();
  RequestContext elsewhere = context;
  elsewhere.principal.partnership_id = 2;
  EXPECT_TRUE(std::holds_alternative<outcome::NotFound>(
      service.apply(*session, record.id, submit("2024-06-07"), 1, elsewhere)));
}

TEST_P(CaseServiceOnStore, AFailureHalfWayLeavesNothing) {
  const CaseRecord record = open_case();
  FailingDeadlinesSession failing(store->session());
  // The events are appended before the deadlines are written; the failure of the
  // second must undo the first, and the rapid review the step would have opened.
  EXPECT_THROW(service.apply(failing, record.id, submit("2024-06-07"), 1, context), StorageError);
  const auto after = session->cases().find(record.id);
  EXPECT_EQ(after->version, 1);
  EXPECT_EQ(after->state, "notification_due");
  EXPECT_EQ(session->cases().events(record.id).size(), 1u);
  EXPECT_EQ(session->deadlines().for_case(record.id).size(), 2u);
  EXPECT_TRUE(session->cases().children(record.id).empty());
  EXPECT_THROW(service.open(failing, OpenRequest{"serious_incident_notification", opening_facts(), {}}, context),
               StorageError);
  EXPECT_EQ(session->cases().all_ids().size(), 1u);
  EXPECT_FALSE(session->subjects().find(record.id + 1));
}

TEST_P(CaseServiceOnStore, WarnsOfAPossibleDuplicateBeforeOpeningASecondCase) {
  ASSERT_TRUE(std::holds_alternative<outcome::Changed>(open("child_death_review", death_facts("943 476 5919"))));
  // Same NHS number.
  const auto again = open("child_death_review", death_facts("943 476 5919"));
  ASSERT_TRUE(std::holds_alternative<outcome::NeedsConfirmation>(again));
  const auto& warning = std::get<outcome::NeedsConfirmation>(again).warnings.at(0);
  EXPECT_EQ(warning.code, "POSSIBLE_DUPLICATE");
  EXPECT_EQ(warning.case_references, std::vector<std::string>{"CDR-2024-0001"});
  // Same name, date of birth and date of death, no NHS number.
  const auto by_name = open("child_death_review", death_facts(""));
  ASSERT_TRUE(std::holds_alternative<outcome::NeedsConfirmation>(by_name));
  EXPECT_EQ(session->cases().all_ids().size(), 1u);
  // Confirmed, it opens.
  EXPECT_TRUE(
      std::holds_alternative<outcome::Changed>(open("child_death_review", death_facts(""), {"POSSIBLE_DUPLICATE"})));
}

// The same child however the name is typed (the variants a word processor or
// a careless paste brings): each is warned of as a possible duplicate of the
// first case, and nothing is opened unconfirmed.
TEST_P(CaseServiceOnStore, WarnsOfTheSameChildHoweverTheNameIsTyped) {
  auto named = [](const std::string& given, const std::string& family) {
    Json f = death_facts("");
    f.set("given_name", given);
    f.set("family_name", family);
    return f;
  };
  ASSERT_TRUE(
      std::holds_alternative<outcome::Changed>(open("child_death_review", named("Zo\xC3\xAB", "O'Brien-Smith"))));
  const std::vector<std::pair<std::string, std::pair<std::string, std::string>>> variants = {
      {"decomposed accent", {"Zoe\xCC\x88", "O'Brien-Smith"}},
      {"upper case", {"ZO\xC3\x8B", "O'BRIEN-SMITH"}},
      {"trailing no-break space", {"Zo\xC3\xAB\xC2\xA0", "O'Brien-Smith"}},
      {"curly apostrophe",
       {"Zo\xC3\xAB",
        "O\xE2\x80\x99"
        "Brien-Smith"}},
      {"en dash", {"Zo\xC3\xAB", "O'Brien\xE2\x80\x93Smith"}},
      {"double space", {"Zo\xC3\xAB", "O'Brien-Smith  "}},
      {"Cyrillic i", {"Zo\xC3\xAB", "O'Brien-Sm\xD1\x96th"}},  // U+0456
  };
  for (const auto& [what, name] : variants) {
    const auto again = open("child_death_review", named(name.first, name.second));
    ASSERT_TRUE(std::holds_alternative<outcome::NeedsConfirmation>(again)) << what;
    EXPECT_EQ(std::get<outcome::NeedsConfirmation>(again).warnings.at(0).code, "POSSIBLE_DUPLICATE") << what;
  }
  // A zero-width space or a soft hyphen is warned of too (the fold drops it);
  // confirmed, the name is still refused: a name is a line, and a line does
  // not keep what nobody can see.
  for (const auto& [given, family] : {std::pair<std::string, std::string>{"Zo\xE2\x80\x8B\xC3\xAB", "O'Brien-Smith"},
                                      {"Zo\xC3\xAB", "O'Brien\xC2\xAD-Smith"}}) {
    const auto unconfirmed = open("child_death_review", named(given, family));
    ASSERT_TRUE(std::holds_alternative<outcome::NeedsConfirmation>(unconfirmed)) << family;
    EXPECT_TRUE(std::holds_alternative<outcome::Invalid>(
        open("child_death_review", named(given, family), {"POSSIBLE_DUPLICATE"})))
        << family;
  }
  // A different child is not a duplicate.
  EXPECT_TRUE(std::holds_alternative<outcome::Changed>(open("child_death_review", named("Zoe", "O'Brien-Smith"))));
  EXPECT_EQ(session->cases().all_ids().size(), 2u);
}

// An NHS number typed in full-width digits is the same number.
TEST_P(CaseServiceOnStore, ReadsAnNhsNumberInFullWidthDigits) {
  ASSERT_TRUE(std::holds_alternative<outcome::Changed>(open("child_death_review", death_facts("943 476 5919"))));
  Json other = death_facts(
      "\xEF\xBC\x99\xEF\xBC\x94\xEF\xBC\x93 \xEF\xBC\x94\xEF\xBC\x97\xEF\xBC\x96 "
      "\xEF\xBC\x95\xEF\xBC\x99\xEF\xBC\x91\xEF\xBC\x99");
  other.set("given_name", "Someone");
  const auto again = open("child_death_review", other);
  ASSERT_TRUE(std::holds_alternative<outcome::NeedsConfirmation>(again));
  EXPECT_EQ(std::get<outcome::NeedsConfirmation>(again).warnings.at(0).case_references,
            std::vector<std::string>{"CDR-2024-0001"});
}

// A later step's identifying fact (the key worker's name) joins the child's
// details: nothing the opening gave is lost, the duplicate check still knows
// the child by name, date of birth and date of death, and the event log holds
// neither.
TEST_P(CaseServiceOnStore, ALaterIdentifyingFactJoinsTheSubjectWithoutReplacingIt) {
  const auto opened = open("child_death_review", death_facts(""));
  ASSERT_TRUE(std::holds_alternative<outcome::Changed>(opened));
  const CaseRecord record = std::get<outcome::Changed>(opened).record;
  Json worker = Json::object();
  worker.set("appointed_on", "2024-06-03");
  worker.set("key_worker_role", "Specialist nurse for child death");
  worker.set("key_worker_name", "Marigold Fenwick");
  worker.set("bereavement_support_offered", "no");
  const auto recorded =
      service.apply(*session, record.id, Command{"record_key_worker", worker}, record.version, context);
  ASSERT_TRUE(std::holds_alternative<outcome::Changed>(recorded));
  const auto subject = session->subjects().find(record.id);
  ASSERT_TRUE(subject);
  EXPECT_EQ(subject->details["given_name"].as_string(), "Oliver");
  EXPECT_EQ(subject->details["date_of_birth"].as_string(), "2024-02-10");
  EXPECT_EQ(subject->details["key_worker_name"].as_string(), "Marigold Fenwick");
  const auto events = session->cases().events(record.id);
  EXPECT_EQ(events.back().payload.find("Marigold"), std::string::npos);
  EXPECT_EQ(Json::parse(events.back().payload)["subject_commitment"].as_string(), subject->commitment());
  EXPECT_EQ(session->subjects().matching_cases(record.partnership_id, "child_death_review",
                                               SubjectKey::from_facts(death_facts(""))),
            std::vector<long long>{record.id});
}

// A second value of the same identifying fact (a new key worker) is kept with
// the first, oldest first: nothing acknowledged is lost.
TEST_P(CaseServiceOnStore, ASecondValueOfAnIdentifyingFactIsKeptWithTheFirst) {
  const auto opened = open("child_death_review", death_facts(""));
  ASSERT_TRUE(std::holds_alternative<outcome::Changed>(opened));
  CaseRecord record = std::get<outcome::Changed>(opened).record;
  for (const char* name : {"Marigold Fenwick", "Rowan Ashby", "Marigold Fenwick"}) {
    Json worker = Json::object();
    worker.set("appointed_on", "2024-06-03");
    worker.set("key_worker_role", "Specialist nurse for child death");
    worker.set("key_worker_name", name);
    worker.set("bereavement_support_offered", "no");
    const auto recorded =
        service.apply(*session, record.id, Command{"record_key_worker", worker}, record.version, context);
    ASSERT_TRUE(std::holds_alternative<outcome::Changed>(recorded)) << name;
    record = std::get<outcome::Changed>(recorded).record;
  }
  const auto subject = session->subjects().find(record.id);
  ASSERT_TRUE(subject);
  const Json& names = subject->details["key_worker_name"];
  ASSERT_TRUE(names.is_array());
  ASSERT_EQ(names.items().size(), 2u);
  EXPECT_EQ(names.items()[0].as_string(), "Marigold Fenwick");
  EXPECT_EQ(names.items()[1].as_string(), "Rowan Ashby");
  EXPECT_EQ(subject->details["given_name"].as_string(), "Oliver");
}

TEST_P(CaseServiceOnStore, WarnsWhenTheChildLivedOutsideThePartnershipsArea) {
  session->write_transaction([&] {
    session->partnerships().add_area(1, "Northam City Council");
    session->partnerships().add_area(1, "Westshire County Council");
  });
  const auto result = open("child_death_review", death_facts("943 476 5919", "Eastborough Council"));
  ASSERT_TRUE(std::holds_alternative<outcome::NeedsConfirmation>(result));
  EXPECT_EQ(std::get<outcome::NeedsConfirmation>(result).warnings.at(0).code, "WRONG_AREA");
  const auto check = service.check_opening(
      *session, OpenRequest{"child_death_review", death_facts("943 476 5919", "Eastborough Council"), {}}, context);
  const auto& opening = std::get<CaseService::OpeningCheck>(check);
  EXPECT_EQ(opening.warnings.size(), 1u);
  EXPECT_TRUE(opening.errors.empty());
  EXPECT_TRUE(opening.refusal.empty());
  // The clocks the case would start: notify the CDOP, the JAR discussion, the meeting, the panel review.
  EXPECT_EQ(opening.clocks.size(), 4u);
  EXPECT_TRUE(session->cases().all_ids().empty());
}

TEST_P(CaseServiceOnStore, ReprojectsOpenClocksWithANewCalendar) {
  const CaseRecord record = open_case();  // aware Monday 3 June 2024: due Monday 10 June
  // A new one-off bank holiday on Friday 7 June 2024 moves the open clocks a day.
  std::vector<BankHoliday> with_extra = parse_bank_holiday_feed(shipped_bank_holiday_feed());
  with_extra.push_back({*Date::parse("2024-06-07"), "Extra bank holiday", ""});
  const WorkingDayCalendar updated(with_extra);
  int changed = 0;
  session->write_transaction([&] { changed = service.reproject_open_clocks(*session, updated); });
  EXPECT_EQ(changed, 1);
  for (const Clock& c : session->deadlines().for_case(record.id)) EXPECT_EQ(c.due->date.iso(), "2024-06-11");
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseServiceOnStore, ::testing::ValuesIn(testing_support::store_backends()),
                         testing_support::backend_name);

}  // namespace
}  // namespace casereview
