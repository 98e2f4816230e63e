// The demonstration data is dated back from the day it is loaded, so it must
// load on any day, and no child's identity may ever coincide with something a
// scrutineer reads (a child's date of birth equal to another case's statutory
// date would look like a leak, and would be one in written form). Loaded here on
// every day from 1 March 2027 to 29 February 2028: weekends, Easter, the May and
// August bank holidays, Christmas, New Year, the first year without published
// bank holidays (provisional dates) and a 29 February.
#include <gtest/gtest.h>

#include <set>

#include "business_unit.h"
#include "casereview/db/sqlite_store.h"
#include "casereview/engine/bank_holidays.h"
#include "casereview/engine/event_sentence.h"
#include "casereview/workflows/all_workflows.h"
#include "demo/demonstration.h"
#include "identity_scan.h"
#include "temp_dir.h"

namespace casereview {
namespace {

using testing_support::business_unit;
using testing_support::find_identity;
using testing_support::Identity;
using testing_support::TempDir;

constexpr std::size_t kDemonstrationCases = 21;

std::string text_of(const Json& details, const char* name) {
  return details[name].is_string() ? details[name].as_string() : "";
}

// Everything ordinary about a case that a scrutineer may read: the case row,
// every event (type, dates, payload) and every clock's dates.
std::string ordinary_fields(StoreSession& session, const CaseRecord& record) {
  std::string text = record.reference + "\n" + record.state + "\n" + record.summary + "\n" + record.outcome + "\n" +
                     record.opened_on.iso() + "\n" + record.created_at.iso() + "\n" + record.updated_at.iso() + "\n";
  for (const Event& e : session.cases().events(record.id)) {
    text += e.type + " " + e.effective_date.iso() + " " + e.recorded_at.iso() + " " + e.payload + "\n";
  }
  for (const Clock& c : session.deadlines().for_case(record.id)) {
    text += c.rule_id + " " + c.anchor.date.iso();
    if (c.due) text += " " + c.due->date.iso() + (c.due->at ? " " + c.due->at->iso() : "");
    if (c.met_on) text += " " + c.met_on->iso();
    if (c.ended_on) text += " " + c.ended_on->iso();
    for (const Pause& p : c.pauses) text += " " + p.from.iso() + (p.to ? " " + p.to->iso() : "");
    text += "\n";
  }
  return text;
}

TEST(Demonstration, LoadsOnEveryDayOfAYearAndNoChildsIdentityMeetsAnOrdinaryField) {
  WorkflowRegistry registry;
  workflows::register_all(registry);
  const CaseService service(registry);
  const auto calendar =
      std::make_shared<const WorkingDayCalendar>(parse_bank_holiday_feed(shipped_bank_holiday_feed()));
  const Date first = *Date::parse("2027-03-01"), last = *Date::parse("2028-02-29");
  int days = 0;
  for (Date day = first; day <= last; day = day.plus_days(1), ++days) {
    SCOPED_TRACE("loaded on " + day.iso());
    const TempDir dir;
    auto store = db::SqliteStore::open({dir.file("demo.db"), 1, 5000}, db::SchemaMode::CreateIfEmpty);
    auto session = store->session();
    const RequestContext context{business_unit(), day, london_instant(day, 10, 30), calendar};
    demo::Demonstration loaded;
    ASSERT_NO_THROW(loaded = demo::load_demonstration(*session, service, context));
    ASSERT_EQ(loaded.case_ids.size(), kDemonstrationCases);

    std::vector<std::pair<std::string, Identity>> children;
    std::vector<std::pair<std::string, std::string>> fields;
    for (const long long id : loaded.case_ids) {
      const CaseRecord record = *session->cases().find(id);
      EXPECT_EQ(record.opened_on <= day, true) << record.reference << " opens after the day of loading";
      fields.emplace_back(record.reference, ordinary_fields(*session, record));
      if (const auto subject = session->subjects().find(id)) {
        const Json& d = subject->details;
        if (text_of(d, "family_name").empty()) continue;
        children.emplace_back(record.reference, Identity{text_of(d, "given_name"),
                                                         text_of(d, "family_name"),
                                                         text_of(d, "date_of_birth"),
                                                         text_of(d, "nhs_number"),
                                                         "",
                                                         {}});
      }
    }
    ASSERT_GE(children.size(), 2u) << "the demonstration names two children";
    for (const auto& [child_case, child] : children) {
      for (const auto& [reference, text] : fields) {
        for (const auto& seen : find_identity(text, child)) {
          ADD_FAILURE() << "the " << seen.what << " of the child in " << child_case << " (" << seen.form
                        << ") is an ordinary value of " << reference;
        }
      }
    }
  }
  EXPECT_EQ(days, 366);
}

// Every event the demonstration records, which is every kind of step the
// workflows take, has a sentence of its own for the timeline (event_sentence.h)
// with each member it names present, so no timeline falls back to the bare type.
TEST(Demonstration, EveryEventItRecordsHasItsOwnSentence) {
  WorkflowRegistry registry;
  workflows::register_all(registry);
  const CaseService service(registry);
  const auto calendar =
      std::make_shared<const WorkingDayCalendar>(parse_bank_holiday_feed(shipped_bank_holiday_feed()));
  const Date day = *Date::parse("2027-06-15");
  const TempDir dir;
  auto store = db::SqliteStore::open({dir.file("demo.db"), 1, 5000}, db::SchemaMode::CreateIfEmpty);
  auto session = store->session();
  const RequestContext context{business_unit(), day, london_instant(day, 10, 30), calendar};
  const demo::Demonstration loaded = demo::load_demonstration(*session, service, context);
  std::set<std::string> types;
  for (const long long id : loaded.case_ids) {
    const CaseRecord record = *session->cases().find(id);
    const WorkflowSpec& spec = registry.find(record.kind)->spec();
    for (const Event& e : session->cases().events(id)) {
      types.insert(e.type);
      const bool templated = spec.event_sentences.count(e.type) || common_event_sentences().count(e.type);
      EXPECT_TRUE(templated) << e.type << " of " << record.kind << " has no sentence";
      const std::string sentence = event_sentence(spec, e, {});
      EXPECT_EQ(sentence.find('{'), std::string::npos) << sentence;
      EXPECT_EQ(sentence.back(), '.') << e.type << ": " << sentence;
    }
  }
  EXPECT_GE(types.size(), 35u) << "the demonstration takes most kinds of step";
}

}  // namespace
}  // namespace casereview
