#include "demo/national.h"

#include <algorithm>
#include <vector>

#include "demo/national_cases.h"

namespace casereview::demo {
namespace {

// A year's cases, from the published national figures (see national.h).
constexpr int kDeathsPerYear = 4000;
constexpr int kSeriousHarmPerYear = 250;  // the deaths among the 450 notifications come from the deaths' reviews
constexpr int kCasesPerTransaction = 250;

const char* const kAreas[] = {"Northam City Council",    "Westshire County Council", "Eastbrook Borough Council",
                              "Southmere City Council",  "Highfield County Council", "Lowmoor Borough Council",
                              "Kingsford City Council",  "Ashdale District Council", "Brackenbury Borough Council",
                              "Cresthaven City Council", "Dunmore County Council",   "Elmstead Borough Council"};

enum class Start { Death, SeriousHarm };

struct Planned {
  Date on;
  Start start;
  long long serial;  // numbers the deaths and the harms apart, for the dice and NHS numbers
};

NationalSetting set_up_partnership(StoreSession& session, const RequestContext& context) {
  NationalSetting setting;
  session.write_transaction([&] {
    setting = NationalSetting{};  // the transaction may run more than once (a store's retry)
    for (const char* area : kAreas) {
      session.partnerships().add_area(context.partnership_id(), area);
      setting.areas.emplace_back(area);
    }
    for (int i = 1; i <= 20; ++i) {
      Reviewer reviewer;
      reviewer.partnership_id = context.partnership_id();
      reviewer.name = "Independent reviewer " + std::to_string(i);
      reviewer.organisation = i % 2 ? "Safeguarding consultancy" : "Independent practice";
      reviewer.national_pool = i % 3 != 0;
      reviewer.recorded_by = context.actor();
      reviewer.recorded_at = context.now;
      setting.reviewer_ids.push_back(session.reviewers().add(reviewer).id);
    }
  });
  return setting;
}

// Every case's first day, spread evenly over the span and sorted, so that case
// references follow the order of events.
std::vector<Planned> plan(const NationalScale& scale, Date today, Dice& dice) {
  const int days = scale.years * 365;
  std::vector<Planned> planned;
  const auto count = [&](int per_year) {
    return static_cast<long long>(per_year) * scale.years * scale.per_thousand / 1000;
  };
  for (long long i = 0; i < count(kDeathsPerYear); ++i)
    planned.push_back({today.plus_days(-dice.between(0, days - 1)), Start::Death, i});
  for (long long i = 0; i < count(kSeriousHarmPerYear); ++i)
    planned.push_back({today.plus_days(-dice.between(0, days - 1)), Start::SeriousHarm, i});
  std::stable_sort(planned.begin(), planned.end(), [](const Planned& a, const Planned& b) { return a.on < b.on; });
  return planned;
}

}  // namespace

NationalLoad load_national(StoreSession& session, const CaseService& cases, const RequestContext& context,
                           const NationalScale& scale, const std::function<void(int percent)>& progress) {
  const NationalSetting setting = set_up_partnership(session, context);
  Dice planner(scale.seed);
  const std::vector<Planned> planned = plan(scale, context.today, planner);
  CaseWriter writer(session, cases, context);
  NationalLoad load;
  int reported = -1;
  for (std::size_t first = 0; first < planned.size(); first += kCasesPerTransaction) {
    const std::size_t last = std::min(planned.size(), first + kCasesPerTransaction);
    const CaseWriter::Tally before = writer.tally();
    session.write_transaction([&] {
      writer.restore(before);  // the transaction may run more than once (a store's retry)
      for (std::size_t i = first; i < last; ++i) {
        const Planned& p = planned[i];
        // Each case has its own dice, so that changing one story leaves the others.
        Dice dice(scale.seed * 0x100000001b3ULL + static_cast<std::uint64_t>(i) * 2 + 1);
        if (p.start == Start::Death) {
          const std::optional<RaisedNotification> raised = write_death(writer, dice, setting, p.on, p.serial);
          if (raised) write_notification(writer, dice, setting, raised->sin, raised->aware, false);
        } else {
          write_serious_harm(writer, dice, setting, p.on);
        }
      }
    });
    const int percent = static_cast<int>(100 * last / planned.size());
    if (percent / 5 != reported / 5) progress(reported = percent);
  }
  load.deaths = writer.opened_of_kind("child_death_review");
  load.notifications = writer.opened_of_kind("serious_incident_notification");
  load.rapid_reviews = writer.opened_of_kind("rapid_review");
  load.local_reviews = writer.opened_of_kind("lcspr");
  load.events = writer.events();
  load.first_reviewer_id = setting.reviewer_ids.front();
  return load;
}

}  // namespace casereview::demo
