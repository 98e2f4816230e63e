// The deaths of the national data set. The mix of categories, ages and
// modifiable factors follows the National Child Mortality Database's published
// figures for England (about 3,600 to 4,000 deaths a year; perinatal and
// neonatal events and congenital anomalies over half of them; about a third of
// the deaths reviewed with modifiable factors), rounded.
#include <algorithm>

#include "demo/facts.h"
#include "demo/national_cases.h"

namespace casereview::demo {
namespace {

struct DeathKind {
  const char* category;
  int weight;            // deaths in a thousand
  int expected_percent;  // how many of them were expected
  const char* trigger;   // the Joint Agency Response trigger when unexpected ("" for none)
  int youngest_days;
  int oldest_days;
  const char* place;
  int modifiable_percent;
  std::vector<std::string> factors;  // what panels record for such deaths
  std::vector<std::string> themes;
  int raises_notification_percent;  // how many are serious incidents too
  const char* summary;
};

const std::vector<DeathKind>& death_kinds() {
  static const std::vector<DeathKind> kKinds = {
      {"perinatal_neonatal",
       330,
       85,
       "",
       0,
       27,
       "hospital",
       30,
       {"social.smoking_in_pregnancy", "child.prematurity_low_birth_weight", "service.missed_appointments"},
       {"pre_birth_assessment"},
       0,
       "Baby born extremely preterm died on the neonatal unit."},
      {"chromosomal_genetic_congenital",
       240,
       80,
       "",
       0,
       3650,
       "hospital",
       10,
       {"social.consanguinity", "service.information_sharing"},
       {"whole_family_approach"},
       0,
       "Child with a congenital heart condition died after surgery."},
      {"sudden_unexpected_unexplained",
       70,
       0,
       "sudden_no_apparent_cause",
       28,
       700,
       "home",
       70,
       {"social.co_sleeping", "physical.unsafe_sleep_environment", "social.smoking_in_household",
        "social.parental_substance_misuse", "service.safer_sleep_advice"},
       {"safer_sleeping", "working_with_fathers"},
       30,
       "Infant found unresponsive in the morning at home."},
      {"acute_medical_surgical",
       80,
       30,
       "",
       0,
       6400,
       "hospital",
       25,
       {"service.recognition_of_illness", "service.accessing_health_care_sooner"},
       {"escalation"},
       0,
       "Child admitted with an acute illness deteriorated quickly and died."},
      {"malignancy",
       70,
       95,
       "",
       365,
       6400,
       "hospice",
       5,
       {"service.recognition_of_illness"},
       {"escalation"},
       0,
       "Child with a brain tumour died as planned in a hospice."},
      {"infection",
       50,
       20,
       "",
       0,
       6400,
       "hospital",
       25,
       {"service.recognition_of_illness", "service.accessing_health_care_sooner"},
       {"escalation"},
       0,
       "Child died of sepsis after a short illness."},
      {"chronic_medical",
       40,
       70,
       "",
       365,
       6400,
       "hospital",
       25,
       {"child.disability_or_chronic_condition", "service.missed_appointments"},
       {"use_of_procedures"},
       0,
       "Young person with severe asthma died after an attack."},
      {"trauma_external",
       55,
       0,
       "external_cause",
       365,
       6400,
       "public_place",
       60,
       {"physical.road_safety", "physical.water_safety", "physical.home_hazards", "child.risk_taking_behaviour"},
       {"professional_curiosity"},
       10,
       "Child died after being struck by a car."},
      {"suicide_self_harm",
       45,
       0,
       "circumstances_suggest_not_natural",
       3650,
       6400,
       "home",
       70,
       {"child.mental_health", "service.access_to_mental_health_services", "social.bullying_or_online_harm"},
       {"voice_of_the_child", "children_missing_education"},
       10,
       "Young person died by suspected suicide."},
      {"deliberately_inflicted_injury",
       20,
       0,
       "circumstances_suggest_not_natural",
       0,
       6400,
       "home",
       80,
       {"social.domestic_abuse", "social.neglect_or_supervision", "service.information_sharing"},
       {"domestic_abuse", "disguised_compliance"},
       100,
       "Child died of injuries; a parent's partner was arrested."},
  };
  return kKinds;
}

const std::vector<std::string> kGivenNames = {
    "Amelia", "Oliver", "Isla", "George", "Ava",   "Noah",   "Mia",    "Arthur",   "Ivy",  "Leo",
    "Freya",  "Oscar",  "Lily", "Harry",  "Sofia", "Jack",   "Aisha",  "Muhammad", "Zara", "Yusuf",
    "Grace",  "Theo",   "Ella", "Finley", "Maya",  "Alfie",  "Hannah", "Kai",      "Ruby", "Tomasz",
    "Chloe",  "Ethan",  "Nia",  "Kofi",   "Amara", "Jayden", "Priya",  "Arjun",    "Erin", "Callum"};
const std::vector<std::string> kFamilyNames = {
    "Smith",  "Jones",    "Taylor", "Brown",  "Williams", "Wilson",  "Johnson", "Davies", "Patel",    "Robinson",
    "Wright", "Thompson", "Evans",  "Walker", "White",    "Roberts", "Green",   "Hall",   "Khan",     "Ahmed",
    "Clarke", "Lewis",    "Hughes", "Mensah", "Kowalski", "Okafor",  "Begum",   "Murphy", "Campbell", "Ali"};
const std::vector<std::string> kAgencies = {"GP",     "Health visiting", "Hospital trust",         "Ambulance service",
                                            "Police", "School",          "Children's social care", "Midwifery"};

std::string iso(Date d) { return d.iso(); }

// The panel's review: the category, the four domains scored, and the factors.
Json panel_review(Dice& dice, const DeathKind& kind, Date on) {
  std::string judgement = "no_modifiable_factors";
  std::vector<std::string> factors;
  if (dice.percent(kind.modifiable_percent)) {
    judgement = "modifiable_factors_identified";
    factors = dice.some(kind.factors, static_cast<std::size_t>(dice.between(1, 2)));
  } else if (dice.percent(3)) {
    judgement = "insufficient_information";
  }
  // A factor's domain is scored 2 (may have contributed); "insufficient information" scores one 0.
  // (A factor's code begins with its domain's short name: "social.co_sleeping".)
  const auto score = [&](const std::string& short_name) {
    for (const std::string& f : factors) {
      if (f.rfind(short_name + ".", 0) == 0) return "2";
    }
    return "1";
  };
  Json review = obj({{"reviewed_on", iso(on)},
                     {"category", kind.category},
                     {"score_child", score("child")},
                     {"score_social_environment", score("social")},
                     {"score_physical_environment", score("physical")},
                     {"score_service_provision", score("service")},
                     {"modifiable_factors", list(factors)},
                     {"judgement", judgement},
                     {"learning_themes", list(dice.some(kind.themes, 1))}});
  if (judgement == "insufficient_information") review.set("score_service_provision", "0");
  if (!factors.empty())
    review.set("learning", "Partners share the learning through the CDOP's newsletter and training.");
  return review;
}

// The reporting forms asked of each agency, their returns and the reminders
// sent for late ones, in date order; stops at the first dated after today.
void gather_information(CaseWriter& writer, Dice& dice, CaseRecord& cdr, Date asked, Date& last_return) {
  const std::vector<std::string> agencies = dice.some(kAgencies, static_cast<std::size_t>(dice.between(4, 7)));
  if (!writer.step(cdr, "request_agency_information", obj({{"agencies", list(agencies)}, {"requested_on", iso(asked)}}),
                   asked)) {
    return;
  }
  struct Entry {
    Date on;
    bool reminder;
    std::string agency;
  };
  std::vector<Entry> entries;
  for (const std::string& agency : agencies) {
    const Date back = after(asked, dice.percent(75) ? dice.between(3, 14) : dice.between(15, 40));
    if (back > after(asked, 14)) entries.push_back({after(asked, 15), true, agency});
    entries.push_back({back, false, agency});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.on < b.on; });
  last_return = asked;
  for (const Entry& e : entries) {
    const Json facts = e.reminder ? obj({{"agency", e.agency}, {"sent_on", iso(e.on)}})
                                  : obj({{"agency", e.agency}, {"returned_on", iso(e.on)}});
    if (!writer.step(cdr, e.reminder ? "send_agency_reminder" : "record_agency_return", facts, e.on)) return;
    last_return = std::max(last_return, e.on);
  }
}

Json notification_facts(Dice& dice, const NationalSetting& setting, const DeathKind& kind, Date died, Date notified,
                        long long serial) {
  const bool expected = dice.percent(kind.expected_percent);
  Json facts = obj({{"date_of_death", iso(died)},
                    {"place_of_death", kind.place},
                    {"notified_on", iso(notified)},
                    {"expected", expected ? "expected" : "unexpected"},
                    {"resident_local_authority", dice.pick(setting.areas)},
                    {"notified_by", expected ? "Consultant paediatrician" : "Emergency department consultant"},
                    {"summary", kind.summary},
                    {"given_name", dice.pick(kGivenNames)},
                    {"family_name", dice.pick(kFamilyNames)},
                    {"date_of_birth", iso(died.plus_days(-dice.between(kind.youngest_days, kind.oldest_days)))},
                    {"nhs_number", nhs_number_for(serial)},
                    {"sex", dice.percent(56) ? "male" : "female"}});
  if (!expected && *kind.trigger) facts.set("jar_triggers", list({kind.trigger}));
  return facts;
}

}  // namespace

