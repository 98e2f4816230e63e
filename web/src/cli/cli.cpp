#include "cli/cli.h"

#include <Poco/Net/IPAddress.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "casereview/engine/email_address.h"
#include "http/client_address.h"

namespace casereview::web {
namespace {

const char* kUsage = R"(usage: casereview <command> [options]

Commands:
  serve                       run the HTTP server (JSON API)
  deadline RULE DATE          print the due date RULE gives when its clock starts on DATE
                              (with the partnership's terms when the database exists)
  audit verify                verify every case's hash chain and every signed checkpoint;
                              exit 1 naming the first broken link of each case; exit 4 when
                              the chains are intact but the server key is not there to check
                              the checkpoints (never creates a database or a key)
  audit checkpoint            sign the chain heads now (the server also does so daily)
  user add USERNAME --role ROLE [--partnership CODE] [--agency NAME] [--reviewer-id N]
           [--display-name TEXT] [--password-stdin]
                              add a user; without --password-stdin a one-time password is
                              generated and printed once to standard output, to be changed
                              at first sign-in. ROLE: administrator, manager, panel_member,
                              agency_contributor, independent_reviewer, scrutineer, auditor,
                              national_editor (keeps the national factors and themes; only
                              here, never by a partnership's administrator)
  user reset USERNAME [--password-stdin]
                              set a new password (one-time unless given) and end the
                              user's sessions
  user list [--partnership CODE]
  user email USERNAME ADDRESS set the address the user's reminder e-mails go to ("" removes it)
  partnership add CODE --display-name NAME
  partnership list
  backup FILE                 write a consistent copy of the database to FILE, also while
                              the server is serving (FILE must not exist)
  restore FILE                replace the database with FILE after checking its schema and
                              audit chain; the server must be stopped
  calendar load FILE          validate a bank-holiday file (GOV.UK feed format) and load it
  calendar show [YEAR]        list the bank holidays in use for YEAR (default: this year)
  rules list                  list the deadline rules with the partnership's terms in force
  rules set RULE [--amount N] [--anchor ID] --reason TEXT
                              change a rule for the partnership where the rule allows it
                              (a statutory time may only be made stricter); the change is recorded
  db migrate                  apply pending schema migrations (back the file up first), then give
                              clocks stored before the time met was kept that time, from the events
  demo load [--scale national [--years N] [--seed N]]
                              fill an empty partnership with demonstration cases and logins;
                              --scale national: a national-size data set instead (4,000 deaths
                              and 450 serious incident notifications a year for N years,
                              default 10, about 600,000 events; the same seed, default 2026,
                              gives the same cases in a new database)
  describe KIND               a workflow's diagram, transitions, states and rules, as Markdown
  import SHEET FILE [--dry-run]
                              import the cases of a spreadsheet saved as CSV (SHEET:
                              safeguarding or deaths; columns: GET /api/v1/imports/SHEET/columns)
                              through the workflows' steps; nothing is written unless every
                              row passes; --dry-run lists what would be refused and writes nothing
  reminders send              send the reminder e-mails due today that no process has sent yet
                              (and retry failed ones) through the SMTP relay, then exit;
                              exit 3 when any could not be sent (recorded, retried by the next pass)
  retention list [--partnership CODE]
                              the partnership's closed cases with the day each one's retention
                              runs out and where it stands (kept, due, held, erased,
                              no_identity); reads only: an administrator erases after confirming
  version                     print the version

Options (each also read from the environment variable shown):
  --db PATH         database file                 CASEREVIEW_DB      (casereview.db)
  --postgres CONNECTION   a PostgreSQL database instead of the file: libpq's
                    "host=… port=… dbname=… user=…" or a postgresql:// address; any number
                    of servers may serve one (needs --key-file)   CASEREVIEW_POSTGRES
  --bind ADDRESS    address to listen on          CASEREVIEW_BIND    (127.0.0.1)
  --port N          port to listen on, 0 = any    CASEREVIEW_PORT    (8080)
  --threads N       request threads               CASEREVIEW_THREADS (16)
  --max-connections-per-address N   connections open at once from one client address;
                    more are answered 503 with Retry-After
                                                  CASEREVIEW_MAX_CONNECTIONS_PER_ADDRESS (12)
  --request-timeout SECONDS   a request's head must arrive within this, its body within
                    4 times this                          CASEREVIEW_REQUEST_TIMEOUT (15)
  --stop-grace SECONDS   on SIGTERM or Ctrl+C, requests in progress get this long
                    before their connections are closed   CASEREVIEW_STOP_GRACE (10)
  --max-body BYTES  largest request body          CASEREVIEW_MAX_BODY (65536)
  --max-document BYTES  largest document upload   CASEREVIEW_MAX_DOCUMENT (20971520)
  --ui-dir PATH     the built browser pages       CASEREVIEW_UI_DIR (set at build time)
  --today DATE      treat DATE as today (training and tests)   CASEREVIEW_TODAY
  --actor NAME      who a writing command acts for             CASEREVIEW_ACTOR ($USER)
  --partnership CODE  the partnership a command acts in (user, rules, deadline, demo);
                    needed only when the database holds more than one
  --key-file PATH   the server key (pseudonyms, checkpoint signatures)
                                                  CASEREVIEW_KEY_FILE (the database path + ".key")
  --tls-cert PATH   serve HTTPS with this PEM certificate (chain)   CASEREVIEW_TLS_CERT
  --tls-key PATH    and this PEM private key                        CASEREVIEW_TLS_KEY
  --session-idle-minutes N   a session unused this long ends        CASEREVIEW_SESSION_IDLE_MINUTES (30)
  --session-hours N          every session ends this long after sign-in  CASEREVIEW_SESSION_HOURS (12)
  --session-recheck-ms N     a session read is trusted this long, so that a sign-out or a disabled
                             user elsewhere (another server, this command line) holds within it;
                             0: read on every request          CASEREVIEW_SESSION_RECHECK_MS (1000)
  --answers-recheck-ms N     a case's timeline and clocks are kept this long for the next reader, so
                             that a label or a calendar changed elsewhere shows within it (a step on
                             the case shows at once); 0: none kept   CASEREVIEW_ANSWERS_RECHECK_MS (1000)
  --lists-recheck-ms N       the case list, a search, the dashboard and a case's page are kept this
                             long for the same person's next request, so that what another server or
                             this command line changes shows within it and the time one request takes
                             to make the page again, the page before sent meanwhile (this server's
                             changes show at once); 0: none kept
                             CASEREVIEW_LISTS_RECHECK_MS (1000; 0 with --postgres)
  --answer-piece-kib N       a long answer (an export, a report listing every case) is written in
                             pieces of about N KiB, each sent as it is written
                             CASEREVIEW_ANSWER_PIECE_KIB (1024)
  --slow-client-wait-ms N    the most a long answer's writing waits, in all, for a client reading it
                             slowly; then it writes the rest and holds it until sent
                             CASEREVIEW_SLOW_CLIENT_WAIT_MS (10000)
  --suppress-up-to N   in reports for publication, counts from 1 to N are shown as suppressed
                       (0: none)                          CASEREVIEW_SUPPRESS_UP_TO (5)
  --smtp-host HOST     the SMTP relay reminder e-mails go through; none: none are sent
                                                          CASEREVIEW_SMTP_HOST
  --smtp-port N        its port                           CASEREVIEW_SMTP_PORT (25)
  --smtp-from ADDRESS  the e-mails' sender (needed with --smtp-host)   CASEREVIEW_SMTP_FROM
  --smtp-user NAME     AUTH LOGIN at the relay as NAME    CASEREVIEW_SMTP_USER
  --smtp-password TEXT and this password (prefer the variable)   CASEREVIEW_SMTP_PASSWORD
  --smtp-starttls      switch to TLS with STARTTLS first  CASEREVIEW_SMTP_STARTTLS (true/false)
  --smtp-ca-file PATH  CA certificates (PEM) to verify the relay with   CASEREVIEW_SMTP_CA_FILE
                       (the system's)
  --reminder-minutes N how often the server sends what is due   CASEREVIEW_REMINDER_MINUTES (15)
  --public-url URL     where people open casereview, for the links in e-mails
                                                          CASEREVIEW_PUBLIC_URL (the server's own)
  --trusted-proxy ADDRESS  a reverse proxy's IP address: on its connections the client is the
                       last address of X-Forwarded-For        CASEREVIEW_TRUSTED_PROXY (none)
)";

// An IP address in the form the server compares a peer's address in; "" stays "".
std::string to_ip_address(const std::string& option, const std::string& text) {
  if (text.empty()) return text;
  Poco::Net::IPAddress address;
  if (!Poco::Net::IPAddress::tryParse(text, address)) {
    throw UsageError{option + " \"" + text + "\" is not an IP address, e.g. 127.0.0.1"};
  }
  return address_text(address);
}

int to_int(const std::string& option, const std::string& text, int min, int max) {
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < min || value > max) {
    throw UsageError{option + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max)};
  }
  return static_cast<int>(value);
}

Date to_date(const std::string& option, const std::string& text) {
  const auto d = Date::parse(text);
  if (!d) throw UsageError{option + " \"" + text + "\" " + Date::parse_problem(text)};
  return *d;
}

bool to_flag(const std::string& option, const std::string& text) {
  if (text == "true" || text == "1" || text == "yes") return true;
  if (text == "false" || text == "0" || text == "no" || text.empty()) return false;
  throw UsageError{option + " must be true or false"};
}

bool printable_without_spaces(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) > 0x20 && c != 0x7f; });
}

