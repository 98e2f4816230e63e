// Users and partnerships from the command line: how the first administrator of
// a fresh installation comes to exist. A generated password goes to standard
// output only (never to the log), once, and must be changed at first sign-in.
#include <iostream>

#include "casereview/engine/account_service.h"
#include "casereview/engine/passwords.h"
#include "cli/cli.h"

namespace casereview::web {
namespace {

std::string password_from_stdin() {
  std::string password;
  std::getline(std::cin, password);
  return password;
}

}  // namespace

int command_user_add(const CliArgs& args) {
  if (args.words.size() != 3) throw UsageError{"user add takes one USERNAME"};
  NewAccount account;
  account.username = args.words[2];
  account.display_name = args.display_name;
  const auto role = role_from_name(args.role);
  if (!role) {
    throw UsageError{
        "--role must be one of administrator, manager, panel_member, agency_contributor, "
        "independent_reviewer, scrutineer, auditor, national_editor"};
  }
  account.role = *role;
  account.agency = args.agency;
  account.reviewer_id = args.reviewer_id;
  if (args.password_stdin) account.password = password_from_stdin();

  App app = open_for_command(args);
  auto session = app.store().session();
  const Partnership partnership = chosen_partnership(*session, args);
  const auto added = add_account(*session, partnership, account, args.actor, Instant::now());
  if (const auto* refused = std::get_if<AccountRefused>(&added)) throw UsageError{refused->message};
  const PasswordSet& done = std::get<PasswordSet>(added);
  std::cout << "added " << done.user.username << " as " << role_name(*role) << " in " << partnership.code << "\n";
  if (!done.one_time_password.empty()) {
    std::cout << "one-time password (change it at first sign-in): " << done.one_time_password << "\n";
  }
  return kExitOk;
}

int command_user_reset(const CliArgs& args) {
  if (args.words.size() != 3) throw UsageError{"user reset takes one USERNAME"};
  App app = open_for_command(args);
  auto session = app.store().session();
  const auto user = session->users().find_by_username(args.words[2]);
  if (!user || user->memberships.empty()) throw UsageError{"there is no user " + args.words[2]};
  // A username is unique across the installation: any partnership of theirs will do.
  const long long partnership_id =
      args.partnership.empty() ? user->memberships.front().partnership_id : chosen_partnership(*session, args).id;
  const std::optional<std::string> chosen =
      args.password_stdin ? std::optional<std::string>(password_from_stdin()) : std::nullopt;
  const auto reset = reset_password(*session, partnership_id, user->id, chosen);
  if (const auto* refused = std::get_if<AccountRefused>(&reset)) throw UsageError{refused->message};
  const PasswordSet& done = std::get<PasswordSet>(reset);
  std::cout << "reset " << done.user.username << "; " << done.sessions_ended << " session(s) ended\n";
  if (!done.one_time_password.empty()) {
    std::cout << "one-time password (change it at first sign-in): " << done.one_time_password << "\n";
  }
  return kExitOk;
}

int command_user_list(const CliArgs& args) {
  if (args.words.size() != 2) throw UsageError{"user list takes no operands"};
  App app = open_for_command(args);
  auto session = app.store().session();
  const Partnership partnership = chosen_partnership(*session, args);
  for (const User& u : session->users().list(partnership.id)) {
    const Membership* m = u.membership(partnership.id);
    std::cout << u.username << "\t" << role_name(m->role) << "\t" << (u.active ? "active" : "inactive")
              << (m->agency.empty() ? "" : "\t" + m->agency) << (u.email.empty() ? "" : "\t<" + u.email + ">") << "\n";
  }
  return kExitOk;
}

int command_user_email(const CliArgs& args) {
  if (args.words.size() != 4) throw UsageError{"user email takes a USERNAME and an ADDRESS (\"\" removes it)"};
  App app = open_for_command(args);
  auto session = app.store().session();
  const auto user = session->users().find_by_username(args.words[2]);
  if (!user || user->memberships.empty()) throw UsageError{"there is no user " + args.words[2]};
  const long long partnership_id =
      args.partnership.empty() ? user->memberships.front().partnership_id : chosen_partnership(*session, args).id;
  const auto changed = set_account_email(*session, partnership_id, user->id, args.words[3]);
  if (const auto* refused = std::get_if<AccountRefused>(&changed)) throw UsageError{refused->message};
  const User& done = std::get<User>(changed);
  if (done.email.empty()) {
    std::cout << done.username << " has no e-mail address now: no reminder is sent to them\n";
  } else {
    std::cout << done.username << "'s reminders go to " << done.email << "\n";
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