std::string nhs_number_for(long long serial) {
  // Three candidates per serial: a check digit of 10 (no valid number) can
  // befall at most one of three numbers in a row.
  for (long long k = 0; k < 3; ++k) {
    const std::string digits = std::to_string(400000000 + serial * 3 + k);
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (digits[static_cast<std::size_t>(i)] - '0') * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11) check = 0;
    if (check == 10) continue;
    return digits.substr(0, 3) + " " + digits.substr(3, 3) + " " + digits.substr(6, 3) + std::to_string(check);
  }
  return "";  // not reached: see above
}

std::optional<RaisedNotification> write_death(CaseWriter& writer, Dice& dice, const NationalSetting& setting, Date died,
                                              long long serial) {
  std::vector<int> weights;
  for (const DeathKind& k : death_kinds()) weights.push_back(k.weight);
  const DeathKind& kind = death_kinds()[dice.weighted(weights)];
  const Date notified = after(died, dice.percent(85) ? 0 : dice.between(1, 4));
  const Json facts = notification_facts(dice, setting, kind, died, notified, serial);
  std::optional<CaseRecord> opened = writer.open("child_death_review", facts, notified);
  if (!opened) return std::nullopt;
  CaseRecord cdr = *opened;
  std::optional<RaisedNotification> notification;
  if (facts.contains("jar_triggers") &&
      !writer.step(
          cdr, "record_jar_discussion",
          obj({{"held_on", iso(notified)}, {"agencies", list({"Police", "Paediatrician", "Children's social care"})}}),
          notified)) {
    return std::nullopt;
  }
  if (dice.percent(kind.raises_notification_percent)) {
    const Date aware = after(died, dice.between(0, 1));
    if (writer.step(cdr, "raise_serious_incident_notification",
                    obj({{"became_aware_on", iso(aware)},
                         {"abuse_or_neglect", dice.percent(30) ? "known" : "suspected"},
                         {"location", "in_area"},
                         {"local_authority", dice.pick(setting.areas)}}),
                    std::max(aware, notified))) {
      notification = RaisedNotification{writer.opened("serious_incident_notification"), aware};
    }
  }
  Date asked = after(notified, dice.between(2, 10));
  if (dice.percent(70)) {
    const Date named = after(notified, dice.between(1, 4));
    asked = std::max(asked, named);
    if (!writer.step(cdr, "record_key_worker",
                     obj({{"appointed_on", iso(named)},
                          {"key_worker_role", "Specialist nurse for child death"},
                          {"key_worker_name", dice.pick(kGivenNames) + " " + dice.pick(kFamilyNames)},
                          {"bereavement_support_offered", "yes"},
                          {"support_given", "Referral to a bereavement charity; information about the review"}}),
                     named)) {
      return notification;
    }
  }
  Date last_return = notified;
  gather_information(writer, dice, cdr, asked, last_return);
  if (cdr.state != "gathering_information") return notification;
  const Date meeting = std::max(after(died, dice.between(30, 100)), after(last_return, dice.between(0, 10)));
  if (!writer.step(cdr, "record_review_meeting",
                   obj({{"held_on", iso(meeting)}, {"agencies_attended", list({"GP", "Hospital trust", "Police"})}}),
                   meeting)) {
    return notification;
  }
  // Most deaths reach the panel within the year; a tenth wait longer (an inquest).
  const Date reviewed =
      std::max(after(meeting, 14), after(died, dice.percent(90) ? dice.between(120, 360) : dice.between(361, 700)));
  const Json review = panel_review(dice, kind, reviewed);
  if (!writer.step(cdr, "record_panel_review", review, reviewed)) return notification;
  const Date submitted = after(reviewed, dice.between(0, 14));
  if (!writer.step(
          cdr, "record_ncmd_submission",
          obj({{"submitted_on", iso(submitted)}, {"ncmd_reference", "NCMD-" + std::to_string(100000 + serial)}}),
          submitted)) {
    return notification;
  }
  if (review["judgement"].as_string() == "modifiable_factors_identified" && dice.percent(40)) {
    const Date due = after(reviewed, dice.between(60, 180));
    if (!writer.step(
            cdr, "add_action",
            obj({{"ref", "R1"},
                 {"recommendation", "Share the learning on " + review["modifiable_factors"].items()[0].as_string()},
                 {"action", "Brief practitioners and audit the change"},
                 {"owner_person", "Designated doctor for child deaths"},
                 {"owner_agency", "Integrated care board"},
                 {"due_on", iso(due)},
                 {"desired_outcome", "Practice changes and is audited"},
                 {"agreed_on", iso(reviewed)}}),
            submitted)) {
      return notification;
    }
    const Date done = after(due, dice.between(-40, 60));
    writer.step(cdr, "update_action",
                obj({{"ref", "R1"},
                     {"status", "completed"},
                     {"updated_on", iso(std::max(done, submitted))},
                     {"evidence", "Briefing delivered; audit of twenty cases attached to the minutes."},
                     {"impact", "Practitioners now give the advice at every contact, the audit found."}}),
                std::max(done, submitted));
  }
  return notification;
}

}  // namespace casereview::demo