// The relay's settings hang together, before anything is opened or sent.
void check_mail_settings(const Settings& s) {
  const SmtpSettings& smtp = s.smtp;
  if (!smtp.host.empty() && !printable_without_spaces(smtp.host)) throw UsageError{"--smtp-host is not a host name"};
  if (!smtp.host.empty() && smtp.from.empty()) {
    throw UsageError{"--smtp-host needs --smtp-from, the address reminder e-mails are sent from"};
  }
  if (!smtp.from.empty()) {
    if (const std::string problem = email_problem(smtp.from); !problem.empty()) {
      throw UsageError{"--smtp-from \"" + smtp.from + "\": " + problem};
    }
  }
  if (smtp.user.empty() != smtp.password.empty()) throw UsageError{"--smtp-user and --smtp-password go together"};
  if (!s.public_url.empty()) {
    const bool web = s.public_url.rfind("http://", 0) == 0 || s.public_url.rfind("https://", 0) == 0;
    if (!web || !printable_without_spaces(s.public_url)) {
      throw UsageError{"--public-url must be an http:// or https:// address, e.g. https://casereview.example.org"};
    }
  }
}

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

CliArgs parse(int argc, char** argv) {
  CliArgs args;
  Settings& s = args.settings;
  s.db_path = env_or("CASEREVIEW_DB", s.db_path);
  s.postgres = env_or("CASEREVIEW_POSTGRES", "");
  s.bind = env_or("CASEREVIEW_BIND", s.bind);
  s.port = to_int("CASEREVIEW_PORT", env_or("CASEREVIEW_PORT", std::to_string(s.port)), 0, 65535);
  s.threads = to_int("CASEREVIEW_THREADS", env_or("CASEREVIEW_THREADS", std::to_string(s.threads)), 2, 256);
  s.connections_per_address =
      to_int("CASEREVIEW_MAX_CONNECTIONS_PER_ADDRESS",
             env_or("CASEREVIEW_MAX_CONNECTIONS_PER_ADDRESS", std::to_string(s.connections_per_address)), 1, 4096);
  s.request_timeout_seconds =
      to_int("CASEREVIEW_REQUEST_TIMEOUT",
             env_or("CASEREVIEW_REQUEST_TIMEOUT", std::to_string(s.request_timeout_seconds)), 1, 300);
  s.stop_grace_seconds =
      to_int("CASEREVIEW_STOP_GRACE", env_or("CASEREVIEW_STOP_GRACE", std::to_string(s.stop_grace_seconds)), 0, 600);
  s.max_body_bytes = static_cast<std::size_t>(
      to_int("CASEREVIEW_MAX_BODY", env_or("CASEREVIEW_MAX_BODY", std::to_string(s.max_body_bytes)), 1024, 16 << 20));
  s.max_document_bytes = static_cast<std::size_t>(
      to_int("CASEREVIEW_MAX_DOCUMENT", env_or("CASEREVIEW_MAX_DOCUMENT", std::to_string(s.max_document_bytes)), 1024,
             256 << 20));
  s.ui_dir = env_or("CASEREVIEW_UI_DIR", s.ui_dir);
  if (auto today = env_or("CASEREVIEW_TODAY", ""); !today.empty()) s.today = to_date("CASEREVIEW_TODAY", today);
  args.actor = env_or("CASEREVIEW_ACTOR", env_or("USER", "administrator"));
  s.key_file = env_or("CASEREVIEW_KEY_FILE", "");
  s.tls_certificate = env_or("CASEREVIEW_TLS_CERT", "");
  s.tls_private_key = env_or("CASEREVIEW_TLS_KEY", "");
  s.session_idle_minutes =
      to_int("CASEREVIEW_SESSION_IDLE_MINUTES",
             env_or("CASEREVIEW_SESSION_IDLE_MINUTES", std::to_string(s.session_idle_minutes)), 1, 24 * 60);
  s.session_hours =
      to_int("CASEREVIEW_SESSION_HOURS", env_or("CASEREVIEW_SESSION_HOURS", std::to_string(s.session_hours)), 1, 72);
  s.session_recheck_ms =
      to_int("CASEREVIEW_SESSION_RECHECK_MS",
             env_or("CASEREVIEW_SESSION_RECHECK_MS", std::to_string(s.session_recheck_ms)), 0, 60 * 1000);
  s.answers_recheck_ms =
      to_int("CASEREVIEW_ANSWERS_RECHECK_MS",
             env_or("CASEREVIEW_ANSWERS_RECHECK_MS", std::to_string(s.answers_recheck_ms)), 0, 60 * 1000);
  if (const std::string lists = env_or("CASEREVIEW_LISTS_RECHECK_MS", ""); !lists.empty()) {
    s.lists_recheck_ms = to_int("CASEREVIEW_LISTS_RECHECK_MS", lists, 0, 60 * 1000);
  }
  s.answer_piece_kib = static_cast<std::size_t>(
      to_int("CASEREVIEW_ANSWER_PIECE_KIB", env_or("CASEREVIEW_ANSWER_PIECE_KIB", std::to_string(s.answer_piece_kib)),
             1, 64 * 1024));
  s.slow_client_wait_ms =
      to_int("CASEREVIEW_SLOW_CLIENT_WAIT_MS",
             env_or("CASEREVIEW_SLOW_CLIENT_WAIT_MS", std::to_string(s.slow_client_wait_ms)), 0, 600 * 1000);
  s.suppress_up_to = to_int("CASEREVIEW_SUPPRESS_UP_TO",
                            env_or("CASEREVIEW_SUPPRESS_UP_TO", std::to_string(s.suppress_up_to)), 0, 100);
  s.smtp.host = env_or("CASEREVIEW_SMTP_HOST", "");
  s.smtp.port = to_int("CASEREVIEW_SMTP_PORT", env_or("CASEREVIEW_SMTP_PORT", std::to_string(s.smtp.port)), 1, 65535);
  s.smtp.from = env_or("CASEREVIEW_SMTP_FROM", "");
  s.smtp.user = env_or("CASEREVIEW_SMTP_USER", "");
  s.smtp.password = env_or("CASEREVIEW_SMTP_PASSWORD", "");
  s.smtp.starttls = to_flag("CASEREVIEW_SMTP_STARTTLS", env_or("CASEREVIEW_SMTP_STARTTLS", "false"));
  s.smtp.ca_file = env_or("CASEREVIEW_SMTP_CA_FILE", "");
  s.reminder_minutes = to_int("CASEREVIEW_REMINDER_MINUTES",
                              env_or("CASEREVIEW_REMINDER_MINUTES", std::to_string(s.reminder_minutes)), 1, 24 * 60);
  s.public_url = env_or("CASEREVIEW_PUBLIC_URL", "");
  s.trusted_proxy = to_ip_address("CASEREVIEW_TRUSTED_PROXY", env_or("CASEREVIEW_TRUSTED_PROXY", ""));

  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.rfind("--", 0) != 0) {
      args.words.push_back(word);
      continue;
    }
    if (word == "--help") throw UsageError{""};
    if (word == "--dry-run") {
      args.dry_run = true;
      continue;
    }
    if (word == "--password-stdin") {
      args.password_stdin = true;
      continue;
    }
    if (word == "--smtp-starttls") {
      s.smtp.starttls = true;
      continue;
    }
    if (i + 1 >= argc) throw UsageError{word + " needs a value"};
    const std::string value = argv[++i];
    if (word == "--db")
      s.db_path = value;
    else if (word == "--postgres")
      s.postgres = value;
    else if (word == "--bind")
      s.bind = value;
    else if (word == "--port")
      s.port = to_int(word, value, 0, 65535);
    else if (word == "--threads")
      s.threads = to_int(word, value, 2, 256);
    else if (word == "--max-connections-per-address")
      s.connections_per_address = to_int(word, value, 1, 4096);
    else if (word == "--request-timeout")
      s.request_timeout_seconds = to_int(word, value, 1, 300);
    else if (word == "--stop-grace")
      s.stop_grace_seconds = to_int(word, value, 0, 600);
    else if (word == "--max-body")
      s.max_body_bytes = static_cast<std::size_t>(to_int(word, value, 1024, 16 << 20));
    else if (word == "--max-document")
      s.max_document_bytes = static_cast<std::size_t>(to_int(word, value, 1024, 256 << 20));
    else if (word == "--ui-dir")
      s.ui_dir = value;
    else if (word == "--today")
      s.today = to_date(word, value);
    else if (word == "--actor")
      args.actor = value;
    else if (word == "--amount")
      args.amount = to_int(word, value, 1, 366);
    else if (word == "--anchor")
      args.anchor = value;
    else if (word == "--reason")
      args.reason = value;
    else if (word == "--key-file")
      s.key_file = value;
    else if (word == "--tls-cert")
      s.tls_certificate = value;
    else if (word == "--tls-key")
      s.tls_private_key = value;
    else if (word == "--session-idle-minutes")
      s.session_idle_minutes = to_int(word, value, 1, 24 * 60);
    else if (word == "--session-hours")
      s.session_hours = to_int(word, value, 1, 72);
    else if (word == "--session-recheck-ms")
      s.session_recheck_ms = to_int(word, value, 0, 60 * 1000);
    else if (word == "--answers-recheck-ms")
      s.answers_recheck_ms = to_int(word, value, 0, 60 * 1000);
    else if (word == "--lists-recheck-ms")
      s.lists_recheck_ms = to_int(word, value, 0, 60 * 1000);
    else if (word == "--answer-piece-kib")
      s.answer_piece_kib = static_cast<std::size_t>(to_int(word, value, 1, 64 * 1024));
    else if (word == "--slow-client-wait-ms")
      s.slow_client_wait_ms = to_int(word, value, 0, 600 * 1000);
    else if (word == "--suppress-up-to")
      s.suppress_up_to = to_int(word, value, 0, 100);
    else if (word == "--smtp-host")
      s.smtp.host = value;
    else if (word == "--smtp-port")
      s.smtp.port = to_int(word, value, 1, 65535);
    else if (word == "--smtp-from")
      s.smtp.from = value;
    else if (word == "--smtp-user")
      s.smtp.user = value;
    else if (word == "--smtp-password")
      s.smtp.password = value;
    else if (word == "--smtp-ca-file")
      s.smtp.ca_file = value;
    else if (word == "--reminder-minutes")
      s.reminder_minutes = to_int(word, value, 1, 24 * 60);
    else if (word == "--public-url")
      s.public_url = value;
    else if (word == "--trusted-proxy")
      s.trusted_proxy = to_ip_address(word, value);
    else if (word == "--role")
      args.role = value;
    else if (word == "--partnership")
      args.partnership = value;
    else if (word == "--agency")
      args.agency = value;
    else if (word == "--reviewer-id")
      args.reviewer_id = to_int(word, value, 1, 2000000000);
    else if (word == "--display-name")
      args.display_name = value;
    else if (word == "--scale") {
      if (value != "national") throw UsageError{"--scale takes only \"national\""};
      args.scale = value;
    } else if (word == "--years")
      args.years = to_int(word, value, 1, 20);
    else if (word == "--seed")
      args.seed = to_int(word, value, 0, 2000000000);
    else
      throw UsageError{"unknown option " + word};
  }
  if (!s.postgres.empty() && s.key_file.empty()) {
    // Beside a file the key has a place of its own; every server of one
    // PostgreSQL database must sign and make pseudonyms with the same key.
    throw UsageError{"--postgres needs --key-file: the server key every server of the database shares"};
  }
  if (s.tls_certificate.empty() != s.tls_private_key.empty()) {
    throw UsageError{"--tls-cert and --tls-key go together"};
  }
  check_mail_settings(s);
  return args;
}

