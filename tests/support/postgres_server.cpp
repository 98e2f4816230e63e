#include "postgres_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace casereview::testing_support {
namespace {

constexpr const char* kUser = "casereview";
constexpr std::chrono::seconds kStartLimit{60};
// A port found free can be taken by someone else (another test binary starting
// its own server, under ctest -j) before postgres binds it; then another port.
constexpr int kPortAttempts = 5;

// Not `pg_config --bindir`: Debian's /usr/bin/pg_config is libpq-dev's (or the
// newest postgresql-server-dev-NN's), so it names the directory of libpq's
// version, which need not be the server's.
std::string find_bindir() {
  const char* chosen = std::getenv("CASEREVIEW_PG_BINDIR");
  std::string dir = chosen && *chosen ? chosen : "/usr/lib/postgresql/15/bin";
  for (const char* program : {"initdb", "postgres", "psql"}) {
    if (access((dir + "/" + program).c_str(), X_OK) != 0) {
      throw std::runtime_error("PostgreSQL: no " + dir + "/" + program +
                               " (install Debian's postgresql-15, or set CASEREVIEW_PG_BINDIR to the directory of "
                               "initdb, postgres and psql)");
    }
  }
  return dir;
}

// The account initdb and postgres run as when we are root, which PostgreSQL refuses to be.
struct Account {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;  // supplementary; looked up before fork, since the child may not
};

std::optional<Account> server_account() {
  if (geteuid() != 0) return std::nullopt;  // ourselves
  passwd entry{};
  passwd* found = nullptr;
  std::vector<char> buffer(16384);
  if (getpwnam_r("postgres", &entry, buffer.data(), buffer.size(), &found) != 0 || !found) {
    throw std::runtime_error(
        "PostgreSQL: running as root needs the `postgres` system user to run the server as (Debian's "
        "postgresql-15 creates it)");
  }
  Account account{found->pw_name, found->pw_uid, found->pw_gid, {}};
  int count = 16;
  for (;;) {
    account.groups.resize(static_cast<std::size_t>(count));
    const int wanted = count;
    if (getgrouplist(account.name.c_str(), account.gid, account.groups.data(), &count) >= 0) break;
    if (count <= wanted) count = wanted * 2;  // count is the size needed when glibc knows it
  }
  account.groups.resize(static_cast<std::size_t>(count));
  return account;
}

// The same as SmtpSink::free_port, kept here so that this file needs nothing but TempDir.
int free_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) close(fd);
    throw std::runtime_error("PostgreSQL: no free loopback port");
  }
  close(fd);
  return ntohs(address.sin_port);
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string last_lines(const std::string& text, std::size_t count) {
  std::istringstream in(text);
  std::deque<std::string> kept;
  for (std::string line; std::getline(in, line);) {
    kept.push_back(line);
    if (kept.size() > count) kept.pop_front();
  }
  std::string out;
  for (const auto& line : kept) out += line + "\n";
  return out;
}

std::string command_line(const std::vector<std::string>& args) {
  std::string out;
  for (const auto& a : args) out += (out.empty() ? "" : " ") + a;
  return out;
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "status " + std::to_string(status);
}

// "abc" as is; anything else in single quotes, as libpq's keyword/value syntax wants.
std::string conninfo_value(const std::string& value) {
  const bool plain = !value.empty() && value.find_first_of(" \t\n\r\f\v'\\") == std::string::npos;
  if (plain) return value;
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string quoted_identifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A file descriptor, closed when it goes.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() { reset(); }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// How a child starts. Between fork and exec it makes only async-signal-safe
// calls, since the test process may have other threads (one of which may hold
// malloc's lock, say, at the moment of the fork).
struct ChildSetup {
  const Account* account = nullptr;  // run as this account; nullptr: as ourselves
  std::string directory;             // its working directory (the postgres account may not enter ours)
  int output = -1;                   // its stdout and stderr
  bool stops_with_us = false;        // SIGINT when we die
};

void write_in_child(const char* text) {
  const ssize_t ignored = write(STDERR_FILENO, text, strlen(text));
  (void)ignored;
}

[[noreturn]] void fail_in_child(const char* what, const char* program) {
  write_in_child(what);
  write_in_child(program);
  write_in_child("\n");
  _exit(127);
}

// Every descriptor from 3 up, so that the child holds none of ours (a pipe ctest
// reads to its end, a listening socket) however it was opened.
void close_inherited_descriptors() {
  if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0) return;
  for (int fd = 3; fd < 65536; ++fd) close(fd);  // kernels before 5.9
}

