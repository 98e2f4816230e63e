// Users and partnerships from the command line: how the first administrator of
// a fresh installation comes to exist. A generated password goes to standard
// output only (never to the log), once, and must be changed at first sign-in.
#include <iostream>

#include "casereview/engine/passwords.h"
#include "cli/cli.h"

namespace casereview::web {
namespace {

Partnership partnership_named(StoreSession& session, const std::string& code) {
  if (code.empty()) {
    const auto all = session.partnerships().list();
    if (all.empty()) throw UsageError{"the database has no partnership"};
    return all.front();
  }
  const auto found = session.partnerships().find_by_code(code);
  if (!found) throw UsageError{"there is no partnership \"" + code + "\" (see: casereview partnership list)"};
  return *found;
}

std::string password_from_stdin(const std::string& username) {
  std::string password;
  std::getline(std::cin, password);
  if (const std::string weakness = password_weakness(username, password); !weakness.empty()) {
    throw UsageError{"the password is too weak: " + weakness};
  }
  return password;
}

}  // namespace

int command_user_add(const CliArgs& args) {
  if (args.words.size() != 3) throw UsageError{"user add takes one USERNAME"};
  const std::string username = args.words[2];
  if (const std::string problem = username_problem(username); !problem.empty()) throw UsageError{problem};
  const auto role = role_from_name(args.role);
  if (!role) {
    throw UsageError{"--role must be one of administrator, manager, panel_member, agency_contributor, "
                     "independent_reviewer, scrutineer, auditor"};
  }
  if (*role == Role::AgencyContributor && args.agency.empty()) throw UsageError{"an agency contributor needs --agency"};
  if (*role == Role::IndependentReviewer && args.reviewer_id == 0) {
    throw UsageError{"an independent reviewer needs --reviewer-id (their entry in the register)"};
  }
  const std::string password = args.password_stdin ? password_from_stdin(username) : generate_password();

  App app = open_for_command(args);
  auto session = app.store().session();
  const Partnership partnership = partnership_named(*session, args.partnership);
  if (args.reviewer_id && !session->reviewers().find(partnership.id, args.reviewer_id)) {
    throw UsageError{"reviewer " + std::to_string(args.reviewer_id) + " is not in the register of " + partnership.code};
  }
  User user;
  user.username = username;
  user.display_name = args.display_name.empty() ? username : args.display_name;
  user.password_hash = hash_password(password);
  user.must_change_password = !args.password_stdin;
  user.created_at = Instant::now();
  user.created_by = args.actor;
  user.memberships = {Membership{partnership.id, partnership.code, *role,
                                 *role == Role::AgencyContributor ? args.agency : "",
                                 *role == Role::IndependentReviewer ? args.reviewer_id : 0}};
  try {
    session->write_transaction([&] { user = session->users().add(user); });
  } catch (const ConflictError&) {
    throw UsageError{"the username " + username + " is taken"};
  }
  std::cout << "added " << username << " as " << role_name(*role) << " in " << partnership.code << "\n";
  if (!args.password_stdin) std::cout << "one-time password (change it at first sign-in): " << password << "\n";
  return kExitOk;
}

int command_user_reset(const CliArgs& args) {
  if (args.words.size() != 3) throw UsageError{"user reset takes one USERNAME"};
  App app = open_for_command(args);
  auto session = app.store().session();
  const auto user = session->users().find_by_username(args.words[2]);
  if (!user) throw UsageError{"there is no user " + args.words[2]};
  const std::string password = args.password_stdin ? password_from_stdin(user->username) : generate_password();
  const std::string hash = hash_password(password);
  int ended = 0;
  session->write_transaction([&] {
    session->users().set_password(user->id, hash, !args.password_stdin);
    ended = session->sessions().revoke_all(user->id);
  });
  std::cout << "reset " << user->username << "; " << ended << " session(s) ended\n";
  if (!args.password_stdin) std::cout << "one-time password (change it at first sign-in): " << password << "\n";
  return kExitOk;
}

int command_user_list(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"user list takes no operands"};
  App app = open_for_command(args);
  auto session = app.store().session();
  const Partnership partnership = partnership_named(*session, args.partnership);
  for (const User& u : session->users().list(partnership.id)) {
    const Membership* m = u.membership(partnership.id);
    std::cout << u.username << "\t" << role_name(m->role) << "\t" << (u.active ? "active" : "inactive")
              << (m->agency.empty() ? "" : "\t" + m->agency) << "\n";
  }
  return kExitOk;
}

int command_partnership_add(const CliArgs& args) {
  if (args.words.size() != 3) throw UsageError{"partnership add takes one CODE"};
  const std::string code = args.words[2];
  if (const std::string problem = username_problem(code); !problem.empty() || code.size() > 40) {
    throw UsageError{"a partnership code is up to 40 letters, digits and . _ - @"};
  }
  if (args.display_name.empty()) throw UsageError{"partnership add needs --display-name"};
  App app = open_for_command(args);
  auto session = app.store().session();
  Partnership added;
  try {
    session->write_transaction([&] { added = session->partnerships().add(code, args.display_name); });
  } catch (const ConflictError&) {
    throw UsageError{"the partnership " + code + " exists"};
  }
  std::cout << "added partnership " << added.code << " (" << added.name << ")\n";
  return kExitOk;
}

int command_partnership_list(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"partnership list takes no operands"};
  App app = open_for_command(args);
  auto session = app.store().session();
  for (const Partnership& p : session->partnerships().list()) std::cout << p.code << "\t" << p.name << "\n";
  return kExitOk;
}

}  // namespace casereview::web
