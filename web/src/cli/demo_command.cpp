// `casereview demo load`: the demonstration cases (demo/demonstration.h) in an
// empty database, and one login per role.
#include <chrono>
#include <iostream>
#include <set>
#include <stdexcept>
#include <variant>

#include "casereview/engine/case_owner_service.h"
#include "casereview/engine/passwords.h"
#include "cli/cli.h"
#include "demo/demonstration.h"
#include "demo/national.h"

namespace casereview::web {
namespace {

// The demonstration's one password, printed with each login: these accounts
// exist only in a database made by `demo load`.
constexpr const char* kDemoPassword = "demonstration only 2026";

struct DemoLogin {
  const char* username;
  const char* display_name;  // a person's name, as the header and the dashboard's owners show it
  Role role;
  const char* agency;
  const char* what_they_see;
};

constexpr DemoLogin kDemoLogins[] = {
    {"demo.admin", "Chris Walker", Role::Administrator, "",
     "users, areas, vocabularies, rule settings, access log, audit"},
    {"demo.manager", "Alex Morgan", Role::Manager, "", "every case, with identity; opens cases and takes every step"},
    {"demo.panel", "Priya Shah", Role::PanelMember, "", "every case, with identity; records decisions"},
    {"demo.agency", "Jo Evans", Role::AgencyContributor, "Health visiting",
     "only the requests sent to Health visiting"},
    {"demo.reviewer", "Dr Avery Demonstration", Role::IndependentReviewer, "",
     "only the local review of their contract in force"},
    {"demo.scrutineer", "Sam Okafor", Role::Scrutineer, "", "every case, never who the child is"},
    {"demo.auditor", "Rob Hughes", Role::Auditor, "", "as the scrutineer, plus the access log and audit"},
    {"demo.national", "Kate Lewis", Role::NationalEditor, "", "the national factors and themes; no case data"},
};

void add_demo_users(StoreSession& session, const Partnership& partnership, long long reviewer_id,
                    const std::string& actor) {
  const std::string hash = hash_password(kDemoPassword);
  session.write_transaction([&] {
    for (const DemoLogin& login : kDemoLogins) {
      User user;
      user.username = login.username;
      user.display_name = login.display_name;
      user.password_hash = hash;
      user.created_at = Instant::now();
      user.created_by = actor;
      user.memberships = {Membership{partnership.id, partnership.code, login.role, login.agency,
                                     login.role == Role::IndependentReviewer ? reviewer_id : 0}};
      session.users().add(user);
    }
  });
}

// Shares the cases with something due between the manager and the panel member,
// leaving every third without an owner, so that the dashboard's "assigned to
// me" and owner filters have something to show.
void add_demo_owners(StoreSession& session, const RequestContext& context) {
  std::set<long long> due;
  for (const CaseClock& cc : session.deadlines().open_clocks(context.partnership_id())) due.insert(cc.case_id);
  const char* const kOwners[] = {"demo.manager", "demo.panel"};
  std::size_t turn = 0;
  for (long long case_id : due) {
    const std::size_t which = turn++ % 3;
    if (which == 2) continue;
    const auto assigned = assign_case_owner(session, case_id, std::string(kOwners[which]), context);
    if (std::holds_alternative<ServiceRefusal>(assigned)) {
      throw std::logic_error("demo load: " + std::get<ServiceRefusal>(assigned).message);
    }
  }
}

// The demonstration's cases, listed; returns the reviewer under contract.
long long load_demonstration_cases(StoreSession& session, App& app, const RequestContext& context,
                                   const Partnership& partnership) {
  const demo::Demonstration loaded = demo::load_demonstration(session, app.cases(), context);
  CaseFilter everything;
  everything.partnership_id = partnership.id;
  everything.limit = 500;
  for (const CaseRecord& r : session.cases().list(everything)) {
    std::cout << "  " << r.reference << "  " << r.state << (r.outcome.empty() ? "" : "  (" + r.outcome + ")") << "\n";
  }
  std::cout << "Loaded " << loaded.case_ids.size() << " demonstration cases into " << app.database_name()
            << " (today is " << context.today.iso() << ").\n";
  return loaded.reviewer_id;
}

// The national-size data set, with its progress on standard error; returns the
// first reviewer of its register, whom the reviewer's login acts as.
long long load_national_scale(StoreSession& session, App& app, const RequestContext& context, const CliArgs& args) {
  demo::NationalScale scale;
  scale.years = args.years;
  scale.seed = static_cast<std::uint64_t>(args.seed);
  const auto started = std::chrono::steady_clock::now();
  const demo::NationalLoad load = demo::load_national(session, app.cases(), context, scale,
                                                      [](int percent) { std::cerr << "  " << percent << "%\n"; });
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count();
  std::cout << "Loaded the national-size data set (" << scale.years << " years, seed " << args.seed << ") into "
            << app.database_name() << " in " << seconds << " s (today is " << context.today.iso() << "):\n"
            << "  " << load.deaths << " child death reviews\n"
            << "  " << load.notifications << " serious incident notifications\n"
            << "  " << load.rapid_reviews << " rapid reviews\n"
            << "  " << load.local_reviews << " local child safeguarding practice reviews\n"
            << "  " << load.events << " events\n";
  return load.first_reviewer_id;
}

}  // namespace

int command_demo_load(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"demo load takes no operands"};
  App app = open_for_command(args);
  auto session = app.store().session();
  const Partnership partnership = chosen_partnership(*session, args);
  CaseFilter all;
  all.partnership_id = partnership.id;
  all.limit = 1;
  if (!session->cases().list(all).empty()) {
    throw UsageError{"the partnership " + partnership.code + " in " + app.database_name() +
                     " already holds cases; demonstration data goes only into an empty partnership"};
  }
  const std::string actor = "demo:business-unit";
  const RequestContext context = app.context(*session, system_principal(actor, partnership));
  long long reviewer_id = 0;
  if (args.scale == "national") {
    reviewer_id = load_national_scale(*session, app, context, args);
  } else {
    if (args.years != 10 || args.seed != 2026) throw UsageError{"--years and --seed go with --scale national"};
    reviewer_id = load_demonstration_cases(*session, app, context, partnership);
  }
  add_demo_users(*session, partnership, reviewer_id, actor);
  add_demo_owners(*session, context);
  std::cout << "\nDemonstration logins, one per role (password for each: \"" << kDemoPassword << "\"):\n";
  for (const DemoLogin& login : kDemoLogins) {
    std::cout << "  " << login.username << std::string(18 - std::string(login.username).size(), ' ')
              << role_title(login.role) << ": " << login.what_they_see << "\n";
  }
  return kExitOk;
}

}  // namespace casereview::web