int spawn(const std::vector<std::string>& args, const ChildSetup& setup) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  const Descriptor no_input(open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (no_input.get() < 0) throw std::runtime_error("PostgreSQL: cannot open /dev/null");
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("PostgreSQL: fork failed for " + args[0]);
  if (pid == 0) {
    if (dup2(no_input.get(), STDIN_FILENO) < 0 || dup2(setup.output, STDOUT_FILENO) < 0 ||
        dup2(setup.output, STDERR_FILENO) < 0) {
      _exit(127);
    }
    close_inherited_descriptors();
    if (chdir(setup.directory.c_str()) != 0) fail_in_child("cannot enter the temporary directory for ", argv[0]);
    if (setup.account) {
      if (setgroups(setup.account->groups.size(), setup.account->groups.data()) != 0 ||
          setgid(setup.account->gid) != 0 || setuid(setup.account->uid) != 0) {
        fail_in_child("cannot become the postgres user for ", argv[0]);
      }
    }
    if (setup.stops_with_us) {
      // After setuid, which clears the parent-death signal. The kernel sends it
      // when the *thread* that forked us ends, not only the process: a server
      // started from a thread that ends before the server should is shut down
      // with it. Start servers (and call shared() the first time) from the main
      // thread, or one that outlives them.
      prctl(PR_SET_PDEATHSIG, SIGINT);
      if (getppid() != parent) _exit(1);  // we died before the prctl
    }
    execv(argv[0], argv.data());
    fail_in_child("cannot run ", argv[0]);
  }
  return pid;
}

// The wait status of `pid` once it has exited; nothing while it runs (when
// not told to wait).
std::optional<int> reap(pid_t pid, bool wait) {
  int status = 0;
  pid_t got = 0;
  do {
    got = waitpid(pid, &status, wait ? 0 : WNOHANG);
  } while (got < 0 && errno == EINTR);
  if (got < 0) return 0;  // no longer a child of ours (reaped elsewhere): nothing left to wait for
  if (got == pid) return status;
  return std::nullopt;
}

// Waits up to `limit` for `pid` to exit; false when it is still running.
bool exits_within(pid_t pid, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    if (reap(pid, false)) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// Runs a program to its end and returns its output (stdout and stderr
// together); throws with the command line and that output when it fails.
std::string run_program(const std::vector<std::string>& args, const Account* account, const std::string& directory) {
  int ends[2];
  if (pipe2(ends, O_CLOEXEC) != 0) throw std::runtime_error("PostgreSQL: no pipe for " + args[0]);
  const Descriptor from_child(ends[0]);
  Descriptor to_parent(ends[1]);
  const pid_t pid = spawn(args, ChildSetup{account, directory, to_parent.get(), false});
  to_parent.reset();  // so that the output ends when the child's does
  std::string output;
  char buffer[4096];
  for (;;) {
    const ssize_t got = read(from_child.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    output.append(buffer, static_cast<std::size_t>(got));
  }
  const int status = *reap(pid, true);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("PostgreSQL: `" + command_line(args) + "` failed (" + describe_status(status) + "):\n" +
                             output);
  }
  return output;
}

// postmaster.pid's 8th line is the server's state, "ready" once it accepts
// connections: what `pg_ctl start -w` waits for.
bool reports_ready(const std::string& data_directory) {
  std::istringstream lines(slurp(data_directory + "/postmaster.pid"));
  std::string line;
  for (int number = 1; number <= 8 && std::getline(lines, line); ++number) {
    if (number == 8) return line.rfind("ready", 0) == 0;
  }
  return false;
}

// What the constructor throws when postgres did not start: the command, what
// went wrong, and the end of its log (where postgres says why).
std::string start_failure(const std::vector<std::string>& args, const std::string& failure, const std::string& log_path,
                          const std::string& log) {
  std::string message = "PostgreSQL: `" + command_line(args) + "` " + failure;
  message += "; the end of " + log_path + ":\n";
  message += last_lines(log, 30);
  return message;
}

}  // namespace

PostgresServer::PostgresServer() : bindir_(find_bindir()) { start(); }

PostgresServer::~PostgresServer() { stop(); }

PostgresServer& PostgresServer::shared() {
  static PostgresServer server;
  return server;
}