bool is(const CliArgs& args, std::initializer_list<const char*> command) {
  if (args.words.size() < command.size()) return false;
  std::size_t i = 0;
  for (const char* w : command) {
    if (args.words[i++] != w) return false;
  }
  return true;
}

}  // namespace

App open_for_command(const CliArgs& args, db::SchemaMode mode) {
  Settings settings = args.settings;
  settings.threads = 1;
  return App(settings, mode);
}

Partnership chosen_partnership(StoreSession& session, const CliArgs& args) {
  if (!args.partnership.empty()) {
    const auto found = session.partnerships().find_by_code(args.partnership);
    if (!found)
      throw UsageError{"there is no partnership \"" + args.partnership + "\" (see: casereview partnership list)"};
    return *found;
  }
  const auto all = session.partnerships().list();
  if (all.empty()) throw UsageError{"the database has no partnership"};
  if (all.size() > 1) {
    std::string codes;
    for (const Partnership& p : all) codes += (codes.empty() ? "" : ", ") + p.code;
    throw UsageError{"the database holds several partnerships (" + codes + "); name one with --partnership CODE"};
  }
  return all.front();
}

int run_cli(int argc, char** argv) {
  try {
    const CliArgs args = parse(argc, argv);
    if (args.words.empty()) throw UsageError{"no command given"};
    if (is(args, {"serve"})) return command_serve(args);
    if (is(args, {"deadline"})) return command_deadline(args);
    if (is(args, {"audit", "verify"})) return command_audit_verify(args);
    if (is(args, {"calendar", "load"})) return command_calendar_load(args);
    if (is(args, {"calendar", "show"})) return command_calendar_show(args);
    if (is(args, {"rules", "list"})) return command_rules_list(args);
    if (is(args, {"rules", "set"})) return command_rules_set(args);
    if (is(args, {"db", "migrate"})) return command_db_migrate(args);
    if (is(args, {"demo", "load"})) return command_demo_load(args);
    if (is(args, {"describe"})) return command_describe(args);
    if (is(args, {"audit", "checkpoint"})) return command_audit_checkpoint(args);
    if (is(args, {"user", "add"})) return command_user_add(args);
    if (is(args, {"user", "reset"})) return command_user_reset(args);
    if (is(args, {"user", "list"})) return command_user_list(args);
    if (is(args, {"user", "email"})) return command_user_email(args);
    if (is(args, {"reminders", "send"})) return command_reminders_send(args);
    if (is(args, {"retention", "list"})) return command_retention_list(args);
    if (is(args, {"import"})) return command_import(args);
    if (is(args, {"partnership", "add"})) return command_partnership_add(args);
    if (is(args, {"partnership", "list"})) return command_partnership_list(args);
    if (is(args, {"backup"})) return command_backup(args);
    if (is(args, {"restore"})) return command_restore(args);
    if (is(args, {"version"})) {
      std::cout << "casereview " << CASEREVIEW_VERSION << "\n";
      return kExitOk;
    }
    throw UsageError{"unknown command: " + args.words.front()};
  } catch (const UsageError& e) {
    if (!e.message.empty()) std::cerr << "casereview: " << e.message << "\n\n";
    std::cerr << kUsage;
    return e.message.empty() ? kExitOk : kExitUsage;
  } catch (const db::SchemaError& e) {
    std::cerr << "casereview: " << e.what() << "\n";
    return kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "casereview: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace casereview::web