void PostgresServer::start() {
  const std::optional<Account> account = server_account();
  const Account* as = account ? &*account : nullptr;
  // The postgres account must also be able to pass through the directories
  // above ours, as it can through /tmp (TempDir honours TMPDIR).
  if (as && chown(dir_.path().c_str(), as->uid, as->gid) != 0) {
    throw std::runtime_error("PostgreSQL: cannot give " + dir_.path() + " to the postgres user: " + strerror(errno));
  }
  const std::string data = dir_.file("data");
  try {
    run_program({bindir_ + "/initdb", "-D", data, "-A", "trust", "-U", kUser, "-E", "UTF8", "--locale=C", "--no-sync",
                 "--no-instructions"},
                as, dir_.path());
  } catch (const std::exception& failed) {
    if (!as) throw;
    throw std::runtime_error(std::string(failed.what()) + "(as root, initdb and postgres run as the `postgres` user, " +
                             "which must be able to reach " + dir_.path() + ")");
  }

  const std::string log_path = log_file();
  const Descriptor log(open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (log.get() < 0) throw std::runtime_error("PostgreSQL: cannot create " + log_path);
  for (int attempt = 1;; ++attempt) {
    port_ = free_loopback_port();
    // postgres itself rather than pg_ctl, which would leave it behind a test
    // that dies: our child, it gets SIGINT (fast shutdown) when we go.
    const std::vector<std::string> settings = {"listen_addresses=127.0.0.1",
                                               "port=" + std::to_string(port_),
                                               "unix_socket_directories=" + dir_.path(),
                                               "fsync=off",
                                               "synchronous_commit=off",
                                               "full_page_writes=off",
                                               "max_connections=200",
                                               "shared_buffers=32MB"};
    std::vector<std::string> args = {bindir_ + "/postgres", "-D", data};
    for (const auto& setting : settings) args.insert(args.end(), {"-c", setting});
    pid_ = spawn(args, ChildSetup{as, dir_.path(), log.get(), true});
    const auto deadline = std::chrono::steady_clock::now() + kStartLimit;
    std::string failure;
    while (failure.empty()) {
      if (reports_ready(data)) return;
      if (const std::optional<int> status = reap(pid_, false)) {
        pid_ = -1;
        failure = "exited (" + describe_status(*status) + ")";
      } else if (std::chrono::steady_clock::now() >= deadline) {
        stop();
        failure = "was not ready within " + std::to_string(kStartLimit.count()) + " s";
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    const std::string written = slurp(log_path);
    const bool port_taken = written.find("could not create any TCP/IP sockets") != std::string::npos;
    if (!(port_taken && attempt < kPortAttempts)) {
      throw std::runtime_error(start_failure(args, failure, log_path, written));
    }
    // Start the next attempt's log lines on a clean slate for the message above.
    if (ftruncate(log.get(), 0) != 0) throw std::runtime_error("PostgreSQL: cannot empty " + log_path);
  }
}

void PostgresServer::stop() {
  if (pid_ < 0) return;
  // SIGINT is fast shutdown: sessions ended, a checkpoint, and postgres exits
  // only after every process it started. Should that hang, immediate shutdown,
  // and then no more asking.
  kill(pid_, SIGINT);
  if (!exits_within(pid_, std::chrono::seconds(30))) {
    kill(pid_, SIGQUIT);
    if (!exits_within(pid_, std::chrono::seconds(10))) {
      kill(pid_, SIGKILL);
      reap(pid_, true);
    }
  }
  pid_ = -1;
}

std::string PostgresServer::connection_string(const std::string& database) const {
  return "host=" + host() + " port=" + std::to_string(port_) + " dbname=" + conninfo_value(database) + " user=" + kUser;
}

std::string PostgresServer::create_database(const std::string& name_prefix, const std::string& template_database) {
  std::string name = name_prefix + "_" + std::to_string(next_database_++);
  // PostgreSQL would cut a longer name to 63 bytes, where two names could meet.
  if (name.size() > 63) throw std::runtime_error("PostgreSQL: database name too long (63 bytes at most): " + name);
  run_sql("postgres",
          "CREATE DATABASE " + quoted_identifier(name) + " TEMPLATE " + quoted_identifier(template_database) + ";");
  return name;
}

void PostgresServer::run_sql(const std::string& database, const std::string& sql) {
  // From a file rather than -c, which would send every statement as one query
  // (one transaction, where CREATE DATABASE may not run).
  const std::string script = dir_.file("script-" + std::to_string(next_script_++) + ".sql");
  {
    std::ofstream out(script, std::ios::binary);
    out << sql << "\n";
    if (!out.flush()) throw std::runtime_error("PostgreSQL: cannot write " + script);
  }
  // -X: no ~/.psqlrc; -w: never ask for a password.
  try {
    run_program(
        {bindir_ + "/psql", "-X", "-q", "-w", "-v", "ON_ERROR_STOP=1", "-d", connection_string(database), "-f", script},
        nullptr, dir_.path());
  } catch (const std::exception& failed) {
    std::error_code ignored;
    std::filesystem::remove(script, ignored);
    throw std::runtime_error(std::string(failed.what()) + "SQL:\n" + sql);
  }
  std::error_code ignored;
  std::filesystem::remove(script, ignored);
}

}  // namespace casereview::testing_support
